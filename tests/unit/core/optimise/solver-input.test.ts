import { describe, expect, it } from 'vitest';
import { asBinaryModel, binaryModel, getSolverMethod, maxCutModel, modelFromJSON, SOLVER_METHODS, SuperposeError, toPenaltyModel, type SolveOptions } from '../../../../src/core/index.ts';

/**
 * What the solver entry point (`getSolverMethod(name).run(model, options)`) does with bad input:
 * every method refuses it with a SuperposeError naming the culprit, whether or not it uses the
 * option, rather than a TypeError, a hang or a quietly ignored NaN.
 */

const square = maxCutModel(4, [[0, 1], [1, 2], [2, 3], [3, 0, 2]]);

async function errorOf(run: () => unknown): Promise<SuperposeError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof SuperposeError) return error;
    throw error;
  }
  throw new Error('expected an error');
}

describe('solver options', () => {
  const bad: [string, Partial<SolveOptions> & Record<string, unknown>, RegExp][] = [
    ['seed NaN', { seed: Number.NaN }, /seed must be a whole number, got NaN/],
    ['seed 1.5', { seed: 1.5 }, /seed must be a whole number, got 1.5/],
    ['seed 2^60', { seed: 2 ** 60 }, /too large to name one stream/],
    ['no seed', {}, /^seed: a seed is required/],
    ['time limit 0', { seed: 1, timeLimitSeconds: 0 }, /^timeLimitSeconds: must be a number of seconds > 0, got 0/],
    ['time limit −1', { seed: 1, timeLimitSeconds: -1 }, /^timeLimitSeconds: .* got -1/],
    ['time limit NaN', { seed: 1, timeLimitSeconds: Number.NaN }, /^timeLimitSeconds: .* got NaN/],
    ['maxBytes NaN', { seed: 1, maxBytes: Number.NaN }, /^maxBytes: must be a positive number of bytes, got NaN/],
    ['maxBytes 0', { seed: 1, maxBytes: 0 }, /^maxBytes: .* got 0/],
  ];

  it('has all the methods registered', () => {
    expect([...SOLVER_METHODS.keys()].sort()).toEqual(['exact', 'gas', 'greedy', 'gw', 'milp', 'qaoa', 'rqaoa', 'sa', 'tabu']);
  });

  for (const [label, options, message] of bad) {
    it(`every method refuses ${label}`, async () => {
      for (const name of SOLVER_METHODS.keys()) {
        const error = await errorOf(() => getSolverMethod(name).run(square, options as SolveOptions));
        expect(error.code, name).toBe('invalid-argument');
        expect(error.message, name).toMatch(message);
      }
    });
  }

  it('takes Infinity as "no time limit" (HiGHS itself refuses a non-finite option)', async () => {
    const r = await getSolverMethod('milp').run(square, { seed: 1, timeLimitSeconds: Number.POSITIVE_INFINITY });
    expect(r).toMatchObject({ status: 'optimal', bestValue: 5 });
  });

  it('refuses an unknown method, listing the known ones', () => {
    for (const name of ['nope', '__proto__', 'constructor', '']) {
      expect(() => getSolverMethod(name)).toThrow(SuperposeError);
      expect(() => getSolverMethod(name)).toThrow(/known methods: exact, milp, sa, tabu, greedy, gw, qaoa, rqaoa, gas/);
    }
  });

  it('refuses an Ising model (it needs asBinaryModel first) instead of failing with a TypeError', async () => {
    const ising = modelFromJSON({ type: 'ising', numVariables: 2, objective: { quadratic: [['x0', 'x1', 1]] } });
    const error = await errorOf(() => getSolverMethod('greedy').run(ising as never, { seed: 1 }));
    expect(error.hint).toMatch(/asBinaryModel/);
    expect((await getSolverMethod('greedy').run(asBinaryModel(ising), { seed: 1 })).bestValue).toBe(-1);
  });
});

describe('solvers on extreme but valid models', () => {
  it('exact reports the best state, not the first within its tie tolerance (1e-9 of a 1e13 range is 10^4)', async () => {
    const m = maxCutModel(5, [[0, 1], [1, 2, -3.75e12], [2, 3, 0.5], [3, 4], [4, 0, 3]]);
    const exact = await getSolverMethod('exact').run(m, { seed: 1 });
    // Cuts 01001 and 10110 are worth 5.5; 00001 (worth 4) used to be reported as optimal.
    expect(exact.bestValue).toBe(5.5);
    expect(['01001', '10110']).toContain(exact.bestBitstring);
    expect((exact.extra as { optimalStates: string[] }).optimalStates[0]).toBe(exact.bestBitstring);
  });

  it('names the constraint whose penalty would overflow', () => {
    const m = binaryModel({ variables: 2, linear: [1, -1], constraints: [{ name: 'huge', indices: [0, 1], coefficients: [1, 1], kind: '==', rhs: 1e200 }] });
    expect(() => toPenaltyModel(m)).toThrow(/^constraints\[0\]: the penalty of "huge".* is more than 1e\+300/);
    // An inequality no state can break adds no penalty, however large its bound.
    const loose = binaryModel({ variables: 2, linear: [1, -1], constraints: [{ name: 'loose', indices: [0, 1], coefficients: [1, 1], kind: '<=', rhs: 1e300 }] });
    expect(toPenaltyModel(loose).constraints[0]!.encoding).toBe('always-satisfied');
  });

  it('refuses a model whose weights add up past 1e300', () => {
    expect(() => binaryModel({ variables: 2, linear: [1e300, -1e300] })).toThrow(/^objective: the weights add up to 2.00e\+300/);
  });

  it('milp refuses numbers HiGHS would reject or read as infinite, naming where', async () => {
    const big = binaryModel({ variables: 2, linear: [-1, -1], constraints: [{ indices: [0, 1], coefficients: [1e15, 1], kind: '<=', rhs: 1 }] });
    expect((await errorOf(() => getSolverMethod('milp').run(big, { seed: 1 }))).where).toBe('constraints[0]');
    const costly = binaryModel({ variables: 2, linear: [-1e25, 1] });
    expect((await errorOf(() => getSolverMethod('milp').run(costly, { seed: 1 }))).where).toBe('objective');
    // The same models are fine for the other exact method.
    expect((await getSolverMethod('exact').run(big, { seed: 1 })).bestValue).toBe(-1);
  });

  it('sa works on subnormal weights (its automatic β was Infinity)', async () => {
    const m = binaryModel({ variables: 2, linear: [5e-324, -5e-324] });
    const r = await getSolverMethod('sa').run(m, { seed: 1 });
    expect(r.bestBitstring).toBe('10');
  });
});
