import type { ObjectiveFunction } from './types.ts';

/** Central finite differences (f(x + h e_k) − f(x − h e_k)) / 2h: the reference gradients are tested against. */
export function centralDifferences(f: ObjectiveFunction, x: ArrayLike<number>, h = 1e-5): Float64Array {
  const probe = Float64Array.from(x);
  const out = new Float64Array(x.length);
  for (let k = 0; k < x.length; k++) {
    const x0 = probe[k]!;
    probe[k] = x0 + h;
    const plus = f(probe);
    probe[k] = x0 - h;
    const minus = f(probe);
    probe[k] = x0;
    out[k] = (plus - minus) / (2 * h);
  }
  return out;
}

/**
 * The two-term parameter-shift rule for parameters that each enter one gate e^{−iθG/2} whose
 * generator G has eigenvalues ±1 (RX, RY, RZ, RZZ…, i.e. θG/2 has eigenvalues ±θ/2):
 * ∂E/∂θ = [E(θ + π/2) − E(θ − π/2)] / 2, exact (Mitarai et al. 2018; Schuld et al. 2019).
 * A parameter shared by several such gates needs the shift applied per gate (then summed).
 */
export function parameterShift(f: ObjectiveFunction, x: ArrayLike<number>): Float64Array {
  const probe = Float64Array.from(x);
  const out = new Float64Array(x.length);
  for (let k = 0; k < x.length; k++) {
    const x0 = probe[k]!;
    probe[k] = x0 + Math.PI / 2;
    const plus = f(probe);
    probe[k] = x0 - Math.PI / 2;
    const minus = f(probe);
    probe[k] = x0;
    out[k] = (plus - minus) / 2;
  }
  return out;
}
