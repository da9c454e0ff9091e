import { describe, expect, it } from 'vitest';
import { minimise, OPTIMISER_NAMES, type OptimiseProblem } from '../../../../../src/core/optimise/optimisers/index.ts';

// Rosenbrock: minimum 0 at (1, 1). Analytic gradient.
const rosenbrock: OptimiseProblem = {
  f: (x) => 100 * (x[1]! - x[0]! ** 2) ** 2 + (1 - x[0]!) ** 2,
  valueAndGradient: (x, g) => {
    const a = x[1]! - x[0]! ** 2;
    g[0] = -400 * x[0]! * a - 2 * (1 - x[0]!);
    g[1] = 200 * a;
    return 100 * a * a + (1 - x[0]!) ** 2;
  },
};

// Ill-conditioned quadratic in 4-D: ½(x−m)ᵀA(x−m) + 3, A = diag(1, 4, 9, 25) rotated by a fixed orthogonal mix.
const center = [0.5, -1, 2, 0.25];
const scales = [1, 4, 9, 25];
function rotate(v: ArrayLike<number>): number[] {
  // Householder reflection H = I − 2uuᵀ with u = (1,1,1,1)/2: orthogonal and symmetric.
  const s = (v[0]! + v[1]! + v[2]! + v[3]!) / 2;
  return [v[0]! - s, v[1]! - s, v[2]! - s, v[3]! - s];
}
const quadratic: OptimiseProblem = {
  f: (x) => {
    const r = rotate([x[0]! - center[0]!, x[1]! - center[1]!, x[2]! - center[2]!, x[3]! - center[3]!]);
    return 0.5 * r.reduce((acc, ri, i) => acc + scales[i]! * ri * ri, 0) + 3;
  },
  valueAndGradient: (x, g) => {
    const r = rotate([x[0]! - center[0]!, x[1]! - center[1]!, x[2]! - center[2]!, x[3]! - center[3]!]);
    const gr = rotate(r.map((ri, i) => scales[i]! * ri));
    gr.forEach((v, i) => (g[i] = v));
    return 0.5 * r.reduce((acc, ri, i) => acc + scales[i]! * ri * ri, 0) + 3;
  },
};

const settings: Record<string, { rosenbrockTol: number; quadraticTol: number; options: object }> = {
  'nelder-mead': { rosenbrockTol: 1e-4, quadraticTol: 1e-4, options: { maxIterations: 5000 } },
  powell: { rosenbrockTol: 1e-4, quadraticTol: 1e-5, options: {} },
  spsa: { rosenbrockTol: 0.1, quadraticTol: 0.02, options: { maxIterations: 20000, seed: 3, targetStep: 0.05 } },
  adam: { rosenbrockTol: 1e-3, quadraticTol: 1e-5, options: { maxIterations: 20000, step: 0.02 } },
  lbfgs: { rosenbrockTol: 1e-6, quadraticTol: 1e-8, options: {} },
};

describe('optimisers on standard test functions', () => {
  for (const name of OPTIMISER_NAMES) {
    const { rosenbrockTol, quadraticTol, options } = settings[name]!;
    it(`${name} finds Rosenbrock's minimum (1, 1) from (−1.2, 1)`, () => {
      const r = minimise(name, rosenbrock, [-1.2, 1], options);
      expect(Math.abs(r.x[0]! - 1)).toBeLessThan(rosenbrockTol * 10);
      expect(Math.abs(r.x[1]! - 1)).toBeLessThan(rosenbrockTol * 20);
      expect(r.value).toBeLessThan(rosenbrockTol);
      expect(r.evaluations + r.gradientEvaluations).toBeGreaterThan(0);
    });

    it(`${name} finds an ill-conditioned quadratic's minimum in 4-D`, () => {
      const r = minimise(name, quadratic, [0, 0, 0, 0], options);
      for (let i = 0; i < 4; i++) expect(Math.abs(r.x[i]! - center[i]!)).toBeLessThan(Math.sqrt(quadraticTol));
      expect(r.value - 3).toBeLessThan(quadraticTol);
    });

    it(`${name} is deterministic per seed and records its history`, () => {
      const a = minimise(name, rosenbrock, [-1.2, 1], { ...options, maxIterations: 50, seed: 9 });
      const b = minimise(name, rosenbrock, [-1.2, 1], { ...options, maxIterations: 50, seed: 9 });
      expect(Array.from(a.x)).toEqual(Array.from(b.x));
      expect(a.evaluations).toBe(b.evaluations);
      expect(a.history.length).toBeGreaterThan(1);
      expect(a.history).toEqual(b.history);
      // History values are the objective at the recorded parameters.
      const entry = a.history[a.history.length - 1]!;
      expect(entry.value).toBeCloseTo(rosenbrock.f(Float64Array.from(entry.params)), 12);
    });
  }

  it('SPSA runs differ between seeds', () => {
    const a = minimise('spsa', quadratic, [0, 0, 0, 0], { maxIterations: 30, seed: 1 });
    const b = minimise('spsa', quadratic, [0, 0, 0, 0], { maxIterations: 30, seed: 2 });
    expect(Array.from(a.x)).not.toEqual(Array.from(b.x));
  });

  it('respects the evaluation budget and refuses bad input', () => {
    const r = minimise('nelder-mead', rosenbrock, [-1.2, 1], { maxEvaluations: 40 });
    expect(r.evaluations).toBeLessThanOrEqual(40 + 3);
    expect(r.message).toBe('evaluation limit');
    expect(() => minimise('cobyla', rosenbrock, [0, 0])).toThrow(/unknown optimiser/);
    expect(() => minimise('adam', { f: rosenbrock.f }, [0, 0])).toThrow(/needs gradients/);
    expect(() => minimise('powell', rosenbrock, [0, NaN])).toThrow(/component 1/);
  });
});
