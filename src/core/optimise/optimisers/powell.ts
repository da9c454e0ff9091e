import { bracketMinimum, brentMinimise } from './line-search.ts';
import { Tracker, type OptimiseOptions, type OptimiseProblem, type OptimiseResult } from './types.ts';

/**
 * Powell's conjugate-direction method (Powell 1964), derivative-free: line minimisations (Brent)
 * along a set of directions that starts as the axes; after each sweep the direction of largest
 * decrease is replaced by the net displacement unless that would spoil the set (the usual test,
 * Numerical Recipes §10.7). Deterministic.
 */
export function powell(problem: OptimiseProblem, x0: ArrayLike<number>, options: OptimiseOptions = {}): OptimiseResult {
  const t = new Tracker(problem, options);
  const n = x0.length;
  const tol = options.tolerance ?? 1e-10;
  const maxIterations = options.maxIterations ?? 100 * Math.max(1, n);
  const step = options.step ?? 0.1;
  const directions: Float64Array[] = Array.from({ length: n }, (_, i) => {
    const d = new Float64Array(n);
    d[i] = 1;
    return d;
  });
  const x = Float64Array.from(x0);
  const probe = new Float64Array(n);
  let fx = t.f(x);
  const lineMinimise = (d: Float64Array): number => {
    const phi = (a: number) => {
      for (let j = 0; j < n; j++) probe[j] = x[j]! + a * d[j]!;
      return t.f(probe);
    };
    const br = bracketMinimum(phi, step, fx);
    const { x: a, fx: fa } = brentMinimise(phi, br, 1e-8);
    if (fa < fx) {
      for (let j = 0; j < n; j++) x[j]! += a * d[j]!;
      const decrease = fx - fa;
      fx = fa;
      return decrease;
    }
    return 0;
  };
  let iteration = 0, converged = false, message = 'iteration limit';
  const start = new Float64Array(n), extrapolated = new Float64Array(n), displacement = new Float64Array(n);
  for (; iteration < maxIterations; iteration++) {
    t.record(iteration, x, fx);
    if (!t.budgetLeft) { message = 'evaluation limit'; break; }
    start.set(x);
    const fStart = fx;
    let biggest = 0, biggestIndex = 0;
    for (let i = 0; i < n; i++) {
      const decrease = lineMinimise(directions[i]!);
      if (decrease > biggest) { biggest = decrease; biggestIndex = i; }
    }
    if (2 * (fStart - fx) <= tol * (Math.abs(fStart) + Math.abs(fx)) + 1e-300) {
      converged = true; message = 'no further decrease'; break;
    }
    for (let j = 0; j < n; j++) {
      displacement[j] = x[j]! - start[j]!;
      extrapolated[j] = 2 * x[j]! - start[j]!;
    }
    const fe = t.f(extrapolated);
    if (fe < fStart) {
      const tt = 2 * (fStart - 2 * fx + fe) * (fStart - fx - biggest) ** 2 - biggest * (fStart - fe) ** 2;
      if (tt < 0) {
        lineMinimise(displacement);
        directions[biggestIndex] = directions[n - 1]!;
        directions[n - 1] = Float64Array.from(displacement);
      }
    }
  }
  return t.result('powell', x, fx, iteration, converged, message);
}
