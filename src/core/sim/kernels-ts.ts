import { dense1Shape, dense2Shape, insertZeros, LOOP_CHUNK, runOf, stepOf, type Amplitudes, type Backend, type Kernels } from './kernels.ts';
import { phaseProductTables } from './phase-product.ts';

/**
 * Portable TypeScript kernels: the reference backend, any size up to 30 qubits.
 *
 * Work items (as in the WebAssembly kernels, see wasm/kernels.wat): item k maps to the amplitude
 * index insertZeros(k, mask) | cval, mask = targets | controls. Items come in runs of evenly
 * spaced indices (`low` apart; a run ends where a mask bit above the trailing ones carries).
 *
 * Every loop works through its range in chunks of LOOP_CHUNK amplitudes, a short inner loop
 * inside an outer one (kernels.ts says why; reading one double far ahead, as these loops did
 * before, recovered only part of it).
 *
 * Within a chunk, the cheap kernels (dense1, phase1, x1) step through an even run (≥ MIN_EVEN_RUN
 * items; chunks aligned to the run) two items at a time; every other chunk, and every chunk of
 * the heavier kernels, steps from one item's index to the next with i → ((i | mask) + 1) & ~mask.
 * So a gate on qubit 1 or 2 (runs of 2 or 4 items) costs what one on qubit 20 does: the
 * run-by-run loops this replaced paid a loop set-up per run there, 2–4× the time.
 */

/** Runs of at least this many items are stepped through evenly (fewer: the next-index formula). */
const MIN_EVEN_RUN = 8;

function dense1(state: Amplitudes, t: number, m: Float64Array, cmask: number, cval: number, begin: number, end: number): void {
  if (begin >= end) return;
  const m00r = m[0]!, m00i = m[1]!, m01r = m[2]!, m01i = m[3]!;
  const m10r = m[4]!, m10i = m[5]!, m11r = m[6]!, m11i = m[7]!;
  const mask = cmask | (1 << t), keep = ~mask;
  const low = stepOf(mask), run = runOf(mask), step = 2 * low;
  const stride = 2 << t; // doubles from an amplitude to its |1⟩ partner
  const chunk = run >= MIN_EVEN_RUN ? Math.min(run, LOOP_CHUNK / 2) : LOOP_CHUNK / 2;
  // One loop per matrix shape (dense1Shape, as the wasm kernels and the cost model); the
  // anti-diagonal shapes (halves of a CNOT that absorbed an RZ or RX) take the general loop.
  const shape = dense1Shape(m);
  let i = insertZeros(begin, mask);
  let k = begin;
  if (shape === 'real') {
    // H, RY, X-like products: half the multiplies.
    while (k < end) {
      const stop = Math.min(end, (k | (chunk - 1)) + 1), count = stop - k;
      if (run >= MIN_EVEN_RUN && (count & 1) === 0) {
        for (let p = 2 * (i | cval); k < stop; k += 2, p += 2 * step) {
          let q = p + stride;
          let ar = state[p]!, ai = state[p + 1]!, br = state[q]!, bi = state[q + 1]!;
          state[p] = m00r * ar + m01r * br;
          state[p + 1] = m00r * ai + m01r * bi;
          state[q] = m10r * ar + m11r * br;
          state[q + 1] = m10r * ai + m11r * bi;
          const p2 = p + step;
          q = p2 + stride;
          ar = state[p2]!; ai = state[p2 + 1]!; br = state[q]!; bi = state[q + 1]!;
          state[p2] = m00r * ar + m01r * br;
          state[p2 + 1] = m00r * ai + m01r * bi;
          state[q] = m10r * ar + m11r * br;
          state[q + 1] = m10r * ai + m11r * bi;
        }
        i = (((i + low * (count - 1)) | mask) + 1) & keep;
        continue;
      }
      for (; k < stop; k++) {
        const p = 2 * (i | cval), q = p + stride;
        const ar = state[p]!, ai = state[p + 1]!, br = state[q]!, bi = state[q + 1]!;
        state[p] = m00r * ar + m01r * br;
        state[p + 1] = m00r * ai + m01r * bi;
        state[q] = m10r * ar + m11r * br;
        state[q + 1] = m10r * ai + m11r * bi;
        i = ((i | mask) + 1) & keep;
      }
    }
  } else if (shape === 'diagonal') {
    // RZ and other diagonals: a quarter of the multiplies.
    while (k < end) {
      const stop = Math.min(end, (k | (chunk - 1)) + 1), count = stop - k;
      if (run >= MIN_EVEN_RUN && (count & 1) === 0) {
        for (let p = 2 * (i | cval); k < stop; k += 2, p += 2 * step) {
          let q = p + stride;
          let ar = state[p]!, ai = state[p + 1]!, br = state[q]!, bi = state[q + 1]!;
          state[p] = m00r * ar - m00i * ai;
          state[p + 1] = m00r * ai + m00i * ar;
          state[q] = m11r * br - m11i * bi;
          state[q + 1] = m11r * bi + m11i * br;
          const p2 = p + step;
          q = p2 + stride;
          ar = state[p2]!; ai = state[p2 + 1]!; br = state[q]!; bi = state[q + 1]!;
          state[p2] = m00r * ar - m00i * ai;
          state[p2 + 1] = m00r * ai + m00i * ar;
          state[q] = m11r * br - m11i * bi;
          state[q + 1] = m11r * bi + m11i * br;
        }
        i = (((i + low * (count - 1)) | mask) + 1) & keep;
        continue;
      }
      for (; k < stop; k++) {
        const p = 2 * (i | cval), q = p + stride;
        const ar = state[p]!, ai = state[p + 1]!, br = state[q]!, bi = state[q + 1]!;
        state[p] = m00r * ar - m00i * ai;
        state[p + 1] = m00r * ai + m00i * ar;
        state[q] = m11r * br - m11i * bi;
        state[q + 1] = m11r * bi + m11i * br;
        i = ((i | mask) + 1) & keep;
      }
    }
  } else if (shape === 'rx') {
    // RX: real diagonal, imaginary off-diagonal, one multiply per term.
    while (k < end) {
      const stop = Math.min(end, (k | (chunk - 1)) + 1), count = stop - k;
      if (run >= MIN_EVEN_RUN && (count & 1) === 0) {
        for (let p = 2 * (i | cval); k < stop; k += 2, p += 2 * step) {
          let q = p + stride;
          let ar = state[p]!, ai = state[p + 1]!, br = state[q]!, bi = state[q + 1]!;
          state[p] = m00r * ar - m01i * bi;
          state[p + 1] = m00r * ai + m01i * br;
          state[q] = m11r * br - m10i * ai;
          state[q + 1] = m11r * bi + m10i * ar;
          const p2 = p + step;
          q = p2 + stride;
          ar = state[p2]!; ai = state[p2 + 1]!; br = state[q]!; bi = state[q + 1]!;
          state[p2] = m00r * ar - m01i * bi;
          state[p2 + 1] = m00r * ai + m01i * br;
          state[q] = m11r * br - m10i * ai;
          state[q + 1] = m11r * bi + m10i * ar;
        }
        i = (((i + low * (count - 1)) | mask) + 1) & keep;
        continue;
      }
      for (; k < stop; k++) {
        const p = 2 * (i | cval), q = p + stride;
        const ar = state[p]!, ai = state[p + 1]!, br = state[q]!, bi = state[q + 1]!;
        state[p] = m00r * ar - m01i * bi;
        state[p + 1] = m00r * ai + m01i * br;
        state[q] = m11r * br - m10i * ai;
        state[q + 1] = m11r * bi + m10i * ar;
        i = ((i | mask) + 1) & keep;
      }
    }
  } else {
    while (k < end) {
      const stop = Math.min(end, (k | (chunk - 1)) + 1), count = stop - k;
      if (run >= MIN_EVEN_RUN && (count & 1) === 0) {
        for (let p = 2 * (i | cval); k < stop; k += 2, p += 2 * step) {
          let q = p + stride;
          let ar = state[p]!, ai = state[p + 1]!, br = state[q]!, bi = state[q + 1]!;
          state[p] = m00r * ar - m00i * ai + m01r * br - m01i * bi;
          state[p + 1] = m00r * ai + m00i * ar + m01r * bi + m01i * br;
          state[q] = m10r * ar - m10i * ai + m11r * br - m11i * bi;
          state[q + 1] = m10r * ai + m10i * ar + m11r * bi + m11i * br;
          const p2 = p + step;
          q = p2 + stride;
          ar = state[p2]!; ai = state[p2 + 1]!; br = state[q]!; bi = state[q + 1]!;
          state[p2] = m00r * ar - m00i * ai + m01r * br - m01i * bi;
          state[p2 + 1] = m00r * ai + m00i * ar + m01r * bi + m01i * br;
          state[q] = m10r * ar - m10i * ai + m11r * br - m11i * bi;
          state[q + 1] = m10r * ai + m10i * ar + m11r * bi + m11i * br;
        }
        i = (((i + low * (count - 1)) | mask) + 1) & keep;
        continue;
      }
      for (; k < stop; k++) {
        const p = 2 * (i | cval), q = p + stride;
        const ar = state[p]!, ai = state[p + 1]!, br = state[q]!, bi = state[q + 1]!;
        state[p] = m00r * ar - m00i * ai + m01r * br - m01i * bi;
        state[p + 1] = m00r * ai + m00i * ar + m01r * bi + m01i * br;
        state[q] = m10r * ar - m10i * ai + m11r * br - m11i * bi;
        state[q + 1] = m10r * ai + m10i * ar + m11r * bi + m11i * br;
        i = ((i | mask) + 1) & keep;
      }
    }
  }
}

function phase1(state: Amplitudes, t: number, re: number, im: number, cmask: number, cval: number, begin: number, end: number): void {
  if (begin >= end) return;
  const mask = cmask | (1 << t), keep = ~mask;
  const low = stepOf(mask), run = runOf(mask), step = 2 * low;
  const chunk = run >= MIN_EVEN_RUN ? Math.min(run, LOOP_CHUNK) : LOOP_CHUNK;
  const set = cval | (1 << t);
  let i = insertZeros(begin, mask);
  let k = begin;
  while (k < end) {
    const stop = Math.min(end, (k | (chunk - 1)) + 1), count = stop - k;
    if (run >= MIN_EVEN_RUN && (count & 1) === 0) {
      for (let p = 2 * (i | set); k < stop; k += 2, p += 2 * step) {
        let ar = state[p]!, ai = state[p + 1]!;
        state[p] = ar * re - ai * im;
        state[p + 1] = ar * im + ai * re;
        const p2 = p + step;
        ar = state[p2]!; ai = state[p2 + 1]!;
        state[p2] = ar * re - ai * im;
        state[p2 + 1] = ar * im + ai * re;
      }
      i = (((i + low * (count - 1)) | mask) + 1) & keep;
      continue;
    }
    for (; k < stop; k++) {
      const p = 2 * (i | set);
      const ar = state[p]!, ai = state[p + 1]!;
      state[p] = ar * re - ai * im;
      state[p + 1] = ar * im + ai * re;
      i = ((i | mask) + 1) & keep;
    }
  }
}

function x1(state: Amplitudes, t: number, cmask: number, cval: number, begin: number, end: number): void {
  if (begin >= end) return;
  const mask = cmask | (1 << t), keep = ~mask;
  const low = stepOf(mask), run = runOf(mask), step = 2 * low;
  const stride = 2 << t;
  const chunk = run >= MIN_EVEN_RUN ? Math.min(run, LOOP_CHUNK / 2) : LOOP_CHUNK / 2;
  let i = insertZeros(begin, mask);
  let k = begin;
  while (k < end) {
    const stop = Math.min(end, (k | (chunk - 1)) + 1), count = stop - k;
    if (run >= MIN_EVEN_RUN && (count & 1) === 0) {
      for (let p = 2 * (i | cval); k < stop; k += 2, p += 2 * step) {
        let q = p + stride;
        let ar = state[p]!, ai = state[p + 1]!;
        state[p] = state[q]!;
        state[p + 1] = state[q + 1]!;
        state[q] = ar;
        state[q + 1] = ai;
        const p2 = p + step;
        q = p2 + stride;
        ar = state[p2]!; ai = state[p2 + 1]!;
        state[p2] = state[q]!;
        state[p2 + 1] = state[q + 1]!;
        state[q] = ar;
        state[q + 1] = ai;
      }
      i = (((i + low * (count - 1)) | mask) + 1) & keep;
      continue;
    }
    for (; k < stop; k++) {
      const p = 2 * (i | cval), q = p + stride;
      const ar = state[p]!, ai = state[p + 1]!;
      state[p] = state[q]!;
      state[p + 1] = state[q + 1]!;
      state[q] = ar;
      state[q + 1] = ai;
      i = ((i | mask) + 1) & keep;
    }
  }
}

function swap2(state: Amplitudes, a: number, b: number, cmask: number, cval: number, begin: number, end: number): void {
  if (begin >= end) return;
  const mask = cmask | (1 << a) | (1 << b), keep = ~mask;
  const offA = 2 << a, offB = 2 << b;
  const chunk = LOOP_CHUNK / 2;
  let i = insertZeros(begin, mask);
  let k = begin;
  while (k < end) {
    for (const stop = Math.min(end, k + chunk); k < stop; k++) {
      const p = 2 * (i | cval), x = p + offA, y = p + offB;
      const r = state[x]!, im = state[x + 1]!;
      state[x] = state[y]!;
      state[x + 1] = state[y + 1]!;
      state[y] = r;
      state[y + 1] = im;
      i = ((i | mask) + 1) & keep;
    }
  }
}

function dense2(state: Amplitudes, q0: number, q1: number, m: Float64Array, cmask: number, cval: number, begin: number, end: number): void {
  if (begin >= end) return;
  // Every entry in a local: no temporary array, no inner loops over the matrix.
  const m00r = m[0]!, m00i = m[1]!, m01r = m[2]!, m01i = m[3]!, m02r = m[4]!, m02i = m[5]!, m03r = m[6]!, m03i = m[7]!;
  const m10r = m[8]!, m10i = m[9]!, m11r = m[10]!, m11i = m[11]!, m12r = m[12]!, m12i = m[13]!, m13r = m[14]!, m13i = m[15]!;
  const m20r = m[16]!, m20i = m[17]!, m21r = m[18]!, m21i = m[19]!, m22r = m[20]!, m22i = m[21]!, m23r = m[22]!, m23i = m[23]!;
  const m30r = m[24]!, m30i = m[25]!, m31r = m[26]!, m31i = m[27]!, m32r = m[28]!, m32i = m[29]!, m33r = m[30]!, m33i = m[31]!;
  const shape = dense2Shape(m);
  const mask = cmask | (1 << q0) | (1 << q1), keep = ~mask;
  const o1 = 2 << q0, o2 = 2 << q1, o3 = o1 + o2;
  const chunk = LOOP_CHUNK / 4;
  let i = insertZeros(begin, mask);
  let k = begin;
  if (shape === 'parityRx') {
    // Two RX-like 2×2 gates (real diagonal, imaginary off the diagonal): one multiply per term.
    while (k < end) {
      for (const stop = Math.min(end, k + chunk); k < stop; k++) {
        const p = 2 * (i | cval), p1 = p + o1, p2 = p + o2, p3 = p + o3;
        const x0r = state[p]!, x0i = state[p + 1]!, x1r = state[p1]!, x1i = state[p1 + 1]!;
        const x2r = state[p2]!, x2i = state[p2 + 1]!, x3r = state[p3]!, x3i = state[p3 + 1]!;
        state[p] = m00r * x0r - m03i * x3i;
        state[p + 1] = m00r * x0i + m03i * x3r;
        state[p1] = m11r * x1r - m12i * x2i;
        state[p1 + 1] = m11r * x1i + m12i * x2r;
        state[p2] = m22r * x2r - m21i * x1i;
        state[p2 + 1] = m22r * x2i + m21i * x1r;
        state[p3] = m33r * x3r - m30i * x0i;
        state[p3 + 1] = m33r * x3i + m30i * x0r;
        i = ((i | mask) + 1) & keep;
      }
    }
  } else if (shape === 'parity') {
    // Two 2×2 gates: on (x0, x3) and on (x1, x2); the entries between them are zero.
    while (k < end) {
      for (const stop = Math.min(end, k + chunk); k < stop; k++) {
        const p = 2 * (i | cval), p1 = p + o1, p2 = p + o2, p3 = p + o3;
        const x0r = state[p]!, x0i = state[p + 1]!, x1r = state[p1]!, x1i = state[p1 + 1]!;
        const x2r = state[p2]!, x2i = state[p2 + 1]!, x3r = state[p3]!, x3i = state[p3 + 1]!;
        state[p] = m00r * x0r - m00i * x0i + m03r * x3r - m03i * x3i;
        state[p + 1] = m00r * x0i + m00i * x0r + m03r * x3i + m03i * x3r;
        state[p1] = m11r * x1r - m11i * x1i + m12r * x2r - m12i * x2i;
        state[p1 + 1] = m11r * x1i + m11i * x1r + m12r * x2i + m12i * x2r;
        state[p2] = m21r * x1r - m21i * x1i + m22r * x2r - m22i * x2i;
        state[p2 + 1] = m21r * x1i + m21i * x1r + m22r * x2i + m22i * x2r;
        state[p3] = m30r * x0r - m30i * x0i + m33r * x3r - m33i * x3i;
        state[p3 + 1] = m30r * x0i + m30i * x0r + m33r * x3i + m33i * x3r;
        i = ((i | mask) + 1) & keep;
      }
    }
  } else if (shape === 'real') {
    while (k < end) {
      for (const stop = Math.min(end, k + chunk); k < stop; k++) {
        const p = 2 * (i | cval), p1 = p + o1, p2 = p + o2, p3 = p + o3;
        const x0r = state[p]!, x0i = state[p + 1]!, x1r = state[p1]!, x1i = state[p1 + 1]!;
        const x2r = state[p2]!, x2i = state[p2 + 1]!, x3r = state[p3]!, x3i = state[p3 + 1]!;
        state[p] = m00r * x0r + m01r * x1r + m02r * x2r + m03r * x3r;
        state[p + 1] = m00r * x0i + m01r * x1i + m02r * x2i + m03r * x3i;
        state[p1] = m10r * x0r + m11r * x1r + m12r * x2r + m13r * x3r;
        state[p1 + 1] = m10r * x0i + m11r * x1i + m12r * x2i + m13r * x3i;
        state[p2] = m20r * x0r + m21r * x1r + m22r * x2r + m23r * x3r;
        state[p2 + 1] = m20r * x0i + m21r * x1i + m22r * x2i + m23r * x3i;
        state[p3] = m30r * x0r + m31r * x1r + m32r * x2r + m33r * x3r;
        state[p3 + 1] = m30r * x0i + m31r * x1i + m32r * x2i + m33r * x3i;
        i = ((i | mask) + 1) & keep;
      }
    }
  } else {
    while (k < end) {
      for (const stop = Math.min(end, k + chunk); k < stop; k++) {
        const p = 2 * (i | cval), p1 = p + o1, p2 = p + o2, p3 = p + o3;
        const x0r = state[p]!, x0i = state[p + 1]!, x1r = state[p1]!, x1i = state[p1 + 1]!;
        const x2r = state[p2]!, x2i = state[p2 + 1]!, x3r = state[p3]!, x3i = state[p3 + 1]!;
        state[p] = m00r * x0r - m00i * x0i + m01r * x1r - m01i * x1i + m02r * x2r - m02i * x2i + m03r * x3r - m03i * x3i;
        state[p + 1] = m00r * x0i + m00i * x0r + m01r * x1i + m01i * x1r + m02r * x2i + m02i * x2r + m03r * x3i + m03i * x3r;
        state[p1] = m10r * x0r - m10i * x0i + m11r * x1r - m11i * x1i + m12r * x2r - m12i * x2i + m13r * x3r - m13i * x3i;
        state[p1 + 1] = m10r * x0i + m10i * x0r + m11r * x1i + m11i * x1r + m12r * x2i + m12i * x2r + m13r * x3i + m13i * x3r;
        state[p2] = m20r * x0r - m20i * x0i + m21r * x1r - m21i * x1i + m22r * x2r - m22i * x2i + m23r * x3r - m23i * x3i;
        state[p2 + 1] = m20r * x0i + m20i * x0r + m21r * x1i + m21i * x1r + m22r * x2i + m22i * x2r + m23r * x3i + m23i * x3r;
        state[p3] = m30r * x0r - m30i * x0i + m31r * x1r - m31i * x1i + m32r * x2r - m32i * x2i + m33r * x3r - m33i * x3i;
        state[p3 + 1] = m30r * x0i + m30i * x0r + m31r * x1i + m31i * x1r + m32r * x2i + m32i * x2r + m33r * x3i + m33i * x3r;
        i = ((i | mask) + 1) & keep;
      }
    }
  }
}

/** Index into d (bit j = bit qubits[j] of amplitude index i). */
function localIndex(i: number, qubits: Int32Array): number {
  let local = 0;
  for (let j = 0; j < qubits.length; j++) local |= ((i >>> qubits[j]!) & 1) << j;
  return local;
}

/**
 * Diagonal: amplitudes are taken in aligned groups of four (one cache line). Every involved bit
 * at position ≥ 2 is constant over a run of groups, so the four lane multipliers are looked up
 * once per run and the inner loop is a fixed pattern of four complex multiplies: the low qubits
 * cost no more than the high ones. A run whose multipliers are all exactly 1 is left alone.
 */
function diag(state: Amplitudes, qubits: Int32Array, d: Float64Array, cmask: number, cval: number, begin: number, end: number): void {
  if (begin >= end) return;
  let mask = cmask;
  for (let j = 0; j < qubits.length; j++) mask |= 1 << qubits[j]!;
  const high = mask & ~3;
  const run = high === 0 ? 1 << 30 : high & -high; // amplitudes per run (a multiple of 4)
  // Controls on qubits 0 and 1 switch lanes off: such a lane is never read.
  const on0 = (cmask & 3 & 0) === (cval & 3), on1 = (cmask & 3 & 1) === (cval & 3);
  const on2 = (cmask & 3 & 2) === (cval & 3), on3 = (cmask & 3 & 3) === (cval & 3);
  const allOn = (cmask & 3) === 0;
  const highCmask = cmask & ~3, highCval = cval & ~3;
  let i = begin;
  while (i < end) {
    const rend = Math.min(end, (i | (run - 1)) + 1);
    if ((i & highCmask) === highCval) {
      const g = i & ~3;
      const l0 = 2 * localIndex(g, qubits), l1 = 2 * localIndex(g | 1, qubits);
      const l2 = 2 * localIndex(g | 2, qubits), l3 = 2 * localIndex(g | 3, qubits);
      const e0r = d[l0]!, e0i = d[l0 + 1]!, e1r = d[l1]!, e1i = d[l1 + 1]!;
      const e2r = d[l2]!, e2i = d[l2 + 1]!, e3r = d[l3]!, e3i = d[l3 + 1]!;
      const uniform = allOn && l0 === l1 && l1 === l2 && l2 === l3;
      let p = 2 * i;
      const stop = 2 * rend;
      if (uniform) {
        // one multiplier for the whole run (no involved bit below 2): a scale
        if (e0r !== 1 || e0i !== 0) scaleRange(state, e0r, e0i, p, stop);
      } else {
        // head: up to the first whole group
        for (; p < stop && (p & 7) !== 0; p += 2) multiplyLane(state, p, d, qubits, cmask, cval);
        const groupsStop = p + ((stop - p) & ~7);
        if (allOn) {
          for (; p < groupsStop;) for (const chunkStop = Math.min(groupsStop, p + 2 * LOOP_CHUNK); p < chunkStop; p += 8) {
            let ar = state[p]!, ai = state[p + 1]!;
            state[p] = ar * e0r - ai * e0i;
            state[p + 1] = ar * e0i + ai * e0r;
            ar = state[p + 2]!; ai = state[p + 3]!;
            state[p + 2] = ar * e1r - ai * e1i;
            state[p + 3] = ar * e1i + ai * e1r;
            ar = state[p + 4]!; ai = state[p + 5]!;
            state[p + 4] = ar * e2r - ai * e2i;
            state[p + 5] = ar * e2i + ai * e2r;
            ar = state[p + 6]!; ai = state[p + 7]!;
            state[p + 6] = ar * e3r - ai * e3i;
            state[p + 7] = ar * e3i + ai * e3r;
          }
        } else {
          for (; p < groupsStop;) for (const chunkStop = Math.min(groupsStop, p + 2 * LOOP_CHUNK); p < chunkStop; p += 8) {
            if (on0) {
              const ar = state[p]!, ai = state[p + 1]!;
              state[p] = ar * e0r - ai * e0i;
              state[p + 1] = ar * e0i + ai * e0r;
            }
            if (on1) {
              const ar = state[p + 2]!, ai = state[p + 3]!;
              state[p + 2] = ar * e1r - ai * e1i;
              state[p + 3] = ar * e1i + ai * e1r;
            }
            if (on2) {
              const ar = state[p + 4]!, ai = state[p + 5]!;
              state[p + 4] = ar * e2r - ai * e2i;
              state[p + 5] = ar * e2i + ai * e2r;
            }
            if (on3) {
              const ar = state[p + 6]!, ai = state[p + 7]!;
              state[p + 6] = ar * e3r - ai * e3i;
              state[p + 7] = ar * e3i + ai * e3r;
            }
          }
        }
        // tail: the last partial group
        for (; p < stop; p += 2) multiplyLane(state, p, d, qubits, cmask, cval);
      }
    }
    i = rend;
  }
}

/** One amplitude (at double index p) of a diagonal: the slow path for partial groups. */
function multiplyLane(state: Amplitudes, p: number, d: Float64Array, qubits: Int32Array, cmask: number, cval: number): void {
  const i = p / 2;
  if ((i & cmask) !== cval) return;
  const l = 2 * localIndex(i, qubits);
  const re = d[l]!, im = d[l + 1]!;
  const ar = state[p]!, ai = state[p + 1]!;
  state[p] = ar * re - ai * im;
  state[p + 1] = ar * im + ai * re;
}

/** Multiplies doubles [p, stop) (whole amplitudes) by (re, im). */
function scaleRange(state: Amplitudes, re: number, im: number, p: number, stop: number): void {
  // Two amplitudes per step while whole pairs remain (stop − p is even in doubles; a pair is 4).
  const pairsStop = stop - ((stop - p) & 2);
  while (p < pairsStop) {
    for (const chunkStop = Math.min(pairsStop, p + 2 * LOOP_CHUNK); p < chunkStop; p += 4) {
      let ar = state[p]!, ai = state[p + 1]!;
      state[p] = ar * re - ai * im;
      state[p + 1] = ar * im + ai * re;
      ar = state[p + 2]!; ai = state[p + 3]!;
      state[p + 2] = ar * re - ai * im;
      state[p + 3] = ar * im + ai * re;
    }
  }
  if (p < stop) {
    const ar = state[p]!, ai = state[p + 1]!;
    state[p] = ar * re - ai * im;
    state[p + 1] = ar * im + ai * re;
  }
}

function denseK(state: Amplitudes, qubits: Int32Array, m: Float64Array, cmask: number, cval: number, begin: number, end: number): void {
  if (begin >= end) return;
  let mask = cmask;
  for (let j = 0; j < qubits.length; j++) mask |= 1 << qubits[j]!;
  const keep = ~mask;
  const dim = 1 << qubits.length;
  const offsets = new Float64Array(dim);
  for (let local = 0; local < dim; local++) {
    let off = 0;
    for (let j = 0; j < qubits.length; j++) if ((local >>> j) & 1) off += 1 << qubits[j]!;
    offsets[local] = 2 * off;
  }
  if (dim === 8) return dense3(state, offsets, m, mask, cval, begin, end);
  const chunk = Math.max(1, LOOP_CHUNK / dim);
  const v = new Float64Array(2 * dim);
  let i = insertZeros(begin, mask);
  let k = begin;
  while (k < end) {
    for (const stop = Math.min(end, k + chunk); k < stop; k++) {
      const p = 2 * (i | cval);
      for (let c = 0; c < dim; c++) {
        v[2 * c] = state[p + offsets[c]!]!;
        v[2 * c + 1] = state[p + offsets[c]! + 1]!;
      }
      for (let r = 0; r < dim; r++) {
        let re = 0, im = 0;
        const row = 2 * r * dim;
        for (let c = 0; c < dim; c++) {
          const mr = m[row + 2 * c]!, mi = m[row + 2 * c + 1]!;
          const xr = v[2 * c]!, xi = v[2 * c + 1]!;
          re += mr * xr - mi * xi;
          im += mr * xi + mi * xr;
        }
        state[p + offsets[r]!] = re;
        state[p + offsets[r]! + 1] = im;
      }
      i = ((i | mask) + 1) & keep;
    }
  }
}

/**
 * denseK on 3 qubits (a custom 8×8 unitary, or a 3-qubit block): the eight amplitudes of a group
 * in locals, each output row one unrolled sum over them (the general loop goes through a scratch
 * array and an inner loop per row: 2× the time).
 */
function dense3(state: Amplitudes, offsets: Float64Array, m: Float64Array, mask: number, cval: number, begin: number, end: number): void {
  const keep = ~mask;
  const o1 = offsets[1]!, o2 = offsets[2]!, o3 = offsets[3]!, o4 = offsets[4]!, o5 = offsets[5]!, o6 = offsets[6]!, o7 = offsets[7]!;
  let i = insertZeros(begin, mask);
  for (let k = begin; k < end;) {
    for (const stop = Math.min(end, k + LOOP_CHUNK / 8); k < stop; k++) {
      const p = 2 * (i | cval);
      const x0r = state[p]!, x0i = state[p + 1]!, x1r = state[p + o1]!, x1i = state[p + o1 + 1]!;
      const x2r = state[p + o2]!, x2i = state[p + o2 + 1]!, x3r = state[p + o3]!, x3i = state[p + o3 + 1]!;
      const x4r = state[p + o4]!, x4i = state[p + o4 + 1]!, x5r = state[p + o5]!, x5i = state[p + o5 + 1]!;
      const x6r = state[p + o6]!, x6i = state[p + o6 + 1]!, x7r = state[p + o7]!, x7i = state[p + o7 + 1]!;
      for (let r = 0, row = 0; r < 8; r++, row += 16) {
        const a0r = m[row]!, a0i = m[row + 1]!, a1r = m[row + 2]!, a1i = m[row + 3]!;
        const a2r = m[row + 4]!, a2i = m[row + 5]!, a3r = m[row + 6]!, a3i = m[row + 7]!;
        const a4r = m[row + 8]!, a4i = m[row + 9]!, a5r = m[row + 10]!, a5i = m[row + 11]!;
        const a6r = m[row + 12]!, a6i = m[row + 13]!, a7r = m[row + 14]!, a7i = m[row + 15]!;
        const q = p + offsets[r]!;
        state[q] = a0r * x0r - a0i * x0i + a1r * x1r - a1i * x1i + a2r * x2r - a2i * x2i + a3r * x3r - a3i * x3i
          + a4r * x4r - a4i * x4i + a5r * x5r - a5i * x5i + a6r * x6r - a6i * x6i + a7r * x7r - a7i * x7i;
        state[q + 1] = a0r * x0i + a0i * x0r + a1r * x1i + a1i * x1r + a2r * x2i + a2i * x2r + a3r * x3i + a3i * x3r
          + a4r * x4i + a4i * x4r + a5r * x5i + a5i * x5r + a6r * x6i + a6i * x6r + a7r * x7i + a7i * x7r;
      }
      i = ((i | mask) + 1) & keep;
    }
  }
}

function scale(state: Amplitudes, re: number, im: number, begin: number, end: number): void {
  if (begin < end) scaleRange(state, re, im, 2 * begin, 2 * end);
}

function sumSquaresByBit(state: Amplitudes, t: number): [number, number] {
  const mask = 1 << t, keep = ~mask;
  const stride = 2 << t;
  const pairs = state.length / 4;
  let s0 = 0, s1 = 0;
  let i = 0;
  for (let k = 0; k < pairs;) {
    for (const stop = Math.min(pairs, k + LOOP_CHUNK / 2); k < stop; k++) {
      const p = 2 * i, q = p + stride;
      s0 += state[p]! * state[p]! + state[p + 1]! * state[p + 1]!;
      s1 += state[q]! * state[q]! + state[q + 1]! * state[q + 1]!;
      i = ((i | mask) + 1) & keep;
    }
  }
  return [s0, s1];
}

function sumSquares(state: Amplitudes, begin: number, end: number): number {
  // Four accumulators: one serial sum is latency-bound.
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  let p = 2 * begin;
  const stop = 2 * end;
  while (p + 8 <= stop) {
    for (const chunkStop = Math.min(stop, p + 2 * LOOP_CHUNK); p + 8 <= chunkStop; p += 8) {
      s0 += state[p]! * state[p]! + state[p + 1]! * state[p + 1]!;
      s1 += state[p + 2]! * state[p + 2]! + state[p + 3]! * state[p + 3]!;
      s2 += state[p + 4]! * state[p + 4]! + state[p + 5]! * state[p + 5]!;
      s3 += state[p + 6]! * state[p + 6]! + state[p + 7]! * state[p + 7]!;
    }
  }
  for (; p < stop; p += 2) s0 += state[p]! * state[p]! + state[p + 1]! * state[p + 1]!;
  return s0 + s1 + s2 + s3;
}

/**
 * Product of one-qubit phases (see phase-product.ts): per run of 64 amplitudes one high factor
 * h = (H1·H2)·H3, then each amplitude times its low factor, then times h (the wasm kernel's order).
 */
function phaseProduct(state: Amplitudes, qubits: Int32Array, phases: Float64Array, cmask: number, cval: number, begin: number, end: number): void {
  if (begin >= end) return;
  const { low, lowSkip, lowMode, high } = phaseProductTables(qubits, phases, cmask, cval);
  const highCmask = cmask & ~63, highCval = cval & ~63;
  for (let i = begin; i < end;) {
    const rend = Math.min(end, (i | 63) + 1);
    if ((i & highCmask) === highCval) {
      const x1 = 2 * ((i >>> 6) & 255), x2 = 2 * (256 + ((i >>> 14) & 255)), x3 = 2 * (512 + ((i >>> 22) & 255));
      const ar = high[x1]!, ai = high[x1 + 1]!, br = high[x2]!, bi = high[x2 + 1]!;
      const tr = ar * br - ai * bi, ti = ar * bi + ai * br;
      const cr = high[x3]!, ci = high[x3 + 1]!;
      const hr = tr * cr - ti * ci, hi = tr * ci + ti * cr;
      if (lowMode === 0) scaleRange(state, hr, hi, 2 * i, 2 * rend);
      else {
        for (let j = i; j < rend; j++) {
          const l = j & 63;
          if (lowSkip[l] === 1) continue;
          const p = 2 * j;
          const lr = low[2 * l]!, li = low[2 * l + 1]!;
          const vr = state[p]!, vi = state[p + 1]!;
          const wr = vr * lr - vi * li, wi = vi * lr + vr * li;
          state[p] = wr * hr - wi * hi;
          state[p + 1] = wi * hr + wr * hi;
        }
      }
    }
    i = rend;
  }
}

/**
 * dense1 on t, then the phase factor of the pair (bit t carries none, so both amplitudes share
 * it) on the side-`side` amplitude: low factor, then the high factor (the wasm kernel's order).
 */
function dense1Phased(state: Amplitudes, t: number, m: Float64Array, qubits: Int32Array, phases: Float64Array, side: number, begin: number, end: number): void {
  if (begin >= end) return;
  const { low, lowMode, high } = phaseProductTables(qubits, phases, 0, 0);
  const m00r = m[0]!, m00i = m[1]!, m01r = m[2]!, m01i = m[3]!, m10r = m[4]!, m10i = m[5]!, m11r = m[6]!, m11i = m[7]!;
  const below = (1 << t) - 1;
  const stride = 2 << t;
  if (side === 1 && m00i === 0 && m01i === 0 && m10i === 0 && m11i === 0 && m00r === m01r && m10r === -m11r) {
    return hadamardPhases(state, t, m00r, m10r, lowMode === 0 ? undefined : low, high, begin, end);
  }
  // The high factor changes once per run of 64 amplitudes: recomputed only when i >>> 6 does.
  let run = -1;
  let hr = 1, hi = 0;
  for (let k = begin; k < end;) for (const stop = Math.min(end, k + LOOP_CHUNK / 2); k < stop; k++) {
    const i = ((k & ~below) << 1) | (k & below);
    if (i >>> 6 !== run) {
      run = i >>> 6;
      const x1 = 2 * (run & 255), x2 = 2 * (256 + ((i >>> 14) & 255)), x3 = 2 * (512 + ((i >>> 22) & 255));
      const tr = high[x1]! * high[x2]! - high[x1 + 1]! * high[x2 + 1]!, ti = high[x1]! * high[x2 + 1]! + high[x1 + 1]! * high[x2]!;
      hr = tr * high[x3]! - ti * high[x3 + 1]!;
      hi = tr * high[x3 + 1]! + ti * high[x3]!;
    }
    const p = 2 * i, q = p + stride;
    const ar = state[p]!, ai = state[p + 1]!, br = state[q]!, bi = state[q + 1]!;
    const xr = ar * m00r - ai * m00i + br * m01r - bi * m01i, xi = ai * m00r + ar * m00i + bi * m01r + br * m01i;
    const yr = ar * m10r - ai * m10i + br * m11r - bi * m11i, yi = ai * m10r + ar * m10i + bi * m11r + br * m11i;
    const l = 2 * (i & 63);
    const lr = low[l]!, li = low[l + 1]!;
    // The pair shares its phase factor (bit t carries none): low factor first, then high (the wasm order).
    const vr = side === 1 ? yr : xr, vi = side === 1 ? yi : xi;
    const wr = vr * lr - vi * li, wi = vi * lr + vr * li;
    const fr = wr * hr - wi * hi, fi = wi * hr + wr * hi;
    if (side === 1) {
      state[p] = xr; state[p + 1] = xi; state[q] = fr; state[q + 1] = fi;
    } else {
      state[p] = fr; state[p + 1] = fi; state[q] = yr; state[q + 1] = yi;
    }
  }
}

/**
 * dense1Phased for a QFT layer: rows (c, c) and (c', −c'), phases on the |1⟩ side, so
 * x = c·(a + b), y = (a − b)·w with w = c'·h·l, h the high factor of the pair's 64-amplitude block
 * and l its low factor (`low` undefined: every low factor is 1). The pairs of one block share h:
 * 64 pairs when t ≥ 6 (consecutive amplitudes), 32 when t < 6 (both members in the block).
 */
function hadamardPhases(state: Amplitudes, t: number, c: number, cq: number, low: Float64Array | undefined, high: Float64Array, begin: number, end: number): void {
  const below = (1 << t) - 1;
  const stride = 2 << t;
  const block = t >= 6 ? 64 : 32; // pairs per 64-amplitude block
  for (let k = begin; k < end;) {
    const i0 = ((k & ~below) << 1) | (k & below);
    const stop = Math.min(end, (k | (block - 1)) + 1);
    const x1 = 2 * ((i0 >>> 6) & 255), x2 = 2 * (256 + ((i0 >>> 14) & 255)), x3 = 2 * (512 + ((i0 >>> 22) & 255));
    const tr = high[x1]! * high[x2]! - high[x1 + 1]! * high[x2 + 1]!, ti = high[x1]! * high[x2 + 1]! + high[x1 + 1]! * high[x2]!;
    const hr = (tr * high[x3]! - ti * high[x3 + 1]!) * cq;
    const hi = (tr * high[x3 + 1]! + ti * high[x3]!) * cq;
    if (low === undefined) {
      for (; k < stop; k++) {
        const p = 2 * (((k & ~below) << 1) | (k & below)), q = p + stride;
        const ar = state[p]!, ai = state[p + 1]!, br = state[q]!, bi = state[q + 1]!;
        state[p] = (ar + br) * c;
        state[p + 1] = (ai + bi) * c;
        const yr = ar - br, yi = ai - bi;
        state[q] = yr * hr - yi * hi;
        state[q + 1] = yi * hr + yr * hi;
      }
    } else {
      for (; k < stop; k++) {
        const i = ((k & ~below) << 1) | (k & below);
        const p = 2 * i, q = p + stride, l = 2 * (i & 63);
        const lr = low[l]!, li = low[l + 1]!;
        const wr = hr * lr - hi * li, wi = hr * li + hi * lr;
        const ar = state[p]!, ai = state[p + 1]!, br = state[q]!, bi = state[q + 1]!;
        state[p] = (ar + br) * c;
        state[p + 1] = (ai + bi) * c;
        const yr = ar - br, yi = ai - bi;
        state[q] = yr * wr - yi * wi;
        state[q + 1] = yi * wr + yr * wi;
      }
    }
  }
}

export const tsKernels: Kernels = { name: 'ts', dense1, phase1, x1, swap2, dense2, diag, phaseProduct, dense1Phased, denseK, scale, sumSquares, sumSquaresByBit };

/** Kernels index amplitudes with 32-bit integer bit operations: 2^30 amplitudes (16 GiB) at most. */
export const TS_MAX_QUBITS = 30;

export const tsBackend: Backend = {
  name: 'ts',
  maxQubits: TS_MAX_QUBITS,
  precisions: ['double', 'single'],
  allocate(numQubits, options = {}) {
    const length = 2 * 2 ** numQubits;
    if (options.precision === 'single') {
      const data = options.shared ? new Float32Array(new SharedArrayBuffer(4 * length)) : new Float32Array(length);
      return { data, kernels: tsKernels };
    }
    const data = options.shared ? new Float64Array(new SharedArrayBuffer(8 * length)) : new Float64Array(length);
    return { data, kernels: tsKernels };
  },
};
