/**
 * Seeded random models for the optimisation tests, with a brute-force reference computed from the
 * raw terms (not from the normalised model), so normalisation is under test too.
 */
import { createRng, type Rng } from '../../../../../src/core/sim/rng.ts';
import { binaryModel, type BinaryModel, type ConstraintKind } from '../../../../../src/core/optimise/model/index.ts';

export interface RawTerms {
  n: number;
  constant: number;
  linear: number[];
  quadratic: { i: number; j: number; value: number }[];
}

/** Integer weights in [−range, range]; raw pairs may repeat, come as i > j, or be diagonal. */
export function randomTerms(n: number, rng: Rng, density = 0.5, range = 5): RawTerms {
  const int = () => Math.round((rng() * 2 - 1) * range);
  const quadratic: RawTerms['quadratic'] = [];
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j && rng() < density / 2) quadratic.push({ i, j, value: int() });
  if (n > 0 && rng() < 0.5) quadratic.push({ i: 0, j: 0, value: int() }); // x² = x
  return { n, constant: int(), linear: Array.from({ length: n }, int), quadratic };
}

export function rawValue(t: RawTerms, bits: ArrayLike<number>): number {
  let v = t.constant;
  for (let i = 0; i < t.n; i++) if (bits[i]) v += t.linear[i]!;
  for (const q of t.quadratic) if (bits[q.i] && bits[q.j]) v += q.value;
  return v;
}

export function bitsOf(index: number, n: number): number[] {
  return Array.from({ length: n }, (_, i) => Math.floor(index / 2 ** i) % 2);
}

export interface RandomConstraint {
  indices: number[];
  coefficients: number[];
  kind: ConstraintKind;
  rhs: number;
}

/** Small integer constraints of every kind, including one-hot and at-most-one patterns. */
export function randomConstraints(n: number, count: number, rng: Rng): RandomConstraint[] {
  const out: RandomConstraint[] = [];
  for (let c = 0; c < count; c++) {
    const pick = rng();
    const vars = [...Array(n).keys()].filter(() => rng() < 0.5);
    if (vars.length === 0) vars.push(Math.floor(rng() * n));
    if (pick < 0.2) out.push({ indices: vars, coefficients: vars.map(() => 1), kind: '==', rhs: 1 }); // one-hot
    else if (pick < 0.4) out.push({ indices: vars, coefficients: vars.map(() => 1), kind: '<=', rhs: 1 }); // at most one
    else if (pick < 0.5 && n >= 2) out.push({ indices: [0, 1], coefficients: [1, -1], kind: '<=', rhs: 0 }); // x0 ≤ x1
    else if (pick < 0.6 && n >= 2) out.push({ indices: [0, n - 1], coefficients: [1, 1], kind: '>=', rhs: 1 }); // at least one of two
    else {
      const coefficients = vars.map(() => Math.round(rng() * 6 - 3) || 1);
      const kind: ConstraintKind = (['<=', '>=', '=='] as const)[Math.floor(rng() * 3)]!;
      out.push({ indices: vars, coefficients, kind, rhs: Math.round(rng() * 4 - 1) });
    }
  }
  return out;
}

export function rawFeasible(constraints: readonly RandomConstraint[], bits: ArrayLike<number>): boolean {
  return constraints.every((c) => {
    let lhs = 0;
    c.indices.forEach((v, k) => (lhs += bits[v] ? c.coefficients[k]! : 0));
    return c.kind === '==' ? lhs === c.rhs : c.kind === '<=' ? lhs <= c.rhs : lhs >= c.rhs;
  });
}

export function modelFromRaw(t: RawTerms, sense: 'min' | 'max' = 'min', constraints: RandomConstraint[] = []): BinaryModel {
  return binaryModel({ sense, variables: t.n, constant: t.constant, linear: t.linear, quadratic: t.quadratic, constraints });
}

/** Brute-force optimum (sense-aware) over feasible states; undefined when none is feasible. */
export function bruteForce(t: RawTerms, sense: 'min' | 'max', constraints: RandomConstraint[] = []): { value: number; count: number; worst: number; feasible: number } | undefined {
  let best: number | undefined;
  let worst: number | undefined;
  let count = 0;
  let feasible = 0;
  const better = (a: number, b: number) => (sense === 'min' ? a < b : a > b);
  for (let x = 0; x < 2 ** t.n; x++) {
    const bits = bitsOf(x, t.n);
    if (!rawFeasible(constraints, bits)) continue;
    feasible++;
    const v = rawValue(t, bits);
    if (best === undefined || better(v, best)) {
      best = v;
      count = 1;
    } else if (v === best) count++;
    if (worst === undefined || better(worst, v)) worst = v;
  }
  return best === undefined ? undefined : { value: best, count, worst: worst!, feasible };
}

export { createRng, type Rng };
