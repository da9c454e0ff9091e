/**
 * Read-only overlaps Im⟨λ|G|ψ⟩ for a generator G on one or two qubits: the pieces of an adjoint
 * gradient (d/dβ ⟨ψ|C|ψ⟩ = 2·Im⟨λ|G|ψ⟩ with λ = U†Cψ carried back to the same point).
 */

/** Im⟨λ|G|ψ⟩ for a 2×2 G (interleaved, row-major) on qubit q. */
export function imaginaryOverlap1(lambda: Float64Array, psi: Float64Array, q: number, g: Float64Array): number {
  const stride = 2 << q;
  const length = lambda.length;
  const g00r = g[0]!, g00i = g[1]!, g01r = g[2]!, g01i = g[3]!, g10r = g[4]!, g10i = g[5]!, g11r = g[6]!, g11i = g[7]!;
  let acc = 0;
  for (let base = 0; base < length; base += 2 * stride) {
    const end = base + stride;
    for (let k0 = base; k0 < end; k0 += 2) {
      const k1 = k0 + stride;
      const p0r = psi[k0]!, p0i = psi[k0 + 1]!, p1r = psi[k1]!, p1i = psi[k1 + 1]!;
      const v0r = g00r * p0r - g00i * p0i + g01r * p1r - g01i * p1i;
      const v0i = g00r * p0i + g00i * p0r + g01r * p1i + g01i * p1r;
      const v1r = g10r * p0r - g10i * p0i + g11r * p1r - g11i * p1i;
      const v1i = g10r * p0i + g10i * p0r + g11r * p1i + g11i * p1r;
      acc += lambda[k0]! * v0i - lambda[k0 + 1]! * v0r + lambda[k1]! * v1i - lambda[k1 + 1]! * v1r;
    }
  }
  return acc;
}

/** Im⟨λ|G|ψ⟩ for a 4×4 G on [q0, q1] (bit 0 of G's index = q0). */
export function imaginaryOverlap2(lambda: Float64Array, psi: Float64Array, q0: number, q1: number, g: Float64Array): number {
  const size = lambda.length / 2;
  const b0 = 1 << q0, b1 = 1 << q1;
  const idx = [0, 0, 0, 0];
  const vr = [0, 0, 0, 0], vi = [0, 0, 0, 0];
  let acc = 0;
  for (let x = 0; x < size; x++) {
    if ((x & b0) !== 0 || (x & b1) !== 0) continue;
    idx[0] = x; idx[1] = x | b0; idx[2] = x | b1; idx[3] = x | b0 | b1;
    for (let r = 0; r < 4; r++) {
      let re = 0, im = 0;
      for (let c = 0; c < 4; c++) {
        const gr = g[2 * (4 * r + c)]!, gi = g[2 * (4 * r + c) + 1]!;
        if (gr === 0 && gi === 0) continue;
        const pr = psi[2 * idx[c]!]!, pi = psi[2 * idx[c]! + 1]!;
        re += gr * pr - gi * pi;
        im += gr * pi + gi * pr;
      }
      vr[r] = re; vi[r] = im;
    }
    for (let r = 0; r < 4; r++) acc += lambda[2 * idx[r]!]! * vi[r]! - lambda[2 * idx[r]! + 1]! * vr[r]!;
  }
  return acc;
}

/**
 * Σ_q Im⟨λ|X_q|ψ⟩ over all n qubits (the X mixer's β-derivative, halved), four qubits per pass:
 * for each group of bits g…g+3, the 16 amplitudes that differ only there are read once (into a
 * scratch block) and their 32 X-pairs summed, so the whole sum costs ⌈n/4⌉ passes instead of n.
 */
export function imaginaryOverlapXAll(lambda: Float64Array, psi: Float64Array, numQubits: number): number {
  let acc = 0;
  for (let g = 0; g < numQubits; g += 4) acc += overlapGroup(lambda, psi, numQubits, g, Math.min(4, numQubits - g));
  return acc;
}

const scratchL = new Float64Array(32);
const scratchP = new Float64Array(32);

function overlapGroup(lambda: Float64Array, psi: Float64Array, n: number, g: number, k: number): number {
  const size = 1 << k;
  const stride = 2 * 2 ** g; // doubles between consecutive values of the group's bits
  const lowCount = 2 ** g;
  const highCount = 2 ** (n - g - k);
  const highStride = 2 * 2 ** (g + k);
  const L = scratchL, P = scratchP;
  let acc = 0;
  for (let high = 0; high < highCount; high++) {
    const hb = high * highStride;
    for (let low = 0; low < lowCount; low++) {
      const base = hb + 2 * low;
      for (let m = 0, o = base; m < size; m++, o += stride) {
        L[2 * m] = lambda[o]!; L[2 * m + 1] = lambda[o + 1]!;
        P[2 * m] = psi[o]!; P[2 * m + 1] = psi[o + 1]!;
      }
      for (let j = 0; j < k; j++) {
        const bit = 1 << j;
        for (let m = 0; m < size; m++) {
          if ((m & bit) !== 0) continue;
          const a = 2 * m, b = 2 * (m | bit);
          acc += L[a]! * P[b + 1]! - L[a + 1]! * P[b]! + L[b]! * P[a + 1]! - L[b + 1]! * P[a]!;
        }
      }
    }
  }
  return acc;
}
