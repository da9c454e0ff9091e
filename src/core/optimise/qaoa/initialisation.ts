import { fail } from '../../errors.ts';
import type { Rng } from '../../sim/rng.ts';

/**
 * Starting angles for QAOA, as one vector [γ_1…γ_p, β_1…β_p].
 *
 * - linear ramp (a discretised annealing path, "TQA": Sack & Serbyn, Quantum 5, 491, 2021):
 *   γ_i = (i − ½)/p·Δt, β_i = (1 − (i − ½)/p)·Δt, i = 1…p.
 * - INTERP and FOURIER growth from depth p to p + 1 (Zhou, Wang, Choi, Pichler, Lukin,
 *   PRX 10, 021067, 2020): optimise at p, grow, optimise at p + 1, …
 * - random restarts: γ uniform in [0, π), β uniform in [0, π/2) (one period of β for the X mixer
 *   on MaxCut-like problems; γ's period depends on C's spectrum: 2π for integer C).
 */
export function linearRamp(p: number, deltaT = 0.75): Float64Array {
  checkDepth(p);
  const x = new Float64Array(2 * p);
  for (let i = 0; i < p; i++) {
    const f = (i + 0.5) / p;
    x[i] = f * deltaT;
    x[p + i] = (1 - f) * deltaT;
  }
  return x;
}

/**
 * INTERP (Zhou et al. eq. B1): from optimal angles at depth p, the start at p + 1 is
 * [x]_i = (i − 1)/p·[x_p]_{i−1} + (p − i + 1)/p·[x_p]_i for i = 1…p + 1 (with [x_p]_0 = [x_p]_{p+1} = 0),
 * applied to γ and to β.
 */
export function interpGrow(params: ArrayLike<number>): Float64Array {
  const p = params.length / 2;
  checkDepth(p);
  const out = new Float64Array(2 * (p + 1));
  for (const [from, to] of [[0, 0], [p, p + 1]] as const) {
    const at = (i: number) => (i >= 1 && i <= p ? params[from + i - 1]! : 0);
    for (let i = 1; i <= p + 1; i++) out[to + i - 1] = ((i - 1) / p) * at(i - 1) + ((p - i + 1) / p) * at(i);
  }
  return out;
}

/**
 * FOURIER (Zhou et al. eq. 8) with q = p frequencies: γ_i = Σ_k u_k sin((k − ½)(i − ½)π/p),
 * β_i = Σ_k v_k cos((k − ½)(i − ½)π/p). `uv` = [u_1…u_q, v_1…v_q] → [γ_1…γ_p, β_1…β_p].
 */
export function fourierToAngles(uv: ArrayLike<number>, p: number): Float64Array {
  checkDepth(p);
  const q = uv.length / 2;
  const out = new Float64Array(2 * p);
  for (let i = 1; i <= p; i++) {
    let g = 0, b = 0;
    for (let k = 1; k <= q; k++) {
      const phase = ((k - 0.5) * (i - 0.5) * Math.PI) / p;
      g += uv[k - 1]! * Math.sin(phase);
      b += uv[q + k - 1]! * Math.cos(phase);
    }
    out[i - 1] = g;
    out[p + i - 1] = b;
  }
  return out;
}

/** Chain rule through fourierToAngles: d/d(u, v) from d/d(γ, β). */
export function fourierGradient(angleGradient: ArrayLike<number>, q: number, p: number, out: Float64Array = new Float64Array(2 * q)): Float64Array {
  for (let k = 1; k <= q; k++) {
    let du = 0, dv = 0;
    for (let i = 1; i <= p; i++) {
      const phase = ((k - 0.5) * (i - 0.5) * Math.PI) / p;
      du += angleGradient[i - 1]! * Math.sin(phase);
      dv += angleGradient[p + i - 1]! * Math.cos(phase);
    }
    out[k - 1] = du;
    out[q + k - 1] = dv;
  }
  return out;
}

/** FOURIER growth: the optimal (u, v) at depth p with a zero appended to each is the start at p + 1. */
export function fourierGrow(uv: ArrayLike<number>): Float64Array {
  const q = uv.length / 2;
  const out = new Float64Array(2 * (q + 1));
  for (let k = 0; k < q; k++) {
    out[k] = uv[k]!;
    out[q + 1 + k] = uv[q + k]!;
  }
  return out;
}

/** FOURIER coordinates of a depth-1 start (u_1 = γ_1/sin(π/4), v_1 = β_1/cos(π/4)). */
export function fourierFromDepthOne(params: ArrayLike<number>): Float64Array {
  return Float64Array.of(params[0]! / Math.SQRT1_2, params[1]! / Math.SQRT1_2);
}

export function randomAngles(p: number, rng: Rng): Float64Array {
  checkDepth(p);
  const x = new Float64Array(2 * p);
  for (let i = 0; i < p; i++) {
    x[i] = rng() * Math.PI;
    x[p + i] = rng() * (Math.PI / 2);
  }
  return x;
}

function checkDepth(p: number): void {
  if (!Number.isInteger(p) || p < 1) fail('invalid-argument', `QAOA depth p must be a whole number ≥ 1, got ${p}`);
}
