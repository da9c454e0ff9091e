import { LOOP_CHUNK } from '../../sim/kernels.ts';
import type { CostLevels } from './cost-levels.ts';

/**
 * Multiplies amplitude x by e^{−iγ·C(x)} in one allocation-free pass: the QAOA cost layer.
 * `table` is scratch of at least 2·(level count) doubles (cos, −sin interleaved: one lookup stream).
 */
export function applyCostPhase(data: Float64Array, levels: CostLevels, gamma: number, table: Float64Array): void {
  const values = levels.values;
  for (let l = 0; l < values.length; l++) {
    table[2 * l] = Math.cos(gamma * values[l]!);
    table[2 * l + 1] = -Math.sin(gamma * values[l]!);
  }
  const level = levels.level;
  const n = level.length;
  for (let x = 0; x < n;) for (const stop = Math.min(n, x + LOOP_CHUNK); x < stop; x++) {
    const k = 2 * x;
    const l2 = level[x]! << 1;
    const c = table[l2]!, s = table[l2 + 1]!;
    const re = data[k]!, im = data[k + 1]!;
    data[k] = re * c - im * s;
    data[k + 1] = re * s + im * c;
  }
}

/**
 * Backward step of a cost layer for adjoint differentiation, in one pass over both states:
 * returns Im⟨λ|C|ψ⟩ (read before the update; C commutes with the phase) and multiplies both ψ and
 * λ by e^{+iγC} (undoing the layer). `table` holds at least 2·(level count) doubles.
 */
export function undoCostPhaseWithOverlap(lambda: Float64Array, psi: Float64Array, levels: CostLevels, gamma: number, table: Float64Array): number {
  const values = levels.values;
  for (let l = 0; l < values.length; l++) {
    table[2 * l] = Math.cos(gamma * values[l]!);
    table[2 * l + 1] = Math.sin(gamma * values[l]!);
  }
  const level = levels.level;
  let acc = 0;
  for (let x = 0; x < level.length;) for (const stop = Math.min(level.length, x + LOOP_CHUNK); x < stop; x++) {
    const k = 2 * x;
    const l2 = level[x]! << 1;
    const c = table[l2]!, s = table[l2 + 1]!, v = values[l2 >> 1]!;
    const pr = psi[k]!, pi = psi[k + 1]!, lr = lambda[k]!, li = lambda[k + 1]!;
    acc += v * (lr * pi - li * pr);
    psi[k] = pr * c - pi * s;
    psi[k + 1] = pr * s + pi * c;
    lambda[k] = lr * c - li * s;
    lambda[k + 1] = lr * s + li * c;
  }
  return acc;
}

/** Σ_x C(x)·conj(λ_x)·ψ_x, imaginary part: Im⟨λ|C|ψ⟩ (the adjoint γ-derivative is twice it). */
export function imaginaryCostOverlap(lambda: Float64Array, psi: Float64Array, levels: CostLevels): number {
  const values = levels.values;
  const level = levels.level;
  let acc = 0;
  for (let x = 0; x < level.length;) for (const stop = Math.min(level.length, x + LOOP_CHUNK); x < stop; x++) {
    const k = 2 * x;
    acc += values[level[x]!]! * (lambda[k]! * psi[k + 1]! - lambda[k + 1]! * psi[k]!);
  }
  return acc;
}

/** λ_x = C(x)·ψ_x: the adjoint seed of ⟨ψ|C|ψ⟩. */
export function multiplyByCost(target: Float64Array, source: Float64Array, levels: CostLevels): void {
  const values = levels.values;
  const level = levels.level;
  for (let x = 0; x < level.length;) for (const stop = Math.min(level.length, x + LOOP_CHUNK); x < stop; x++) {
    const k = 2 * x;
    const c = values[level[x]!]!;
    target[k] = c * source[k]!;
    target[k + 1] = c * source[k + 1]!;
  }
}

/** Writes amplitude·e^{−iγ·C(x)} into every amplitude: |+⟩^n and the first cost layer in one write pass. */
export function writeUniformPhased(data: Float64Array, levels: CostLevels, amplitude: number, gamma: number, table: Float64Array): void {
  const values = levels.values;
  for (let l = 0; l < values.length; l++) {
    table[2 * l] = amplitude * Math.cos(gamma * values[l]!);
    table[2 * l + 1] = -amplitude * Math.sin(gamma * values[l]!);
  }
  const level = levels.level;
  for (let x = 0; x < level.length;) for (const stop = Math.min(level.length, x + LOOP_CHUNK); x < stop; x++) {
    const k = 2 * x;
    const l2 = level[x]! << 1;
    data[k] = table[l2]!;
    data[k + 1] = table[l2 + 1]!;
  }
}
