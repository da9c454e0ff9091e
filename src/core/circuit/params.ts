import { parse, type MathNode } from '../vendor/mathjs.ts';
import { fail } from '../errors.ts';

/** A gate parameter: a number, a name bound at run time (`gamma0`), or an expression (`2*theta + pi/4`). */
export type ParamValue = number | string;

/** Values for named parameters, supplied at run time. */
export type ParamBindings = Readonly<Record<string, number>>;

const CONSTANTS: Readonly<Record<string, number>> = {
  pi: Math.PI,
  π: Math.PI,
  tau: 2 * Math.PI,
  τ: 2 * Math.PI,
  e: Math.E,
  euler: Math.E,
};

const FUNCTIONS = new Set(['sin', 'cos', 'tan', 'asin', 'acos', 'atan', 'atan2', 'exp', 'ln', 'log', 'sqrt', 'abs']);
const ALLOWED_NODES = new Set(['ConstantNode', 'SymbolNode', 'OperatorNode', 'ParenthesisNode', 'FunctionNode']);

interface CompiledExpression {
  readonly symbols: readonly string[];
  evaluate(scope: Record<string, number>): unknown;
  /**
   * The same expression as plain JavaScript arithmetic on the bindings (null when it uses an
   * operator outside + − × ÷ ^ and unary ±). mathjs evaluates numbers with these very Math
   * calls, so the results are the same doubles; a result that is not finite is re-evaluated by
   * mathjs for its error (complex roots and logs). A sweep binds thousands of parameter sets: the
   * typed-function dispatch of mathjs was a fifth of compiling a QAOA circuit.
   */
  readonly direct: ((bindings: ParamBindings) => number) | null;
}

const cache = new Map<string, CompiledExpression>();

function compileExpression(text: string, where: string): CompiledExpression {
  const cached = cache.get(text);
  if (cached) return cached;
  let node: MathNode;
  try {
    // mathjs has no `ln`; map it to log so QASM-style programs work.
    node = parse(text.replace(/\bln\s*\(/g, 'log('));
  } catch (error) {
    fail('invalid-parameter', `cannot parse parameter expression "${text}": ${(error as Error).message}`, {
      where,
      hint: 'use numbers, names, + - * / ^, parentheses, pi, and sin cos tan exp ln sqrt',
    });
  }
  const symbols = new Set<string>();
  node.traverse((child: MathNode, path: string, parent: MathNode | null) => {
    if (!ALLOWED_NODES.has(child.type)) {
      fail('invalid-parameter', `"${text}" uses ${child.type.replace(/Node$/, '').toLowerCase()} syntax, which a parameter cannot`, {
        where,
        hint: 'a parameter is an arithmetic expression such as 2*theta + pi/4',
      });
    }
    if (child.type === 'ConstantNode' && typeof (child as unknown as { value: unknown }).value !== 'number') {
      fail('invalid-parameter', `"${text}" contains a non-numeric constant`, { where });
    }
    if (child.type === 'FunctionNode') {
      const name = (child as unknown as { fn: { name?: string } }).fn.name ?? '';
      if (!FUNCTIONS.has(name)) {
        fail('invalid-parameter', `unknown function "${name}" in "${text}"`, {
          where,
          hint: `available functions: ${[...FUNCTIONS].join(', ')}`,
        });
      }
    }
    if (child.type === 'SymbolNode' && !(parent?.type === 'FunctionNode' && path === 'fn')) {
      const name = (child as unknown as { name: string }).name;
      if (!(name in CONSTANTS)) symbols.add(name);
    }
  });
  const code = node.compile();
  const compiled: CompiledExpression = { symbols: [...symbols].sort(), evaluate: (scope) => code.evaluate(scope), direct: directEvaluator(node) };
  cache.set(text, compiled);
  return compiled;
}

type Direct = (bindings: ParamBindings) => number;

const UNARY: Readonly<Record<string, (x: number) => number>> = {
  sin: Math.sin, cos: Math.cos, tan: Math.tan, asin: Math.asin, acos: Math.acos, atan: Math.atan,
  exp: Math.exp, log: Math.log, sqrt: Math.sqrt, abs: Math.abs,
};

/** A closure tree for an expression of the allowed syntax, or null for anything it does not cover. */
function directEvaluator(node: MathNode): Direct | null {
  const n = node as unknown as { type: string; value?: number; name?: string; fn?: string | { name?: string }; args?: MathNode[]; content?: MathNode };
  switch (n.type) {
    case 'ConstantNode': {
      const value = n.value as number;
      return () => value;
    }
    case 'SymbolNode': {
      const name = n.name!;
      if (name in CONSTANTS) {
        const value = CONSTANTS[name]!;
        return () => value;
      }
      return (b) => b[name]!;
    }
    case 'ParenthesisNode':
      return directEvaluator(n.content!);
    case 'OperatorNode': {
      const args = n.args!.map(directEvaluator);
      if (args.some((a) => a === null)) return null;
      const [a, b] = args as Direct[];
      if (args.length === 1) {
        if (n.fn === 'unaryMinus') return (x) => -a!(x);
        if (n.fn === 'unaryPlus') return a!;
        return null;
      }
      if (args.length !== 2) return null;
      switch (n.fn) {
        case 'add': return (x) => a!(x) + b!(x);
        case 'subtract': return (x) => a!(x) - b!(x);
        case 'multiply': return (x) => a!(x) * b!(x);
        case 'divide': return (x) => a!(x) / b!(x);
        case 'pow': return (x) => Math.pow(a!(x), b!(x));
        default: return null;
      }
    }
    case 'FunctionNode': {
      const name = typeof n.fn === 'string' ? n.fn : n.fn?.name ?? '';
      const args = n.args!.map(directEvaluator);
      if (args.some((a) => a === null)) return null;
      const [a, b] = args as Direct[];
      if (args.length === 1 && name in UNARY) {
        const f = UNARY[name]!;
        return (x) => f(a!(x));
      }
      if (args.length === 2 && name === 'atan2') return (x) => Math.atan2(a!(x), b!(x));
      return null;
    }
    default:
      return null;
  }
}

/** Throws unless the parameter is a finite number or a well-formed expression. */
export function validateParam(value: unknown, where: string): ParamValue {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) {
      fail('invalid-parameter', `parameter is ${value}`, { where, hint: 'angles must be finite numbers' });
    }
    return value;
  }
  if (typeof value === 'string') {
    if (value.trim() === '') fail('invalid-parameter', 'parameter is an empty string', { where });
    const trimmed = value.trim();
    const asNumber = Number(trimmed);
    if (Number.isFinite(asNumber) && /^[-+0-9.eE]+$/.test(trimmed)) return asNumber;
    compileExpression(trimmed, where);
    return trimmed;
  }
  return fail('invalid-parameter', `parameter must be a number or an expression string, got ${describe(value)}`, { where });
}

/** Free parameter names an expression needs (empty for numbers). */
export function paramSymbols(value: ParamValue): readonly string[] {
  return typeof value === 'number' ? [] : compileExpression(value, 'parameter').symbols;
}

/** Evaluates a parameter with the bindings; unbound names are an error listing every missing one. */
export function evaluateParam(value: ParamValue, bindings: ParamBindings, where: string): number {
  if (typeof value === 'number') return value;
  const expr = compileExpression(value, where);
  const wrong = expr.symbols.find((name) => bindings[name] !== undefined && typeof bindings[name] !== 'number');
  if (wrong !== undefined) fail('invalid-parameter', `parameter ${wrong} is bound to ${JSON.stringify(bindings[wrong]) ?? String(bindings[wrong])}, not a number`, { where });
  const missing = expr.symbols.filter((name) => typeof bindings[name] !== 'number');
  if (missing.length > 0) {
    fail('unbound-parameter', `unbound parameter${missing.length > 1 ? 's' : ''} ${missing.join(', ')} in "${value}"`, {
      where,
      hint: `bind ${missing.map((m) => `${m}=<number>`).join(', ')} when running the circuit`,
    });
  }
  for (const name of expr.symbols) {
    const bound = bindings[name]!;
    if (!Number.isFinite(bound)) fail('invalid-parameter', `parameter ${name} is bound to ${bound}`, { where });
  }
  if (expr.direct !== null) {
    const value = expr.direct(bindings);
    if (Number.isFinite(value)) return value;
  }
  const scope: Record<string, number> = { ...CONSTANTS };
  for (const name of expr.symbols) scope[name] = bindings[name]!;
  let result: unknown;
  try {
    result = expr.evaluate(scope);
  } catch (error) {
    // mathjs refuses some complex intermediate results outright (atan2 of a complex root).
    fail('invalid-parameter', `"${value}" cannot be evaluated to a real number: ${(error as Error).message}`, {
      where,
      hint: 'check for the log/sqrt of a negative number or a non-integer power of one',
    });
  }
  if (typeof result !== 'number' || !Number.isFinite(result)) {
    fail('invalid-parameter', `"${value}" evaluates to ${String(result)}, not a finite real number`, {
      where,
      hint: 'check for division by zero or the log/sqrt of a negative number',
    });
  }
  return result;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value;
}
