import type { Backend, Kernels } from './kernels.ts';

/**
 * Portable TypeScript kernels: the reference backend, any size up to 30 qubits.
 *
 * Each kernel enumerates work items k and maps them to amplitude indices by inserting zero bits
 * at the sorted positions of the targets and controls (then OR-ing the control values). Items
 * whose k differ only in the bits below the lowest inserted position map to contiguous
 * amplitudes, so the inner loops run over contiguous runs with plain increments.
 */

/** Sorted bit positions of the mask, lowest first. */
function positionsOf(mask: number): number[] {
  const out: number[] = [];
  for (let q = 0; q < 31; q++) if ((mask >>> q) & 1) out.push(q);
  return out;
}

function insertZeros(k: number, positions: readonly number[]): number {
  let i = k;
  for (let j = 0; j < positions.length; j++) {
    const p = positions[j]!;
    const low = i & ((1 << p) - 1);
    i = ((i >>> p) << (p + 1)) | low;
  }
  return i;
}

function dense1(state: Float64Array, t: number, m: Float64Array, cmask: number, cval: number, begin: number, end: number): void {
  const m00r = m[0]!, m00i = m[1]!, m01r = m[2]!, m01i = m[3]!;
  const m10r = m[4]!, m10i = m[5]!, m11r = m[6]!, m11i = m[7]!;
  const stride = 2 * (1 << t);
  const positions = positionsOf(cmask | (1 << t));
  const runLength = 1 << positions[0]!;
  let k = begin;
  while (k < end) {
    const runEnd = Math.min(end, k - (k & (runLength - 1)) + runLength);
    let p = 2 * (insertZeros(k, positions) | cval);
    for (; k < runEnd; k++, p += 2) {
      const q = p + stride;
      const ar = state[p]!, ai = state[p + 1]!, br = state[q]!, bi = state[q + 1]!;
      state[p] = m00r * ar - m00i * ai + m01r * br - m01i * bi;
      state[p + 1] = m00r * ai + m00i * ar + m01r * bi + m01i * br;
      state[q] = m10r * ar - m10i * ai + m11r * br - m11i * bi;
      state[q + 1] = m10r * ai + m10i * ar + m11r * bi + m11i * br;
    }
  }
}

function phase1(state: Float64Array, t: number, re: number, im: number, cmask: number, cval: number, begin: number, end: number): void {
  const positions = positionsOf(cmask | (1 << t));
  const runLength = 1 << positions[0]!;
  const set = cval | (1 << t);
  let k = begin;
  while (k < end) {
    const runEnd = Math.min(end, k - (k & (runLength - 1)) + runLength);
    let p = 2 * (insertZeros(k, positions) | set);
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
    let p = 2 * (insertZeros(k, positions) | cval);
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
    let p = 2 * (insertZeros(k, positions) | cval);
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
    let p = 2 * (insertZeros(k, positions) | cval);
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
    const p = 2 * (insertZeros(k, positions) | cval);
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
