import { fail } from '../errors.ts';
import { LOOP_CHUNK } from '../sim/kernels.ts';
import type { StateVector } from '../sim/state.ts';

/** Bloch vector (x, y, z) of one qubit's reduced density matrix; its length < 1 means entangled/mixed. */
export function blochVector(state: StateVector, qubit: number): [number, number, number] {
  if (!Number.isInteger(qubit) || qubit < 0 || qubit >= state.numQubits) {
    fail('invalid-argument', `qubit ${qubit} is out of range for a ${state.numQubits}-qubit state`);
  }
  const data = state.data;
  const mask = 1 << qubit, keep = ~mask;
  const stride = 2 * mask; // doubles from an amplitude to its partner with the bit set
  const pairs = state.length / 2;
  let rho00 = 0, rho11 = 0, re01 = 0, im01 = 0;
  // Pairs in index order: i with bit `qubit` clear (the next such index is ((i | mask) + 1) & ~mask) and i + 2^qubit.
  let i = 0;
  for (let k = 0; k < pairs;) {
    for (const stop = Math.min(pairs, k + LOOP_CHUNK / 2); k < stop; k++) {
      const p = 2 * i, q = p + stride;
      const ar = data[p]!, ai = data[p + 1]!, br = data[q]!, bi = data[q + 1]!;
      rho00 += ar * ar + ai * ai;
      rho11 += br * br + bi * bi;
      // ρ01 = Σ a · conj(b)
      re01 += ar * br + ai * bi;
      im01 += ai * br - ar * bi;
      i = ((i | mask) + 1) & keep;
    }
  }
  return [2 * re01, -2 * im01, rho00 - rho11];
}

export function blochVectors(state: StateVector): [number, number, number][] {
  return Array.from({ length: state.numQubits }, (_, q) => blochVector(state, q));
}
