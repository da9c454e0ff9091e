import { describe, expect, it } from 'vitest';
import { Circuit, fidelity, qftCircuit, simulate, StateVector, toQasm2, toQasm3, toQiskit, toQuirk } from '../../../../src/core/index.ts';
import { errorOf } from '../../helpers/errors.ts';

/** Options a notebook or a UI could get wrong: each is refused by name, none changes the answer silently. */
describe('simulate: its options are checked', () => {
  const circuit = qftCircuit(6);

  it('tiling options that would plan wrong tiles are refused (lowBits −3 or 2.5 gave wrong states)', () => {
    for (const tiling of [{ lowBits: -3 }, { lowBits: 2.5 }, { lowBits: 31 }, { maxHigh: -1 }, { maxHigh: 0.5 }]) {
      expect(errorOf(() => simulate(circuit, { tiling })).message).toMatch(/tiling\.(lowBits|maxHigh) must be a whole number 0…30/);
    }
    expect(errorOf(() => simulate(circuit, { tiling: 'off' as never })).message).toMatch(/tiling must be false or \{ lowBits\?, maxHigh\? \}, got "off"/);
    // Every valid setting gives the unblocked answer.
    const reference = simulate(circuit, { tiling: false }).state.data;
    for (const tiling of [{ lowBits: 0 }, { lowBits: 2 }, { lowBits: 30 }, { maxHigh: 0 }, { lowBits: 3, maxHigh: 1 }]) {
      const data = simulate(circuit, { tiling }).state.data;
      let diff = 0;
      for (let i = 0; i < data.length; i++) diff = Math.max(diff, Math.abs(data[i]! - reference[i]!));
      expect(diff, JSON.stringify(tiling)).toBeLessThan(1e-12);
    }
  });

  it('fusion limits must be whole numbers ≥ 1, params an object', () => {
    expect(errorOf(() => simulate(circuit, { fusion: { maxFusedQubits: 0 } })).message).toMatch(/maxFusedQubits must be a whole number 1…30, got 0/);
    expect(errorOf(() => simulate(circuit, { fusion: { maxDiagonalQubits: 1.5 } })).message).toMatch(/maxDiagonalQubits must be a whole number 1…30, got 1\.5/);
    expect(errorOf(() => simulate(circuit, { params: [0.5] as never })).message).toMatch(/params must be an object/);
  });

  it('the memory limit must be a positive number of bytes (NaN used to mean "no limit")', () => {
    for (const maxBytes of [Number.NaN, -1, 0, '1GiB' as never]) {
      expect(errorOf(() => simulate(circuit, { maxBytes })).message).toMatch(/the memory limit must be a positive number of bytes/);
    }
    expect(errorOf(() => simulate(circuit, { maxBytes: 512 })).code).toBe('too-large');
  });

  it('a circuit must be a Circuit; an initial state must be one (finite, norm 1)', () => {
    expect(errorOf(() => simulate(null as never)).message).toMatch(/simulate takes a Circuit, got null.*Circuit\.fromJSON/);
    expect(errorOf(() => simulate(Circuit.create(1).toJSON() as never)).message).toMatch(/simulate takes a Circuit, got object/);
    expect(errorOf(() => StateVector.fromAmplitudes([1, 0, Number.NaN, 0])).message).toMatch(/amplitudes\[2\]: amplitude 1 has a real part of NaN/);
    const h = Circuit.create(1).append('h', [0]);
    const unnormalised = StateVector.fromAmplitudes([2, 0, 0, 0]);
    expect(errorOf(() => simulate(h, { initialState: unnormalised })).message).toMatch(/initial state has norm² 4\.00000, not 1.*divide every amplitude by 2\.00000/);
    const plus = simulate(h, { initialState: StateVector.fromAmplitudes([Math.SQRT1_2, 0, Math.SQRT1_2, 0]) }).state;
    expect(plus.amplitude(0)[0]).toBeCloseTo(1, 14); // H|+⟩ = |0⟩
  });

  it('exporters and overlaps name what they take; null gate options mean none', () => {
    for (const [name, exporter] of [['toQasm2', toQasm2], ['toQasm3', toQasm3], ['toQiskit', toQiskit], ['toQuirk', toQuirk]] as const) {
      expect(errorOf(() => exporter(null as never)).message).toMatch(new RegExp(`^${name} takes a Circuit, got null`));
    }
    expect(errorOf(() => fidelity(StateVector.zero(1), null as never)).message).toMatch(/take two StateVectors/);
    expect(Circuit.create(1).append('h', [0], null as never).ops[0]).toMatchObject({ gate: 'h', qubits: [0] });
  });
});
