import type { CostLevels } from './cost-levels.ts';

/**
 * Multiplies amplitude x by e^{−iγ·C(x)} in one allocation-free pass: the QAOA cost layer.
 * `cosTable`/`sinTable` are scratch arrays of at least `levels.values.length` entries.
 */
export function applyCostPhase(data: Float64Array, levels: CostLevels, gamma: number, cosTable: Float64Array, sinTable: Float64Array): void {
  const values = levels.values;
  for (let l = 0; l < values.length; l++) {
    cosTable[l] = Math.cos(gamma * values[l]!);
    sinTable[l] = -Math.sin(gamma * values[l]!);
  }
  const level = levels.level;
  const n = level.length;
  for (let x = 0, k = 0; x < n; x++, k += 2) {
    const l = level[x]!;
    const c = cosTable[l]!, s = sinTable[l]!;
    const re = data[k]!, im = data[k + 1]!;
    data[k] = re * c - im * s;
    data[k + 1] = re * s + im * c;
  }
}

/** Σ_x C(x)·conj(λ_x)·ψ_x, imaginary part: Im⟨λ|C|ψ⟩ (the adjoint γ-derivative is twice it). */
export function imaginaryCostOverlap(lambda: Float64Array, psi: Float64Array, levels: CostLevels): number {
  const values = levels.values;
  const level = levels.level;
  let acc = 0;
  for (let x = 0, k = 0; x < level.length; x++, k += 2) {
    acc += values[level[x]!]! * (lambda[k]! * psi[k + 1]! - lambda[k + 1]! * psi[k]!);
  }
  return acc;
}

/** λ_x = C(x)·ψ_x: the adjoint seed of ⟨ψ|C|ψ⟩. */
export function multiplyByCost(target: Float64Array, source: Float64Array, levels: CostLevels): void {
  const values = levels.values;
  const level = levels.level;
  for (let x = 0, k = 0; x < level.length; x++, k += 2) {
    const c = values[level[x]!]!;
    target[k] = c * source[k]!;
    target[k + 1] = c * source[k + 1]!;
  }
}

/** Writes amplitude·e^{−iγ·C(x)} into every amplitude: |+⟩^n and the first cost layer in one write pass. */
export function writeUniformPhased(data: Float64Array, levels: CostLevels, amplitude: number, gamma: number, cosTable: Float64Array, sinTable: Float64Array): void {
  const values = levels.values;
  for (let l = 0; l < values.length; l++) {
    cosTable[l] = amplitude * Math.cos(gamma * values[l]!);
    sinTable[l] = -amplitude * Math.sin(gamma * values[l]!);
  }
  const level = levels.level;
  for (let x = 0, k = 0; x < level.length; x++, k += 2) {
    const l = level[x]!;
    data[k] = cosTable[l]!;
    data[k + 1] = sinTable[l]!;
  }
}
