/**
 * Binary quadratic models: a QUBO (x ∈ {0,1}^n) with optional linear equality/inequality
 * constraints over named variables. Variable i is bit i of a basis index (qubit i).
 *
 * f(x) = constant + Σ_i linear[i]·x_i + Σ_k value_k·x_{i_k}·x_{j_k}   (i_k < j_k)
 *
 * `binaryModel(...)` is the one door in: it validates (finite numbers, indices in range, unique
 * names) and normalises (x_i² = x_i folds diagonal terms into the linear part, duplicate pairs
 * are summed, pairs are ordered i < j, zero terms dropped), so every algorithm can trust the shape.
 */
import { fail } from '../../errors.ts';
import type { Sense } from '../types.ts';

export interface QuadraticTerm {
  readonly i: number;
  readonly j: number;
  readonly value: number;
}

/** The quadratic objective itself, without names or constraints. */
export interface BinaryQuadratic {
  readonly numVariables: number;
  readonly constant: number;
  readonly linear: Float64Array;
  /** Normalised: i < j, each pair at most once, no zero values. */
  readonly quadratic: readonly QuadraticTerm[];
}

export type ConstraintKind = '==' | '<=' | '>=';

/** Σ_k coefficients[k]·x_{indices[k]}  (kind)  rhs. */
export interface LinearConstraint {
  readonly name: string;
  /** Distinct variable indices (duplicates are merged by `binaryModel`). */
  readonly indices: readonly number[];
  readonly coefficients: readonly number[];
  readonly kind: ConstraintKind;
  readonly rhs: number;
  /** Penalty weight for this constraint when it becomes a penalty; automatic when absent. */
  readonly weight?: number;
}

export interface BinaryModel {
  readonly sense: Sense;
  readonly variables: readonly string[];
  readonly objective: BinaryQuadratic;
  readonly constraints: readonly LinearConstraint[];
}

export interface BinaryModelInput {
  sense?: Sense;
  /** Variable names, or a count (names become x0, x1, …). */
  variables: readonly string[] | number;
  constant?: number;
  linear?: ArrayLike<number>;
  quadratic?: readonly { i: number; j: number; value: number }[];
  constraints?: readonly {
    name?: string;
    indices: readonly number[];
    coefficients: readonly number[];
    kind: ConstraintKind;
    rhs: number;
    weight?: number;
  }[];
}

/**
 * More variables than any method here can use (exact stops at 30, a 2^n state far earlier); the
 * cap keeps a mistyped count such as 1e15 from allocating names until the process runs out of memory.
 */
export const MAX_MODEL_VARIABLES = 1_000_000;

/**
 * Largest Σ|weights| (constant included) a model may have. Each weight being finite is not enough:
 * f(x), and the differences of two values that solvers and metrics take, must stay finite too
 * (1.7e308 + 1.7e308 is Infinity, and an exhaustive search over Infinity and NaN finds nothing).
 */
export const MAX_OBJECTIVE_MAGNITUDE = 1e300;

export function defaultVariableNames(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `x${i}`);
}

/** Validates and normalises a model; every error names the offending entry. */
export function binaryModel(input: BinaryModelInput): BinaryModel {
  const sense = input.sense ?? 'min';
  if (sense !== 'min' && sense !== 'max') fail('invalid-argument', `sense must be "min" or "max", got "${String(sense)}"`, { where: 'sense' });
  const variables = typeof input.variables === 'number' ? checkedCount(input.variables) : [...input.variables];
  const n = variables.length;
  if (n === 0) fail('invalid-argument', 'a model needs at least one variable', { where: 'variables' });
  if (n > MAX_MODEL_VARIABLES) fail('too-large', `${n} variables is more than a model may have (${MAX_MODEL_VARIABLES})`, { where: 'variables' });
  const seen = new Map<string, number>();
  variables.forEach((name, i) => {
    if (typeof name !== 'string' || name.length === 0) fail('invalid-argument', 'variable names must be non-empty strings', { where: `variables[${i}]` });
    const previous = seen.get(name);
    if (previous !== undefined) fail('invalid-argument', `duplicate variable name "${name}" (also variables[${previous}])`, { where: `variables[${i}]` });
    seen.set(name, i);
  });

  const constant = finite(input.constant ?? 0, 'objective.constant');
  const linear = new Float64Array(n);
  if (input.linear !== undefined) {
    if (input.linear.length !== n) fail('invalid-argument', `linear has ${input.linear.length} entries for ${n} variables`, { where: 'objective.linear' });
    for (let i = 0; i < n; i++) linear[i] = finite(input.linear[i]!, `objective.linear[${i}]`);
  }
  const pairs = new Map<number, number>();
  (input.quadratic ?? []).forEach((term, k) => {
    const where = `objective.quadratic[${k}]`;
    const i = index(term.i, n, where);
    const j = index(term.j, n, where);
    const value = finite(term.value, where);
    if (i === j) {
      linear[i] += value; // x_i² = x_i for binaries
      return;
    }
    const key = Math.min(i, j) * n + Math.max(i, j);
    pairs.set(key, (pairs.get(key) ?? 0) + value);
  });
  const quadratic: QuadraticTerm[] = [];
  for (const [key, value] of [...pairs].sort((a, b) => a[0] - b[0])) {
    if (value !== 0) quadratic.push({ i: Math.floor(key / n), j: key % n, value });
  }
  checkMagnitude(objectiveRangeBound({ numVariables: n, constant, linear, quadratic }) + Math.abs(constant), 'objective');

  const names = new Set<string>();
  const constraints = (input.constraints ?? []).map((c, k) => {
    const where = `constraints[${k}]`;
    const name = c.name ?? `c${k}`;
    if (names.has(name)) fail('invalid-argument', `duplicate constraint name "${name}"`, { where });
    names.add(name);
    if (c.kind !== '==' && c.kind !== '<=' && c.kind !== '>=') fail('invalid-argument', `constraint kind must be "==", "<=" or ">=", got "${String(c.kind)}"`, { where });
    if (c.indices.length !== c.coefficients.length) fail('invalid-argument', `${c.indices.length} indices but ${c.coefficients.length} coefficients`, { where });
    const merged = new Map<number, number>();
    c.indices.forEach((v, t) => {
      const i = index(v, n, `${where}.indices[${t}]`);
      merged.set(i, (merged.get(i) ?? 0) + finite(c.coefficients[t]!, `${where}.coefficients[${t}]`));
    });
    const terms = [...merged].filter(([, a]) => a !== 0).sort((a, b) => a[0] - b[0]);
    const rhs = finite(c.rhs, `${where}.rhs`);
    if (c.weight !== undefined && !(Number.isFinite(c.weight) && c.weight > 0)) {
      fail('invalid-argument', `penalty weight must be a finite number > 0, got ${c.weight}`, { where: `${where}.weight` });
    }
    const constraint: LinearConstraint = {
      name,
      indices: terms.map(([i]) => i),
      coefficients: terms.map(([, a]) => a),
      kind: c.kind,
      rhs,
      ...(c.weight !== undefined ? { weight: c.weight } : {}),
    };
    return constraint;
  });
  return { sense, variables, objective: { numVariables: n, constant, linear, quadratic }, constraints };
}

/** An unconstrained model from a bare objective (variables x0…). */
export function quboModel(objective: BinaryQuadratic, sense: Sense = 'min', variables?: readonly string[]): BinaryModel {
  return binaryModel({
    sense,
    variables: variables ?? objective.numVariables,
    constant: objective.constant,
    linear: objective.linear,
    quadratic: objective.quadratic,
  });
}

function checkedCount(count: number): string[] {
  if (!Number.isSafeInteger(count) || count < 1) fail('invalid-argument', `the variable count must be a whole number ≥ 1, got ${count}`, { where: 'variables' });
  if (count > MAX_MODEL_VARIABLES) fail('too-large', `${count} variables is more than a model may have (${MAX_MODEL_VARIABLES})`, { where: 'variables' });
  return defaultVariableNames(count);
}

/** Refuses a model whose Σ|weights| is beyond MAX_OBJECTIVE_MAGNITUDE (see there). */
export function checkMagnitude(total: number, where: string, what = 'the weights'): void {
  if (!(total <= MAX_OBJECTIVE_MAGNITUDE)) {
    fail('invalid-argument', `${what} add up to ${total.toPrecision(3)} in absolute value, more than ${MAX_OBJECTIVE_MAGNITUDE} (objective values would overflow)`, {
      where,
      hint: 'scale the weights down: dividing every weight by the same number keeps the same optimum',
    });
  }
}

function finite(value: number, where: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    fail('invalid-argument', `weights must be finite numbers, got ${String(value)}`, { where, hint: 'NaN and ±Infinity are not allowed in a model' });
  }
  return value;
}

function index(value: number, n: number, where: string): number {
  if (!Number.isInteger(value) || value < 0 || value >= n) fail('invalid-argument', `variable index ${String(value)} is not in 0…${n - 1}`, { where });
  return value;
}

/** Upper bound of max f − min f: Σ|linear| + Σ|quadratic| (tight for separable objectives). */
export function objectiveRangeBound(q: BinaryQuadratic): number {
  let bound = 0;
  for (let i = 0; i < q.numVariables; i++) bound += Math.abs(q.linear[i]!);
  for (const t of q.quadratic) bound += Math.abs(t.value);
  return bound;
}
