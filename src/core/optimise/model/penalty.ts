/**
 * Constraints → penalties: a constrained model becomes an unconstrained QUBO whose optimum is the
 * constrained optimum (when the weights are large enough, which the automatic weight guarantees
 * for constraints with integer — or finitely decimal — coefficients).
 *
 * Each constraint is first scaled to integer coefficients (×10^d, d ≤ 6), so a violated constraint
 * is off by at least 1 and its penalty is at least its weight P. The automatic weight is
 * P = Σ|linear| + Σ|quadratic| + 1, larger than max f − min f: any infeasible state then scores
 * worse than every feasible one. Encodings (penalty = P·…, zero exactly on feasible states):
 *   ==                     (Σ a·x − b)²
 *   Σ x ≤ 1  (at most one)  Σ_{k<l} x_k·x_l                     no slack
 *   x_i ≤ x_j              x_i − x_i·x_j                        no slack
 *   x_i + x_j ≥ 1          (1 − x_i)(1 − x_j)                   no slack
 *   other ≤ / ≥            (Σ a·x + Σ c_t·s_t − b)², slack s ∈ [0, b − min Σ a·x] in binary
 *                          (coefficients 1, 2, 4, …, and a last one that makes the range exact)
 * Slack variables are appended after the model's own, so variable i is still bit i.
 * For a maximisation model the penalty is subtracted.
 */
import { fail } from '../../errors.ts';
import { binaryModel, MAX_OBJECTIVE_MAGNITUDE, objectiveRangeBound, type BinaryModel, type LinearConstraint } from './binary-model.ts';

export type PenaltyEncoding = 'equality' | 'at-most-one' | 'implication' | 'at-least-one-of-two' | 'slack' | 'always-satisfied' | 'never-satisfiable';

export interface ConstraintPenalty {
  readonly name: string;
  readonly encoding: PenaltyEncoding;
  readonly weight: number;
  /** Factor the constraint was multiplied by to make its coefficients integers (1 when they were). */
  readonly scale: number;
  readonly slackVariables: readonly string[];
  /** Whether the weight provably keeps every violation worse than the best feasible state. */
  readonly guaranteed: boolean;
}

export interface PenaltyOptions {
  /** One weight for every constraint without its own (default: automatic). */
  weight?: number;
  /** Weights by constraint name (override the model's and the global one). */
  weights?: Readonly<Record<string, number>>;
}

export interface PenaltyModel {
  /** Unconstrained: objective ± penalties, over the model's variables then the slack variables. */
  readonly model: BinaryModel;
  readonly numOriginalVariables: number;
  readonly automaticWeight: number;
  readonly constraints: readonly ConstraintPenalty[];
  /** True when every constraint's weight is provably large enough. */
  readonly guaranteed: boolean;
}

export function toPenaltyModel(model: BinaryModel, options: PenaltyOptions = {}): PenaltyModel {
  const n = model.variables.length;
  const automaticWeight = objectiveRangeBound(model.objective) + 1;
  const sign = model.sense === 'min' ? 1 : -1;
  const names = new Set(model.variables);
  const variables = [...model.variables];
  const linear: number[] = Array.from(model.objective.linear);
  const quadratic: { i: number; j: number; value: number }[] = model.objective.quadratic.map((t) => ({ ...t }));
  let constant = model.objective.constant;

  const addLinear = (v: number, value: number) => {
    linear[v] = (linear[v] ?? 0) + sign * value;
  };
  const addPair = (i: number, j: number, value: number) => quadratic.push({ i, j, value: sign * value });
  /** P·(Σ a·x − b)² with x_k² = x_k. */
  const addSquare = (vars: readonly number[], coefs: readonly number[], b: number, weight: number) => {
    constant += sign * weight * b * b;
    for (let k = 0; k < vars.length; k++) {
      const a = coefs[k]!;
      addLinear(vars[k]!, weight * (a * a - 2 * b * a));
      for (let l = k + 1; l < vars.length; l++) addPair(vars[k]!, vars[l]!, 2 * weight * a * coefs[l]!);
    }
  };

  const reports: ConstraintPenalty[] = [];
  for (const [index, c] of model.constraints.entries()) {
    const where = `constraints[${index}]`;
    const weight = pickWeight(c, options, automaticWeight, where);
    const scale = integerScale([...c.coefficients, c.rhs]);
    const guaranteed = scale !== undefined && weight >= automaticWeight;
    const s = scale ?? 1;
    // Scaled, and '≥' turned into '≤' by negation.
    const flip = c.kind === '>=' ? -1 : 1;
    const a = c.coefficients.map((v) => v * s * flip);
    let b = c.rhs * s * flip;
    if (scale !== undefined) {
      a.forEach((v, k) => (a[k] = Math.round(v)));
      b = c.kind === '==' ? b : Math.floor(b + 1e-9);
    }
    const vars = c.indices;
    const minLhs = a.reduce((sum, v) => sum + Math.min(0, v), 0);
    const maxLhs = a.reduce((sum, v) => sum + Math.max(0, v), 0);
    // P·(Σ|a| + |b|)² bounds this penalty's weights: past the limit the penalised objective
    // overflows (an rhs of 1e300 squared is Infinity); say which constraint did it.
    const size = a.reduce((sum, v) => sum + Math.abs(v), Math.abs(b));
    const alwaysSatisfied = c.kind !== '==' && maxLhs <= b; // adds no penalty at all
    if (!alwaysSatisfied && !(weight * size * size <= MAX_OBJECTIVE_MAGNITUDE)) {
      fail('invalid-argument', `the penalty of "${c.name}", weight × (Σ|coefficients| + |rhs|)² = ${(weight * size * size).toPrecision(3)}, is more than ${MAX_OBJECTIVE_MAGNITUDE} (the penalised objective would overflow)`, {
        where,
        hint: 'scale the constraint down (divide its coefficients and right-hand side by the same number) or give it a smaller weight',
      });
    }
    const report = (encoding: PenaltyEncoding, slackVariables: string[] = []) =>
      reports.push({ name: c.name, encoding, weight, scale: s, slackVariables, guaranteed: guaranteed || encoding === 'always-satisfied' });

    if (c.kind === '==') {
      addSquare(vars, a, b, weight);
      report(b < minLhs || b > maxLhs || (scale !== undefined && !Number.isInteger(b)) ? 'never-satisfiable' : 'equality');
      continue;
    }
    if (maxLhs <= b) {
      report('always-satisfied');
      continue;
    }
    if (minLhs > b) {
      addSquare(vars, a, b, weight); // every state violates; the penalty still grows with the violation
      report('never-satisfiable');
      continue;
    }
    if (scale !== undefined) {
      const first = a[0]!;
      if (first > 0 && a.every((v) => v === first) && Math.floor(b / first) === 1) {
        for (let k = 0; k < vars.length; k++) for (let l = k + 1; l < vars.length; l++) addPair(vars[k]!, vars[l]!, weight);
        report('at-most-one');
        continue;
      }
      if (vars.length === 2 && a[0] === -a[1]! && b >= 0 && b < Math.abs(first)) {
        const [p, q] = first > 0 ? [vars[0]!, vars[1]!] : [vars[1]!, vars[0]!]; // x_p ≤ x_q
        addLinear(p, weight);
        addPair(p, q, -weight);
        report('implication');
        continue;
      }
      if (vars.length === 2 && first < 0 && a[1] === first && b >= first && b < 0) {
        constant += sign * weight;
        addLinear(vars[0]!, -weight);
        addLinear(vars[1]!, -weight);
        addPair(vars[0]!, vars[1]!, weight);
        report('at-least-one-of-two');
        continue;
      }
    }
    if (scale === undefined) {
      fail('invalid-argument', `inequality "${c.name}" needs integer or decimal coefficients (up to 6 decimals) to be encoded with slack variables`, {
        where,
        hint: 'scale the constraint so its coefficients and right-hand side are integers',
      });
    }
    // Σ a·x + s = b with s ∈ [0, U], U = b − min Σ a·x.
    const range = b - minLhs;
    const slackCoefs = binarySlackCoefficients(range);
    const slackVars: number[] = [];
    const slackNames: string[] = [];
    slackCoefs.forEach((_, t) => {
      let name = `${c.name}.s${t}`;
      while (names.has(name)) name += '_';
      names.add(name);
      slackNames.push(name);
      slackVars.push(variables.length);
      variables.push(name);
      linear.push(0);
    });
    addSquare([...vars, ...slackVars], [...a, ...slackCoefs], b, weight);
    report('slack', slackNames);
  }

  const penalised = binaryModel({ sense: model.sense, variables, constant, linear, quadratic });
  return {
    model: penalised,
    numOriginalVariables: n,
    automaticWeight,
    constraints: reports,
    guaranteed: reports.every((r) => r.guaranteed),
  };
}

function pickWeight(c: LinearConstraint, options: PenaltyOptions, automatic: number, where: string): number {
  const weight = options.weights?.[c.name] ?? c.weight ?? options.weight ?? automatic;
  if (!(Number.isFinite(weight) && weight > 0)) fail('invalid-argument', `penalty weight of "${c.name}" must be a finite number > 0, got ${weight}`, { where });
  return weight;
}

/** Smallest 10^d (d ≤ 6) that makes every value an integer, or undefined. */
export function integerScale(values: readonly number[]): number | undefined {
  for (let d = 0; d <= 6; d++) {
    const s = 10 ** d;
    if (values.every((v) => Math.abs(v * s - Math.round(v * s)) <= 1e-9 * Math.max(1, Math.abs(v * s)))) return s;
  }
  return undefined;
}

/** Coefficients c_t with Σ c_t·s_t covering exactly 0…range: 1, 2, 4, …, and a remainder. */
export function binarySlackCoefficients(range: number): number[] {
  if (range <= 0) return [];
  const m = Math.floor(Math.log2(range)) + 1;
  const coefs: number[] = [];
  for (let t = 0; t < m - 1; t++) coefs.push(2 ** t);
  coefs.push(range - (2 ** (m - 1) - 1));
  return coefs;
}
