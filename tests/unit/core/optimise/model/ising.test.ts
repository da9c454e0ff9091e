import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { binaryModel, isingEnergy, isingModel, isingToQubo, quboEnergy, quboToIsing } from '../../../../../src/core/optimise/model/index.ts';
import { bitsOf } from './random-models.ts';

const weight = fc.integer({ min: -20, max: 20 }).map((v) => v / 4);
const randomQubo = fc.integer({ min: 1, max: 6 }).chain((n) =>
  fc.record({
    n: fc.constant(n),
    constant: weight,
    linear: fc.array(weight, { minLength: n, maxLength: n }),
    quadratic: fc.array(fc.record({ i: fc.integer({ min: 0, max: n - 1 }), j: fc.integer({ min: 0, max: n - 1 }), value: weight }), { maxLength: 12 }),
  }),
);

describe('QUBO ↔ Ising with x = (1 − s)/2', () => {
  it('preserves the value of every state (s = Z eigenvalue: bit 0 ↔ s = +1)', () => {
    fc.assert(
      fc.property(randomQubo, (r) => {
        const q = binaryModel({ variables: r.n, constant: r.constant, linear: r.linear, quadratic: r.quadratic }).objective;
        const ising = quboToIsing(q);
        for (let x = 0; x < 2 ** r.n; x++) {
          const bits = bitsOf(x, r.n);
          const spins = bits.map((b) => 1 - 2 * b);
          if (Math.abs(isingEnergy(ising, spins) - quboEnergy(q, bits)) > 1e-9) return false;
        }
        return true;
      }),
      { seed: 3, numRuns: 200 },
    );
  });

  it('round-trips QUBO → Ising → QUBO to the same coefficients', () => {
    fc.assert(
      fc.property(randomQubo, (r) => {
        const q = binaryModel({ variables: r.n, constant: r.constant, linear: r.linear, quadratic: r.quadratic }).objective;
        const back = isingToQubo(quboToIsing(q));
        expect(back.constant).toBeCloseTo(q.constant, 12);
        for (let i = 0; i < r.n; i++) expect(back.linear[i]).toBeCloseTo(q.linear[i]!, 12);
        expect(back.quadratic.map((t) => [t.i, t.j])).toEqual(q.quadratic.map((t) => [t.i, t.j]));
        back.quadratic.forEach((t, k) => expect(t.value).toBeCloseTo(q.quadratic[k]!.value, 12));
      }),
      { seed: 4, numRuns: 200 },
    );
  });

  it('maps single terms as the textbook says', () => {
    // x0 = (1 − s0)/2
    expect(quboToIsing(binaryModel({ variables: 1, linear: [1] }).objective)).toMatchObject({ constant: 0.5, linear: new Float64Array([-0.5]) });
    // s0·s1 = 1 − 2x0 − 2x1 + 4x0x1
    const q = isingToQubo({ numSpins: 2, constant: 0, linear: new Float64Array(2), quadratic: [{ i: 0, j: 1, J: 1 }] });
    expect(q.constant).toBe(1);
    expect(Array.from(q.linear)).toEqual([-2, -2]);
    expect(q.quadratic).toEqual([{ i: 0, j: 1, value: 4 }]);
  });

  it('validates Ising models', () => {
    expect(() => isingModel({ numSpins: 2, constant: 0, linear: new Float64Array([0, Number.NaN]), quadratic: [] })).toThrow(/finite/);
    expect(() => isingModel({ numSpins: 2, constant: 0, linear: new Float64Array(2), quadratic: [{ i: 1, j: 1, J: 1 }] })).toThrow(/two different spins/);
    expect(() => isingModel({ numSpins: 2, constant: 0, linear: new Float64Array(2), quadratic: [{ i: 0, j: 5, J: 1 }] })).toThrow(/not in 0…1/);
  });
});
