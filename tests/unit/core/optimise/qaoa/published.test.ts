import { describe, expect, it } from 'vitest';
import { Qaoa } from '../../../../../src/core/optimise/qaoa/qaoa.ts';
import { fixedAngleDepths, fixedAngles } from '../../../../../src/core/optimise/qaoa/fixed-angles.ts';
import { solveQaoa, regularMaxCutDegree } from '../../../../../src/core/optimise/qaoa/solve.ts';
import { degrees, girth, heawoodEdges, maxCutProblem, petersenEdges, ringEdges } from '../helpers/maxcut.ts';

describe('published QAOA results', () => {
  it('p = 1 on a triangle-free 3-regular graph: cut fraction 1/2 + 1/(3√3) at γ = arctan(1/√2), β = π/8 (Farhi, Goldstone, Gutmann 2014)', () => {
    const edges = petersenEdges();
    expect(degrees(10, edges).every((d) => d === 3)).toBe(true);
    expect(girth(10, edges)).toBe(5);
    const qaoa = Qaoa.create(maxCutProblem(10, edges), { p: 1 });
    const fraction = qaoa.expectation([Math.atan(1 / Math.SQRT2), Math.PI / 8]) / edges.length;
    expect(fraction).toBeCloseTo(0.5 + 1 / (3 * Math.sqrt(3)), 12);
    expect(fraction).toBeCloseTo(0.6924500897, 10);
  });

  it('the optimiser finds that p = 1 optimum by itself (L-BFGS from the linear ramp)', () => {
    const edges = petersenEdges();
    const result = solveQaoa(maxCutProblem(10, edges), { p: 1, optimizer: 'lbfgs', seed: 1 });
    expect(result.expectationC / edges.length).toBeCloseTo(0.6924500897, 8);
  });

  for (const [p, n] of [[1, 8], [2, 8], [3, 10]] as const) {
    it(`rings: the best depth-${p} QAOA cuts (2p+1)/(2p+2) = ${(2 * p + 1) / (2 * p + 2)} of the edges (ring of ${n} > 2p + 2, no wrap-around)`, () => {
      const result = solveQaoa(maxCutProblem(n, ringEdges(n)), { p, optimizer: 'lbfgs', initialisation: 'interp', restarts: 4, seed: 5 });
      expect(Math.abs(result.expectationC / n - (2 * p + 1) / (2 * p + 2))).toBeLessThan(1e-6);
    });
  }

  it('fixed-angle table, p = 1, Petersen graph (3-regular, girth 5 > 3): the tabled cut fraction', () => {
    const angles = fixedAngles(3, 1)!;
    const edges = petersenEdges();
    const problem = maxCutProblem(10, edges);
    expect(regularMaxCutDegree(problem)).toBe(3);
    const fraction = Qaoa.create(problem, { p: 1 }).expectation([...angles.gamma, ...angles.beta]) / edges.length;
    expect(Math.abs(fraction - angles.cutFraction)).toBeLessThan(1e-6);
    // The tabled p = 1 angles are the closed form, to the table's precision.
    expect(angles.gamma[0]).toBeCloseTo(Math.atan(1 / Math.SQRT2), 3); // tabled from a numerical optimisation: 5e-5 off
    expect(angles.beta[0]).toBeCloseTo(Math.PI / 8, 4);
  });

  it('fixed-angle table, p = 2, Heawood graph (3-regular, girth 6 > 5): the tabled cut fraction', () => {
    const angles = fixedAngles(3, 2)!;
    const edges = heawoodEdges();
    expect(degrees(14, edges).every((d) => d === 3)).toBe(true);
    expect(girth(14, edges)).toBe(6);
    const fraction = Qaoa.create(maxCutProblem(14, edges), { p: 2 }).expectation([...angles.gamma, ...angles.beta]) / edges.length;
    expect(Math.abs(fraction - angles.cutFraction)).toBeLessThan(1e-6);
    expect(fraction).toBeCloseTo(0.7559, 4);
  });

  it('the table covers degrees 3…11 and nothing else', () => {
    expect(fixedAngleDepths(3)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(fixedAngles(2, 1)).toBeUndefined();
    expect(fixedAngles(3, 12)).toBeUndefined();
  });
});
