import { describe, expect, it } from 'vitest';
import { fourierGradient, fourierGrow, fourierToAngles, interpGrow, linearRamp, randomAngles } from '../../../../../src/core/optimise/qaoa/initialisation.ts';
import { solveQaoa } from '../../../../../src/core/optimise/qaoa/solve.ts';
import { centralDifferences } from '../../../../../src/core/optimise/optimisers/gradients.ts';
import { createRng } from '../../../../../src/core/sim/rng.ts';
import { maxCutProblem, petersenEdges, randomIsingProblem, ringEdges } from '../helpers/maxcut.ts';

describe('QAOA initialisation', () => {
  it('linear ramp: γ rises and β falls through the midpoints', () => {
    expect(Array.from(linearRamp(2, 1))).toEqual([0.25, 0.75, 0.75, 0.25]);
  });

  it('INTERP (Zhou et al.): [a, b] grows to [a, (a+b)/2, b] for γ and for β', () => {
    expect(Array.from(interpGrow([1, 3, 10, 20]))).toEqual([1, 2, 3, 10, 15, 20]);
    expect(Array.from(interpGrow([0.4, 0.2]))).toEqual([0.4, 0.4, 0.2, 0.2]);
  });

  it('FOURIER: angles from (u, v), growth appends zero frequencies, and the chain rule matches differences', () => {
    const uv = [0.8, 0.5];
    expect(fourierToAngles(uv, 1)[0]).toBeCloseTo(0.8 * Math.sin(Math.PI / 4), 14);
    const grown = fourierGrow(uv);
    expect(Array.from(grown)).toEqual([0.8, 0, 0.5, 0]);
    const a2 = fourierToAngles(grown, 2);
    expect(a2[0]).toBeCloseTo(0.8 * Math.sin(Math.PI / 8), 14);
    expect(a2[1]).toBeCloseTo(0.8 * Math.sin((3 * Math.PI) / 8), 14);
    expect(a2[2]).toBeCloseTo(0.5 * Math.cos(Math.PI / 8), 14);
    const weights = [0.3, -1.2, 2, 0.7, 0.1, -0.4];
    const f = (x: ArrayLike<number>) => fourierToAngles(x, 3).reduce((s, v, i) => s + weights[i]! * v * v, 0);
    const x = [0.2, -0.4, 0.9, 0.3];
    const angles = fourierToAngles(x, 3);
    const chain = fourierGradient(angles.map((v, i) => 2 * weights[i]! * v), 2, 3);
    const fd = centralDifferences(f, x);
    for (let k = 0; k < 4; k++) expect(chain[k]).toBeCloseTo(fd[k]!, 8);
  });

  it('random angles lie in γ ∈ [0, π), β ∈ [0, π/2) and repeat per seed', () => {
    const a = randomAngles(4, createRng(3)), b = randomAngles(4, createRng(3));
    expect(Array.from(a)).toEqual(Array.from(b));
    for (let i = 0; i < 4; i++) {
      expect(a[i]).toBeGreaterThanOrEqual(0); expect(a[i]).toBeLessThan(Math.PI);
      expect(a[4 + i]).toBeGreaterThanOrEqual(0); expect(a[4 + i]).toBeLessThan(Math.PI / 2);
    }
  });

  it('every strategy and optimiser runs, and the same seed gives the same result', () => {
    const problem = maxCutProblem(6, ringEdges(6));
    for (const initialisation of ['ramp', 'fixed', 'interp', 'fourier', 'random'] as const) {
      for (const optimizer of ['nelder-mead', 'powell', 'spsa', 'adam', 'lbfgs'] as const) {
        const run = () => solveQaoa(problem, { p: 2, optimizer, initialisation, seed: 4, maxIterations: 40 });
        const a = run(), b = run();
        expect(a.params).toEqual(b.params);
        expect(a.bestBitstring).toBe(b.bestBitstring);
        expect(a.expectedValue).toBeGreaterThan(3); // a random cut of the 6-ring cuts 3 edges on average
        expect(a.history!.length).toBeGreaterThan(0);
      }
    }
  });

  it('fixed-angle start on a 3-regular graph is already at the tabled value; CVaR and minimisation problems work', () => {
    const problem = maxCutProblem(10, petersenEdges());
    const r = solveQaoa(problem, { p: 1, initialisation: 'fixed', optimizer: 'nelder-mead', maxIterations: 1, seed: 1 });
    expect(r.history![0]!.value / 15).toBeCloseTo(0.69245, 5);
    const ising = randomIsingProblem(5, createRng(8), 'min');
    let min = Infinity;
    for (const v of ising.objective) min = Math.min(min, v);
    const c = solveQaoa(ising, { p: 2, cvarAlpha: 0.1, optimizer: 'powell', seed: 2 });
    expect(c.expectedValue).toBeGreaterThanOrEqual(min - 1e-12);
    expect(c.bestValue).toBeGreaterThanOrEqual(min - 1e-12);
    expect(() => solveQaoa(ising, { p: 1, cvarAlpha: 0.2, optimizer: 'adam' })).toThrow(/no gradient/);
  });
});
