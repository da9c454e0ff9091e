import { describe, expect, it } from 'vitest';
// The core index registers the quantum methods next to the classical ones.
import { SOLVER_METHODS, binaryModel, maxCutModel, solveExhaustive, quboEnergyOfIndex, isFeasible, indexToBits } from '../../../../../src/core/index.ts';

describe('quantum methods in the solve registry', () => {
  it('registers qaoa, rqaoa and gas', () => {
    for (const name of ['qaoa', 'rqaoa', 'gas']) expect(SOLVER_METHODS.has(name)).toBe(true);
  });

  it('on MaxCut (10-node ring plus chords) each reports a state whose value is its own cut, and GAS/RQAOA reach the exact optimum', async () => {
    const edges: [number, number][] = Array.from({ length: 10 }, (_, i) => [i, (i + 1) % 10]);
    edges.push([0, 5], [2, 7]);
    const model = maxCutModel(10, edges);
    const exact = solveExhaustive(model);
    for (const name of ['qaoa', 'rqaoa', 'gas']) {
      const r = await SOLVER_METHODS.get(name)!.run(model, { seed: 3 });
      expect(r.method).toBe(name);
      expect(r.bestValue).toBe(quboEnergyOfIndex(model.objective, r.bestIndex));
      if (name !== 'qaoa') expect(r.bestValue).toBe(exact.bestValue);
    }
  });

  it('on a one-hot constrained model the state is reported without slack bits, feasible, with its penalty-free value', async () => {
    const model = binaryModel({
      sense: 'min', variables: ['a', 'b', 'c', 'd'],
      linear: Float64Array.of(4, 2, 3, 1),
      quadratic: [{ i: 0, j: 3, value: 1 }],
      constraints: [
        { name: 'at-most-two', indices: [0, 1, 2, 3], coefficients: [1, 1, 1, 1], kind: '<=', rhs: 2 },
        { name: 'one-of-ab', indices: [0, 1], coefficients: [1, 1], kind: '==', rhs: 1 },
        { name: 'one-of-cd', indices: [2, 3], coefficients: [1, 1], kind: '==', rhs: 1 },
      ],
    });
    for (const name of ['qaoa', 'gas']) {
      const r = await SOLVER_METHODS.get(name)!.run(model, { seed: 1 });
      expect(r.bestBitstring).toHaveLength(4);
      expect(isFeasible(model, indexToBits(r.bestIndex, 4))).toBe(true);
      expect(r.bestValue).toBe(quboEnergyOfIndex(model.objective, r.bestIndex));
    }
  });
});
