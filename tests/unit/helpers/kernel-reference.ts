/**
 * Independent references for kernel tests: a seeded generator of their own (not the core's RNG),
 * random arrays, and the brute-force application of a (controlled) matrix over basis indices.
 */

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function randomArray(length: number, rng: () => number): Float64Array {
  return Float64Array.from({ length }, () => 2 * rng() - 1);
}

/** out = (controlled M on targets) · state, by brute force; bit j of M's index = targets[j]. */
export function bruteForceApply(n: number, state: Float64Array, targets: readonly number[], m: Float64Array, cmask: number, cval: number): Float64Array {
  const out = Float64Array.from(state);
  const k = targets.length;
  const dim = 1 << k;
  for (let i = 0; i < 2 ** n; i++) {
    if ((i & cmask) !== cval) continue;
    let row = 0;
    let base = i;
    for (let j = 0; j < k; j++) {
      if ((i >>> targets[j]!) & 1) row |= 1 << j;
      base &= ~(1 << targets[j]!);
    }
    let re = 0, im = 0;
    for (let c = 0; c < dim; c++) {
      let src = base;
      for (let j = 0; j < k; j++) if ((c >>> j) & 1) src |= 1 << targets[j]!;
      const mr = m[2 * (row * dim + c)]!, mi = m[2 * (row * dim + c) + 1]!;
      const xr = state[2 * src]!, xi = state[2 * src + 1]!;
      re += mr * xr - mi * xi;
      im += mr * xi + mi * xr;
    }
    out[2 * i] = re;
    out[2 * i + 1] = im;
  }
  return out;
}

/** The dense matrix (2·dim² doubles) with diagonal d (2·dim doubles). */
export function diagonalMatrix(d: Float64Array): Float64Array {
  const dim = d.length / 2;
  const m = new Float64Array(2 * dim * dim);
  for (let r = 0; r < dim; r++) {
    m[2 * (r * dim + r)] = d[2 * r]!;
    m[2 * (r * dim + r) + 1] = d[2 * r + 1]!;
  }
  return m;
}

export function popcount(x: number): number {
  let c = 0;
  for (let v = x; v; v &= v - 1) c++;
  return c;
}

/**
 * Entries (of a 2×2 as 8 interleaved doubles) that are zero in each shape the dense1 kernels have
 * a loop for (see dense1Shape): real, diagonal (RZ), RX-like, anti-diagonal, X·RX-like.
 */
export const DENSE1_SHAPE_ZEROS = {
  general: [], real: [1, 3, 5, 7], diagonal: [2, 3, 4, 5], rx: [1, 7, 2, 4], antidiagonal: [0, 1, 6, 7], xrx: [0, 6, 3, 5],
} as const;

/** A random 2×2 of the given shape. */
export function dense1OfShape(shape: keyof typeof DENSE1_SHAPE_ZEROS, rng: () => number): Float64Array {
  const m = randomArray(8, rng);
  for (const j of DENSE1_SHAPE_ZEROS[shape]) m[j] = 0;
  return m;
}
