import { describe, expect, it } from 'vitest';
import { solveExhaustive } from '../../../../../src/core/optimise/classical/index.ts';
import { binaryModel, maxCutModel, quboEnergyOfIndex } from '../../../../../src/core/optimise/model/index.ts';
import { fromBitstring } from '../../../../../src/core/conventions.ts';
import { bitsOf, bruteForce, createRng, modelFromRaw, randomConstraints, randomTerms, rawFeasible, rawValue } from '../model/random-models.ts';
import { PETERSEN, complete, ring } from '../model/graph-fixtures.ts';

describe('exhaustive enumeration', () => {
  it('finds the brute-force optimum, its multiplicity and the worst value on random models (min and max)', () => {
    const rng = createRng(17);
    for (let trial = 0; trial < 40; trial++) {
      const n = 1 + (trial % 10);
      const t = randomTerms(n, rng, 0.6, 2); // small weights: many ties
      const sense = trial % 2 ? 'max' : 'min';
      const reference = bruteForce(t, sense)!;
      const r = solveExhaustive(modelFromRaw(t, sense));
      expect(r.status).toBe('optimal');
      expect(r.bestValue).toBe(reference.value);
      expect(r.extra.optimalCount).toBe(reference.count);
      expect(r.extra.worstValue).toBe(reference.worst);
      expect(rawValue(t, bitsOf(r.bestIndex, n))).toBe(reference.value);
      expect(fromBitstring(r.bestBitstring)).toBe(r.bestIndex);
      for (const s of r.extra.optimalStates) expect(rawValue(t, bitsOf(fromBitstring(s), n))).toBe(reference.value);
      expect(r.evaluations).toBe(2 ** n);
    }
  });

  it('with constraints: the best feasible state, feasible count; infeasible models are reported as infeasible', () => {
    const rng = createRng(23);
    let infeasible = 0;
    for (let trial = 0; trial < 60; trial++) {
      const n = 2 + (trial % 8);
      const t = randomTerms(n, rng);
      const constraints = randomConstraints(n, 1 + (trial % 3), rng);
      const reference = bruteForce(t, 'min', constraints);
      const r = solveExhaustive(modelFromRaw(t, 'min', constraints));
      if (!reference) {
        infeasible++;
        expect(r.status).toBe('infeasible');
        expect(r.bestValue).toBeNaN();
        expect(r.extra.feasibleCount).toBe(0);
        continue;
      }
      expect(r.bestValue).toBe(reference.value);
      expect(r.extra.optimalCount).toBe(reference.count);
      expect(r.extra.feasibleCount).toBe(reference.feasible);
      expect(rawFeasible(constraints, bitsOf(r.bestIndex, n))).toBe(true);
    }
    expect(infeasible).toBeGreaterThan(0);
  });

  it('counts ties and the worst value across many blocks (n = 17: 8 blocks of 2^14)', () => {
    const rng = createRng(19);
    let ties = 0;
    for (const sense of ['min', 'max'] as const) {
      const t = randomTerms(17, rng, 0.15, 1); // weights in {−1, 0, 1}: many optimal states
      const reference = bruteForce(t, sense)!;
      const r = solveExhaustive(modelFromRaw(t, sense), { maxOptimalStates: 5 });
      expect(r.bestValue).toBe(reference.value);
      expect(r.extra.optimalCount).toBe(reference.count);
      expect(r.extra.optimalStates).toHaveLength(Math.min(5, reference.count));
      expect(r.extra.worstValue).toBe(reference.worst);
      ties += reference.count - 1;
    }
    expect(ties).toBeGreaterThan(0);
  });

  it('uses blocks across the high bits (n = 20) and still agrees with the per-state energy', () => {
    const rng = createRng(2);
    const t = randomTerms(20, rng, 0.3, 9);
    const m = modelFromRaw(t);
    const r = solveExhaustive(m);
    expect(quboEnergyOfIndex(m.objective, r.bestIndex)).toBe(r.bestValue);
    // Local optimality in every direction: no single flip improves.
    for (let i = 0; i < 20; i++) expect(quboEnergyOfIndex(m.objective, r.bestIndex ^ (1 << i))).toBeGreaterThanOrEqual(r.bestValue);
  });

  it('published MaxCut values and the two optimal cuts of an even ring', () => {
    expect(solveExhaustive(maxCutModel(10, PETERSEN)).bestValue).toBe(12);
    expect(solveExhaustive(maxCutModel(8, complete(8))).bestValue).toBe(16);
    const even = solveExhaustive(maxCutModel(8, ring(8)));
    expect(even.bestValue).toBe(8);
    expect(even.extra.optimalCount).toBe(2);
    expect(new Set(even.extra.optimalStates)).toEqual(new Set(['01010101', '10101010']));
  });

  it('refuses models too large to enumerate, pointing at MILP', () => {
    expect(() => solveExhaustive(binaryModel({ variables: 31 }))).toThrow(/2\^31 states.*milp/);
  });
});
