import { describe, expect, it } from 'vitest';
import {
  blochVector, checkStateFits, expectationPauli, fidelity, probabilities, qftCircuit, sampleShots, simulate, stateBytes, StateVector,
} from '../../../../src/core/index.ts';
import { randomCircuit } from '../../helpers/random-circuit.ts';
import { createRng, maxAbsDiff, randomState } from '../../helpers/random.ts';
import { errorOf } from '../../helpers/errors.ts';

describe('single-precision states', () => {
  it('store amplitudes as floats (8 bytes each) on the TypeScript kernels', () => {
    const state = StateVector.zero(10, { precision: 'single' });
    expect(state.data).toBeInstanceOf(Float32Array);
    expect(state.data.byteLength).toBe(stateBytes(10, 'single'));
    expect(stateBytes(10, 'single')).toBe(stateBytes(10) / 2);
    expect(state.precision).toBe('single');
    expect(state.backendName).toBe('ts');
    expect(StateVector.zero(10).precision).toBe('double');
    expect(state.clone().precision).toBe('single');
  });

  it('refuse the wasm backend with a hint, and bad precision names', () => {
    const wasm = errorOf(() => StateVector.zero(4, { precision: 'single', backend: 'wasm' }));
    expect(wasm.message).toMatch(/double/);
    expect(wasm.hint).toMatch(/"ts"|auto/);
    const bad = errorOf(() => StateVector.zero(4, { precision: 'half' as 'single' }));
    expect(bad.message).toMatch(/precision must be "double" or "single"/);
  });

  it('fit one more qubit in the same budget: the memory guard counts 8·2^n bytes', () => {
    const budget = stateBytes(20); // 16 MiB: a 20-qubit double state
    expect(() => checkStateFits(21, budget, 'single')).not.toThrow();
    const refused = errorOf(() => checkStateFits(21, budget));
    expect(refused.message).toMatch(/16·2\^21/);
    expect(refused.hint).toMatch(/single precision/);
    expect(errorOf(() => checkStateFits(22, budget, 'single')).message).toMatch(/single-precision state needs 32 MiB \(8·2\^22 bytes\)/);
  });

  it('agree with double precision on random circuits over the whole gate set (stated accuracy: 1e-6)', () => {
    const rng = createRng(77);
    for (let trial = 0; trial < 12; trial++) {
      const n = 4 + (trial % 8);
      const circuit = randomCircuit(n, 200, rng, { controlRate: 0.3 });
      const single = simulate(circuit, { precision: 'single', seed: 1 });
      const double = simulate(circuit, { seed: 1 });
      expect(single.precision).toBe('single');
      expect(double.precision).toBe('double');
      expect(maxAbsDiff(single.state.data, double.state.data)).toBeLessThan(1e-6);
      expect(Math.abs(single.state.norm2() - 1)).toBeLessThan(1e-6);
      expect(Math.abs(1 - fidelity(single.state, double.state))).toBeLessThan(1e-6);
    }
  });

  it('run tiled, fused and from a given single-precision input like double precision', () => {
    const rng = createRng(5);
    const input = randomState(12, rng);
    const single = StateVector.fromAmplitudes(input, { precision: 'single' });
    const double = StateVector.fromAmplitudes(input);
    const circuit = qftCircuit(12);
    simulate(circuit, { initialState: single, tiling: { lowBits: 4, maxHigh: 2 } });
    simulate(circuit, { initialState: double, tiling: false, fuse: false });
    expect(maxAbsDiff(single.data, double.data)).toBeLessThan(1e-6);
    expect(errorOf(() => simulate(circuit, { initialState: single, precision: 'double' })).message).toMatch(/single precision/);
  });

  it('give the same statistics: probabilities, Pauli expectations, Bloch vectors, seeded shots', () => {
    const circuit = randomCircuit(8, 120, createRng(9), { controlRate: 0.2 });
    const single = simulate(circuit, { precision: 'single' }).state;
    const double = simulate(circuit).state;
    expect(maxAbsDiff(probabilities(single), probabilities(double))).toBeLessThan(1e-6);
    for (const pauli of ['ZZIIIIII', 'XIYIZIII', 'IIIIIXXY']) expect(Math.abs(expectationPauli(single, pauli) - expectationPauli(double, pauli))).toBeLessThan(1e-6);
    for (let q = 0; q < 8; q++) expect(maxAbsDiff(blochVector(single, q), blochVector(double, q))).toBeLessThan(1e-6);
    // Same seed: the inverse-CDF sampler sees probabilities equal to ~1e-7, so (almost) every shot lands alike.
    const a = sampleShots(single, 2000, 42), b = sampleShots(double, 2000, 42);
    let differing = 0;
    for (const [outcome, count] of b) differing += Math.abs(count - (a.get(outcome) ?? 0));
    expect(differing).toBeLessThanOrEqual(4);
  });
});
