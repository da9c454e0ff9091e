import { describe, expect, it } from 'vitest';
import { Circuit, type GateOp } from '../../../../src/core/circuit/circuit.ts';
import { gateDefinition, gateNames } from '../../../../src/core/gates/catalogue.ts';
import { availableBackends, StateVector, simulate } from '../../../../src/core/index.ts';
import { applyOperator, operatorOfOp } from '../../helpers/oracle.ts';
import { createRng, maxAbsDiff, pickDistinct, placements, randomState } from '../../helpers/random.ts';

const N = 5;
const TOLERANCE = 1e-12;

function runOp(op: GateOp, input: Float64Array, backend: string): Float64Array {
  const circuit = Circuit.create(N).withOp(op);
  const state = StateVector.fromAmplitudes(input, { backend: backend as 'ts' | 'wasm' });
  simulate(circuit, { initialState: state, fuse: false, seed: 1 });
  return Float64Array.from(state.data);
}

describe.each(availableBackends())('every gate kernel equals its reference matrix (%s backend, 5 qubits, mathjs oracle)', (backend) => {
  const rng = createRng(20261125);
  for (const name of gateNames()) {
    const def = gateDefinition(name)!;
    it(`${name} on every placement`, () => {
      let cases = 0;
      for (const qubits of placements(def.numQubits, N)) {
        const params = Array.from({ length: def.numParams }, () => (rng() - 0.5) * 4 * Math.PI);
        const op: GateOp = { kind: 'gate', gate: name, qubits, ...(params.length ? { params } : {}) };
        const input = randomState(N, rng);
        const expected = applyOperator(operatorOfOp(op, N, params), input);
        expect(maxAbsDiff(runOp(op, input, backend), expected), `${name} on ${qubits}`).toBeLessThan(TOLERANCE);
        cases++;
      }
      expect(cases).toBeGreaterThan(0);
    });
  }

  it('single-qubit gates with extra positive and negative controls (mcx and friends)', () => {
    const names = ['x', 'y', 'z', 'h', 's', 't', 'sx', 'rx', 'ry', 'rz', 'p', 'u'];
    for (const name of names) {
      const def = gateDefinition(name)!;
      for (let trial = 0; trial < 12; trial++) {
        const numControls = 1 + (trial % 4);
        const picked = pickDistinct(1 + numControls, N, rng);
        const negCount = trial % (numControls + 1);
        const params = Array.from({ length: def.numParams }, () => (rng() - 0.5) * 4 * Math.PI);
        const op: GateOp = {
          kind: 'gate', gate: name, qubits: [picked[0]!],
          ...(params.length ? { params } : {}),
          ...(numControls - negCount > 0 ? { controls: picked.slice(1, 1 + numControls - negCount) } : {}),
          ...(negCount > 0 ? { negControls: picked.slice(1 + numControls - negCount) } : {}),
        };
        const input = randomState(N, rng);
        const expected = applyOperator(operatorOfOp(op, N, params), input);
        expect(maxAbsDiff(runOp(op, input, backend), expected), JSON.stringify(op)).toBeLessThan(TOLERANCE);
      }
    }
  });

  it('two- and three-qubit gates with extra controls, and controlled global phase', () => {
    for (const name of ['swap', 'rzz', 'rxx', 'iswap', 'cx', 'ecr', 'gphase', 'ccx']) {
      const def = gateDefinition(name)!;
      for (let trial = 0; trial < 6; trial++) {
        const numControls = Math.min(N - def.numQubits, 1 + (trial % 2));
        const picked = pickDistinct(def.numQubits + numControls, N, rng);
        const params = Array.from({ length: def.numParams }, () => (rng() - 0.5) * 4 * Math.PI);
        const controls = picked.slice(def.numQubits);
        const op: GateOp = {
          kind: 'gate', gate: name, qubits: picked.slice(0, def.numQubits),
          ...(params.length ? { params } : {}),
          ...(trial % 2 === 0 ? { controls } : { negControls: controls }),
        };
        const input = randomState(N, rng);
        const expected = applyOperator(operatorOfOp(op, N, params), input);
        expect(maxAbsDiff(runOp(op, input, backend), expected), JSON.stringify(op)).toBeLessThan(TOLERANCE);
      }
    }
  });

  it('custom unitaries on 1 to 4 qubits', () => {
    for (let k = 1; k <= 4; k++) {
      for (let trial = 0; trial < 4; trial++) {
        const qubits = pickDistinct(k, N, rng);
        const matrix = randomUnitaryRows(k, rng);
        const op: GateOp = { kind: 'gate', gate: 'unitary', qubits, matrix, ...(trial === 3 && k < 4 ? { negControls: pickDistinct(N, N, rng).filter((q) => !qubits.includes(q)).slice(0, 1) } : {}) };
        const input = randomState(N, rng);
        const expected = applyOperator(operatorOfOp(op, N), input);
        expect(maxAbsDiff(runOp(op, input, backend), expected), `unitary on ${qubits}`).toBeLessThan(TOLERANCE);
      }
    }
  });
});

/** A random unitary from Gram–Schmidt on a random complex matrix, as JSON rows of [re, im]. */
export function randomUnitaryRows(k: number, rng: () => number): [number, number][][] {
  const d = 2 ** k;
  const cols: [number, number][][] = [];
  for (let c = 0; c < d; c++) {
    let v: [number, number][] = Array.from({ length: d }, () => [rng() - 0.5, rng() - 0.5]);
    for (const u of cols) {
      // v −= ⟨u|v⟩ u
      let re = 0, im = 0;
      for (let i = 0; i < d; i++) {
        re += u[i]![0] * v[i]![0] + u[i]![1] * v[i]![1];
        im += u[i]![0] * v[i]![1] - u[i]![1] * v[i]![0];
      }
      v = v.map(([a, b], i) => [a - (re * u[i]![0] - im * u[i]![1]), b - (re * u[i]![1] + im * u[i]![0])]);
    }
    const norm = Math.sqrt(v.reduce((s, [a, b]) => s + a * a + b * b, 0));
    cols.push(v.map(([a, b]) => [a / norm, b / norm]));
  }
  return Array.from({ length: d }, (_, r) => Array.from({ length: d }, (_, c) => cols[c]![r]!));
}
