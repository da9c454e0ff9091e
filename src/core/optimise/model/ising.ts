/**
 * QUBO ↔ Ising with the offset, x_i = (1 − s_i)/2 (s = Z eigenvalue: bit 0 ↔ s = +1).
 * Both forms give the same value on corresponding states, so the sense carries over unchanged.
 *
 *   a·x_i         = a/2 − (a/2)·s_i
 *   q·x_i·x_j     = q/4 − (q/4)·s_i − (q/4)·s_j + (q/4)·s_i·s_j
 *   h·s_i         = h − 2h·x_i
 *   J·s_i·s_j     = J − 2J·x_i − 2J·x_j + 4J·x_i·x_j
 */
import { fail } from '../../errors.ts';
import type { IsingCoupling, IsingTerms, Sense } from '../types.ts';
import type { BinaryQuadratic, QuadraticTerm } from './binary-model.ts';
import { checkMagnitude, defaultVariableNames, objectiveRangeBound } from './binary-model.ts';

export interface IsingModel {
  readonly sense: Sense;
  readonly variables: readonly string[];
  readonly terms: IsingTerms;
}

export function quboToIsing(q: BinaryQuadratic): IsingTerms {
  const n = q.numVariables;
  let constant = q.constant;
  const linear = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const a = q.linear[i]!;
    constant += a / 2;
    linear[i] -= a / 2;
  }
  const quadratic: IsingCoupling[] = [];
  for (const t of q.quadratic) {
    const w = t.value / 4;
    constant += w;
    linear[t.i] -= w;
    linear[t.j] -= w;
    quadratic.push({ i: t.i, j: t.j, J: w });
  }
  return { numSpins: n, constant, linear, quadratic };
}

export function isingToQubo(terms: IsingTerms): BinaryQuadratic {
  const n = terms.numSpins;
  let constant = terms.constant;
  const linear = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const h = terms.linear[i]!;
    constant += h;
    linear[i] -= 2 * h;
  }
  const pairs = new Map<number, number>();
  for (const c of terms.quadratic) {
    constant += c.J;
    linear[c.i] -= 2 * c.J;
    linear[c.j] -= 2 * c.J;
    const key = Math.min(c.i, c.j) * n + Math.max(c.i, c.j);
    pairs.set(key, (pairs.get(key) ?? 0) + 4 * c.J);
  }
  const quadratic: QuadraticTerm[] = [];
  for (const [key, value] of [...pairs].sort((a, b) => a[0] - b[0])) if (value !== 0) quadratic.push({ i: Math.floor(key / n), j: key % n, value });
  return { numVariables: n, constant, linear, quadratic };
}

/** Validates Ising terms (finite, indices in range, i ≠ j) and names the spins. */
export function isingModel(terms: IsingTerms, sense: Sense = 'min', variables?: readonly string[]): IsingModel {
  const n = terms.numSpins;
  if (!Number.isSafeInteger(n) || n < 1) fail('invalid-argument', `an Ising model needs at least one spin, got ${n}`, { where: 'variables' });
  if (terms.linear.length !== n) fail('invalid-argument', `linear has ${terms.linear.length} entries for ${n} spins`, { where: 'objective.linear' });
  const check = (v: number, where: string) => {
    if (!Number.isFinite(v)) fail('invalid-argument', `weights must be finite numbers, got ${v}`, { where, hint: 'NaN and ±Infinity are not allowed in a model' });
  };
  check(terms.constant, 'objective.constant');
  terms.linear.forEach((h, i) => check(h, `objective.linear[${i}]`));
  terms.quadratic.forEach((c, k) => {
    const where = `objective.quadratic[${k}]`;
    check(c.J, where);
    for (const v of [c.i, c.j]) if (!Number.isInteger(v) || v < 0 || v >= n) fail('invalid-argument', `spin index ${v} is not in 0…${n - 1}`, { where });
    if (c.i === c.j) fail('invalid-argument', `a coupling needs two different spins (s_i² = 1 is a constant)`, { where });
  });
  // Every solver works on the 0/1 form, whose weights are up to 4× these: that must not overflow.
  const qubo = isingToQubo(terms);
  checkMagnitude(objectiveRangeBound(qubo) + Math.abs(qubo.constant), 'objective', 'in 0/1 form (x = (1 − s)/2), the weights');
  const names = variables ?? defaultVariableNames(n);
  if (names.length !== n) fail('invalid-argument', `${names.length} names for ${n} spins`, { where: 'variables' });
  const seen = new Set<string>();
  names.forEach((name, i) => {
    if (seen.has(name)) fail('invalid-argument', `duplicate variable name "${name}"`, { where: `variables[${i}]` });
    seen.add(name);
  });
  return { sense, variables: names, terms };
}
