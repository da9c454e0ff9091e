import { describe, expect, it } from 'vitest';
import {
  binaryModel, feasibilityMask, isingModel, isingEnergyOfIndex, isFeasible, maxCutModel, quboEnergyOfIndex, toDiagonalProblem, toPenaltyModel,
} from '../../../../../src/core/optimise/model/index.ts';
import { indexToBits } from '../../../../../src/core/optimise/model/energy.ts';
import { createRng, modelFromRaw, randomConstraints, randomTerms } from './random-models.ts';

describe('toDiagonalProblem', () => {
  it('gives objective[x] = f(x) with variable i = bit i, and the Ising form with the same values', () => {
    const m = maxCutModel(4, [[0, 1], [1, 2], [2, 3]]);
    const d = toDiagonalProblem(m);
    expect(d.numQubits).toBe(4);
    expect(d.sense).toBe('max');
    expect(d.feasible).toBeUndefined();
    expect(d.objective[0b0101]).toBe(3); // alternating: every edge cut
    expect(d.objective[0b0011]).toBe(1);
    for (let x = 0; x < 16; x++) expect(isingEnergyOfIndex(d.ising, x)).toBeCloseTo(d.objective[x]!, 12);
  });

  it('Ising models: objective[x] = E(s) with s_i = 1 − 2·bit_i', () => {
    const m = isingModel({ numSpins: 3, constant: 0, linear: new Float64Array([1, 0, 0]), quadratic: [{ i: 1, j: 2, J: 2 }] });
    const d = toDiagonalProblem(m);
    for (let x = 0; x < 8; x++) expect(d.objective[x]).toBeCloseTo(isingEnergyOfIndex(m.terms, x), 12);
    expect(d.objective[0]).toBe(3); // all s = +1
  });

  it('constrained models: penalised objective over variables then slack, feasible marks the states that satisfy every constraint', () => {
    const rng = createRng(3);
    for (let trial = 0; trial < 10; trial++) {
      const t = randomTerms(4, rng);
      const m = modelFromRaw(t, 'min', randomConstraints(4, 2, rng));
      const d = toDiagonalProblem(m);
      const p = toPenaltyModel(m);
      expect(d.numQubits).toBe(p.model.variables.length);
      expect(d.feasible!.length).toBe(2 ** d.numQubits);
      for (let x = 0; x < 2 ** d.numQubits; x++) {
        expect(d.objective[x]).toBeCloseTo(quboEnergyOfIndex(p.model.objective, x), 9);
        expect(d.feasible![x]).toBe(isFeasible(m, indexToBits(x % 16, 4)) ? 1 : 0);
      }
    }
    const m = binaryModel({ variables: 20, constraints: [{ indices: [3, 17], coefficients: [1, 1], kind: '==', rhs: 1 }] });
    const mask = feasibilityMask(m);
    for (const x of [0, 1 << 3, 1 << 17, (1 << 3) | (1 << 17), 12345]) expect(mask[x]).toBe(((x >> 3) & 1) + ((x >> 17) & 1) === 1 ? 1 : 0);
  });

  it('refuses a model too large for a state vector, with the bytes it needs', () => {
    const m = binaryModel({ variables: 24 });
    expect(() => toDiagonalProblem(m, { maxBytes: 2 ** 20 })).toThrow(/24-qubit state needs 256 MiB/);
    expect(() => toDiagonalProblem(binaryModel({ variables: 40 }))).toThrow(/40 qubits need 16 TiB/);
  });
});
