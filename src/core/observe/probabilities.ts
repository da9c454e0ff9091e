import { fail } from '../errors.ts';
import { LOOP_CHUNK } from '../sim/kernels.ts';
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
  for (let i = 0; i < out.length;) {
    for (const stop = Math.min(out.length, i + LOOP_CHUNK); i < stop; i++) out[i] = data[2 * i]! * data[2 * i]! + data[2 * i + 1]! * data[2 * i + 1]!;
  }
  return out;
}

/** From this run length up, probabilityOfOne sums only the runs with the bit set (a call per run). */
const BLOCK_KERNEL_MIN = 64;

/** Probability that `qubit` reads 1. */
export function probabilityOfOne(state: StateVector, qubit: number): number {
  checkQubit(state, qubit);
  const half = 2 ** qubit;
  if (half < BLOCK_KERNEL_MIN) return state.kernels.sumSquaresByBit(state.data, qubit)[1]; // short runs: every cache line is read anyway
  // Runs of 2^qubit amplitudes: the backend's sum of squares (SIMD on wasm) over the runs with the bit set.
  let sum = 0;
  for (let block = half; block < state.length; block += 2 * half) sum += state.kernels.sumSquares(state.data, block, block + half);
  return sum;
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
  for (let i = 0; i < state.length;) {
    for (const stop = Math.min(state.length, i + LOOP_CHUNK); i < stop; i++) {
      let j = 0;
      for (let b = 0; b < k; b++) j |= ((i >>> qubits[b]!) & 1) << b;
      out[j] += data[2 * i]! * data[2 * i]! + data[2 * i + 1]! * data[2 * i + 1]!;
    }
  }
  return out;
}
