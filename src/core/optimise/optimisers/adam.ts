import { Tracker, type OptimiseOptions, type OptimiseProblem, type OptimiseResult } from './types.ts';

export interface AdamOptions extends OptimiseOptions {
  readonly beta1?: number;
  readonly beta2?: number;
  readonly epsilon?: number;
}

/**
 * Adam (Kingma & Ba 2015) on exact gradients: learning rate `step` (default 0.05), β₁ = 0.9,
 * β₂ = 0.999, ε = 1e-8. Stops when the largest gradient component falls under the gradient
 * tolerance or the value stops changing. Deterministic. Returns the best iterate seen.
 */
export function adam(problem: OptimiseProblem, x0: ArrayLike<number>, options: AdamOptions = {}): OptimiseResult {
  const t = new Tracker(problem, options);
  const n = x0.length;
  const lr = options.step ?? 0.05;
  const b1 = options.beta1 ?? 0.9, b2 = options.beta2 ?? 0.999, eps = options.epsilon ?? 1e-8;
  const maxIterations = options.maxIterations ?? 1000;
  const gtol = options.gradientTolerance ?? 1e-8;
  const tol = options.tolerance ?? 1e-12;
  const x = Float64Array.from(x0), g = new Float64Array(n), m = new Float64Array(n), v = new Float64Array(n);
  const best = Float64Array.from(x);
  let bestValue = Infinity, previous = Infinity;
  let iteration = 0, converged = false, message = 'iteration limit';
  let stalls = 0;
  for (; iteration < maxIterations; iteration++) {
    const fx = t.fg(x, g);
    t.record(iteration, x, fx);
    if (fx < bestValue) { bestValue = fx; best.set(x); }
    let gmax = 0;
    for (let j = 0; j < n; j++) gmax = Math.max(gmax, Math.abs(g[j]!));
    if (gmax < gtol) { converged = true; message = 'gradient below tolerance'; break; }
    stalls = Math.abs(previous - fx) <= tol * (1 + Math.abs(fx)) ? stalls + 1 : 0;
    if (stalls >= 10) { converged = true; message = 'value stopped changing'; break; }
    previous = fx;
    if (!t.budgetLeft) { message = 'evaluation limit'; break; }
    const k = iteration + 1;
    for (let j = 0; j < n; j++) {
      m[j] = b1 * m[j]! + (1 - b1) * g[j]!;
      v[j] = b2 * v[j]! + (1 - b2) * g[j]! * g[j]!;
      const mh = m[j]! / (1 - b1 ** k), vh = v[j]! / (1 - b2 ** k);
      x[j]! -= (lr * mh) / (Math.sqrt(vh) + eps);
    }
  }
  return t.result('adam', best, bestValue, iteration, converged, message);
}
