import type { Backend, Kernels } from './kernels.ts';

/**
 * Portable TypeScript kernels: the reference backend, any size up to 30 qubits.
 *
 * Layout per call (as in the WebAssembly kernels, see wasm/kernels.wat): work item k maps to the
 * amplitude index insertZeros(k, mask) | cval, mask = targets | controls. Consecutive items form
 * runs: within a run, items are `low` = 2^r amplitudes apart (r = the number of trailing ones of
 * the mask), and a run holds up to 2^(p − r) items (p = the lowest mask bit above r). So the
 * index is computed once per call, and between runs with the next-run formula
 * ((last | mask) + 1) & ~mask, never per item.
 *
 * Hot loops are specialised for the common shapes (a contiguous run, adjacent pairs on qubit 0,
 * adjacent quads on qubits 0 and 1, real matrices), unrolled to one cache line per iteration,
 * with every matrix entry in a local: one monomorphic function per kernel on Float64Array.
 *
 * Read-ahead: scalar JavaScript issues so many instructions per cache line that the out-of-order
 * core keeps only a few lines in flight, and on a state larger than the cache a plain loop runs at
 * a third of the memory bandwidth. The long loops therefore also read one double AHEAD doubles
 * further on (clamped to the last item of the run, so they never read outside their own work
 * items), which starts those misses early; the values are summed into a sink so the reads stay.
 */

/** Doubles read ahead in long loops (32 KiB): measured best of 1–8K on the 2-core Xeon VM. */
const AHEAD = 4096;
/** Keeps the read-ahead loads alive (a value the optimiser cannot prove unused). */
const readAheadSink = new Float64Array(1);

/** Index of work item k: zero bits inserted at the positions of `mask`, lowest first. */
function insertZeros(k: number, mask: number): number {
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
function stepOf(mask: number): number {
  return ~mask & (mask + 1);
}

/** Items per run (2^30 when the mask has no bit above its trailing ones: one run). */
function runOf(mask: number): number {
  const low = ~mask & (mask + 1);
  const above = mask & ~(low - 1);
  return above === 0 ? 1 << 30 : (above & -above) / low;
}

/** First index of the run after the one whose last item is at amplitude index `last` (without cval). */
function nextRun(last: number, mask: number): number {
  return ((last | mask) + 1) & ~mask;
}

/** Sorted bit positions of the mask, lowest first. */
function positionsOf(mask: number): number[] {
  const out: number[] = [];
  for (let q = 0; q < 31; q++) if ((mask >>> q) & 1) out.push(q);
  return out;
}

function insertZerosAt(k: number, positions: readonly number[]): number {
  let i = k;
  for (let j = 0; j < positions.length; j++) {
    const p = positions[j]!;
    const low = i & ((1 << p) - 1);
    i = ((i >>> p) << (p + 1)) | low;
  }
  return i;
}


function dense1(state: Float64Array, t: number, m: Float64Array, cmask: number, cval: number, begin: number, end: number): void {
  if (begin >= end) return;
  const m00r = m[0]!, m00i = m[1]!, m01r = m[2]!, m01i = m[3]!;
  const m10r = m[4]!, m10i = m[5]!, m11r = m[6]!, m11i = m[7]!;
  // H, RY, X-like products: half the multiplies.
  const real = m00i === 0 && m01i === 0 && m10i === 0 && m11i === 0;
  const mask = cmask | (1 << t);
  const low = stepOf(mask), run = runOf(mask);
  const stride = 2 << t; // doubles from an amplitude to its |1⟩ partner
  const step = 2 * low; // doubles between consecutive items of a run
  const aheadBy = Math.max(AHEAD, step); // a multiple of step: the read-ahead lands on an item
  const adjacent = t === 0 && low === 2; // pairs (2j, 2j + 1): a run is one contiguous stretch
  let off = insertZeros(begin, mask);
  let k = begin;
  let ahead = 0;
  for (;;) {
    const rend = Math.min(end, (k | (run - 1)) + 1);
    const count = rend - k;
    let p = 2 * (off | cval);
    const last = p + step * (count - 1);
    let i = count;
    if (real) {
      if (low === 1) {
        // contiguous run: two streams (p and its partner), one pair per stream at a time
        for (; i >= 2; i -= 2, p += 4) {
          const f = Math.min(p + aheadBy, last);
          ahead += state[f]! + state[f + stride]!;
          const q = p + stride;
          let ar = state[p]!, ai = state[p + 1]!, br = state[q]!, bi = state[q + 1]!;
          state[p] = m00r * ar + m01r * br;
          state[p + 1] = m00r * ai + m01r * bi;
          state[q] = m10r * ar + m11r * br;
          state[q + 1] = m10r * ai + m11r * bi;
          ar = state[p + 2]!; ai = state[p + 3]!; br = state[q + 2]!; bi = state[q + 3]!;
          state[p + 2] = m00r * ar + m01r * br;
          state[p + 3] = m00r * ai + m01r * bi;
          state[q + 2] = m10r * ar + m11r * br;
          state[q + 3] = m10r * ai + m11r * bi;
        }
      } else if (adjacent) {
        for (; i >= 2; i -= 2, p += 8) {
          ahead += state[Math.min(p + aheadBy, last)]!;
          let ar = state[p]!, ai = state[p + 1]!, br = state[p + 2]!, bi = state[p + 3]!;
          state[p] = m00r * ar + m01r * br;
          state[p + 1] = m00r * ai + m01r * bi;
          state[p + 2] = m10r * ar + m11r * br;
          state[p + 3] = m10r * ai + m11r * bi;
          ar = state[p + 4]!; ai = state[p + 5]!; br = state[p + 6]!; bi = state[p + 7]!;
          state[p + 4] = m00r * ar + m01r * br;
          state[p + 5] = m00r * ai + m01r * bi;
          state[p + 6] = m10r * ar + m11r * br;
          state[p + 7] = m10r * ai + m11r * bi;
        }
      }
      for (; i > 0; i--, p += step) {
        const f = Math.min(p + aheadBy, last);
        ahead += state[f]! + state[f + stride]!;
        const q = p + stride;
        const ar = state[p]!, ai = state[p + 1]!, br = state[q]!, bi = state[q + 1]!;
        state[p] = m00r * ar + m01r * br;
        state[p + 1] = m00r * ai + m01r * bi;
        state[q] = m10r * ar + m11r * br;
        state[q + 1] = m10r * ai + m11r * bi;
      }
    } else {
      if (low === 1) {
        for (; i >= 2; i -= 2, p += 4) {
          const f = Math.min(p + aheadBy, last);
          ahead += state[f]! + state[f + stride]!;
          const q = p + stride;
          let ar = state[p]!, ai = state[p + 1]!, br = state[q]!, bi = state[q + 1]!;
          state[p] = m00r * ar - m00i * ai + m01r * br - m01i * bi;
          state[p + 1] = m00r * ai + m00i * ar + m01r * bi + m01i * br;
          state[q] = m10r * ar - m10i * ai + m11r * br - m11i * bi;
          state[q + 1] = m10r * ai + m10i * ar + m11r * bi + m11i * br;
          ar = state[p + 2]!; ai = state[p + 3]!; br = state[q + 2]!; bi = state[q + 3]!;
          state[p + 2] = m00r * ar - m00i * ai + m01r * br - m01i * bi;
          state[p + 3] = m00r * ai + m00i * ar + m01r * bi + m01i * br;
          state[q + 2] = m10r * ar - m10i * ai + m11r * br - m11i * bi;
          state[q + 3] = m10r * ai + m10i * ar + m11r * bi + m11i * br;
        }
      } else if (adjacent) {
        for (; i >= 2; i -= 2, p += 8) {
          ahead += state[Math.min(p + aheadBy, last)]!;
          let ar = state[p]!, ai = state[p + 1]!, br = state[p + 2]!, bi = state[p + 3]!;
          state[p] = m00r * ar - m00i * ai + m01r * br - m01i * bi;
          state[p + 1] = m00r * ai + m00i * ar + m01r * bi + m01i * br;
          state[p + 2] = m10r * ar - m10i * ai + m11r * br - m11i * bi;
          state[p + 3] = m10r * ai + m10i * ar + m11r * bi + m11i * br;
          ar = state[p + 4]!; ai = state[p + 5]!; br = state[p + 6]!; bi = state[p + 7]!;
          state[p + 4] = m00r * ar - m00i * ai + m01r * br - m01i * bi;
          state[p + 5] = m00r * ai + m00i * ar + m01r * bi + m01i * br;
          state[p + 6] = m10r * ar - m10i * ai + m11r * br - m11i * bi;
          state[p + 7] = m10r * ai + m10i * ar + m11r * bi + m11i * br;
        }
      }
      for (; i > 0; i--, p += step) {
        const f = Math.min(p + aheadBy, last);
        ahead += state[f]! + state[f + stride]!;
        const q = p + stride;
        const ar = state[p]!, ai = state[p + 1]!, br = state[q]!, bi = state[q + 1]!;
        state[p] = m00r * ar - m00i * ai + m01r * br - m01i * bi;
        state[p + 1] = m00r * ai + m00i * ar + m01r * bi + m01i * br;
        state[q] = m10r * ar - m10i * ai + m11r * br - m11i * bi;
        state[q + 1] = m10r * ai + m10i * ar + m11r * bi + m11i * br;
      }
    }
    k = rend;
    if (k >= end) break;
    off = nextRun(off + low * (count - 1), mask);
  }
  readAheadSink[0] = ahead;
}

function phase1(state: Float64Array, t: number, re: number, im: number, cmask: number, cval: number, begin: number, end: number): void {
  const positions = positionsOf(cmask | (1 << t));
  const runLength = 1 << positions[0]!;
  const set = cval | (1 << t);
  let k = begin;
  while (k < end) {
    const runEnd = Math.min(end, k - (k & (runLength - 1)) + runLength);
    let p = 2 * (insertZerosAt(k, positions) | set);
    for (; k < runEnd; k++, p += 2) {
      const ar = state[p]!, ai = state[p + 1]!;
      state[p] = ar * re - ai * im;
      state[p + 1] = ar * im + ai * re;
    }
  }
}

function x1(state: Float64Array, t: number, cmask: number, cval: number, begin: number, end: number): void {
  const stride = 2 * (1 << t);
  const positions = positionsOf(cmask | (1 << t));
  const runLength = 1 << positions[0]!;
  let k = begin;
  while (k < end) {
    const runEnd = Math.min(end, k - (k & (runLength - 1)) + runLength);
    let p = 2 * (insertZerosAt(k, positions) | cval);
    for (; k < runEnd; k++, p += 2) {
      const q = p + stride;
      const ar = state[p]!, ai = state[p + 1]!;
      state[p] = state[q]!;
      state[p + 1] = state[q + 1]!;
      state[q] = ar;
      state[q + 1] = ai;
    }
  }
}

function swap2(state: Float64Array, a: number, b: number, cmask: number, cval: number, begin: number, end: number): void {
  const positions = positionsOf(cmask | (1 << a) | (1 << b));
  const runLength = 1 << positions[0]!;
  const offA = 2 * (1 << a);
  const offB = 2 * (1 << b);
  let k = begin;
  while (k < end) {
    const runEnd = Math.min(end, k - (k & (runLength - 1)) + runLength);
    let p = 2 * (insertZerosAt(k, positions) | cval);
    for (; k < runEnd; k++, p += 2) {
      const x = p + offA, y = p + offB;
      const r = state[x]!, i = state[x + 1]!;
      state[x] = state[y]!;
      state[x + 1] = state[y + 1]!;
      state[y] = r;
      state[y + 1] = i;
    }
  }
}

function dense2(state: Float64Array, q0: number, q1: number, m: Float64Array, cmask: number, cval: number, begin: number, end: number): void {
  const positions = positionsOf(cmask | (1 << q0) | (1 << q1));
  const runLength = 1 << positions[0]!;
  const o1 = 2 * (1 << q0), o2 = 2 * (1 << q1), o3 = o1 + o2;
  const v = new Float64Array(8);
  let k = begin;
  while (k < end) {
    const runEnd = Math.min(end, k - (k & (runLength - 1)) + runLength);
    let p = 2 * (insertZerosAt(k, positions) | cval);
    for (; k < runEnd; k++, p += 2) {
      v[0] = state[p]!; v[1] = state[p + 1]!;
      v[2] = state[p + o1]!; v[3] = state[p + o1 + 1]!;
      v[4] = state[p + o2]!; v[5] = state[p + o2 + 1]!;
      v[6] = state[p + o3]!; v[7] = state[p + o3 + 1]!;
      for (let r = 0; r < 4; r++) {
        let re = 0, im = 0;
        for (let c = 0; c < 4; c++) {
          const mr = m[8 * r + 2 * c]!, mi = m[8 * r + 2 * c + 1]!;
          const xr = v[2 * c]!, xi = v[2 * c + 1]!;
          re += mr * xr - mi * xi;
          im += mr * xi + mi * xr;
        }
        const dst = p + (r === 0 ? 0 : r === 1 ? o1 : r === 2 ? o2 : o3);
        state[dst] = re;
        state[dst + 1] = im;
      }
    }
  }
}

function diag(state: Float64Array, qubits: Int32Array, d: Float64Array, cmask: number, cval: number, begin: number, end: number): void {
  let mask = cmask;
  for (let j = 0; j < qubits.length; j++) mask |= 1 << qubits[j]!;
  // Within a run below the lowest involved bit, the diagonal entry and the control match are constant.
  const lowest = mask === 0 ? 31 : 31 - Math.clz32(mask & -mask);
  const runLength = lowest >= 30 ? Math.max(1, end - begin) : 1 << lowest;
  let i = begin;
  while (i < end) {
    const runEnd = Math.min(end, i - (i % runLength) + runLength);
    if ((i & cmask) === cval) {
      let local = 0;
      for (let j = 0; j < qubits.length; j++) local |= ((i >>> qubits[j]!) & 1) << j;
      const re = d[2 * local]!, im = d[2 * local + 1]!;
      if (re !== 1 || im !== 0) {
        for (let p = 2 * i, stop = 2 * runEnd; p < stop; p += 2) {
          const ar = state[p]!, ai = state[p + 1]!;
          state[p] = ar * re - ai * im;
          state[p + 1] = ar * im + ai * re;
        }
      }
    }
    i = runEnd;
  }
}

function denseK(state: Float64Array, qubits: Int32Array, m: Float64Array, cmask: number, cval: number, begin: number, end: number): void {
  let mask = cmask;
  for (let j = 0; j < qubits.length; j++) mask |= 1 << qubits[j]!;
  const positions = positionsOf(mask);
  const dim = 1 << qubits.length;
  const offsets = new Float64Array(dim);
  for (let local = 0; local < dim; local++) {
    let off = 0;
    for (let j = 0; j < qubits.length; j++) if ((local >>> j) & 1) off += 1 << qubits[j]!;
    offsets[local] = 2 * off;
  }
  const v = new Float64Array(2 * dim);
  for (let k = begin; k < end; k++) {
    const p = 2 * (insertZerosAt(k, positions) | cval);
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
  }
}

function scale(state: Float64Array, re: number, im: number, begin: number, end: number): void {
  for (let p = 2 * begin, stop = 2 * end; p < stop; p += 2) {
    const ar = state[p]!, ai = state[p + 1]!;
    state[p] = ar * re - ai * im;
    state[p + 1] = ar * im + ai * re;
  }
}

function sumSquares(state: Float64Array, begin: number, end: number): number {
  // Four accumulators: one serial sum is latency-bound.
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  let p = 2 * begin;
  const stop = 2 * end;
  for (; p + 8 <= stop; p += 8) {
    s0 += state[p]! * state[p]! + state[p + 1]! * state[p + 1]!;
    s1 += state[p + 2]! * state[p + 2]! + state[p + 3]! * state[p + 3]!;
    s2 += state[p + 4]! * state[p + 4]! + state[p + 5]! * state[p + 5]!;
    s3 += state[p + 6]! * state[p + 6]! + state[p + 7]! * state[p + 7]!;
  }
  for (; p < stop; p += 2) s0 += state[p]! * state[p]! + state[p + 1]! * state[p + 1]!;
  return s0 + s1 + s2 + s3;
}

export const tsKernels: Kernels = { name: 'ts', dense1, phase1, x1, swap2, dense2, diag, denseK, scale, sumSquares };

/** Kernels index amplitudes with 32-bit integer bit operations: 2^30 amplitudes (16 GiB) at most. */
export const TS_MAX_QUBITS = 30;

export const tsBackend: Backend = {
  name: 'ts',
  maxQubits: TS_MAX_QUBITS,
  allocate(numQubits, options = {}) {
    const length = 2 * 2 ** numQubits;
    const data = options.shared
      ? new Float64Array(new SharedArrayBuffer(length * Float64Array.BYTES_PER_ELEMENT))
      : new Float64Array(length);
    return { data, kernels: tsKernels };
  },
};
