import { fail } from '../errors.ts';
import type { ConditionExpr, GateBodyStmt, GateCall, Modifier, Operand, Program, Stmt } from './ast.ts';
import { num, type Expr, type FunctionName } from './expression.ts';
import { Lexer, where, type Token } from './lexer.ts';

/** Constants by version; OpenQASM 2 knows only pi. */
const CONSTANTS_2: Record<string, number> = { pi: Math.PI };
const CONSTANTS_3: Record<string, number> = { pi: Math.PI, π: Math.PI, tau: 2 * Math.PI, τ: 2 * Math.PI, euler: Math.E, ℇ: Math.E };
const FUNCTIONS_2: Record<string, FunctionName> = { sin: 'sin', cos: 'cos', tan: 'tan', exp: 'exp', ln: 'ln', sqrt: 'sqrt' };
const FUNCTIONS_3: Record<string, FunctionName> = {
  sin: 'sin', cos: 'cos', tan: 'tan', arcsin: 'asin', arccos: 'acos', arctan: 'atan', exp: 'exp', log: 'ln', ln: 'ln', sqrt: 'sqrt',
};

/** OpenQASM 3 statements we recognise but do not simulate yet: each gets a "not supported yet" error. */
const UNSUPPORTED_3 = new Set([
  'for', 'while', 'def', 'defcal', 'defcalgrammar', 'cal', 'box', 'let', 'const', 'extern', 'return', 'switch', 'break',
  'continue', 'end', 'int', 'uint', 'float', 'bool', 'angle', 'complex', 'duration', 'stretch', 'array', 'output', 'case',
  'default', 'else', 'durationof', 'sizeof',
]);

/** Parses OpenQASM 2.0 or the OpenQASM 3 subset into statements; every error names line:column. */
export function parseQasm(source: string): Program {
  const parser = new Parser(source);
  const version = parser.header();
  const statements: Stmt[] = [];
  for (let s = parser.nextStatement(); s !== null; s = parser.nextStatement()) statements.push(s);
  return { version, statements };
}

/** Reads statements one at a time, so a long program need not be held whole. */
export class Parser {
  private depth = 0;
  private version: 2 | 3 = 3;
  /** Tokens read ahead of the current position (lookahead is at most a few tokens). */
  private readonly ahead: Token[] = [];
  private head = 0;
  private readonly lexer: Lexer;

  constructor(source: string) {
    this.lexer = new Lexer(source);
  }

  /** Reads the version line; call before statements(). */
  header(): 2 | 3 {
    const first = this.peek();
    if (first.kind === 'id' && first.text === 'OPENQASM') {
      this.next();
      const v = this.next();
      if (v.kind !== 'num' || !/^[23](\.0)?$/.test(v.text)) {
        this.error(v, `unsupported OpenQASM version "${v.text}"`, 'write OPENQASM 2.0; or OPENQASM 3.0;');
      }
      this.version = v.text.startsWith('2') ? 2 : 3;
      this.expect(';', 'after the version');
    }
    return this.version;
  }

  /** The next statement, or null at the end of the program. */
  nextStatement(): Stmt | null {
    return this.peek().kind === 'eof' ? null : this.statement();
  }

  // ------------------------------------------------------------ tokens

  private peek(offset = 0): Token {
    while (this.ahead.length - this.head <= offset) {
      const last = this.ahead[this.ahead.length - 1];
      if (last?.kind === 'eof') return last;
      this.ahead.push(this.lexer.next());
    }
    return this.ahead[this.head + offset]!;
  }

  private next(): Token {
    const t = this.peek();
    if (t.kind !== 'eof') {
      this.head++;
      // Drop consumed tokens now and then so the buffer stays small.
      if (this.head > 64) {
        this.ahead.splice(0, this.head);
        this.head = 0;
      }
    }
    return t;
  }

  private is(text: string, offset = 0): boolean {
    const t = this.peek(offset);
    return (t.kind === 'op' || t.kind === 'id') && t.text === text;
  }

  private accept(text: string): boolean {
    if (this.is(text)) {
      this.next();
      return true;
    }
    return false;
  }

  private expect(text: string, context: string): Token {
    const t = this.peek();
    if (!this.is(text)) this.error(t, `expected "${text}" ${context}, found ${describe(t)}`, text === ';' ? 'every statement ends with ";"' : undefined);
    return this.next();
  }

  private identifier(context: string): Token {
    const t = this.peek();
    if (t.kind !== 'id') this.error(t, `expected ${context}, found ${describe(t)}`);
    return this.next();
  }

  private integer(context: string): number {
    const t = this.peek();
    if (t.kind !== 'num' || !/^\d+$/.test(t.text)) this.error(t, `expected ${context} (a whole number), found ${describe(t)}`);
    this.next();
    const value = Number(t.text);
    if (!Number.isSafeInteger(value)) this.error(t, `${t.text} is too large`);
    return value;
  }

  private error(t: Token, message: string, hint?: string): never {
    return fail('invalid-circuit', message, { where: where(t.line, t.col), ...(hint ? { hint } : {}) });
  }

  private notSupported(t: Token, construct: string, hint?: string): never {
    return fail('invalid-circuit', `not supported yet: ${construct}`, { where: where(t.line, t.col), ...(hint ? { hint } : {}) });
  }

  // ------------------------------------------------------------ statements

  private statement(): Stmt {
    const t = this.peek();
    if (t.kind === 'op' && t.text === ';') {
      this.next();
      return { kind: 'nop', tok: t };
    }
    if (t.kind === 'op' && t.text === '{') return this.notSupported(t, 'a block "{ … }" outside a gate or if');
    if (t.kind === 'hwqubit') this.error(t, `a statement cannot start with ${t.text}`);
    if (t.kind !== 'id') this.error(t, `expected a statement, found ${describe(t)}`, 'statements start with a keyword (qreg, measure, if…) or a gate name');
    switch (t.text) {
      case 'OPENQASM':
        return this.error(t, 'the OPENQASM version line must come first');
      case 'include': {
        this.next();
        const file = this.peek();
        if (file.kind !== 'str') this.error(file, `expected a file name in quotes after include, found ${describe(file)}`);
        this.next();
        this.expect(';', 'after include');
        return { kind: 'include', tok: t, file: file.text };
      }
      case 'qreg':
      case 'creg': {
        this.next();
        const name = this.identifier('a register name');
        this.expect('[', `after the register name ${name.text}`);
        const size = this.integer('the register size');
        this.expect(']', 'after the register size');
        this.expect(';', 'after the register declaration');
        return { kind: t.text, tok: name, name: name.text, size, single: false };
      }
      case 'qubit':
      case 'bit':
        return this.declaration3(t);
      case 'input':
        return this.input(t);
      case 'gate':
        return this.gateDefinition(t);
      case 'opaque':
        return this.opaque(t);
      case 'measure': {
        this.next();
        const source = this.operand('a qubit to measure');
        let target: Operand | null = null;
        if (this.accept('->')) target = this.operand('a classical bit');
        else if (this.version === 2) this.expect('->', 'after the measured qubit');
        this.expect(';', 'after measure');
        return { kind: 'measure', tok: t, source, target };
      }
      case 'reset': {
        this.next();
        const operand = this.operand('a qubit to reset');
        this.expect(';', 'after reset');
        return { kind: 'reset', tok: t, operand };
      }
      case 'barrier':
        return this.barrier(t);
      case 'if':
        return this.ifStatement(t);
      case 'delay': {
        // A delay is the identity for a noiseless simulator: parse it and move on.
        this.next();
        if (this.accept('[')) {
          while (!this.is(']') && this.peek().kind !== 'eof') this.next();
          this.expect(']', 'after the delay duration');
        }
        if (!this.is(';')) this.operandList('a qubit');
        this.expect(';', 'after delay');
        return { kind: 'nop', tok: t };
      }
      default:
        if (this.version === 3 && UNSUPPORTED_3.has(t.text)) {
          return this.notSupported(t, `"${t.text}"`, 'Superpose reads the OpenQASM 3 that Qiskit and IBM Composer export: gates, modifiers, measure, reset, barrier, if, input float');
        }
        if (this.version === 3 && (this.is('=', 1) || (this.is('[', 1) && this.looksLikeAssignment()))) return this.measureAssignment();
        return this.gateCall(false);
    }
  }

  /** `c[0] = measure q[0];` versus a gate call `x[0]…` — scan for `] =`. */
  private looksLikeAssignment(): boolean {
    for (let k = 2; k < 8; k++) {
      if (this.is(']', k)) return this.is('=', k + 1);
    }
    return false;
  }

  private measureAssignment(): Stmt {
    const target = this.operand('a classical bit');
    const eq = this.expect('=', 'in the assignment');
    if (!this.is('measure')) this.notSupported(this.peek(), 'classical assignments other than "= measure …"');
    this.next();
    const source = this.operand('a qubit to measure');
    this.expect(';', 'after measure');
    return { kind: 'measure', tok: eq, source, target };
  }

  private declaration3(t: Token): Stmt {
    this.next();
    if (this.version === 2) this.error(t, `"${t.text}" declarations are OpenQASM 3`, `in OpenQASM 2 write ${t.text === 'qubit' ? 'qreg' : 'creg'} name[size];`);
    let size = 1;
    let single = true;
    if (this.accept('[')) {
      size = this.integer('the register size');
      single = false;
      this.expect(']', 'after the register size');
    }
    const name = this.identifier('a register name');
    if (this.is('=')) this.notSupported(this.peek(), 'initialising a declaration', 'declare the register, then assign "c = measure q;"');
    this.expect(';', 'after the declaration');
    return { kind: t.text === 'qubit' ? 'qreg' : 'creg', tok: name, name: name.text, size, single };
  }

  private input(t: Token): Stmt {
    this.next();
    if (this.version === 2) this.error(t, '"input" is OpenQASM 3');
    const type = this.identifier('a type after input (float or angle)');
    if (type.text !== 'float' && type.text !== 'angle') this.notSupported(type, `input of type ${type.text}`, 'free parameters are input float[64] name;');
    if (this.accept('[')) {
      this.integer('the type width');
      this.expect(']', 'after the type width');
    }
    const name = this.identifier('a parameter name');
    this.expect(';', 'after the input declaration');
    return { kind: 'input', tok: name, name: name.text };
  }

  private gateDefinition(t: Token): Stmt {
    this.next();
    const name = this.identifier('a gate name');
    const params: string[] = [];
    if (this.accept('(')) {
      if (!this.is(')')) {
        do params.push(this.identifier('a parameter name').text);
        while (this.accept(','));
      }
      this.expect(')', 'after the gate parameters');
    }
    const qubits: string[] = [];
    do qubits.push(this.identifier('a qubit argument name').text);
    while (this.accept(','));
    this.expect('{', `to open the body of gate ${name.text}`);
    const body: GateBodyStmt[] = [];
    while (!this.is('}')) {
      const s = this.peek();
      if (s.kind === 'eof') this.error(s, `gate ${name.text} has no closing "}"`);
      if (this.accept(';')) continue;
      if (s.kind === 'id' && s.text === 'barrier') body.push(this.barrier(s));
      else if (s.kind === 'id' && ['measure', 'reset', 'if', 'qreg', 'creg', 'qubit', 'bit', 'gate', 'opaque', 'include'].includes(s.text)) {
        this.error(s, `"${s.text}" is not allowed inside a gate definition`, 'a gate body holds only gate calls and barriers');
      } else if (s.kind === 'id' && this.version === 3 && UNSUPPORTED_3.has(s.text)) {
        this.notSupported(s, `"${s.text}" inside a gate definition`);
      } else body.push(this.gateCall(true));
    }
    this.next();
    return { kind: 'gatedef', tok: name, name: name.text, params, qubits, body };
  }

  private opaque(t: Token): Stmt {
    this.next();
    const name = this.identifier('a gate name');
    let numParams = 0;
    if (this.accept('(')) {
      if (!this.is(')')) {
        do {
          this.identifier('a parameter name');
          numParams++;
        } while (this.accept(','));
      }
      this.expect(')', 'after the parameters');
    }
    let numQubits = 0;
    do {
      this.identifier('a qubit argument name');
      numQubits++;
    } while (this.accept(','));
    this.expect(';', 'after the opaque declaration');
    return { kind: 'opaque', tok: name, name: name.text, numParams, numQubits };
  }

  private barrier(t: Token): GateBodyStmt {
    this.next();
    const operands = this.is(';') ? [] : this.operandList('a qubit');
    if (operands.length === 0 && this.version === 2) this.error(this.peek(), 'barrier needs at least one qubit in OpenQASM 2');
    this.expect(';', 'after barrier');
    return { kind: 'barrier', tok: t, operands };
  }

  private ifStatement(t: Token): Stmt {
    this.next();
    this.enter(t);
    this.expect('(', 'after if');
    const condition = this.condition();
    this.expect(')', 'after the condition');
    const body = this.conditionalBody(t);
    let elseBody: Stmt[] | null = null;
    if (this.is('else')) {
      this.next();
      elseBody = this.conditionalBody(t);
    }
    this.depth--;
    return { kind: 'if', tok: t, condition, body, elseBody };
  }

  private conditionalBody(t: Token): Stmt[] {
    if (this.version === 3 && this.accept('{')) {
      const body: Stmt[] = [];
      while (!this.accept('}')) {
        if (this.peek().kind === 'eof') this.error(this.peek(), 'the if block has no closing "}"');
        body.push(this.statement());
      }
      return body;
    }
    const s = this.peek();
    if (s.kind === 'id' && ['qreg', 'creg', 'qubit', 'bit', 'gate', 'opaque', 'include', 'input', 'if', 'OPENQASM'].includes(s.text)) {
      this.error(s, `"${s.text}" cannot be conditioned`, `if (…) applies to one gate, measure or reset${this.version === 3 ? ' (or a { … } block)' : ''}`);
    }
    if (this.version === 2 && s.kind === 'id' && s.text === 'barrier') this.error(s, 'a barrier cannot be conditioned');
    void t;
    return [this.statement()];
  }

  private condition(): ConditionExpr {
    const t = this.peek();
    if (this.version === 3 && this.accept('!')) {
      const register = this.operand('a classical bit');
      return { tok: t, register, value: 0 };
    }
    const register = this.operand('a classical register');
    if (this.version === 3 && this.is(')')) return { tok: t, register, value: 1 };
    const op = this.peek();
    if (!this.is('==')) {
      if (op.kind === 'op' && ['!=', '<', '>', '<=', '>=', '&&', '||'].includes(op.text)) this.notSupported(op, `"${op.text}" in a condition`, 'conditions compare a register or bit with == n');
      this.expect('==', 'in the condition');
    }
    this.next();
    let value: number;
    const v = this.peek();
    if (this.version === 3 && v.kind === 'id' && (v.text === 'true' || v.text === 'false')) {
      this.next();
      value = v.text === 'true' ? 1 : 0;
    } else value = this.integer('the value to compare with');
    return { tok: t, register, value };
  }

  private gateCall(inGate: boolean): GateCall {
    const start = this.peek();
    const modifiers: Modifier[] = [];
    while (this.version === 3 && this.peek().kind === 'id' && ['ctrl', 'negctrl', 'inv', 'pow'].includes(this.peek().text) && (this.is('@', 1) || this.is('(', 1))) {
      const m = this.next();
      if (m.text === 'inv') modifiers.push({ kind: 'inv', tok: m });
      else if (m.text === 'pow') {
        this.expect('(', 'after pow');
        const exponent = this.expression();
        this.expect(')', 'after the exponent');
        modifiers.push({ kind: 'pow', exponent, tok: m });
      } else {
        let count = 1;
        if (this.accept('(')) {
          count = this.integer('the number of controls');
          if (count < 1) this.error(m, `${m.text}(${count}) needs at least one control`);
          this.expect(')', 'after the number of controls');
        }
        modifiers.push({ kind: m.text as 'ctrl' | 'negctrl', count, tok: m });
      }
      this.expect('@', `after the ${m.text} modifier`);
    }
    const name = this.identifier(modifiers.length ? 'a gate name after the modifiers' : 'a statement');
    const args: Expr[] = [];
    if (this.accept('(')) {
      if (!this.is(')')) {
        do args.push(this.expression());
        while (this.accept(','));
      }
      this.expect(')', `after the parameters of ${name.text}`);
    }
    const operands = name.text === 'gphase' && this.is(';') ? [] : this.operandList(`a qubit for ${name.text}`);
    if (inGate) for (const o of operands) if (o.index !== null) this.error(o.tok, `inside a gate definition, qubits are the gate's arguments (write ${o.name}, not ${o.name}[${o.index}])`);
    const end = this.peek();
    if (operands.length > 0 && (end.kind === 'id' || end.kind === 'hwqubit')) this.error(end, `expected "," between qubits or ";" after ${name.text}, found ${describe(end)}`);
    this.expect(';', `after ${name.text}`);
    return { kind: 'call', tok: modifiers.length ? start : name, name: name.text, modifiers, args, operands };
  }

  private operandList(context: string): Operand[] {
    const list: Operand[] = [];
    do list.push(this.operand(context));
    while (this.accept(','));
    return list;
  }

  private operand(context: string): Operand {
    const t = this.peek();
    if (t.kind === 'hwqubit') {
      this.next();
      return { tok: t, name: t.text, index: Number(t.text.slice(1)), hardware: true };
    }
    const name = this.identifier(context);
    if (!this.accept('[')) return { tok: name, name: name.text, index: null };
    const index = this.integer('an index');
    if (this.version === 3 && this.accept(':')) {
      const end = this.integer('the end of the range');
      if (this.is(':')) this.notSupported(this.peek(), 'ranges with a step');
      this.expect(']', 'after the range');
      return { tok: name, name: name.text, index, end };
    }
    this.expect(']', 'after the index');
    return { tok: name, name: name.text, index };
  }

  // ------------------------------------------------------------ expressions

  expression(): Expr {
    return this.additive();
  }

  private additive(): Expr {
    let left = this.multiplicative();
    while (this.is('+') || this.is('-')) {
      const op = this.next().text as '+' | '-';
      left = { k: 'bin', op, a: left, b: this.multiplicative() };
    }
    return left;
  }

  private multiplicative(): Expr {
    let left = this.unary();
    while (this.is('*') || this.is('/')) {
      const op = this.next().text as '*' | '/';
      left = { k: 'bin', op, a: left, b: this.unary() };
    }
    return left;
  }

  private unary(): Expr {
    const t = this.peek();
    if (this.is('-') || this.is('+')) {
      this.next();
      this.enter(t);
      const inner = this.unary();
      this.depth--;
      return t.text === '-' ? { k: 'neg', a: inner } : inner;
    }
    return this.power();
  }

  /** Deep nesting would overflow the call stack: refuse it with a clear error instead. */
  private enter(t: Token): void {
    if (++this.depth > 200) this.error(t, 'nested too deeply (more than 200 levels)');
  }

  private power(): Expr {
    const base = this.primary();
    const t = this.peek();
    if (this.is('^')) {
      if (this.version === 3) this.error(t, '"^" is bitwise XOR in OpenQASM 3', 'write ** for a power');
      this.next();
      return this.powerOf(base, t);
    }
    if (this.is('**')) {
      if (this.version === 2) this.error(t, '"**" is not OpenQASM 2', 'write ^ for a power in OpenQASM 2');
      this.next();
      return this.powerOf(base, t);
    }
    return base;
  }

  private powerOf(base: Expr, t: Token): Expr {
    this.enter(t);
    const exponent = this.unary();
    this.depth--;
    return { k: 'bin', op: '^', a: base, b: exponent };
  }

  private primary(): Expr {
    const t = this.peek();
    if (t.kind === 'num') {
      this.next();
      const v = Number(t.text);
      if (!Number.isFinite(v)) this.error(t, `the number ${t.text} is out of range`);
      if (this.version === 3 && this.peek().kind === 'id' && ['im', 'ns', 'us', 'µs', 'ms', 's', 'dt'].includes(this.peek().text)) {
        this.notSupported(this.peek(), `"${this.peek().text}" literals`);
      }
      return num(v);
    }
    if (this.accept('(')) {
      this.enter(t);
      const inner = this.expression();
      this.expect(')', 'to close the bracket');
      this.depth--;
      return inner;
    }
    if (t.kind === 'id') {
      this.next();
      const constants = this.version === 2 ? CONSTANTS_2 : CONSTANTS_3;
      if (t.text in constants) return num(constants[t.text]!);
      const functions = this.version === 2 ? FUNCTIONS_2 : FUNCTIONS_3;
      if (this.is('(')) {
        const fn = functions[t.text];
        if (!fn) this.error(t, `unknown function "${t.text}"`, `available: ${Object.keys(functions).join(', ')}`);
        this.next();
        this.enter(t);
        const arg = this.expression();
        this.expect(')', `after the argument of ${t.text}`);
        this.depth--;
        return { k: 'call', fn, args: [arg] };
      }
      return { k: 'sym', name: t.text };
    }
    return this.error(t, `expected a number, a name or "(" in an expression, found ${describe(t)}`);
  }
}

function describe(t: Token): string {
  if (t.kind === 'eof') return 'the end of the program';
  if (t.kind === 'str') return `the string "${t.text}"`;
  return `"${t.text}"`;
}
