import { describe, expect, it } from 'vitest';
import { greedyLocalSearch, simulatedAnnealing, solveExhaustive, tabuSearch } from '../../../../../src/core/optimise/classical/index.ts';
import { binaryModel, isFeasible, maxCutModel, quboEnergy, randomRegularGraph, type BinaryModel } from '../../../../../src/core/optimise/model/index.ts';
import { bitstringToBits } from '../../../../../src/core/optimise/model/energy.ts';
import type { SolverResult } from '../../../../../src/core/optimise/result.ts';
import { bruteForce, createRng, modelFromRaw, randomConstraints, randomTerms } from '../model/random-models.ts';
import { PETERSEN } from '../model/graph-fixtures.ts';

type Heuristic = (model: BinaryModel, options: { seed: number }) => SolverResult;
const HEURISTICS: [string, Heuristic][] = [
  ['simulated annealing', (m, o) => simulatedAnnealing(m, { ...o, reads: 8, sweeps: 300 })],
  ['tabu search', (m, o) => tabuSearch(m, o)],
  ['greedy + local search', (m, o) => greedyLocalSearch(m, { ...o, restarts: 40 })],
];

/** The reported best is what it claims: its own value, feasible, and consistent samples. */
function checkConsistent(model: BinaryModel, r: SolverResult) {
  if (r.status === 'no-feasible-found') return;
  const bits = bitstringToBits(r.bestBitstring);
  expect(bits.length).toBe(model.variables.length);
  expect(quboEnergy(model.objective, bits)).toBe(r.bestValue);
  expect(isFeasible(model, bits)).toBe(true);
  const reads = r.samples!.reduce((s, x) => s + x.count, 0);
  expect(reads).toBe(r.extra!.reads);
  for (const s of r.samples!) expect(quboEnergy(model.objective, bitstringToBits(s.bitstring))).toBe(s.value);
}

describe.each(HEURISTICS)('%s', (label, solve) => {
  it('reaches the exact optimum of small random models', () => {
    const rng = createRng(41);
    for (let trial = 0; trial < 15; trial++) {
      const n = 4 + (trial % 9);
      const t = randomTerms(n, rng, 0.5);
      const sense = trial % 2 ? 'max' : 'min';
      const model = modelFromRaw(t, sense);
      const r = solve(model, { seed: trial });
      checkConsistent(model, r);
      if (!label.includes('greedy') || n <= 8) expect(r.bestValue).toBe(bruteForce(t, sense)!.value);
      else expect(sense === 'min' ? r.bestValue >= bruteForce(t, sense)!.value : r.bestValue <= bruteForce(t, sense)!.value).toBe(true);
    }
  });

  it('is deterministic per seed', () => {
    const model = maxCutModel(20, randomRegularGraph(20, 3, 5));
    const a = solve(model, { seed: 9 });
    const b = solve(model, { seed: 9 });
    expect(b.bestBitstring).toBe(a.bestBitstring);
    expect(b.samples).toEqual(a.samples);
    expect(b.history).toEqual(a.history);
    expect(b.evaluations).toBe(a.evaluations);
  });

  it('cuts 12 edges of the Petersen graph', () => {
    expect(solve(maxCutModel(10, PETERSEN), { seed: 1 }).bestValue).toBe(12);
  });

  it('returns a feasible best on constrained models (penalties), matching the exact optimum on small ones', () => {
    const rng = createRng(43);
    let compared = 0;
    for (let trial = 0; trial < 20; trial++) {
      const n = 3 + (trial % 5);
      const t = randomTerms(n, rng);
      const constraints = randomConstraints(n, 2, rng);
      const reference = bruteForce(t, 'min', constraints);
      const model = modelFromRaw(t, 'min', constraints);
      const r = solve(model, { seed: trial });
      checkConsistent(model, r);
      if (!reference) {
        expect(r.status).toBe('no-feasible-found');
        continue;
      }
      if (r.status === 'feasible') {
        expect(r.bestValue).toBeGreaterThanOrEqual(reference.value);
        if (!label.includes('greedy')) {
          expect(r.bestValue).toBe(reference.value);
          compared++;
        }
      }
    }
    if (!label.includes('greedy')) expect(compared).toBeGreaterThan(5);
  });
});

describe('simulated annealing', () => {
  it('reports its geometric schedule, from flip costs, and counts evaluations', () => {
    // Flip costs: largest |linear| + Σ|w| = 3 + 2 = 5, smallest non-zero coefficient 1.
    const m = binaryModel({ variables: 3, linear: [3, -1, 0], quadratic: [{ i: 0, j: 1, value: 2 }] });
    const r = simulatedAnnealing(m, { seed: 1, reads: 3, sweeps: 50 });
    expect(r.extra!.schedule).toEqual({ kind: 'geometric', betaStart: Math.log(2) / 5, betaEnd: Math.log(100) / 1, sweeps: 50, reads: 3 });
    expect(r.evaluations).toBe(3 * 50 * 3);
    expect(r.history).toHaveLength(3);
    expect(r.timePerRunMs! * 3).toBeCloseTo(r.wallMs, 9);
  });

  it('different seeds explore differently; the expected value is the mean over reads', () => {
    const model = modelFromRaw(randomTerms(30, createRng(3), 0.3), 'min');
    const a = simulatedAnnealing(model, { seed: 1, reads: 5, sweeps: 5 });
    const b = simulatedAnnealing(model, { seed: 2, reads: 5, sweeps: 5 });
    expect(a.history).not.toEqual(b.history);
    const mean = a.history!.reduce((s, h) => s + h.value, 0) / 5;
    expect(a.expectedValue).toBeCloseTo(mean, 9);
  });

  it('refuses bad options', () => {
    const m = binaryModel({ variables: 2 });
    expect(() => simulatedAnnealing(m, { reads: 0 })).toThrow(/reads/);
    expect(() => simulatedAnnealing(m, { betaRange: [0, 1] })).toThrow(/betaRange/);
  });
});

describe('tabu search', () => {
  it('escapes a local optimum that greedy descent from zero cannot', () => {
    // From all-zeros, every single flip costs +1, but setting all three bits gains: 3 − 6 = −3.
    const m = binaryModel({ variables: 3, linear: [1, 1, 1], quadratic: [{ i: 0, j: 1, value: -2 }, { i: 0, j: 2, value: -2 }, { i: 1, j: 2, value: -2 }] });
    expect(solveExhaustive(m).bestValue).toBe(-3);
    expect(greedyLocalSearch(m, { seed: 1, restarts: 0 }).bestValue).toBe(0);
    expect(tabuSearch(m, { seed: 1, restarts: 1 }).bestValue).toBe(-3);
  });
});
