import { Tracker, type OptimiseOptions, type OptimiseProblem, type OptimiseResult } from './types.ts';

/**
 * Nelder–Mead simplex (Nelder & Mead 1965; coefficients reflection 1, expansion 2, contraction ½,
 * shrink ½). Start simplex: x0 plus `step` (default 0.1) along each axis. Stops when the simplex's
 * values and its extent both fall under the tolerance. Deterministic.
 */
export function nelderMead(problem: OptimiseProblem, x0: ArrayLike<number>, options: OptimiseOptions = {}): OptimiseResult {
  const t = new Tracker(problem, options);
  const n = x0.length;
  const tol = options.tolerance ?? 1e-10;
  const maxIterations = options.maxIterations ?? 200 * Math.max(1, n);
  const step = options.step ?? 0.1;
  const simplex: Float64Array[] = [Float64Array.from(x0)];
  for (let i = 0; i < n; i++) {
    const v = Float64Array.from(x0);
    v[i]! += step;
    simplex.push(v);
  }
  const values = simplex.map((v) => t.f(v));
  const order = Array.from({ length: n + 1 }, (_, i) => i);
  const centroid = new Float64Array(n), trial = new Float64Array(n), trial2 = new Float64Array(n);
  const along = (out: Float64Array, coefficient: number, worst: Float64Array) => {
    for (let j = 0; j < n; j++) out[j] = centroid[j]! + coefficient * (centroid[j]! - worst[j]!);
    return out;
  };
  let iteration = 0, converged = false;
  let message = 'iteration limit';
  for (; iteration < maxIterations; iteration++) {
    order.sort((a, b) => values[a]! - values[b]!);
    const best = order[0]!, worst = order[n]!, secondWorst = order[n - 1]!;
    t.record(iteration, simplex[best]!, values[best]!);
    let extent = 0;
    for (let i = 1; i <= n; i++) for (let j = 0; j < n; j++) extent = Math.max(extent, Math.abs(simplex[order[i]!]![j]! - simplex[best]![j]!));
    if (values[worst]! - values[best]! <= tol * (1 + Math.abs(values[best]!)) && extent <= Math.sqrt(tol)) {
      converged = true; message = 'simplex converged'; break;
    }
    if (!t.budgetLeft) { message = 'evaluation limit'; break; }
    centroid.fill(0);
    for (const i of order.slice(0, n)) for (let j = 0; j < n; j++) centroid[j]! += simplex[i]![j]! / n;
    const xr = along(trial, 1, simplex[worst]!);
    const fr = t.f(xr);
    if (fr < values[best]!) {
      const xe = along(trial2, 2, simplex[worst]!);
      const fe = t.f(xe);
      if (fe < fr) { simplex[worst]!.set(xe); values[worst] = fe; } else { simplex[worst]!.set(xr); values[worst] = fr; }
    } else if (fr < values[secondWorst]!) {
      simplex[worst]!.set(xr); values[worst] = fr;
    } else {
      const outside = fr < values[worst]!;
      const xc = along(trial2, outside ? 0.5 : -0.5, simplex[worst]!);
      const fc = t.f(xc);
      if (fc < (outside ? fr : values[worst]!)) {
        simplex[worst]!.set(xc); values[worst] = fc;
      } else {
        for (const i of order.slice(1)) {
          for (let j = 0; j < n; j++) simplex[i]![j] = simplex[best]![j]! + 0.5 * (simplex[i]![j]! - simplex[best]![j]!);
          values[i] = t.f(simplex[i]!);
        }
      }
    }
  }
  let best = 0;
  for (let i = 1; i <= n; i++) if (values[i]! < values[best]!) best = i;
  return t.result('nelder-mead', simplex[best]!, values[best]!, iteration, converged, message);
}
