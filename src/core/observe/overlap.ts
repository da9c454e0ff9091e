import { fail } from '../errors.ts';
import { LOOP_CHUNK } from '../sim/kernels.ts';
import { StateVector } from '../sim/state.ts';

/** ⟨a|b⟩ as [re, im]. */
export function innerProduct(a: StateVector, b: StateVector): [number, number] {
  if (!(a instanceof StateVector) || !(b instanceof StateVector)) fail('invalid-argument', 'innerProduct and fidelity take two StateVectors', { hint: 'simulate(circuit).state is one' });
  if (a.numQubits !== b.numQubits) fail('invalid-argument', `states have ${a.numQubits} and ${b.numQubits} qubits`);
  const x = a.data, y = b.data;
  let re = 0, im = 0;
  for (let p = 0; p < x.length;) {
    for (const stop = Math.min(x.length, p + 2 * LOOP_CHUNK); p < stop; p += 2) {
      re += x[p]! * y[p]! + x[p + 1]! * y[p + 1]!;
      im += x[p]! * y[p + 1]! - x[p + 1]! * y[p]!;
    }
  }
  return [re, im];
}

/** |⟨a|b⟩|² for pure states. */
export function fidelity(a: StateVector, b: StateVector): number {
  const [re, im] = innerProduct(a, b);
  return re * re + im * im;
}
