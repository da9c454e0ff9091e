import { describe, expect, it } from 'vitest';
import { availableBackends } from '../../../../../src/core/index.ts';
import { Qaoa } from '../../../../../src/core/optimise/qaoa/qaoa.ts';
import type { MixerSpec } from '../../../../../src/core/optimise/qaoa/mixers.ts';
import { centralDifferences } from '../../../../../src/core/optimise/optimisers/gradients.ts';
import { createRng } from '../../../../../src/core/sim/rng.ts';
import { maxCutProblem, randomIsingProblem } from '../helpers/maxcut.ts';

describe('QAOA gradients against central finite differences (1e-6)', () => {
  const rng = createRng(21);
  const cases: { name: string; problem: ReturnType<typeof maxCutProblem>; mixer: MixerSpec; shift: boolean }[] = [
    { name: 'weighted MaxCut, X mixer', problem: maxCutProblem(5, [[0, 1, 1.3], [1, 2, 0.4], [2, 3, 2.2], [3, 4, 1], [4, 0, 0.6], [0, 2, 1]]), mixer: { kind: 'x' }, shift: true },
    { name: 'random Ising with fields (min), X mixer', problem: randomIsingProblem(5, rng, 'min'), mixer: { kind: 'x' }, shift: true },
    { name: 'random Ising, warm start', problem: randomIsingProblem(4, rng, 'max'), mixer: { kind: 'warm-start', relaxed: [0.2, 0.7, 0.5, 0.95] }, shift: true },
    { name: 'random Ising, XY ring', problem: randomIsingProblem(5, rng, 'min'), mixer: { kind: 'xy', topology: 'ring' }, shift: false },
    { name: 'random Ising, XY complete, weight 2', problem: randomIsingProblem(4, rng, 'min'), mixer: { kind: 'xy', topology: 'complete', hammingWeight: 2 }, shift: false },
  ];
  for (const backend of availableBackends() as ('ts' | 'wasm')[]) {
    for (const { name, problem, mixer, shift } of cases) {
      it(`${name} (${backend})`, () => {
        const p = 3;
        const qaoa = Qaoa.create(problem, { p, mixer, backend });
        const params = Array.from({ length: 2 * p }, () => rng() * 2 - 1);
        const reference = centralDifferences((x) => qaoa.expectation(x), params, 1e-5);
        const before = qaoa.evaluations;
        const adjoint = new Float64Array(2 * p);
        const value = qaoa.valueAndGradient(params, adjoint);
        expect(qaoa.evaluations - before).toBe(1);
        expect(value).toBeCloseTo(qaoa.expectation(params), 12);
        for (let k = 0; k < 2 * p; k++) expect(Math.abs(adjoint[k]! - reference[k]!)).toBeLessThan(1e-6);
        if (shift) {
          const ps = qaoa.parameterShiftGradient(params);
          for (let k = 0; k < 2 * p; k++) expect(Math.abs(ps[k]! - reference[k]!)).toBeLessThan(1e-6);
        } else {
          expect(() => qaoa.parameterShiftGradient(params)).toThrow(/three/);
        }
      });
    }
  }
});
