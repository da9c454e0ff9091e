import { BIT_ORDER_NOTE, toBitstring } from '../../conventions.ts';
import { fail } from '../../errors.ts';
import { LOOP_CHUNK } from '../../sim/kernels.ts';
import { createRng, freshSeed, type Rng } from '../../sim/rng.ts';
import { StateVector } from '../../sim/state.ts';
import type { SolverHistoryEntry, SolverResult } from '../result.ts';
import type { DiagonalProblem } from '../types.ts';

/**
 * Grover adaptive search (Dürr & Høyer 1996; Bulger, Baritompa & Wood 2003; Gilliam, Woerner &
 * Gonciulea, Quantum 5, 428, 2021) for the minimum of f (the maximum for 'max' problems).
 *
 * The oracle is a diagonal phase on the precomputed objective vector: −1 on every x with
 * f(x) better than the threshold y. Each round draws a rotation count k uniformly from
 * {0, …, ⌈m⌉ − 1}, runs k Grover iterations from |+⟩^n, measures (seeded), and keeps x if it beats
 * y (then m = 1), else grows m ← min(λm, √N) (Boyer, Brassard, Høyer, Tapp 1998).
 */
export interface GroverSearchOptions {
  readonly seed?: number;
  /** Growth factor of the rotation-count range (default 8/7, Gilliam et al.). */
  readonly lambda?: number;
  /**
   * Stop after this many rounds without improvement in a row. Default: the failures m needs to grow
   * from 1 to √N (⌈ln √N / ln λ⌉) plus 8 rounds at the full range, where each round finds a better
   * state with probability ≈ ½ if one exists.
   */
  readonly patience?: number;
  /** Cap on Grover iterations (oracle calls) in total (default 50·√N). */
  readonly maxOracleCalls?: number;
  readonly maxBytes?: number;
}

/**
 * k Grover iterations from |+⟩^n with the oracle marking `marked[x] = 1`; returns the marked
 * probability (sin²((2k+1)θ) with sin²θ = M/N, for M marked states of N).
 */
export function groverIterations(state: StateVector, marked: Uint8Array, k: number): number {
  const data = state.data;
  const size = state.length;
  const amplitude = 1 / Math.sqrt(size);
  // Every pass in chunks of LOOP_CHUNK amplitudes (kernels.ts says why).
  for (let x = 0; x < size;) for (const stop = Math.min(size, x + LOOP_CHUNK); x < stop; x++) { data[2 * x] = amplitude; data[2 * x + 1] = 0; }
  for (let it = 0; it < k; it++) {
    // Oracle: phase −1 on marked states; the diffusion 2|s⟩⟨s| − I maps a → 2·mean(a) − a.
    let sumRe = 0, sumIm = 0;
    for (let x = 0; x < size;) {
      for (const stop = Math.min(size, x + LOOP_CHUNK); x < stop; x++) {
        if (marked[x] === 1) { data[2 * x] = -data[2 * x]!; data[2 * x + 1] = -data[2 * x + 1]!; }
        sumRe += data[2 * x]!;
        sumIm += data[2 * x + 1]!;
      }
    }
    const mRe = (2 * sumRe) / size, mIm = (2 * sumIm) / size;
    for (let x = 0; x < size;) for (const stop = Math.min(size, x + LOOP_CHUNK); x < stop; x++) { data[2 * x] = mRe - data[2 * x]!; data[2 * x + 1] = mIm - data[2 * x + 1]!; }
  }
  let p = 0;
  for (let x = 0; x < size;) for (const stop = Math.min(size, x + LOOP_CHUNK); x < stop; x++) if (marked[x] === 1) p += data[2 * x]! ** 2 + data[2 * x + 1]! ** 2;
  return p;
}

export function groverAdaptiveSearch(problem: DiagonalProblem, options: GroverSearchOptions = {}): SolverResult {
  const started = performance.now();
  const n = problem.numQubits;
  const size = 2 ** n;
  if (problem.objective.length !== size) fail('invalid-argument', `the objective has ${problem.objective.length} entries; ${n} variables need ${size}`);
  const seed = options.seed ?? freshSeed();
  const rng = createRng(seed);
  const lambda = options.lambda ?? 8 / 7;
  if (!(lambda > 1 && lambda <= 4 / 3)) fail('invalid-argument', `lambda must be in (1, 4/3], got ${lambda}`);
  const patience = options.patience ?? Math.ceil(Math.log(Math.sqrt(size)) / Math.log(lambda)) + 8;
  const maxOracleCalls = options.maxOracleCalls ?? Math.ceil(50 * Math.sqrt(size));
  const sign = problem.sense === 'max' ? -1 : 1; // search minimises g = sign·f
  const g = (x: number) => sign * problem.objective[x]!;
  const state = StateVector.zero(n, { ...(options.maxBytes !== undefined ? { maxBytes: options.maxBytes } : {}) });
  const marked = new Uint8Array(size);

  let best = Math.floor(rng() * size);
  let threshold = g(best);
  let m = 1, failures = 0, oracleCalls = 0, rounds = 0;
  const history: SolverHistoryEntry[] = [{ iteration: 0, value: problem.objective[best]! }];
  while (failures < patience && oracleCalls < maxOracleCalls) {
    rounds++;
    let count = 0;
    for (let x = 0; x < size; x++) { const b = g(x) < threshold ? 1 : 0; marked[x] = b; count += b; }
    // count = 0 means y is optimal; a device cannot know that, so the search runs on until patience ends.
    void count;
    const k = Math.floor(rng() * Math.ceil(m));
    groverIterations(state, marked, k);
    oracleCalls += k;
    const x = sample(state, rng);
    if (g(x) < threshold) {
      threshold = g(x); best = x; m = 1; failures = 0;
    } else {
      m = Math.min(lambda * m, Math.sqrt(size)); failures++;
    }
    history.push({ iteration: rounds, value: problem.objective[best]! });
  }
  return {
    method: 'gas',
    sense: problem.sense,
    bestValue: problem.objective[best]!,
    bestBitstring: toBitstring(best, n),
    bestIndex: best,
    status: 'feasible',
    evaluations: rounds,
    wallMs: performance.now() - started,
    history,
    extra: { seed, oracleCalls, rounds, lambda, patience, bitOrder: BIT_ORDER_NOTE },
  };
}

function sample(state: StateVector, rng: Rng): number {
  const r = rng();
  const data = state.data;
  let acc = 0;
  for (let x = 0; x < state.length; x++) {
    acc += data[2 * x]! ** 2 + data[2 * x + 1]! ** 2;
    if (r < acc) return x;
  }
  return state.length - 1;
}
