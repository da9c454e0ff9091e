import { fail } from '../errors.ts';
import type { StateVector } from '../sim/state.ts';

function checkQubit(state: StateVector, q: number): void {
  if (!Number.isInteger(q) || q < 0 || q >= state.numQubits) {
    fail('invalid-argument', `qubit ${q} is out of range for a ${state.numQubits}-qubit state`);
  }
}

/** |a_i|² for every basis index i (bit q of i = qubit q). */
export function probabilities(state: StateVector): Float64Array {
  const data = state.data;
  const out = new Float64Array(state.length);
  for (let i = 0, p = 0; i < out.length; i++, p += 2) out[i] = data[p]! * data[p]! + data[p + 1]! * data[p + 1]!;
  return out;
}

/** From this run length up, probabilityOfOne sums each run with the kernels (a call per run). */
const BLOCK_KERNEL_MIN = 64;

/** Probability that `qubit` reads 1. */
export function probabilityOfOne(state: StateVector, qubit: number): number {
  checkQubit(state, qubit);
  const data = state.data;
  const half = 2 ** qubit;
  const length = state.length;
  if (half >= BLOCK_KERNEL_MIN) {
    // Runs of 2^qubit amplitudes: the backend's sum of squares (SIMD on wasm) per run.
    let sum = 0;
    for (let block = half; block < length; block += 2 * half) sum += state.kernels.sumSquares(state.data, block, block + half);
    return sum;
  }
  let sum0 = 0, sum1 = 0;
  for (let block = half; block < length; block += 2 * half) {
    const stop = 2 * (block + half);
    let p = 2 * block;
    for (; p + 2 < stop; p += 4) {
      sum0 += data[p]! * data[p]! + data[p + 1]! * data[p + 1]!;
      sum1 += data[p + 2]! * data[p + 2]! + data[p + 3]! * data[p + 3]!;
    }
    for (; p < stop; p += 2) sum0 += data[p]! * data[p]! + data[p + 1]! * data[p + 1]!;
  }
  return sum0 + sum1;
}

/** Marginal distribution of `qubits`: entry j has bit k = value of qubits[k]. */
export function marginalProbabilities(state: StateVector, qubits: readonly number[]): Float64Array {
  const seen = new Set<number>();
  for (const q of qubits) {
    checkQubit(state, q);
    if (seen.has(q)) fail('invalid-argument', `qubit ${q} is listed twice`);
    seen.add(q);
  }
  if (qubits.length > 26) fail('invalid-argument', 'a marginal over more than 26 qubits is too large to return');
  const out = new Float64Array(2 ** qubits.length);
  const data = state.data;
  const k = qubits.length;
  for (let i = 0; i < state.length; i++) {
    let j = 0;
    for (let b = 0; b < k; b++) j |= ((i >>> qubits[b]!) & 1) << b;
    out[j] += data[2 * i]! * data[2 * i]! + data[2 * i + 1]! * data[2 * i + 1]!;
  }
  return out;
}
