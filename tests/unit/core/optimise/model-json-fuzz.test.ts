import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { asBinaryModel, modelFromJSON, type OptimisationModel } from '../../../../src/core/optimise/model/json.ts';
import { objectiveRangeBound } from '../../../../src/core/optimise/model/binary-model.ts';
import { getSolverMethod } from '../../../../src/core/optimise/solvers.ts';
import type { SolverResult } from '../../../../src/core/optimise/result.ts';
import { SuperposeError } from '../../../../src/core/errors.ts';
import { editedDocuments, paths, replaceAt, type Json } from '../../helpers/json-mutation.ts';

/**
 * Fuzzing the model reader: a model file is untrusted JSON. Any mutation of a valid model must
 * either load (and then solve, or fail to solve with a SuperposeError) or be refused with a
 * SuperposeError — never a TypeError, a RangeError, a hang or a NaN answer.
 */

const BINARY = {
  type: 'binary',
  sense: 'min',
  variables: ['a', 'b', 'c', 'd'],
  objective: { constant: 1, linear: { a: -1, c: 2, d: -0.5 }, quadratic: [['a', 'b', 2], ['c', 'b', -3], ['d', 'a', 1.25]] },
  constraints: [
    { name: 'pick-one', linear: { a: 1, b: 1, c: 1 }, op: '==', rhs: 1, weight: 10 },
    { name: 'budget', linear: { a: 2, c: 1, d: 3 }, op: '<=', rhs: 4 },
    { linear: { b: 1, d: 1 }, op: '>=', rhs: 1 },
  ],
  penaltyWeight: 7,
  description: 'a small constrained model',
};

const ISING = {
  type: 'ising',
  sense: 'max',
  numVariables: 3,
  objective: { constant: -0.5, linear: [0.5, 0, -1], quadratic: [['x0', 'x1', -1], ['x1', 'x2', 0.75]] },
};

const MAXCUT = { type: 'maxcut', numNodes: 5, edges: [[0, 1], [1, 2, 2.5], [2, 3, 0.5], [3, 4], [4, 0, 3]] };

const SAMPLES = { binary: BINARY, ising: ISING, maxcut: MAXCUT } as const;

/**
 * Values a careless writer or a corrupted file could put anywhere. NaN and ±Infinity only reach
 * the reader as JS values (JSON text has no spelling for them; 1e999 parses as Infinity).
 */
const nasty: fc.Arbitrary<Json | undefined> = fc.oneof(
  fc.constant(undefined), // delete the key or element
  fc.constantFrom<Json>(null, true, false, 0, -0, -1, 1, 2, 3, 4, 0.5, 1.5, -2.5, 1e-300, 1e300, -1e300, 1.7e308, -1.7e308, 2 ** 31, 2 ** 53, 1e9, 1e15),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY) as fc.Arbitrary<Json>,
  fc.constantFrom<Json>('', 'a', 'b', 'x0', 'x9', 'v0', '__proto__', 'constructor', '==', '<=', '>=', '<', '!=', 'min', 'max', 'binary', 'ising', 'maxcut', '1'),
  fc.constantFrom<Json>([], {}, [0], [0, 0], [0, 1], [0, 9], [1, 0, -1], [0, 1, 2, 3], ['a', 'a', 1], ['a', 'b'], { a: 1 }, { z: 1 }, [[0, 1]]),
  fc.double().map((x) => (Number.isNaN(x) ? 0 : x)),
  fc.integer({ min: -5, max: 40 }),
  fc.string({ maxLength: 8 }),
  fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>,
);

/** Numbers only: most such edits still load, so they reach the solvers with extreme weights and bounds. */
const nastyNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(0, -0, 1, -1, 2, 0.5, 1.5, 1e-300, 5e-324, 1e15, 1e300, -1e300, 1.7e308, -1.7e308, Number.NaN, Number.POSITIVE_INFINITY),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer({ min: -3, max: 20 }),
);

/** Solving costs 2^n for 'exact': larger valid models are the memory guard's and exhaustive tests' business. */
const SOLVE_UP_TO = 12;

function expectSuperposeError(err: unknown): void {
  expect(err, String((err as Error)?.stack ?? err)).toBeInstanceOf(SuperposeError);
  expect((err as SuperposeError).message.length).toBeGreaterThan(10);
}

function solve(method: string, model: ReturnType<typeof asBinaryModel>): SolverResult | undefined {
  let result: SolverResult;
  try {
    result = getSolverMethod(method).run(model, { seed: 1, timeLimitSeconds: 1 }) as SolverResult;
  } catch (err) {
    expectSuperposeError(err);
    return undefined;
  }
  const n = model.variables.length;
  if (result.status === 'infeasible' || result.status === 'no-feasible-found') {
    expect(model.constraints.length).toBeGreaterThan(0);
    expect(result.bestValue).toBeNaN();
    expect(result.bestBitstring).toBe('');
  } else {
    expect(Number.isFinite(result.bestValue), `${method}: best value ${result.bestValue}`).toBe(true);
    expect(result.bestBitstring).toMatch(/^[01]*$/);
    expect(result.bestBitstring.length).toBe(n);
  }
  return result;
}

function loadAndSolve(input: unknown): void {
  let model: OptimisationModel;
  try {
    model = modelFromJSON(input);
  } catch (err) {
    expectSuperposeError(err);
    // A JSON path for a bad value, line:column for bad text: the user is told where to look.
    expect((err as SuperposeError).where, (err as Error).message).toBeTruthy();
    return;
  }
  let binary: ReturnType<typeof asBinaryModel>;
  try {
    binary = asBinaryModel(model);
  } catch (err) {
    expectSuperposeError(err);
    return;
  }
  expect(binary.variables.length).toBe(model.variables.length);
  if (binary.variables.length > SOLVE_UP_TO) return;
  const exact = solve('exact', binary);
  const greedy = solve('greedy', binary);
  if (exact?.status === 'optimal' && greedy?.status === 'feasible') {
    // A heuristic's feasible state can never beat the proven optimum (beyond the rounding of
    // sums over weights as large as the model's).
    const sign = binary.sense === 'min' ? 1 : -1;
    const scale = 1 + objectiveRangeBound(binary.objective) + Math.abs(binary.objective.constant);
    const rounding = 4 * (binary.variables.length + 2) * Number.EPSILON * scale;
    expect(sign * greedy.bestValue).toBeGreaterThanOrEqual(sign * exact.bestValue - rounding);
  }
  if (exact?.status === 'infeasible' && greedy) expect(greedy.status).toBe('no-feasible-found');
}

describe('model JSON fuzzing', () => {
  it('the valid samples load and solve', () => {
    for (const doc of Object.values(SAMPLES)) {
      expect(() => modelFromJSON(doc)).not.toThrow();
      loadAndSolve(doc);
      loadAndSolve(JSON.stringify(doc));
    }
  });

  for (const [type, sample] of Object.entries(SAMPLES)) {
    it(`${type}: one or two values replaced or removed anywhere: loads and solves, or fails with a SuperposeError`, () => {
      fc.assert(
        fc.property(editedDocuments(sample as unknown as Json, nasty), (doc) => {
          loadAndSolve(doc);
          loadAndSolve(JSON.stringify(doc));
        }),
        { numRuns: 600, seed: 20261127 },
      );
    });
  }

  for (const [type, sample] of Object.entries(SAMPLES)) {
    it(`${type}: one or two numbers replaced by extreme ones: loads and solves, or fails with a SuperposeError`, () => {
      const numeric = paths(sample as unknown as Json).filter((p) => typeof p.reduce<unknown>((v, k) => (v as Record<string, unknown>)[k], sample) === 'number');
      fc.assert(
        fc.property(fc.array(fc.tuple(fc.constantFrom(...numeric), nastyNumber), { minLength: 1, maxLength: 2 }), (edits) => {
          let doc = sample as unknown as Json;
          for (const [at, value] of edits) doc = replaceAt(doc, at, value);
          loadAndSolve(doc);
          loadAndSolve(JSON.stringify(doc));
        }),
        { numRuns: 300, seed: 20261128 },
      );
    });
  }

  it('truncated JSON text is refused as invalid JSON', () => {
    for (const sample of Object.values(SAMPLES)) {
      const text = JSON.stringify(sample, null, 1);
      for (let cut = 1; cut < text.length; cut += 7) {
        let caught: unknown;
        try {
          modelFromJSON(text.slice(0, cut));
        } catch (err) {
          caught = err;
        }
        expect(caught).toBeInstanceOf(SuperposeError);
        expect((caught as SuperposeError).code).toBe('invalid-json');
      }
    }
  });

  it('arbitrary JSON values are refused with a SuperposeError', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (value) => {
        // { "numVariables": 3 } alone is a valid (all-zero) model; anything arbitrary is not.
        expect(() => modelFromJSON(value)).toThrow(SuperposeError);
        expect(() => modelFromJSON(JSON.stringify(value))).toThrow(SuperposeError);
      }),
      { numRuns: 500, seed: 7 },
    );
  });
});
