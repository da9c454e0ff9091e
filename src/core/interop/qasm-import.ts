import { Circuit, MAX_CIRCUIT_QUBITS, type Condition, type GateOp, type Op } from '../circuit/circuit.ts';
import { fail, SuperposeError } from '../errors.ts';
import { gateDefinition } from '../gates/catalogue.ts';
import type { GateBodyStmt, GateCall, Operand, Stmt } from './ast.ts';
import { exprSize, paramFromExpr, simplify, substitute, symbolsOf, type Expr } from './expression.ts';
import { where, type Token } from './lexer.ts';
import { Parser, parseQasm } from './parser.ts';
import {
  ANGLE_GATES, CONTROLLED_FORMS, fractionalPowerSteps, inverseSteps, QELIB1_GATES, STDGATES, STDGATES_PRELUDE,
} from './standard-gates.ts';

export interface QasmImportOptions {
  /** Refuse programs whose gate definitions expand to more operations than this (default 1,000,000). */
  readonly maxOps?: number;
}

export interface Register {
  readonly name: string;
  readonly offset: number;
  readonly size: number;
}

export interface QasmImport {
  readonly circuit: Circuit;
  readonly version: 2 | 3;
  readonly qregs: readonly Register[];
  readonly cregs: readonly Register[];
  /** Free parameters declared with `input float`, in declaration order. */
  readonly inputs: readonly string[];
}

export const DEFAULT_MAX_OPS = 1_000_000;
/** Longest symbolic parameter we accept after expansion (nested gates can double an expression per level). */
const MAX_PARAM_LENGTH = 10_000;
const MAX_PARAM_NODES = 2_000;

/** Reads OpenQASM 2.0 or 3 into a Circuit. Errors are SuperposeErrors whose `where` is line:column. */
export function fromQasm(source: string, options: QasmImportOptions = {}): Circuit {
  return importQasm(source, options).circuit;
}

export function importQasm(source: string, options: QasmImportOptions = {}): QasmImport {
  if (typeof source !== 'string') fail('invalid-argument', 'OpenQASM source must be a string');
  // Statements are executed as they are parsed: a long program is never held whole as a syntax tree.
  const parser = new Parser(source);
  return new Importer(parser, parser.header(), options.maxOps ?? DEFAULT_MAX_OPS).run();
}

interface UserGate {
  readonly name: string;
  readonly params: readonly string[];
  readonly qubits: readonly string[];
  readonly body: readonly GateBodyStmt[];
  readonly tok: Token;
}

type Resolved =
  | { readonly kind: 'user'; readonly gate: UserGate; readonly numParams: number; readonly numQubits: number }
  | { readonly kind: 'catalogue'; readonly name: string; readonly numParams: number; readonly numQubits: number };

interface Context {
  readonly controls: readonly number[];
  readonly negControls: readonly number[];
  readonly condition: Condition | undefined;
  /** The top-level statement being expanded: errors point here. */
  readonly site: Token;
}

let preludeCache: UserGate[] | undefined;

class Importer {
  private readonly version: 2 | 3;
  private readonly qregs = new Map<string, Register & { single: boolean; tok: Token }>();
  private readonly cregs = new Map<string, Register & { single: boolean; tok: Token }>();
  private readonly inputs: string[] = [];
  private readonly gates = new Map<string, UserGate>();
  private readonly opaque = new Map<string, Token>();
  private library: ReadonlySet<string> = new Set();
  /** Gate name → what it means; cleared whenever a definition or include changes the answer. */
  private readonly resolved = new Map<string, Resolved>();
  private numQubits = 0;
  private numClbits = 0;
  private maxHardwareQubit = -1;
  private readonly ops: Op[] = [];
  private readonly opSites: Token[] = [];

  constructor(private readonly parser: Parser, version: 2 | 3, private readonly maxOps: number) {
    this.version = version;
  }

  run(): QasmImport {
    for (let stmt = this.parser.nextStatement(); stmt !== null; stmt = this.parser.nextStatement()) this.statement(stmt, undefined);
    if (this.maxHardwareQubit >= 0) this.numQubits = Math.max(this.numQubits, this.maxHardwareQubit + 1);
    let circuit: Circuit;
    try {
      circuit = Circuit.fromOps(this.numQubits, this.numClbits, this.ops);
    } catch (error) {
      // Point IR validation errors ("op 17 …") back at the statement that produced the op.
      const match = error instanceof SuperposeError && error.where ? /^op (\d+)/.exec(error.where) : null;
      const site = match ? this.opSites[Number(match[1])] : undefined;
      if (site && error instanceof SuperposeError) {
        fail(error.code, error.message.replace(/^op \d+[^:]*: /, '').replace(/ Hint: .*$/, ''), { where: where(site.line, site.col), ...(error.hint ? { hint: error.hint } : {}) });
      }
      throw error;
    }
    const regs = (m: Map<string, Register>) => [...m.values()].map(({ name, offset, size }) => ({ name, offset, size }));
    return { circuit, version: this.version, qregs: regs(this.qregs), cregs: regs(this.cregs), inputs: [...this.inputs] };
  }

  private error(t: Token, message: string, hint?: string): never {
    return fail('invalid-circuit', message, { where: where(t.line, t.col), ...(hint ? { hint } : {}) });
  }

  // ------------------------------------------------------------ statements

  private statement(stmt: Stmt, condition: Condition | undefined): void {
    switch (stmt.kind) {
      case 'nop':
        return;
      case 'include':
        return this.include(stmt.tok, stmt.file);
      case 'qreg':
      case 'creg':
        return this.declare(stmt.kind, stmt.tok, stmt.name, stmt.size, stmt.single);
      case 'input':
        this.checkNewName(stmt.tok, stmt.name);
        if (stmt.name === 'e') this.error(stmt.tok, 'a parameter cannot be called "e" (Superpose reads e as Euler\'s number)', 'rename it, e.g. e0');
        this.inputs.push(stmt.name);
        return;
      case 'gatedef':
        return this.defineGate(stmt);
      case 'opaque':
        this.checkNewName(stmt.tok, stmt.name);
        this.opaque.set(stmt.name, stmt.tok);
        this.resolved.clear();
        return;
      case 'call':
        return this.topLevelCall(stmt, condition);
      case 'barrier': {
        const qubits = stmt.operands.length === 0 ? Array.from({ length: this.numQubits }, (_, i) => i) : [...new Set(stmt.operands.flatMap((o) => this.qubitsOf(o)))];
        if (qubits.length > 0) this.push({ kind: 'barrier', qubits }, stmt.tok);
        return;
      }
      case 'measure': {
        const source = this.qubitsOf(stmt.source);
        if (stmt.target === null) {
          // A bare `measure q;` collapses the qubit without storing the outcome: measure into nothing is not in the IR.
          this.error(stmt.tok, 'a measurement needs a classical bit to write to', 'write c[0] = measure q[0]; or measure q[0] -> c[0];');
        }
        const target = this.bitsOf(stmt.target);
        if (source.length !== target.length) {
          this.error(stmt.tok, `cannot measure ${source.length} qubit${source.length === 1 ? '' : 's'} into ${target.length} bit${target.length === 1 ? '' : 's'}`, 'the register sizes must match');
        }
        source.forEach((q, i) => this.push({ kind: 'measure', qubit: q, clbit: target[i]!, ...(condition ? { condition } : {}) }, stmt.tok));
        return;
      }
      case 'reset':
        for (const q of this.qubitsOf(stmt.operand)) this.push({ kind: 'reset', qubit: q, ...(condition ? { condition } : {}) }, stmt.tok);
        return;
      case 'if': {
        if (condition) this.error(stmt.tok, 'not supported yet: an if inside an if');
        const bits = this.bitsOf(stmt.condition.register);
        const value = stmt.condition.value;
        if (bits.length > 30) this.error(stmt.condition.tok, `a condition may read at most 30 bits; ${stmt.condition.register.name} has ${bits.length}`);
        if (value >= 2 ** bits.length) {
          this.error(stmt.condition.tok, `${value} does not fit in ${bits.length} bit${bits.length === 1 ? '' : 's'} (${stmt.condition.register.name})`, `compare with a value from 0 to ${2 ** bits.length - 1}`);
        }
        const cond: Condition = { clbits: bits, value };
        for (const s of stmt.body) this.statement(s, cond);
        if (stmt.elseBody) {
          if (bits.length !== 1) this.error(stmt.tok, 'not supported yet: else after a condition on several bits', 'an else works after a condition on one bit');
          const opposite: Condition = { clbits: bits, value: 1 - value };
          for (const s of stmt.elseBody) this.statement(s, opposite);
        }
        return;
      }
    }
  }

  private include(tok: Token, file: string): void {
    this.resolved.clear();
    if (file === 'qelib1.inc') {
      this.library = new Set([...this.library, ...QELIB1_GATES]);
      return;
    }
    if (file === 'stdgates.inc') {
      this.library = new Set([...this.library, ...STDGATES]);
      for (const gate of prelude()) if (!this.gates.has(gate.name)) this.gates.set(gate.name, gate);
      return;
    }
    this.error(tok, `cannot include "${file}": only qelib1.inc and stdgates.inc are built in`, 'paste the gate definitions from that file into the program');
  }

  private checkNewName(tok: Token, name: string): void {
    if (this.qregs.has(name) || this.cregs.has(name) || this.inputs.includes(name) || this.opaque.has(name) || (this.gates.has(name) && !isPrelude(this.gates.get(name)!))) {
      this.error(tok, `"${name}" is already declared`);
    }
  }

  private declare(kind: 'qreg' | 'creg', tok: Token, name: string, size: number, single: boolean): void {
    this.checkNewName(tok, name);
    if (size < 1) this.error(tok, `register ${name} must have at least one ${kind === 'qreg' ? 'qubit' : 'bit'}`);
    if (kind === 'qreg') {
      if (this.maxHardwareQubit >= 0) this.error(tok, 'cannot declare qubits after using hardware qubits ($0, $1, …)');
      if (this.numQubits + size > MAX_CIRCUIT_QUBITS) this.error(tok, `${this.numQubits + size} qubits is more than Superpose accepts (${MAX_CIRCUIT_QUBITS})`);
      this.qregs.set(name, { name, offset: this.numQubits, size, single, tok });
      this.numQubits += size;
    } else {
      if (this.numClbits + size > 1_000_000) this.error(tok, `${this.numClbits + size} classical bits is more than Superpose accepts (1,000,000)`);
      this.cregs.set(name, { name, offset: this.numClbits, size, single, tok });
      this.numClbits += size;
    }
  }

  private qubitsOf(o: Operand): number[] {
    if (o.hardware) {
      if (this.qregs.size > 0) this.error(o.tok, `cannot mix hardware qubits (${o.name}) with declared qubit registers`);
      if (o.index! >= MAX_CIRCUIT_QUBITS) this.error(o.tok, `${o.name} is beyond the ${MAX_CIRCUIT_QUBITS} qubits Superpose accepts`);
      this.maxHardwareQubit = Math.max(this.maxHardwareQubit, o.index!);
      return [o.index!];
    }
    const reg = this.qregs.get(o.name);
    if (!reg) {
      if (this.cregs.has(o.name)) this.error(o.tok, `${o.name} is a classical register, not qubits`);
      const known = [...this.qregs.keys()];
      this.error(o.tok, `unknown qubit register "${o.name}"`, known.length ? `declared: ${known.join(', ')}` : 'declare it first: qreg q[2]; (or qubit[2] q; in OpenQASM 3)');
    }
    return this.select(o, reg, 'qubit');
  }

  private bitsOf(o: Operand): number[] {
    const reg = this.cregs.get(o.name);
    if (!reg || o.hardware) {
      if (this.qregs.has(o.name)) this.error(o.tok, `${o.name} is a qubit register, not classical bits`);
      const known = [...this.cregs.keys()];
      this.error(o.tok, `unknown classical register "${o.name}"`, known.length ? `declared: ${known.join(', ')}` : 'declare it first: creg c[2]; (or bit[2] c; in OpenQASM 3)');
    }
    return this.select(o, reg, 'bit');
  }

  private select(o: Operand, reg: Register & { all?: number[] }, what: string): number[] {
    // Whole registers are shared arrays (conditions and broadcasts reuse them; nobody mutates them).
    if (o.index === null) return (reg.all ??= Array.from({ length: reg.size }, (_, i) => reg.offset + i));
    const last = o.end ?? o.index;
    for (const i of [o.index, last]) {
      if (i >= reg.size) this.error(o.tok, `${o.name}[${i}] is out of range: ${o.name} has ${reg.size} ${what}${reg.size === 1 ? '' : 's'} (${o.name}[0]..${o.name}[${reg.size - 1}])`);
    }
    if (o.end === undefined) return [reg.offset + o.index];
    if (last < o.index) this.error(o.tok, `the range ${o.name}[${o.index}:${last}] is empty`);
    return Array.from({ length: last - o.index + 1 }, (_, i) => reg.offset + o.index! + i);
  }

  private qubitLabel(q: number): string {
    for (const reg of this.qregs.values()) if (q >= reg.offset && q < reg.offset + reg.size) return reg.single ? reg.name : `${reg.name}[${q - reg.offset}]`;
    return `$${q}`;
  }

  // ------------------------------------------------------------ gates

  private resolve(name: string, tok: Token): Resolved {
    const cached = this.resolved.get(name);
    if (cached) return cached;
    const found = this.lookup(name, tok);
    this.resolved.set(name, found);
    return found;
  }

  private lookup(name: string, tok: Token): Resolved {
    const user = this.gates.get(name);
    if (user) return { kind: 'user', gate: user, numParams: user.params.length, numQubits: user.qubits.length };
    const builtin = this.builtin(name);
    const catalogueName = builtin ?? (this.library.has(name) ? name : undefined);
    if (catalogueName) {
      const def = gateDefinition(catalogueName)!;
      return { kind: 'catalogue', name: def.name, numParams: def.numParams, numQubits: def.numQubits };
    }
    if (this.opaque.has(name)) {
      this.error(tok, `gate "${name}" is opaque (declared without a body), so it cannot be simulated`, 'give it a gate definition with a body');
    }
    const known = gateDefinition(name);
    const include = this.version === 2 ? 'include "qelib1.inc";' : 'include "stdgates.inc";';
    const hint = known && this.library.size === 0 ? `add ${include} at the top`
      : known ? `Superpose knows ${name}, but the standard ${this.version === 2 ? 'qelib1.inc' : 'stdgates.inc'} does not define it: add a gate definition`
      : 'define it with gate … { … } before using it';
    return this.error(tok, `unknown gate "${name}"`, hint);
  }

  private builtin(name: string): string | undefined {
    if (name === 'U') return 'u';
    if (name === 'CX' && this.version === 2) return 'cx';
    if (name === 'gphase' && this.version === 3) return 'gphase';
    if (name === '__u2') return 'u2';
    if (name === '__u3') return 'u3';
    return undefined;
  }

  private defineGate(stmt: Extract<Stmt, { kind: 'gatedef' }>): void {
    if (this.builtin(stmt.name) || stmt.name === 'U' || stmt.name === 'CX' && this.version === 2) this.error(stmt.tok, `"${stmt.name}" is built in and cannot be redefined`);
    this.checkNewName(stmt.tok, stmt.name);
    const seen = new Set<string>();
    for (const name of [...stmt.params, ...stmt.qubits]) {
      if (seen.has(name)) this.error(stmt.tok, `"${name}" is listed twice in the definition of ${stmt.name}`);
      seen.add(name);
    }
    const params = new Set(stmt.params);
    const qubits = new Set(stmt.qubits);
    for (const s of stmt.body) {
      if (s.kind === 'barrier') {
        for (const o of s.operands) if (!qubits.has(o.name)) this.error(o.tok, `"${o.name}" is not a qubit argument of gate ${stmt.name}`, `its qubits are ${stmt.qubits.join(', ')}`);
        continue;
      }
      const resolved = this.resolve(s.name, s.tok);
      this.checkCallShape(s, resolved);
      for (const a of s.args) {
        for (const sym of symbolsOf(a)) {
          if (!params.has(sym)) this.error(s.tok, `unknown identifier "${sym}" in the parameters of ${s.name}`, stmt.params.length ? `the parameters of ${stmt.name} are ${stmt.params.join(', ')}` : `gate ${stmt.name} has no parameters`);
        }
      }
      const used = new Set<string>();
      for (const o of s.operands) {
        if (!qubits.has(o.name)) this.error(o.tok, `"${o.name}" is not a qubit argument of gate ${stmt.name}`, `its qubits are ${stmt.qubits.join(', ')}`);
        if (used.has(o.name)) this.error(o.tok, `qubit ${o.name} is used twice in one gate application`);
        used.add(o.name);
      }
    }
    this.gates.set(stmt.name, { name: stmt.name, params: stmt.params, qubits: stmt.qubits, body: stmt.body, tok: stmt.tok });
    this.resolved.clear();
  }

  /** Checks parameter and qubit counts (modifiers take their controls from the front) and pow exponents. */
  private checkCallShape(call: GateCall, resolved: Resolved): void {
    if (call.args.length !== resolved.numParams) {
      this.error(call.tok, `${call.name} takes ${resolved.numParams} parameter${resolved.numParams === 1 ? '' : 's'}, got ${call.args.length}`);
    }
    let controls = 0;
    for (const m of call.modifiers) {
      if (m.kind === 'ctrl' || m.kind === 'negctrl') controls += m.count;
      if (m.kind === 'pow') {
        const e = simplify(m.exponent);
        if (e.k !== 'num') this.error(m.tok, 'not supported yet: pow(…) with a symbolic exponent', 'the exponent must be a constant');
      }
    }
    const want = resolved.numQubits + controls;
    if (call.operands.length !== want) {
      this.error(call.tok, `${call.name} acts on ${want} qubit${want === 1 ? '' : 's'}${controls ? ` (${controls} control${controls === 1 ? '' : 's'} + ${resolved.numQubits})` : ''}, got ${call.operands.length}`);
    }
  }

  private topLevelCall(call: GateCall, condition: Condition | undefined): void {
    const resolved = this.resolve(call.name, call.tok);
    this.checkCallShape(call, resolved);
    for (const a of call.args) {
      if (a.k === 'num') continue;
      for (const sym of symbolsOf(a)) {
        if (!this.inputs.includes(sym)) {
          this.error(call.tok, `unknown identifier "${sym}" in the parameters of ${call.name}`, this.version === 3 ? `declare a free parameter with input float[64] ${sym};` : 'OpenQASM 2 parameters are numbers, pi and arithmetic');
        }
      }
    }
    const lists = call.operands.map((o) => ({ qubits: this.qubitsOf(o), register: o.index === null && !o.hardware && !this.qregs.get(o.name)!.single || o.end !== undefined }));
    if (lists.every((l) => !l.register)) {
      return this.applyCall(call, call.args, lists.map((l) => l.qubits[0]!), { controls: [], negControls: [], condition, site: call.tok }, 1);
    }
    const sizes = new Set(lists.filter((l) => l.register).map((l) => l.qubits.length));
    if (sizes.size > 1) this.error(call.tok, `registers of different sizes (${[...sizes].join(' and ')}) in one gate application`, 'broadcasting applies the gate to matching qubits of equal-sized registers');
    const count = sizes.size === 1 ? [...sizes][0]! : 1;
    for (let i = 0; i < count; i++) {
      const qubits = lists.map((l) => (l.register ? l.qubits[i]! : l.qubits[0]!));
      this.applyCall(call, call.args, qubits, { controls: [], negControls: [], condition, site: call.tok }, 1);
    }
  }

  /** Applies a call (with its modifiers) whose parameters are already in terms of the caller's values. */
  private applyCall(call: GateCall, args: readonly Expr[], qubits: readonly number[], ctx: Context, sign: 1 | -1): void {
    if (call.modifiers.length === 0) return this.applyGate(this.resolve(call.name, call.tok), args, qubits, ctx, sign);
    let controls = [...ctx.controls];
    let negControls = [...ctx.negControls];
    let power: number = sign;
    let next = 0;
    for (const m of call.modifiers) {
      if (m.kind === 'ctrl') controls = [...controls, ...qubits.slice(next, next + m.count)];
      else if (m.kind === 'negctrl') negControls = [...negControls, ...qubits.slice(next, next + m.count)];
      else if (m.kind === 'inv') power = -power;
      else if (m.kind === 'pow') power *= (simplify(m.exponent) as { v: number }).v;
      if (m.kind === 'ctrl' || m.kind === 'negctrl') next += m.count;
    }
    const resolved = this.resolve(call.name, call.tok);
    this.applyGate(resolved, args, qubits.slice(next), { ...ctx, controls, negControls }, power);
  }

  private applyGate(resolved: Resolved, args: readonly Expr[], qubits: readonly number[], ctx: Context, power: number): void {
    if (!Number.isFinite(power)) this.error(ctx.site, `pow(${power}) is not a finite power`);
    if (Math.abs(power) > this.maxOps) this.error(ctx.site, `pow(${power}) would repeat a gate more than ${this.maxOps.toLocaleString('en')} times`);
    if (resolved.kind === 'catalogue') return this.applyCatalogue(resolved.name, args, qubits, ctx, power);
    const gate = resolved.gate;
    if (!Number.isInteger(power)) {
      this.error(ctx.site, `not supported yet: pow(${power}) of the user-defined gate ${gate.name} (only whole powers of defined gates)`);
    }
    const values = new Map<string, Expr>(gate.params.map((p, i) => [p, args[i]!]));
    const body = power > 0 ? gate.body : [...gate.body].reverse();
    for (let rep = 0; rep < Math.abs(power); rep++) {
      for (const s of body) {
        const mapped = s.operands.map((o) => qubits[gate.qubits.indexOf(o.name)]!);
        if (s.kind === 'barrier') {
          if (!ctx.condition && ctx.controls.length === 0 && ctx.negControls.length === 0) this.push({ kind: 'barrier', qubits: mapped }, ctx.site);
          continue;
        }
        const callArgs = s.args.map((a) => {
          if (a.k === 'num') return a;
          const e = simplify(substitute(a, values));
          // Nested gates can double a symbolic expression per level: stop before it exhausts memory.
          if (e.k !== 'num' && exprSize(e, MAX_PARAM_NODES) > MAX_PARAM_NODES) {
            this.error(ctx.site, `a parameter grew to more than ${MAX_PARAM_NODES} terms while expanding gate ${gate.name}`, 'nested gates that repeat a parameter double it per level; simplify the definitions');
          }
          return e;
        });
        this.applyCall(s, callArgs, mapped, ctx, power > 0 ? 1 : -1);
      }
    }
  }

  private applyCatalogue(gate: string, params: readonly Expr[], qubits: readonly number[], ctx: Context, power: number): void {
    if (power === 1) return this.emit(gate, params, qubits, ctx);
    if (power === 0) return;
    const scaled = (factor: number): Expr => ({ k: 'bin', op: '*', a: params[0]!, b: { k: 'num', v: factor } });
    if (ANGLE_GATES.has(gate)) return this.emit(gate, [scaled(power)], qubits, ctx);
    if (Number.isInteger(power)) {
      const steps = power > 0 ? [{ gate, params, qubits: qubits.map((_, i) => i), controls: [] as number[] }] : inverseSteps(gate, params, qubits.length);
      if (!steps) return this.error(ctx.site, `not supported yet: the inverse of ${gate}`);
      for (let rep = 0; rep < Math.abs(power); rep++) {
        for (const step of steps) {
          const extra = (step.controls ?? []).map((i) => qubits[i]!);
          this.emit(step.gate, step.params, step.qubits.map((i) => qubits[i]!), { ...ctx, controls: [...ctx.controls, ...extra] });
        }
      }
      return;
    }
    const form = CONTROLLED_FORMS[gate];
    if (form) {
      const own = qubits.slice(0, form.controls);
      return this.applyCatalogue(form.base, params, qubits.slice(form.controls), { ...ctx, controls: [...ctx.controls, ...own] }, power);
    }
    const steps = fractionalPowerSteps(gate, params, power, qubits.length);
    if (!steps) return this.error(ctx.site, `not supported yet: pow(${power}) @ ${gate} (non-integer powers work for rotations, phases, x, y, z, h, s, t, sx and their controlled forms)`);
    for (const step of steps) {
      this.emit(step.gate, step.params, step.qubits.map((i) => qubits[i]!), step.controlled ? ctx : { ...ctx, controls: [], negControls: [] });
    }
  }

  private emit(gate: string, params: readonly Expr[], qubits: readonly number[], ctx: Context): void {
    const all = ctx.controls.length + ctx.negControls.length === 0 ? qubits : [...qubits, ...ctx.controls, ...ctx.negControls];
    for (let i = 1; i < all.length; i++) {
      for (let j = 0; j < i; j++) {
        if (all[i] === all[j]) this.error(ctx.site, `qubit ${this.qubitLabel(all[i]!)} is used twice in one gate application`, 'the qubits of a gate (and its controls) must be distinct');
      }
    }
    const op: { -readonly [K in keyof GateOp]: GateOp[K] } = { kind: 'gate', gate, qubits };
    if (params.length) {
      op.params = params.map((p) => {
        const value = p.k === 'num' ? p.v : paramFromExpr(p);
        if (typeof value === 'string' && value.length > MAX_PARAM_LENGTH) {
          this.error(ctx.site, `a parameter grew to ${value.length} characters while expanding gate definitions`, 'nested gates that repeat a parameter double it per level; simplify the definitions');
        }
        return value;
      });
    }
    if (ctx.controls.length) op.controls = ctx.controls;
    if (ctx.negControls.length) op.negControls = ctx.negControls;
    if (ctx.condition) op.condition = ctx.condition;
    this.push(op, ctx.site);
  }

  private push(op: Op, site: Token): void {
    if (this.ops.length >= this.maxOps) {
      this.error(site, `the program expands to more than ${this.maxOps.toLocaleString('en')} operations`, 'nested gate definitions multiply; raise maxOps if this is intended');
    }
    this.ops.push(op);
    this.opSites.push(site);
  }
}

function prelude(): UserGate[] {
  if (!preludeCache) {
    const program = parseQasm(`OPENQASM 3;\n${STDGATES_PRELUDE}`);
    preludeCache = program.statements.flatMap((s) =>
      s.kind === 'gatedef' ? [{ name: s.name, params: s.params, qubits: s.qubits, body: s.body, tok: s.tok, prelude: true }] : [],
    );
  }
  return preludeCache;
}

function isPrelude(gate: UserGate): boolean {
  return (gate as { prelude?: boolean }).prelude === true;
}

