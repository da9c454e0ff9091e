import { describe, expect, it } from 'vitest';
import { expectationPauliSum, StateVector } from '../../../src/core/index.ts';
import { compileObservable, evaluateObservable } from '../../../workers/observables.ts';
import { createRng, randomState } from '../helpers/random.ts';

describe('compiled observables (sweeps)', () => {
  const n = 7;
  const state = StateVector.fromAmplitudes(randomState(n, createRng(5)), { backend: 'ts' });

  it('tabulates a Z/I Pauli sum as a diagonal whose one-pass value equals the term-by-term sum', () => {
    const terms = [
      { coefficient: 0.5, pauli: '' },
      { coefficient: -0.5, pauli: 'Z0 Z1' },
      { coefficient: 1.75, pauli: 'Z2 Z4 Z6' },
      { coefficient: -0.3, pauli: 'IIIIZII' },
    ];
    const compiled = compileObservable(terms, n);
    expect(compiled.kind).toBe('diagonal');
    // Independent check of the table: basis state |i⟩ has ⟨Z_q⟩ = 1 − 2·bit_q(i).
    if (compiled.kind === 'diagonal') {
      const bit = (i: number, q: number) => (i >> q) & 1;
      for (const i of [0, 1, 3, 0b1010101, 127]) {
        const z = (q: number) => 1 - 2 * bit(i, q);
        const expected = 0.5 - 0.5 * z(0) * z(1) + 1.75 * z(2) * z(4) * z(6) - 0.3 * z(2);
        expect(compiled.values[i]).toBeCloseTo(expected, 12);
      }
    }
    expect(Math.abs(evaluateObservable(state, compiled) - expectationPauliSum(state, terms))).toBeLessThan(1e-12);
  });

  it('keeps sums with X or Y terms as Pauli sums', () => {
    const terms = [{ coefficient: 1, pauli: 'Z0' }, { coefficient: 0.25, pauli: 'X1 Y3' }];
    const compiled = compileObservable(terms, n);
    expect(compiled.kind).toBe('pauli');
    expect(Math.abs(evaluateObservable(state, compiled) - expectationPauliSum(state, terms))).toBeLessThan(1e-12);
  });
});
