import { fail } from '../errors.ts';
import type { StateVector } from '../sim/state.ts';

/** Bloch vector (x, y, z) of one qubit's reduced density matrix; its length < 1 means entangled/mixed. */
export function blochVector(state: StateVector, qubit: number): [number, number, number] {
  if (!Number.isInteger(qubit) || qubit < 0 || qubit >= state.numQubits) {
    fail('invalid-argument', `qubit ${qubit} is out of range for a ${state.numQubits}-qubit state`);
  }
  const data = state.data;
  const half = 2 ** qubit;
  let rho00 = 0, rho11 = 0, re01 = 0, im01 = 0;
  for (let block = 0; block < state.length; block += 2 * half) {
    for (let i = block; i < block + half; i++) {
      const p = 2 * i, q = 2 * (i + half);
      const ar = data[p]!, ai = data[p + 1]!, br = data[q]!, bi = data[q + 1]!;
      rho00 += ar * ar + ai * ai;
      rho11 += br * br + bi * bi;
      // ρ01 = Σ a · conj(b)
      re01 += ar * br + ai * bi;
      im01 += ai * br - ar * bi;
    }
  }
  return [2 * re01, -2 * im01, rho00 - rho11];
}

export function blochVectors(state: StateVector): [number, number, number][] {
  return Array.from({ length: state.numQubits }, (_, q) => blochVector(state, q));
}
