import { describe, expect, it } from 'vitest';
import { errorOf } from '../../helpers/errors.ts';
import { availableBackends, Circuit, checkStateFits, qftCircuit, simulate, stateBytes, StateVector, SuperposeError, toBitstring, fromBitstring, BIT_ORDER_NOTE } from '../../../../src/core/index.ts';

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

describe('reusing a state’s memory', () => {
  it('runs from |0…0⟩ in the given state, whatever it held, and equals a run in a fresh state', () => {
    for (const backend of availableBackends() as ('ts' | 'wasm')[]) {
      const circuit = qftCircuit(6).append('ry', [2], { params: [0.7] }).append('swap', [0, 5]);
      const reused = simulate(Circuit.create(6).append('h', [1]).append('t', [1]), { backend }).state; // not |0…0⟩
      const data = reused.data;
      const run = simulate(circuit, { reuseState: reused });
      expect(run.state).toBe(reused);
      expect(run.state.data).toBe(data); // same memory, no allocation
      const fresh = simulate(circuit, { backend }).state;
      for (let i = 0; i < fresh.data.length; i++) expect(reused.data[i]).toBeCloseTo(fresh.data[i]!, 14);
    }
  });

  it('refuses a state of the wrong size, precision or backend, or together with an initial state', () => {
    const circuit = Circuit.create(3).append('h', [0]);
    const three = StateVector.zero(3, { backend: 'ts' });
    expect(errorOf(() => simulate(circuit, { reuseState: StateVector.zero(4) })).message).toMatch(/reuse has 4 qubits, the circuit 3/);
    expect(errorOf(() => simulate(circuit, { reuseState: three, precision: 'single' })).message).toMatch(/double precision, the run asked for single/);
    if (availableBackends().includes('wasm')) {
      expect(errorOf(() => simulate(circuit, { reuseState: three, backend: 'wasm' })).message).toMatch(/runs on the ts backend, the run asked for wasm/);
    }
    expect(errorOf(() => simulate(circuit, { reuseState: three, initialState: StateVector.zero(3) })).message).toMatch(/not both/);
    // an initial state gets the same checks (a backend asked for and not the state's used to be ignored)
    expect(errorOf(() => simulate(circuit, { initialState: StateVector.zero(4) })).message).toMatch(/initial state has 4 qubits, the circuit 3/);
    if (availableBackends().includes('wasm')) {
      expect(errorOf(() => simulate(circuit, { initialState: StateVector.zero(3, { backend: 'ts' }), backend: 'wasm' })).message).toMatch(/initial state runs on the ts backend/);
    }
  });
});
