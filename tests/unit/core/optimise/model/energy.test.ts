import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allStatesObjective, binaryModel, bitsToBitstring, bitsToIndex, bitstringToBits, indexToBits, ObjectiveBlocks, quboEnergy, quboEnergyOfIndex,
} from '../../../../../src/core/optimise/model/index.ts';
import { SuperposeError } from '../../../../../src/core/errors.ts';
import { toBitstring } from '../../../../../src/core/conventions.ts';
import { bitsOf, createRng, modelFromRaw, randomTerms, rawValue } from './random-models.ts';

describe('energy of one state', () => {
  it('matches the raw terms on every state of random models (duplicates, reversed and diagonal pairs normalised)', () => {
    const rng = createRng(11);
    for (let trial = 0; trial < 20; trial++) {
      const t = randomTerms(1 + (trial % 7), rng);
      const m = modelFromRaw(t);
      for (const q of m.objective.quadratic) {
        expect(q.i).toBeLessThan(q.j);
        expect(q.value).not.toBe(0);
      }
      for (let x = 0; x < 2 ** t.n; x++) {
        expect(quboEnergy(m.objective, bitsOf(x, t.n))).toBe(rawValue(t, bitsOf(x, t.n)));
        expect(quboEnergyOfIndex(m.objective, x)).toBe(rawValue(t, bitsOf(x, t.n)));
      }
    }
  });

  it('bit helpers follow the convention: variable 0 is the rightmost character and bit 0 of the index', () => {
    expect(bitsToBitstring([1, 0, 0])).toBe('001');
    expect(bitsToIndex([1, 0, 1])).toBe(5);
    expect(Array.from(indexToBits(6, 3))).toEqual([0, 1, 1]);
    expect(Array.from(bitstringToBits('110'))).toEqual([0, 1, 1]);
    fc.assert(fc.property(fc.integer({ min: 0, max: 2 ** 20 - 1 }), (x) => bitsToBitstring(indexToBits(x, 20)) === toBitstring(x, 20) && bitsToIndex(indexToBits(x, 20)) === x));
    expect(bitsToIndex(new Uint8Array(60))).toBeNaN();
  });
});

describe('objective of all states in one pass', () => {
  it('equals the per-state energy for random models, one block and many blocks', () => {
    const rng = createRng(5);
    for (let trial = 0; trial < 12; trial++) {
      const n = 1 + trial;
      const t = randomTerms(n, rng, 0.7);
      const m = modelFromRaw(t);
      const all = allStatesObjective(m.objective);
      expect(all.length).toBe(2 ** n);
      // Small blocks: exercises the high-bit fields and pairs.
      const blocks = new ObjectiveBlocks(m.objective, 3);
      const split = new Float64Array(2 ** n);
      for (let h = 0; h < blocks.numBlocks; h++) blocks.fill(h, split, h * blocks.blockSize);
      for (let x = 0; x < 2 ** n; x++) {
        const reference = rawValue(t, bitsOf(x, n));
        expect(all[x]).toBeCloseTo(reference, 9);
        expect(split[x]).toBeCloseTo(reference, 9);
      }
    }
  });

  it('handles real-valued weights to 1e-12 relative at n = 16', () => {
    const rng = createRng(9);
    const n = 16;
    const quadratic = [];
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) quadratic.push({ i, j, value: rng() * 2 - 1 });
    const m = binaryModel({ variables: n, constant: 0.25, linear: Array.from({ length: n }, () => rng() - 0.5), quadratic });
    const all = allStatesObjective(m.objective);
    for (let trial = 0; trial < 500; trial++) {
      const x = Math.floor(rng() * 2 ** n);
      expect(Math.abs(all[x]! - quboEnergyOfIndex(m.objective, x))).toBeLessThan(1e-12 * 64);
    }
  });

  it('writes into a given buffer and refuses a wrong size', () => {
    const m = binaryModel({ variables: 3, linear: [1, 2, 4] });
    const out = new Float64Array(8);
    expect(allStatesObjective(m.objective, out)).toBe(out);
    expect(Array.from(out)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(() => allStatesObjective(m.objective, new Float64Array(4))).toThrow(SuperposeError);
  });
});

describe('model validation', () => {
  it('refuses NaN and infinite weights, bad indices, duplicate names and empty models, naming the culprit', () => {
    expect(() => binaryModel({ variables: 2, linear: [1, Number.NaN] })).toThrow(/objective\.linear\[1\].*finite/);
    expect(() => binaryModel({ variables: 2, quadratic: [{ i: 0, j: 1, value: Infinity }] })).toThrow(/objective\.quadratic\[0\].*finite/);
    expect(() => binaryModel({ variables: 2, quadratic: [{ i: 0, j: 2, value: 1 }] })).toThrow(/index 2 is not in 0…1/);
    expect(() => binaryModel({ variables: ['a', 'a'] })).toThrow(/duplicate variable name "a"/);
    expect(() => binaryModel({ variables: 0 })).toThrow(/whole number ≥ 1/);
    expect(() => binaryModel({ variables: 2, constraints: [{ indices: [0], coefficients: [1], kind: '<=', rhs: Number.NaN }] })).toThrow(/constraints\[0\]\.rhs/);
    expect(() => binaryModel({ variables: 2, constraints: [{ indices: [0], coefficients: [1], kind: '<=', rhs: 1, weight: -1 }] })).toThrow(/weight must be a finite number > 0/);
    expect(() => binaryModel({ variables: 2, constraints: [{ name: 'a', indices: [0], coefficients: [1], kind: '<=', rhs: 1 }, { name: 'a', indices: [1], coefficients: [1], kind: '<=', rhs: 1 }] })).toThrow(/duplicate constraint name "a"/);
  });
});
