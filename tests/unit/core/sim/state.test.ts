import { describe, expect, it } from 'vitest';
import { Circuit, checkStateFits, simulate, stateBytes, StateVector, SuperposeError, toBitstring, fromBitstring, BIT_ORDER_NOTE } from '../../../../src/core/index.ts';

describe('state memory and conventions', () => {
  it('a state of n qubits is 16·2^n bytes', () => {
    const s = StateVector.zero(10);
    expect(s.data.byteLength).toBe(stateBytes(10));
    expect(stateBytes(30)).toBe(16 * 2 ** 30);
  });

  it('refuses a state over the memory limit up front, naming the bytes it needs', () => {
    try {
      simulate(Circuit.create(26).append('h', [0]), { maxBytes: 256 * 1024 ** 2 });
      throw new Error('expected an error');
    } catch (error) {
      expect(error).toBeInstanceOf(SuperposeError);
      expect((error as SuperposeError).code).toBe('too-large');
      expect((error as Error).message).toMatch(/26-qubit state needs 1 GiB .*over the memory limit of 256 MiB/);
    }
    expect(() => checkStateFits(31, Infinity)).toThrow(/at most 30 qubits/);
    expect(() => checkStateFits(20, 16 * 2 ** 20)).not.toThrow();
  });

  it('qubit 0 is the least-significant bit and is printed rightmost', () => {
    const { state } = simulate(Circuit.create(3).append('x', [0]));
    expect(state.amplitude(1)[0]).toBe(1);
    expect(toBitstring(1, 3)).toBe('001');
    expect(fromBitstring('100')).toBe(4);
    expect(BIT_ORDER_NOTE).toMatch(/qubit 0 is the least-significant bit/);
  });
});
