import { createRng } from '../../sim/rng.ts';
import { Tracker, type OptimiseOptions, type OptimiseProblem, type OptimiseResult } from './types.ts';

export interface SpsaOptions extends OptimiseOptions {
  /** Gain sequences a_k = a/(A + k + 1)^α, c_k = c/(k + 1)^γ (Spall 1998: α = 0.602, γ = 0.101). */
  readonly a?: number;
  readonly c?: number;
  readonly A?: number;
  readonly alpha?: number;
  readonly gamma?: number;
  /** With no `a`: calibrate it so the first step moves each parameter by about this much (default 0.2). */
  readonly targetStep?: number;
}

/**
 * Simultaneous-perturbation stochastic approximation (Spall 1992): two evaluations per iteration
 * at x ± c_k·Δ with Δ ∈ {±1}^n drawn from the seeded generator, whatever n. Each iterate's value is
 * evaluated too (one more call) so the history is exact and the best iterate is returned.
 */
export function spsa(problem: OptimiseProblem, x0: ArrayLike<number>, options: SpsaOptions = {}): OptimiseResult {
  const t = new Tracker(problem, options);
  const n = x0.length;
  const seed = options.seed ?? 1;
  const rng = createRng(seed);
  const maxIterations = options.maxIterations ?? 300;
  const alpha = options.alpha ?? 0.602, gamma = options.gamma ?? 0.101;
  const A = options.A ?? 0.1 * maxIterations;
  const c = options.c ?? 0.1;
  const x = Float64Array.from(x0);
  const delta = new Float64Array(n), plus = new Float64Array(n), minus = new Float64Array(n);
  const gradientEstimate = (ck: number): number => {
    for (let j = 0; j < n; j++) {
      delta[j] = rng() < 0.5 ? -1 : 1;
      plus[j] = x[j]! + ck * delta[j]!;
      minus[j] = x[j]! - ck * delta[j]!;
    }
    return (t.f(plus) - t.f(minus)) / (2 * ck);
  };
  let a = options.a;
  if (a === undefined) {
    // Calibration (Spall's guideline, as Qiskit does): average |ĝ| over a few draws at x0.
    let mean = 0;
    const draws = 5;
    for (let k = 0; k < draws; k++) mean += Math.abs(gradientEstimate(c)) / draws;
    a = ((options.targetStep ?? 0.2) * (A + 1) ** alpha) / Math.max(mean, 1e-12);
  }
  let fx = t.f(x);
  let bestValue = fx;
  const best = Float64Array.from(x);
  let iteration = 0, message = 'iteration limit';
  const tol = options.tolerance;
  for (; iteration < maxIterations; iteration++) {
    t.record(iteration, x, fx);
    if (!t.budgetLeft) { message = 'evaluation limit'; break; }
    const ak = a / (A + iteration + 1) ** alpha;
    const ck = c / (iteration + 1) ** gamma;
    const g = gradientEstimate(ck);
    for (let j = 0; j < n; j++) x[j]! -= ak * g * delta[j]!;
    const previous = fx;
    fx = t.f(x);
    if (fx < bestValue) { bestValue = fx; best.set(x); }
    if (tol !== undefined && Math.abs(previous - fx) < tol && Math.abs(ak * g) < tol) { message = 'step below tolerance'; iteration++; break; }
  }
  return t.result('spsa', best, bestValue, iteration, false, message, seed);
}
