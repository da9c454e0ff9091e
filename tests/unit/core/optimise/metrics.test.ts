import { describe, expect, it } from 'vitest';
import { simulatedAnnealing, solveExhaustive, solveMilp } from '../../../../src/core/optimise/classical/index.ts';
import { comparisonTable, computeMetrics, formatComparisonTable, referenceFromExact, timeToSolution } from '../../../../src/core/optimise/metrics.ts';
import { binaryModel, maxCutModel, toDiagonalProblem } from '../../../../src/core/optimise/model/index.ts';
import type { SolverResult } from '../../../../src/core/optimise/result.ts';
import { PETERSEN, ring } from './model/graph-fixtures.ts';

const base = { evaluations: 1, wallMs: 10 } as const;

describe('time to solution', () => {
  it('is t·ln(0.01)/ln(1 − p), t when p ≥ 0.99, ∞ when p = 0', () => {
    expect(timeToSolution(1, 0.5)).toBeCloseTo(Math.log(0.01) / Math.log(0.5), 12); // 6.64 runs
    expect(timeToSolution(2, 0.1)).toBeCloseTo((2 * Math.log(0.01)) / Math.log(0.9), 12);
    expect(timeToSolution(3, 0.995)).toBe(3);
    expect(timeToSolution(3, 0)).toBe(Infinity);
  });
});

describe('metrics of one run', () => {
  // Ring of 4: cuts 0, 2 or 4; the two alternating states cut all 4 edges.
  const model = maxCutModel(4, ring(4));
  const reference = referenceFromExact(solveExhaustive(model));

  it('takes the reference from exact enumeration: optimum, worst, source', () => {
    expect(reference).toMatchObject({ sense: 'max', optimum: 4, worst: 0, source: 'exact' });
  });

  it('scores a distribution: ⟨C⟩/C_opt, normalised ratio, P(opt) and TTS', () => {
    // Uniform over 16 states: ⟨C⟩ = 4 edges × 1/2 = 2; P(opt) = 2/16.
    const distribution = new Float64Array(16).fill(1 / 16);
    const r: SolverResult = { method: 'uniform', sense: 'max', bestValue: 4, bestBitstring: '0101', bestIndex: 5, expectedValue: 2, distribution, ...base };
    const m = computeMetrics(r, model, reference);
    expect(m.approximationRatio).toBe(0.5);
    expect(m.normalisedRatio).toBe(0.5);
    expect(m.optimalProbability).toBeCloseTo(2 / 16, 15);
    expect(m.feasibilityRate).toBeCloseTo(1, 15);
    expect(m.timeToSolutionMs).toBeCloseTo((10 * Math.log(0.01)) / Math.log(1 - 2 / 16), 9);
  });

  it('scores sampled reads by their counts and uses the time of one read', () => {
    const r: SolverResult = {
      method: 'reads', sense: 'max', bestValue: 4, bestBitstring: '1010', bestIndex: 10, expectedValue: 3, timePerRunMs: 1,
      samples: [{ bitstring: '1010', value: 4, count: 3, feasible: true }, { bitstring: '0010', value: 2, count: 1, feasible: true }],
      ...base,
    };
    const m = computeMetrics(r, model, reference);
    expect(m.optimalProbability).toBe(0.75);
    expect(m.timeToSolutionMs).toBeCloseTo(Math.log(0.01) / Math.log(0.25), 12);
    expect(m.approximationRatio).toBe(0.75);
  });

  it('minimisation: ratio ⟨f⟩/f_opt only when C_opt = −f_opt > 0', () => {
    const negative = binaryModel({ variables: 2, linear: [-1, -2] }); // f ∈ {0, −1, −2, −3}
    const ref = referenceFromExact(solveExhaustive(negative));
    const r: SolverResult = { method: 'm', sense: 'min', bestValue: -3, bestBitstring: '11', bestIndex: 3, expectedValue: -1.5, ...base };
    expect(computeMetrics(r, negative, ref)).toMatchObject({ approximationRatio: 0.5, normalisedRatio: 0.5 });
    const positive = binaryModel({ variables: 2, constant: 5, linear: [1, 2] }); // f_opt = 5 > 0: ratio meaningless
    const refPositive = referenceFromExact(solveExhaustive(positive));
    const p = computeMetrics({ method: 'm', sense: 'min', bestValue: 5, bestBitstring: '00', bestIndex: 0, expectedValue: 6.5, ...base }, positive, refPositive);
    expect(p.approximationRatio).toBeUndefined();
    expect(p.normalisedRatio).toBe(0.5); // (6.5 − 8)/(5 − 8)
  });

  it('constrained models: infeasible mass does not count as optimal; slack qubits are ignored', () => {
    // min −a − b subject to a + b ≤ 1 (at most one): optimum −1 at 01 or 10; 11 is infeasible with f = −2.
    const m = binaryModel({ variables: ['a', 'b'], linear: [-1, -1], constraints: [{ indices: [0, 1], coefficients: [1, 1], kind: '<=', rhs: 1 }] });
    const ref = referenceFromExact(solveExhaustive(m));
    expect(ref.optimum).toBe(-1);
    const distribution = new Float64Array([0.1, 0.2, 0.3, 0.4]);
    const r = computeMetrics({ method: 'q', sense: 'min', bestValue: -1, bestBitstring: '01', bestIndex: 1, expectedValue: -1, distribution, ...base }, m, ref);
    expect(r.optimalProbability).toBeCloseTo(0.5, 15);
    expect(r.feasibilityRate).toBeCloseTo(0.6, 15);
    // The same mass spread over one extra (slack) qubit decides by the low bits.
    const wide = new Float64Array(8);
    distribution.forEach((p, x) => ((wide[x] = p / 2), (wide[x + 4] = p / 2)));
    const w = computeMetrics({ method: 'q', sense: 'min', bestValue: -1, bestBitstring: '001', bestIndex: 1, expectedValue: -1, distribution: wide, ...base }, m, ref);
    expect(w.optimalProbability).toBeCloseTo(0.5, 15);
    expect(toDiagonalProblem(m).numQubits).toBe(2); // at-most-one needs no slack
  });

  it('an infeasible reference leaves ratios and P(opt) out; a deterministic exact answer has P(opt) = 1', async () => {
    const m = binaryModel({ variables: 2, constraints: [{ indices: [0, 1], coefficients: [1, 1], kind: '==', rhs: 3 }] });
    const exact = solveExhaustive(m);
    const ref = referenceFromExact(exact);
    expect(ref.optimum).toBeNaN();
    const row = computeMetrics(exact, m, ref);
    expect(row).toMatchObject({ approximationRatio: undefined, optimalProbability: undefined, feasibilityRate: 0 });
    const petersen = maxCutModel(10, PETERSEN);
    const milp = await solveMilp(petersen);
    const p = computeMetrics(milp, petersen, referenceFromExact(solveExhaustive(petersen)));
    expect(p).toMatchObject({ optimalProbability: 1, approximationRatio: 1, normalisedRatio: 1, feasibilityRate: 1 });
    expect(p.timeToSolutionMs).toBe(milp.wallMs);
  });
});

describe('comparison table', () => {
  it('lines up methods with their metrics, as data and as text', () => {
    const model = maxCutModel(10, PETERSEN);
    const exact = solveExhaustive(model);
    const sa = simulatedAnnealing(model, { seed: 3, reads: 10, sweeps: 200 });
    const table = comparisonTable([exact, sa], model, referenceFromExact(exact));
    expect(table.rows.map((r) => r.method)).toEqual(['exact', 'sa']);
    expect(table.rows[1]!.optimalProbability).toBe(sa.samples!.filter((s) => s.value === 12).reduce((n, s) => n + s.count, 0) / 10);
    const text = formatComparisonTable(table);
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/^method\s+status\s+best f\s+best state\s+⟨f⟩\s+ratio\s+normalised\s+P\(opt\)\s+feasible\s+evaluations\s+time\s+TTS99$/);
    expect(lines[2]).toMatch(/^exact\s+optimal\s+12\s+\d{10}\s+12\s+1\s+1\s+1\s+1\s+1024\s/);
    expect(lines[3]).toMatch(/^sa\s+feasible\s+12\s/);
    expect(table.conventions.join('\n')).toMatch(/C = f \(max\) or −f \(min\)/);
  });
});
