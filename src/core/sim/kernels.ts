/**
 * The kernel interface shared by the TypeScript and WebAssembly backends.
 *
 * State layout: interleaved complex doubles, amplitude i at state[2i] (re) and state[2i + 1] (im);
 * bit q of i is qubit q (qubit 0 = least-significant bit).
 *
 * Controls: `cmask` has a bit set for every control qubit and `cval` the value each must have
 * (1 for a control, 0 for a negative control); a kernel leaves every other amplitude untouched,
 * and never even reads it, so a controlled gate costs the fraction of the state it acts on.
 *
 * Work ranges: each kernel enumerates `workSize` independent work items (pairs, quads, amplitudes)
 * and processes items [begin, end). Disjoint ranges touch disjoint amplitudes, so a pool of
 * threads can split one gate over a shared state.
 */
/**
 * Amplitudes a JavaScript loop over a state works through before its inner loop ends: every long
 * loop over amplitudes runs as chunks of this many, a short inner loop inside an outer one.
 * Measured on the 2-core test machine (Node 20 and Chromium 156 alike), V8's code for one long
 * loop over a state larger than the cache gets a fraction of the memory bandwidth (at 22 qubits: a
 * 2×2 gate on qubit 0 7.5 ns per amplitude, ⟨a|b⟩ 8.5 ns; in chunks ≈ 3 and 4.4 ns); in the cache
 * the two cost the same. 128 (2 KiB of doubles) measured best of 32–256.
 */
export const LOOP_CHUNK = 128;

/** Storage precision of a state: 'double' (the default, 16 bytes per amplitude) or 'single' (8). */
export type Precision = 'double' | 'single';

/**
 * Interleaved complex amplitudes. Float32Array (single precision) gives one more qubit for the same
 * memory; only the TypeScript kernels accept it (a backend hands out data and kernels together).
 */
export type Amplitudes = Float64Array | Float32Array;

/** The kernel backends: TypeScript, WebAssembly SIMD in 32-bit memory, the same in 64-bit memory. */
export type BackendName = 'ts' | 'wasm' | 'wasm64';

export interface Kernels {
  readonly name: BackendName;
  /** 2×2 matrix m (8 doubles, row-major interleaved) on qubit t. Work: 2^(n−1−|controls|) pairs. */
  dense1(state: Amplitudes, t: number, m: Float64Array, cmask: number, cval: number, begin: number, end: number): void;
  /** Multiplies amplitudes whose bit t is 1 by (re, im). Work: 2^(n−1−|controls|) amplitudes. */
  phase1(state: Amplitudes, t: number, re: number, im: number, cmask: number, cval: number, begin: number, end: number): void;
  /** Pauli X on qubit t: swaps pairs. Work: 2^(n−1−|controls|) pairs. */
  x1(state: Amplitudes, t: number, cmask: number, cval: number, begin: number, end: number): void;
  /** Swaps qubits a and b. Work: 2^(n−2−|controls|) pairs. */
  swap2(state: Amplitudes, a: number, b: number, cmask: number, cval: number, begin: number, end: number): void;
  /** 4×4 matrix m (32 doubles) on [q0, q1], bit 0 of its index = q0. Work: 2^(n−2−|controls|) quads. */
  dense2(state: Amplitudes, q0: number, q1: number, m: Float64Array, cmask: number, cval: number, begin: number, end: number): void;
  /**
   * Diagonal d (2·2^k doubles) on `qubits` (bit j of d's index = qubits[j], k may be 0),
   * for amplitudes whose controls match. Work: 2^n amplitude indices (non-matching ones are skipped).
   */
  diag(state: Amplitudes, qubits: Int32Array, d: Float64Array, cmask: number, cval: number, begin: number, end: number): void;
  /**
   * Product of one-qubit phases diag(1, p_j) on `qubits` (p_j = phases[2j], phases[2j + 1]), for
   * amplitudes whose controls match: amplitude i is multiplied by the product of p_j over the
   * qubits whose bit of i is 1 (see phase-product.ts). Work: 2^n amplitude indices, as diag.
   */
  phaseProduct(state: Amplitudes, qubits: Int32Array, phases: Float64Array, cmask: number, cval: number, begin: number, end: number): void;
  /**
   * dense1 (no controls) on qubit t, then the phase product on `qubits` (t not among them) over
   * the amplitudes whose bit t is `side`: a QFT layer (H, then its controlled phases) in one
   * sweep. Work: 2^(n−1) pairs, numbered as dense1's.
   */
  dense1Phased(state: Amplitudes, t: number, m: Float64Array, qubits: Int32Array, phases: Float64Array, side: number, begin: number, end: number): void;
  /** Dense 2^k × 2^k matrix on `qubits` (bit j = qubits[j]). Work: 2^(n−k−|controls|) groups. */
  denseK(state: Amplitudes, qubits: Int32Array, m: Float64Array, cmask: number, cval: number, begin: number, end: number): void;
  /** Scales every amplitude by (re, im): one read-modify-write pass, the floor. Work: 2^n amplitudes. */
  scale(state: Amplitudes, re: number, im: number, begin: number, end: number): void;
  /** Σ|a_i|² over amplitudes [begin, end). */
  sumSquares(state: Amplitudes, begin: number, end: number): number;
  /** [Σ|a_i|² where bit t of i is 0, the same where it is 1] over the whole state: a measurement's two outcomes in one pass. */
  sumSquaresByBit(state: Amplitudes, t: number): [number, number];
}

/** A storage + kernels pair: where a state lives decides which kernels may touch it. */
export interface Backend {
  readonly name: BackendName;
  /** Largest qubit count this backend can hold (32-bit WebAssembly memory stops at 27, 64-bit at the runtime's limit). */
  readonly maxQubits: number;
  /** Whether states of this precision can live here (WebAssembly kernels are double only). */
  readonly precisions: readonly Precision[];
  /** Allocates a zeroed state of n qubits (not yet |0…0⟩). `shared` asks for shared memory. */
  allocate(numQubits: number, options?: { shared?: boolean; precision?: Precision }): { data: Amplitudes; kernels: Kernels };
}

export function popcount(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** Index of work item k: zero bits inserted at the positions of `mask`, lowest first. */
export function insertZeros(k: number, mask: number): number {
  let i = k;
  let m = mask;
  while (m !== 0) {
    const low = m & -m;
    i = ((i & ~(low - 1)) << 1) | (i & (low - 1));
    m ^= low;
  }
  return i;
}

/** 2^r, r = number of trailing ones of mask: the distance in amplitudes between consecutive items of a run. */
export function stepOf(mask: number): number {
  return ~mask & (mask + 1);
}

/** Items per run: consecutive items stay evenly spaced up to the next mask bit (2^30 when none: one run). */
export function runOf(mask: number): number {
  const low = ~mask & (mask + 1);
  const above = mask & ~(low - 1);
  return above === 0 ? 1 << 30 : (above & -above) / low;
}

export function isRealMatrix(m: Float64Array): boolean {
  for (let i = 1; i < m.length; i += 2) if (m[i] !== 0) return false;
  return true;
}

/**
 * Which dense1 loop a 2×2 matrix (8 doubles) takes: every imaginary part zero (H, RY), diagonal
 * (RZ), real diagonal with imaginary off-diagonal (RX), anti-diagonal (X·RZ) or imaginary
 * diagonal with real off-diagonal (X·RX), or general. The last two are the halves of a CNOT that
 * absorbed an RZ or RX on its target (mux1). The kernels of both backends and the cost model use it.
 */
export function dense1Shape(m: Float64Array): 'real' | 'diagonal' | 'rx' | 'antidiagonal' | 'xrx' | 'general' {
  if (isRealMatrix(m)) return 'real';
  if (m[2] === 0 && m[3] === 0 && m[4] === 0 && m[5] === 0) return 'diagonal';
  if (m[1] === 0 && m[7] === 0 && m[2] === 0 && m[4] === 0) return 'rx';
  if (m[0] === 0 && m[1] === 0 && m[6] === 0 && m[7] === 0) return 'antidiagonal';
  if (m[0] === 0 && m[6] === 0 && m[3] === 0 && m[5] === 0) return 'xrx';
  return 'general';
}

/**
 * The loop a 4×4 matrix (interleaved complex, row-major over local index q0 + 2·q1) runs in, as
 * dense1Shape does for 2×2: 'real' when every imaginary part is zero; 'parity' when it never mixes
 * local states of different parity — every entry between {00, 11} and {01, 10} exactly zero — so
 * it is two 2×2 gates, on (00, 11) and on (01, 10), half the terms of a dense 4×4 (RXX, RYY, the XY
 * and iSWAP mixers, their products with diagonal gates); 'parityRx' when those blocks are also
 * RX-like (real diagonal, imaginary partner entries: RXX, RYY, iSWAP, XY), one multiply per term;
 * else 'general'.
 */
export function dense2Shape(m: Float64Array): 'real' | 'parityRx' | 'parity' | 'general' {
  if (isRealMatrix(m)) return 'real';
  for (let r = 0; r < 4; r++) {
    for (let c = 0; c < 4; c++) {
      if (popcount(r ^ c) !== 1) continue; // same parity: r ^ c is 0 or 3
      if (m[2 * (4 * r + c)] !== 0 || m[2 * (4 * r + c) + 1] !== 0) return 'general';
    }
  }
  for (let r = 0; r < 4; r++) {
    if (m[2 * (5 * r) + 1] !== 0) return 'parity'; // diagonal: real
    if (m[2 * (4 * r + (3 - r))] !== 0) return 'parity'; // (0,3) (1,2) (2,1) (3,0): imaginary
  }
  return 'parityRx';
}
