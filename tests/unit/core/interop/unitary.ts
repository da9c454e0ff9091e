import type { Circuit } from '../../../../src/core/circuit/circuit.ts';
import type { Matrix } from '../../../../src/core/gates/matrix.ts';
import { simulate } from '../../../../src/core/sim/simulate.ts';
import { StateVector } from '../../../../src/core/sim/state.ts';

/** The circuit's unitary, column by column: simulate each basis state (bit j of an index = qubit j). */
export function unitaryOf(circuit: Circuit, params: Record<string, number> = {}): Matrix {
  const d = 2 ** circuit.numQubits;
  const out = new Float64Array(2 * d * d);
  for (let c = 0; c < d; c++) {
    const amps = new Float64Array(2 * d);
    amps[2 * c] = 1;
    const state = StateVector.fromAmplitudes(amps, { backend: 'ts' });
    simulate(circuit, { initialState: state, params, fuse: false });
    for (let r = 0; r < d; r++) {
      out[2 * (r * d + c)] = state.data[2 * r]!;
      out[2 * (r * d + c) + 1] = state.data[2 * r + 1]!;
    }
  }
  return out;
}

/** max |a − e^{iφ}b| over entries, with φ chosen from the largest entry of b (0 when exact phases are wanted). */
export function distanceUpToPhase(a: Matrix, b: Matrix): number {
  let k = 0;
  for (let i = 0; i < b.length; i += 2) if (Math.hypot(b[i]!, b[i + 1]!) > Math.hypot(b[k]!, b[k + 1]!)) k = i;
  // phase = a_k / b_k
  const br = b[k]!, bi = b[k + 1]!, n = br * br + bi * bi;
  const pr = (a[k]! * br + a[k + 1]! * bi) / n, pi = (a[k + 1]! * br - a[k]! * bi) / n;
  let worst = 0;
  for (let i = 0; i < a.length; i += 2) {
    const re = b[i]! * pr - b[i + 1]! * pi, im = b[i]! * pi + b[i + 1]! * pr;
    worst = Math.max(worst, Math.hypot(a[i]! - re, a[i + 1]! - im));
  }
  return worst;
}

export function distance(a: Matrix, b: Matrix): number {
  let worst = 0;
  for (let i = 0; i < a.length; i += 2) worst = Math.max(worst, Math.hypot(a[i]! - b[i]!, a[i + 1]! - b[i + 1]!));
  return worst;
}
