import { BIT_ORDER_NOTE, toBitstring } from '../../conventions.ts';
import { fail } from '../../errors.ts';
import { LOOP_CHUNK } from '../../sim/kernels.ts';
import { freshSeed } from '../../sim/rng.ts';
import type { OptimiserName } from '../optimisers/minimise.ts';
import type { SolverHistoryEntry, SolverResult } from '../result.ts';
import type { DiagonalProblem, IsingCoupling, IsingTerms, Sense } from '../types.ts';
import { solveQaoa } from '../qaoa/solve.ts';

/**
 * Recursive QAOA (Bravyi, Kliesch, Koenig & Tang, PRL 125, 260505, 2020). Repeat until at most
 * `cutoff` spins remain: optimise a depth-p QAOA on the current Ising problem, measure
 * M_ij = ⟨Z_iZ_j⟩ on every coupling (and ⟨Z_i⟩ on every field), take the largest |M|, and
 * eliminate: Z_j ← sign(M_ij)·Z_i (or Z_i ← sign(⟨Z_i⟩)). The last ≤ cutoff spins are solved exactly
 * by enumeration, then the eliminations are undone in reverse. Ties go to the first term.
 */
export interface RqaoaOptions {
  readonly p?: number;
  readonly cutoff?: number;
  readonly optimizer?: OptimiserName;
  readonly seed?: number;
  readonly restarts?: number;
  readonly maxIterations?: number;
}

type Elimination = { readonly kind: 'pair'; readonly kept: number; readonly removed: number; readonly sign: number; readonly correlation: number } | { readonly kind: 'fix'; readonly removed: number; readonly sign: number; readonly correlation: number };

/** Ising terms over original spin ids (a mutable working copy). */
class WorkingIsing {
  constant: number;
  readonly linear = new Map<number, number>();
  readonly quadratic = new Map<string, { i: number; j: number; J: number }>();
  constructor(terms: IsingTerms) {
    this.constant = terms.constant;
    terms.linear.forEach((h, i) => { if (h !== 0) this.linear.set(i, h); });
    for (const { i, j, J } of terms.quadratic) this.addCoupling(i, j, J);
  }
  addLinear(i: number, h: number): void {
    const v = (this.linear.get(i) ?? 0) + h;
    if (v === 0) this.linear.delete(i); else this.linear.set(i, v);
  }
  addCoupling(a: number, b: number, J: number): void {
    if (a === b) { this.constant += J; return; } // Z_i² = 1
    const i = Math.min(a, b), j = Math.max(a, b), key = `${i},${j}`;
    const v = (this.quadratic.get(key)?.J ?? 0) + J;
    if (v === 0) this.quadratic.delete(key); else this.quadratic.set(key, { i, j, J: v });
  }
  /** Z_removed ← sign·Z_kept (kept = −1: Z_removed ← sign). */
  substitute(removed: number, kept: number, sign: number): void {
    const h = this.linear.get(removed) ?? 0;
    this.linear.delete(removed);
    if (kept < 0) this.constant += sign * h; else this.addLinear(kept, sign * h);
    for (const [key, { i, j, J }] of [...this.quadratic]) {
      if (i !== removed && j !== removed) continue;
      this.quadratic.delete(key);
      const other = i === removed ? j : i;
      if (kept < 0) this.addLinear(other, sign * J); else this.addCoupling(kept, other, sign * J);
    }
  }
  /** Dense Ising terms over `alive` (position k = spin alive[k]). */
  compact(alive: readonly number[]): IsingTerms {
    const position = new Map(alive.map((s, k) => [s, k]));
    const linear = new Float64Array(alive.length);
    for (const [i, h] of this.linear) linear[position.get(i)!] = h;
    const quadratic: IsingCoupling[] = [...this.quadratic.values()].map(({ i, j, J }) => {
      const a = position.get(i)!, b = position.get(j)!;
      return { i: Math.min(a, b), j: Math.max(a, b), J };
    });
    return { numSpins: alive.length, constant: this.constant, linear, quadratic };
  }
}

/** f(x) for every basis state of an Ising problem (s_q = 1 − 2·bit q). */
export function isingObjective(terms: IsingTerms): Float64Array {
  const size = 2 ** terms.numSpins;
  const out = new Float64Array(size);
  for (let x = 0; x < size; x++) {
    let e = terms.constant;
    for (let q = 0; q < terms.numSpins; q++) e += ((x >>> q) & 1 ? -1 : 1) * terms.linear[q]!;
    for (const { i, j, J } of terms.quadratic) e += (((x >>> i) ^ (x >>> j)) & 1 ? -1 : 1) * J;
    out[x] = e;
  }
  return out;
}

export function recursiveQaoa(problem: DiagonalProblem, options: RqaoaOptions = {}): SolverResult {
  const started = performance.now();
  const n = problem.numQubits;
  const cutoff = options.cutoff ?? Math.min(8, n);
  if (!Number.isInteger(cutoff) || cutoff < 1) fail('invalid-argument', `RQAOA cutoff must be a whole number ≥ 1, got ${cutoff}`);
  const seed = options.seed ?? freshSeed();
  const sense: Sense = problem.sense;
  const working = new WorkingIsing(problem.ising);
  let alive = Array.from({ length: n }, (_, i) => i);
  const eliminations: Elimination[] = [];
  const history: SolverHistoryEntry[] = [];
  let evaluations = 0;
  while (alive.length > cutoff) {
    const terms = working.compact(alive);
    const reduced: DiagonalProblem = { numQubits: alive.length, sense, objective: isingObjective(terms), ising: terms };
    const run = solveQaoa(reduced, {
      p: options.p ?? 1, optimizer: options.optimizer ?? 'lbfgs', seed: seed + eliminations.length, shots: 1,
      ...(options.restarts !== undefined ? { restarts: options.restarts } : {}),
      ...(options.maxIterations !== undefined ? { maxIterations: options.maxIterations } : {}),
    });
    evaluations += run.evaluations;
    const probabilities = run.distribution!;
    let bestKind: Elimination | undefined;
    let bestAbs = -1;
    const consider = (e: Elimination) => { if (Math.abs(e.correlation) > bestAbs) { bestAbs = Math.abs(e.correlation); bestKind = e; } };
    for (const { i, j } of terms.quadratic) {
      const m = correlation(probabilities, (1 << i) | (1 << j));
      consider({ kind: 'pair', kept: alive[i]!, removed: alive[j]!, sign: m >= 0 ? 1 : -1, correlation: m });
    }
    terms.linear.forEach((h, i) => {
      if (h === 0) return;
      const m = correlation(probabilities, 1 << i);
      consider({ kind: 'fix', removed: alive[i]!, sign: m >= 0 ? 1 : -1, correlation: m });
    });
    // No terms left on the current spins: fix the first to +1 (any value is optimal).
    const e: Elimination = bestKind ?? { kind: 'fix', removed: alive[0]!, sign: 1, correlation: 0 };
    working.substitute(e.removed, e.kind === 'pair' ? e.kept : -1, e.sign);
    eliminations.push(e);
    alive = alive.filter((s) => s !== e.removed);
    history.push({ iteration: eliminations.length, params: run.params, value: run.expectedValue! });
  }
  // Exact solve of what is left.
  const finalTerms = working.compact(alive);
  const finalObjective = isingObjective(finalTerms);
  let bestX = 0;
  for (let x = 1; x < finalObjective.length; x++) {
    if (sense === 'min' ? finalObjective[x]! < finalObjective[bestX]! : finalObjective[x]! > finalObjective[bestX]!) bestX = x;
  }
  const spin = new Int8Array(n);
  alive.forEach((s, k) => { spin[s] = (bestX >>> k) & 1 ? -1 : 1; });
  for (let k = eliminations.length - 1; k >= 0; k--) {
    const e = eliminations[k]!;
    spin[e.removed] = e.kind === 'pair' ? e.sign * spin[e.kept]! : e.sign;
  }
  let index = 0;
  for (let q = 0; q < n; q++) if (spin[q] === -1) index += 2 ** q;
  return {
    method: 'rqaoa',
    sense,
    bestValue: problem.objective[index]!,
    bestBitstring: toBitstring(index, n),
    bestIndex: index,
    status: 'feasible',
    evaluations,
    wallMs: performance.now() - started,
    history,
    extra: {
      p: options.p ?? 1, cutoff, seed, eliminations: eliminations.map((e) => (e.kind === 'pair' ? `Z${e.removed} = ${e.sign > 0 ? '+' : '−'}Z${e.kept} (⟨ZZ⟩ = ${e.correlation.toFixed(4)})` : `Z${e.removed} = ${e.sign > 0 ? '+1' : '−1'} (⟨Z⟩ = ${e.correlation.toFixed(4)})`)),
      bitOrder: BIT_ORDER_NOTE,
    },
  };
}

/** ⟨Π_{q ∈ mask} Z_q⟩ from basis probabilities. */
export function correlation(probabilities: Float64Array, mask: number): number {
  let sum = 0;
  for (let x = 0; x < probabilities.length;) {
    for (const stop = Math.min(probabilities.length, x + LOOP_CHUNK); x < stop; x++) sum += popcountParity(x & mask) ? -probabilities[x]! : probabilities[x]!;
  }
  return sum;
}

function popcountParity(v: number): boolean {
  let x = v;
  x ^= x >>> 16; x ^= x >>> 8; x ^= x >>> 4; x ^= x >>> 2; x ^= x >>> 1;
  return (x & 1) === 1;
}
