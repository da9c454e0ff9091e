import { describe, expect, it } from 'vitest';
import { allStatesObjective, binaryModel, binarySlackCoefficients, integerScale, toPenaltyModel } from '../../../../../src/core/optimise/model/index.ts';
import { bitsOf, bruteForce, createRng, modelFromRaw, randomConstraints, randomTerms, rawFeasible } from './random-models.ts';

describe('constraints → penalties', () => {
  it('the penalised QUBO optimum (over variables and slack) equals the feasible optimum, on random instances', () => {
    const rng = createRng(21);
    let feasibleInstances = 0;
    for (let trial = 0; trial < 80; trial++) {
      const n = 2 + (trial % 5);
      const t = randomTerms(n, rng, 0.6);
      const constraints = randomConstraints(n, 1 + (trial % 3), rng);
      const sense = trial % 2 === 0 ? 'min' : 'max';
      const reference = bruteForce(t, sense, constraints);
      if (!reference) continue;
      feasibleInstances++;
      const penalised = toPenaltyModel(modelFromRaw(t, sense, constraints));
      expect(penalised.guaranteed).toBe(true);
      expect(penalised.model.constraints).toHaveLength(0);
      const values = allStatesObjective(penalised.model.objective);
      const optimum = sense === 'min' ? Math.min(...values) : Math.max(...values);
      expect(optimum).toBeCloseTo(reference.value, 9);
      // Every penalised optimum is feasible in the model's own variables (the low bits).
      values.forEach((v, x) => {
        if (Math.abs(v - optimum) < 1e-9) expect(rawFeasible(constraints, bitsOf(x % 2 ** n, n))).toBe(true);
      });
    }
    expect(feasibleInstances).toBeGreaterThan(30);
  });

  it('the penalty is zero on feasible states (best slack) and at least the weight on infeasible ones', () => {
    const rng = createRng(8);
    for (let trial = 0; trial < 40; trial++) {
      const n = 2 + (trial % 4);
      const constraints = randomConstraints(n, 2, rng);
      const zero = { n, constant: 0, linear: Array(n).fill(0), quadratic: [] };
      const penalised = toPenaltyModel(modelFromRaw(zero, 'min', constraints), { weight: 3 });
      const m = penalised.model.variables.length;
      const values = allStatesObjective(penalised.model.objective);
      for (let x = 0; x < 2 ** n; x++) {
        let best = Infinity;
        for (let s = 0; s < 2 ** (m - n); s++) best = Math.min(best, values[x + s * 2 ** n]!);
        if (rawFeasible(constraints, bitsOf(x, n))) expect(best).toBeCloseTo(0, 12);
        else expect(best).toBeGreaterThanOrEqual(3 - 1e-12);
        for (let s = 0; s < 2 ** (m - n); s++) expect(values[x + s * 2 ** n]!).toBeGreaterThanOrEqual(-1e-12);
      }
    }
  });

  it('uses slack-free patterns where they apply, binary slack elsewhere', () => {
    const m = binaryModel({
      variables: ['a', 'b', 'c', 'd'],
      linear: [1, -2, 3, -1],
      constraints: [
        { name: 'one-hot', indices: [0, 1, 2], coefficients: [1, 1, 1], kind: '==', rhs: 1 },
        { name: 'at-most-one', indices: [1, 2, 3], coefficients: [2, 2, 2], kind: '<=', rhs: 3 },
        { name: 'a-implies-b', indices: [0, 1], coefficients: [1, -1], kind: '<=', rhs: 0 },
        { name: 'c-or-d', indices: [2, 3], coefficients: [1, 1], kind: '>=', rhs: 1 },
        { name: 'budget', indices: [0, 1, 2, 3], coefficients: [3, 2, 2, 1], kind: '<=', rhs: 5 },
        { name: 'loose', indices: [0, 1], coefficients: [1, 1], kind: '<=', rhs: 2 },
        { name: 'decimal', indices: [0, 3], coefficients: [0.5, 0.25], kind: '>=', rhs: 0.25 },
        { name: 'both', indices: [2, 3], coefficients: [1, 1], kind: '>=', rhs: 2 },
      ],
    });
    const p = toPenaltyModel(m, { weights: { budget: 50 } });
    const byName = Object.fromEntries(p.constraints.map((c) => [c.name, c]));
    expect(byName['one-hot']!.encoding).toBe('equality');
    expect(byName['at-most-one']!.encoding).toBe('at-most-one');
    expect(byName['a-implies-b']!.encoding).toBe('implication');
    expect(byName['c-or-d']!.encoding).toBe('at-least-one-of-two');
    expect(byName['budget']!.encoding).toBe('slack');
    expect(byName['budget']!.weight).toBe(50);
    // 3a + 2b + 2c + d ≤ 5: slack in [0, 5] → coefficients 1, 2, 2 (three bits).
    expect(byName['budget']!.slackVariables).toEqual(['budget.s0', 'budget.s1', 'budget.s2']);
    expect(byName['loose']!.encoding).toBe('always-satisfied');
    expect(byName['decimal']!.scale).toBe(100);
    expect(byName['both']!.encoding).toBe('slack'); // x + y ≥ 2 is not "at least one": no slack range, a square
    expect(byName['both']!.slackVariables).toEqual([]);
    expect(p.automaticWeight).toBe(1 + 2 + 3 + 1 + 1);
    expect(p.numOriginalVariables).toBe(4);
    expect(p.model.variables.slice(0, 4)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('flags weights below the automatic one as not guaranteed, and a contradiction as never satisfiable', () => {
    const m = binaryModel({ variables: 2, linear: [5, 5], constraints: [{ indices: [0, 1], coefficients: [1, 1], kind: '>=', rhs: 3 }] });
    expect(toPenaltyModel(m).constraints[0]!.encoding).toBe('never-satisfiable');
    expect(toPenaltyModel(m, { weight: 1 }).guaranteed).toBe(false);
  });

  it('binary slack covers exactly 0…range; integer scales', () => {
    for (let range = 1; range < 40; range++) {
      const coefs = binarySlackCoefficients(range);
      const reachable = new Set<number>();
      for (let s = 0; s < 2 ** coefs.length; s++) reachable.add(coefs.reduce((sum, c, t) => sum + (Math.floor(s / 2 ** t) % 2) * c, 0));
      expect([...reachable].sort((a, b) => a - b)).toEqual([...Array(range + 1).keys()]);
      expect(coefs.length).toBe(Math.ceil(Math.log2(range + 1)));
    }
    expect(integerScale([1, 2, -3])).toBe(1);
    expect(integerScale([0.5, 0.25])).toBe(100);
    expect(integerScale([Math.PI])).toBeUndefined();
  });

  it('refuses an inequality it cannot encode exactly', () => {
    const m = binaryModel({ variables: 3, constraints: [{ indices: [0, 1, 2], coefficients: [Math.PI, 1, 1], kind: '<=', rhs: 3 }] });
    expect(() => toPenaltyModel(m)).toThrow(/integer or decimal coefficients/);
  });
});
