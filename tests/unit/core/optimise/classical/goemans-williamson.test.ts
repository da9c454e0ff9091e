import { describe, expect, it } from 'vitest';
import { expectedRoundedCut, goemansWilliamson, goemansWilliamsonOnModel, GW_RATIO, maxCutGraphOf, maxCutRelaxation, solveExhaustive } from '../../../../../src/core/optimise/classical/index.ts';
import { binaryModel, maxCutModel, randomRegularGraph } from '../../../../../src/core/optimise/model/index.ts';
import { PETERSEN, complete, ring } from '../model/graph-fixtures.ts';

describe('Goemans–Williamson', () => {
  it('the relaxation reaches published SDP values: 5-cycle (25 + 5√5)/8, K_n n²/4', () => {
    expect(maxCutRelaxation(5, ring(5), { seed: 1 }).value).toBeCloseTo((25 + 5 * Math.sqrt(5)) / 8, 6);
    for (const n of [4, 5, 6, 7]) expect(maxCutRelaxation(n, complete(n), { seed: n }).value).toBeCloseTo((n * n) / 4, 6);
    // Even rings are bipartite: the relaxation is tight.
    expect(maxCutRelaxation(8, ring(8), { seed: 2 }).value).toBeCloseTo(8, 6);
  });

  it('the relaxation bounds the maximum cut, and the expected rounded cut is ≥ 0.878 of it', () => {
    for (const seed of [1, 2, 3]) {
      const edges = randomRegularGraph(16, 3, seed);
      const optimum = solveExhaustive(maxCutModel(16, edges)).bestValue;
      const relaxation = maxCutRelaxation(16, edges, { seed });
      expect(relaxation.value).toBeGreaterThanOrEqual(optimum - 1e-6);
      const expected = expectedRoundedCut(relaxation, edges);
      expect(expected).toBeGreaterThanOrEqual(GW_RATIO * relaxation.value);
      expect(expected).toBeLessThanOrEqual(optimum + 1e-9);
    }
  });

  it('the mean of the roundings matches the analytic expectation Σ w·arccos(v_i·v_j)/π (within 5σ)', () => {
    const r = goemansWilliamson(10, PETERSEN, { seed: 4, roundings: 2000 });
    const expected = r.extra!.expectedRoundedCut as number;
    const variance = r.samples!.reduce((s, x) => s + x.count * (x.value - r.expectedValue!) ** 2, 0) / 2000;
    expect(Math.abs(r.expectedValue! - expected)).toBeLessThan(5 * Math.sqrt(variance / 2000) + 1e-9);
    expect(r.bestValue).toBe(12);
  });

  it('is deterministic per seed and runs from a MaxCut model; refuses other models', () => {
    const m = maxCutModel(12, randomRegularGraph(12, 3, 9));
    expect(maxCutGraphOf(m)).toHaveLength(18);
    const a = goemansWilliamsonOnModel(m, { seed: 5 });
    expect(goemansWilliamsonOnModel(m, { seed: 5 }).samples).toEqual(a.samples);
    expect(a.bestValue).toBeLessThanOrEqual(solveExhaustive(m).bestValue);
    expect(() => goemansWilliamsonOnModel(binaryModel({ variables: 2, linear: [1, 1] }))).toThrow(/MaxCut models only/);
    expect(maxCutGraphOf(binaryModel({ sense: 'max', variables: 2, linear: [1, 2], quadratic: [{ i: 0, j: 1, value: -2 }] }))).toBeUndefined();
  });
});
