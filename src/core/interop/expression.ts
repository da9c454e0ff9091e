import { parse, type MathNode } from '../vendor/mathjs.ts';
import { fail } from '../errors.ts';
import type { ParamValue } from '../circuit/params.ts';

/**
 * Arithmetic over gate parameters, shared by the QASM reader and the writers:
 * numbers, free symbols, + − * / and powers, unary minus and the usual functions.
 */
export type Expr =
  | { readonly k: 'num'; readonly v: number }
  | { readonly k: 'sym'; readonly name: string }
  | { readonly k: 'neg'; readonly a: Expr }
  | { readonly k: 'bin'; readonly op: BinaryOp; readonly a: Expr; readonly b: Expr }
  | { readonly k: 'call'; readonly fn: FunctionName; readonly args: readonly Expr[] };

export type BinaryOp = '+' | '-' | '*' | '/' | '^';

/** Functions a parameter may use, by their name in our parameter strings (mathjs: log is natural). */
export const FUNCTIONS = ['sin', 'cos', 'tan', 'asin', 'acos', 'atan', 'exp', 'ln', 'sqrt', 'abs'] as const;
export type FunctionName = (typeof FUNCTIONS)[number];

export const num = (v: number): Expr => ({ k: 'num', v });

const EVAL: Record<FunctionName, (x: number) => number> = {
  sin: Math.sin, cos: Math.cos, tan: Math.tan, asin: Math.asin, acos: Math.acos, atan: Math.atan,
  exp: Math.exp, ln: Math.log, sqrt: Math.sqrt, abs: Math.abs,
};

/** Folds constant sub-expressions; leaves the rest symbolic. */
export function simplify(e: Expr): Expr {
  switch (e.k) {
    case 'num':
    case 'sym':
      return e;
    case 'neg': {
      const a = simplify(e.a);
      if (a.k === 'num') return num(-a.v);
      if (a.k === 'neg') return a.a;
      return { k: 'neg', a };
    }
    case 'bin': {
      const a = simplify(e.a);
      const b = simplify(e.b);
      if (a.k === 'num' && b.k === 'num') return num(applyBinary(e.op, a.v, b.v));
      if (e.op === '*' && ((a.k === 'num' && a.v === 1))) return b;
      if ((e.op === '*' || e.op === '/') && b.k === 'num' && b.v === 1) return a;
      if ((e.op === '+' || e.op === '-') && b.k === 'num' && b.v === 0) return a;
      if (e.op === '+' && a.k === 'num' && a.v === 0) return b;
      return { k: 'bin', op: e.op, a, b };
    }
    case 'call': {
      const args = e.args.map(simplify);
      if (args.every((x) => x.k === 'num')) return num(EVAL[e.fn]((args[0] as { v: number }).v));
      return { k: 'call', fn: e.fn, args };
    }
  }
}

function applyBinary(op: BinaryOp, a: number, b: number): number {
  switch (op) {
    case '+': return a + b;
    case '-': return a - b;
    case '*': return a * b;
    case '/': return a / b;
    case '^': return a ** b;
  }
}

/** Replaces symbols by expressions (a gate's formal parameters by the actual arguments). */
export function substitute(e: Expr, values: ReadonlyMap<string, Expr>): Expr {
  switch (e.k) {
    case 'num': return e;
    case 'sym': return values.get(e.name) ?? e;
    case 'neg': return { k: 'neg', a: substitute(e.a, values) };
    case 'bin': return { k: 'bin', op: e.op, a: substitute(e.a, values), b: substitute(e.b, values) };
    case 'call': return { k: 'call', fn: e.fn, args: e.args.map((x) => substitute(x, values)) };
  }
}

/** Node count of an expression, counting at most up to `limit` (so a huge tree costs little to measure). */
export function exprSize(e: Expr, limit = Infinity): number {
  let count = 0;
  const stack: Expr[] = [e];
  while (stack.length > 0 && count <= limit) {
    const x = stack.pop()!;
    count++;
    if (x.k === 'neg') stack.push(x.a);
    else if (x.k === 'bin') stack.push(x.a, x.b);
    else if (x.k === 'call') stack.push(...x.args);
  }
  return count;
}

export function symbolsOf(e: Expr, out: Set<string> = new Set()): Set<string> {
  if (e.k === 'sym') out.add(e.name);
  else if (e.k === 'neg') symbolsOf(e.a, out);
  else if (e.k === 'bin') {
    symbolsOf(e.a, out);
    symbolsOf(e.b, out);
  } else if (e.k === 'call') for (const a of e.args) symbolsOf(a, out);
  return out;
}

/** Syntax flavour of a printed expression. */
export type ExprDialect = 'param' | 'qasm2' | 'qasm3' | 'python';

const PRECEDENCE: Record<BinaryOp, number> = { '+': 1, '-': 1, '*': 2, '/': 2, '^': 4 };

const PI_FRACTIONS = [[1, ''], [2, '/2'], [4, '/4'], [8, '/8']] as const;

/** Shortest decimal that reads back to the same double; π multiples printed as such. */
export function formatNumber(v: number, dialect: ExprDialect): string {
  if (!Number.isFinite(v)) fail('invalid-parameter', `cannot write the non-finite angle ${v}`);
  if (v !== 0) {
    for (const [den, label] of PI_FRACTIONS) {
      const k = (v * den) / Math.PI;
      if (Number.isInteger(k) && Math.abs(k) <= 64 && k * Math.PI / den === v) {
        const pi = dialect === 'python' ? 'np.pi' : 'pi';
        const head = k === 1 ? pi : k === -1 ? `-${pi}` : `${k}*${pi}`;
        return head + label;
      }
    }
  }
  return String(v);
}

/** Prints an expression; powers are `^` in QASM 2 and our parameters, `**` in QASM 3 and Python. */
export function printExpr(e: Expr, dialect: ExprDialect): string {
  return print(e, dialect, 0);
}

function print(e: Expr, dialect: ExprDialect, outer: number): string {
  switch (e.k) {
    case 'num': {
      const text = formatNumber(e.v, dialect);
      return text.startsWith('-') && outer > 0 ? `(${text})` : text.includes('/') && outer >= 3 ? `(${text})` : text.includes('*') && outer >= 3 ? `(${text})` : text;
    }
    case 'sym':
      return e.name;
    case 'neg': {
      const inner = `-${print(e.a, dialect, 3)}`;
      return outer > 0 ? `(${inner})` : inner;
    }
    case 'bin': {
      const p = PRECEDENCE[e.op];
      const op = e.op === '^' && (dialect === 'qasm3' || dialect === 'python') ? '**' : e.op;
      // Left-associative: the right operand of - and / needs brackets at equal precedence; ^ is right-associative.
      const left = print(e.a, dialect, e.op === '^' ? p + 1 : p);
      const right = print(e.b, dialect, e.op === '^' ? p : p + 1);
      const text = `${left} ${op} ${right}`;
      return p < outer || (p === outer && e.op !== '^' && outer !== 0) ? `(${text})` : text;
    }
    case 'call': {
      const fn = dialectFunction(e.fn, dialect);
      return `${fn}(${e.args.map((a) => print(a, dialect, 0)).join(', ')})`;
    }
  }
}

function dialectFunction(fn: FunctionName, dialect: ExprDialect): string {
  if (dialect === 'python') return fn === 'abs' ? 'abs' : `np.${({ asin: 'arcsin', acos: 'arccos', atan: 'arctan', ln: 'log' } as Record<string, string>)[fn] ?? fn}`;
  if (dialect === 'qasm3') return ({ asin: 'arcsin', acos: 'arccos', atan: 'arctan', ln: 'log' } as Record<string, string>)[fn] ?? fn;
  return fn;
}

/** Turns an IR parameter (a number or a mathjs expression string) into an Expr. */
export function exprFromParam(value: ParamValue, where: string): Expr {
  if (typeof value === 'number') return num(value);
  let node: MathNode;
  try {
    node = parse(value.replace(/\bln\s*\(/g, 'log('));
  } catch (error) {
    return fail('invalid-parameter', `cannot read parameter "${value}": ${(error as Error).message}`, { where });
  }
  return fromMath(node, value, where);
}

const CONSTANTS: Record<string, number> = { pi: Math.PI, π: Math.PI, tau: 2 * Math.PI, τ: 2 * Math.PI, e: Math.E, euler: Math.E };
const MATH_FUNCTIONS: Record<string, FunctionName> = {
  sin: 'sin', cos: 'cos', tan: 'tan', asin: 'asin', acos: 'acos', atan: 'atan', exp: 'exp', log: 'ln', sqrt: 'sqrt', abs: 'abs',
};

function fromMath(node: MathNode, text: string, where: string): Expr {
  const n = node as unknown as { type: string; value?: unknown; name?: string; fn?: unknown; args?: MathNode[]; content?: MathNode };
  const refuse = (what: string): never =>
    fail('invalid-parameter', `parameter "${text}" uses ${what}, which OpenQASM cannot express`, { where, hint: 'use + - * / ^, pi and sin cos tan asin acos atan exp ln sqrt' });
  switch (n.type) {
    case 'ConstantNode':
      return typeof n.value === 'number' ? num(n.value) : refuse('a non-numeric constant');
    case 'SymbolNode':
      return n.name! in CONSTANTS ? num(CONSTANTS[n.name!]!) : { k: 'sym', name: n.name! };
    case 'ParenthesisNode':
      return fromMath(n.content!, text, where);
    case 'OperatorNode': {
      const args = n.args!.map((a) => fromMath(a, text, where));
      const fn = n.fn as string;
      if (args.length === 1 && fn === 'unaryMinus') return { k: 'neg', a: args[0]! };
      if (args.length === 1 && fn === 'unaryPlus') return args[0]!;
      const ops: Record<string, BinaryOp> = { add: '+', subtract: '-', multiply: '*', divide: '/', pow: '^' };
      if (args.length === 2 && ops[fn]) return { k: 'bin', op: ops[fn]!, a: args[0]!, b: args[1]! };
      return refuse(`the operator ${fn}`);
    }
    case 'FunctionNode': {
      const name = (n.fn as { name?: string }).name ?? '';
      const fn = MATH_FUNCTIONS[name];
      if (!fn || n.args!.length !== 1) return refuse(`the function ${name}`);
      return { k: 'call', fn, args: [fromMath(n.args![0]!, text, where)] };
    }
    default:
      return refuse(n.type);
  }
}

/** An IR parameter from an expression: a number when constant, else a parameter string. */
export function paramFromExpr(e: Expr): ParamValue {
  const s = simplify(e);
  return s.k === 'num' ? s.v : printExpr(s, 'param');
}
