import { describe, expect, it } from 'vitest';
import { solveExhaustive, solveMilp } from '../../../../../src/core/optimise/classical/index.ts';
import { binaryModel, isFeasible, maxCutModel, randomRegularGraph } from '../../../../../src/core/optimise/model/index.ts';
import { bitstringToBits } from '../../../../../src/core/optimise/model/energy.ts';
import { bruteForce, createRng, modelFromRaw, randomConstraints, randomTerms } from '../model/random-models.ts';
import { PETERSEN } from '../model/graph-fixtures.ts';

describe('MILP with HiGHS (McCormick linearisation)', () => {
  it('equals the brute-force optimum on random unconstrained models, min and max', async () => {
    const rng = createRng(31);
    for (let trial = 0; trial < 25; trial++) {
      const n = 1 + (trial % 8);
      const t = randomTerms(n, rng, 0.7);
      const sense = trial % 2 ? 'max' : 'min';
      const r = await solveMilp(modelFromRaw(t, sense));
      expect(r.status).toBe('optimal');
      expect(r.bestValue).toBe(bruteForce(t, sense)!.value);
    }
  });

  it('equals the brute-force optimum on random constrained models, and reports infeasible ones as infeasible', async () => {
    const rng = createRng(37);
    let infeasible = 0;
    for (let trial = 0; trial < 40; trial++) {
      const n = 2 + (trial % 7);
      const t = randomTerms(n, rng);
      const constraints = randomConstraints(n, 1 + (trial % 3), rng);
      const sense = trial % 2 ? 'max' : 'min';
      const reference = bruteForce(t, sense, constraints);
      const model = modelFromRaw(t, sense, constraints);
      const r = await solveMilp(model);
      if (!reference) {
        infeasible++;
        expect(r.status).toBe('infeasible');
        expect(r.bestValue).toBeNaN();
        continue;
      }
      expect(r.status).toBe('optimal');
      expect(r.bestValue).toBe(reference.value);
      expect(isFeasible(model, bitstringToBits(r.bestBitstring))).toBe(true);
    }
    expect(infeasible).toBeGreaterThan(0);
  });

  it('contradictory constraints: infeasible, not a wrong answer', async () => {
    const m = binaryModel({
      variables: ['a', 'b'],
      linear: [-1, -1],
      constraints: [
        { indices: [0, 1], coefficients: [1, 1], kind: '>=', rhs: 2 },
        { indices: [0], coefficients: [1], kind: '<=', rhs: 0 },
      ],
    });
    expect((await solveMilp(m)).status).toBe('infeasible');
    expect(solveExhaustive(m).status).toBe('infeasible');
  });

  it('MaxCut: Petersen 12, and a 20-node 3-regular graph agrees with enumeration', async () => {
    expect((await solveMilp(maxCutModel(10, PETERSEN))).bestValue).toBe(12);
    const m = maxCutModel(20, randomRegularGraph(20, 3, 7));
    expect((await solveMilp(m)).bestValue).toBe(solveExhaustive(m).bestValue);
  });

  it('solves a constrained model too big to enumerate: 60 variables, one-hot rows (an assignment)', async () => {
    // 6 jobs × 10 slots, each job in exactly one slot, cost = (job + 1)·slot: the optimum puts every job in slot 0.
    const jobs = 6, slots = 10;
    const linear = [];
    const constraints = [];
    for (let j = 0; j < jobs; j++) {
      for (let s = 0; s < slots; s++) linear.push((j + 1) * s);
      constraints.push({ name: `job${j}`, indices: Array.from({ length: slots }, (_, s) => j * slots + s), coefficients: Array(slots).fill(1), kind: '==' as const, rhs: 1 });
    }
    // At most two jobs per slot: the best then pairs the costliest jobs in the cheapest slots.
    for (let s = 0; s < slots; s++) constraints.push({ name: `slot${s}`, indices: Array.from({ length: jobs }, (_, j) => j * slots + s), coefficients: Array(jobs).fill(1), kind: '<=' as const, rhs: 2 });
    const r = await solveMilp(binaryModel({ variables: jobs * slots, linear, constraints }));
    expect(r.status).toBe('optimal');
    // Jobs 6,5 in slot 0, 4,3 in slot 1, 2,1 in slot 2: 0 + (4+3)·1 + (2+1)·2 = 13.
    expect(r.bestValue).toBe(13);
    expect(r.bestIndex).toBeNaN(); // past 53 variables the index is not representable; the bitstring is the answer
    expect(r.bestBitstring).toHaveLength(60);
  });
});
