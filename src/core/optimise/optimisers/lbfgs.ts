import { Tracker, type OptimiseOptions, type OptimiseProblem, type OptimiseResult } from './types.ts';

export interface LbfgsOptions extends OptimiseOptions {
  /** Correction pairs kept (default 10). */
  readonly memory?: number;
}

/**
 * L-BFGS (Liu & Nocedal 1989): two-loop recursion over the last m correction pairs, with a line
 * search for the strong Wolfe conditions (c₁ = 1e-4, c₂ = 0.9; Nocedal & Wright, Alg. 3.5/3.6,
 * cubic interpolation in the zoom). Deterministic.
 */
export function lbfgs(problem: OptimiseProblem, x0: ArrayLike<number>, options: LbfgsOptions = {}): OptimiseResult {
  const t = new Tracker(problem, options);
  const n = x0.length;
  const mMax = options.memory ?? 10;
  const maxIterations = options.maxIterations ?? 500;
  const gtol = options.gradientTolerance ?? 1e-8;
  const tol = options.tolerance ?? 1e-14;
  const x = Float64Array.from(x0), g = new Float64Array(n), d = new Float64Array(n);
  const xNew = new Float64Array(n), gNew = new Float64Array(n);
  const S: Float64Array[] = [], Y: Float64Array[] = [], rho: number[] = [];
  let fx = t.fg(x, g);
  let iteration = 0, converged = false, message = 'iteration limit';
  const alphas = new Float64Array(mMax);
  for (; iteration < maxIterations; iteration++) {
    t.record(iteration, x, fx);
    if (maxAbs(g) < gtol) { converged = true; message = 'gradient below tolerance'; break; }
    if (!t.budgetLeft) { message = 'evaluation limit'; break; }
    // Two-loop recursion: d = −H g.
    d.set(g);
    for (let k = S.length - 1; k >= 0; k--) {
      alphas[k] = rho[k]! * dot(S[k]!, d);
      axpy(-alphas[k]!, Y[k]!, d);
    }
    if (S.length > 0) {
      const last = S.length - 1;
      const scale = dot(S[last]!, Y[last]!) / dot(Y[last]!, Y[last]!);
      for (let j = 0; j < n; j++) d[j]! *= scale;
    } else {
      const gn = Math.sqrt(dot(g, g));
      for (let j = 0; j < n; j++) d[j]! /= Math.max(gn, 1);
    }
    for (let k = 0; k < S.length; k++) {
      const beta = rho[k]! * dot(Y[k]!, d);
      axpy(alphas[k]! - beta, S[k]!, d);
    }
    for (let j = 0; j < n; j++) d[j] = -d[j]!;
    let slope = dot(g, d);
    if (!(slope < 0)) {
      // Not a descent direction (curvature information went stale): restart along −g.
      S.length = 0; Y.length = 0; rho.length = 0;
      for (let j = 0; j < n; j++) d[j] = -g[j]!;
      slope = dot(g, d);
    }
    const step = wolfeLineSearch(t, x, fx, g, d, slope, xNew, gNew);
    if (step === null) { message = 'line search found no decrease'; converged = maxAbs(g) < Math.sqrt(gtol); break; }
    const s = new Float64Array(n), y = new Float64Array(n);
    for (let j = 0; j < n; j++) { s[j] = xNew[j]! - x[j]!; y[j] = gNew[j]! - g[j]!; }
    const sy = dot(s, y);
    const previous = fx;
    x.set(xNew); g.set(gNew); fx = step.f;
    if (sy > 1e-16 * Math.sqrt(dot(s, s) * dot(y, y))) {
      S.push(s); Y.push(y); rho.push(1 / sy);
      if (S.length > mMax) { S.shift(); Y.shift(); rho.shift(); }
    }
    if (Math.abs(previous - fx) <= tol * Math.max(1, Math.abs(fx))) {
      iteration++;
      t.record(iteration, x, fx);
      converged = true; message = 'value stopped changing'; break;
    }
  }
  return t.result('lbfgs', x, fx, iteration, converged, message);
}

function wolfeLineSearch(t: Tracker, x: Float64Array, f0: number, g0: Float64Array, d: Float64Array, slope0: number, xOut: Float64Array, gOut: Float64Array): { f: number } | null {
  const c1 = 1e-4, c2 = 0.9;
  const n = x.length;
  const evaluate = (alpha: number) => {
    for (let j = 0; j < n; j++) xOut[j] = x[j]! + alpha * d[j]!;
    const f = t.fg(xOut, gOut);
    return { f, slope: dot(gOut, d) };
  };
  let aPrev = 0, fPrev = f0, sPrev = slope0;
  let a = 1;
  for (let i = 0; i < 30; i++) {
    const { f, slope } = evaluate(a);
    if (!Number.isFinite(f) || f > f0 + c1 * a * slope0 || (i > 0 && f >= fPrev)) return zoom(aPrev, fPrev, sPrev, a, f, slope);
    if (Math.abs(slope) <= -c2 * slope0) return { f };
    if (slope >= 0) return zoom(a, f, slope, aPrev, fPrev, sPrev);
    aPrev = a; fPrev = f; sPrev = slope;
    a *= 2;
  }
  return null;

  function zoom(lo: number, fLo: number, sLo: number, hi: number, fHi: number, sHi: number): { f: number } | null {
    for (let i = 0; i < 40; i++) {
      let a = cubicMinimiser(lo, fLo, sLo, hi, fHi, sHi);
      const left = Math.min(lo, hi), width = Math.abs(hi - lo);
      if (!Number.isFinite(a) || a < left + 0.1 * width || a > left + 0.9 * width) a = 0.5 * (lo + hi);
      const { f, slope } = evaluate(a);
      if (f > f0 + c1 * a * slope0 || f >= fLo) {
        hi = a; fHi = f; sHi = slope;
      } else {
        if (Math.abs(slope) <= -c2 * slope0) return { f };
        if (slope * (hi - lo) >= 0) { hi = lo; fHi = fLo; sHi = sLo; }
        lo = a; fLo = f; sLo = slope;
      }
      if (width < 1e-16) break;
    }
    // Accept the best point found if it decreased f at all.
    if (fLo < f0) {
      const fin = evaluate(lo);
      return { f: fin.f };
    }
    return null;
  }
}

/** Minimiser of the cubic through (a, fa, sa) and (b, fb, sb) (Nocedal & Wright eq. 3.59). */
function cubicMinimiser(a: number, fa: number, sa: number, b: number, fb: number, sb: number): number {
  const d1 = sa + sb - 3 * (fa - fb) / (a - b);
  const disc = d1 * d1 - sa * sb;
  if (disc < 0) return NaN;
  const d2 = Math.sign(b - a) * Math.sqrt(disc);
  return b - (b - a) * ((sb + d2 - d1) / (sb - sa + 2 * d2));
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let j = 0; j < a.length; j++) s += a[j]! * b[j]!;
  return s;
}

function axpy(alpha: number, x: Float64Array, y: Float64Array): void {
  for (let j = 0; j < x.length; j++) y[j]! += alpha * x[j]!;
}

function maxAbs(a: Float64Array): number {
  let m = 0;
  for (let j = 0; j < a.length; j++) m = Math.max(m, Math.abs(a[j]!));
  return m;
}
