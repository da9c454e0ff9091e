import { describe, expect, it } from 'vitest';
import { Circuit } from '../../../../src/core/circuit/circuit.ts';
import {
  availableBackends, ghzCircuit, groverCircuit, probabilities, qftCircuit, runShots, sampleShots, simulate, StateVector,
} from '../../../../src/core/index.ts';
import { createRng, randomState } from '../../helpers/random.ts';

describe.each(availableBackends())('analytic results (%s backend)', (backend) => {
  const opts = { backend: backend as 'ts' | 'wasm', seed: 1 };

  it('Bell pair: 1/2 on 00 and 11, amplitudes 1/√2', () => {
    const { state } = simulate(Circuit.create(2).append('h', [0]).append('cx', [0, 1]), opts);
    const p = probabilities(state);
    expect(p[0]).toBeCloseTo(0.5, 14);
    expect(p[3]).toBeCloseTo(0.5, 14);
    expect(p[1]! + p[2]!).toBeLessThan(1e-15);
    expect(state.amplitude(3)[0]).toBeCloseTo(Math.SQRT1_2, 14);
  });

  it('GHZ on 2..12 qubits puts 1/2 on all-zeros and all-ones', () => {
    for (let n = 2; n <= 12; n++) {
      const p = probabilities(simulate(ghzCircuit(n), opts).state);
      expect(p[0]).toBeCloseTo(0.5, 13);
      expect(p[2 ** n - 1]).toBeCloseTo(0.5, 13);
      expect(p.reduce((a, b) => a + b, 0) - p[0]! - p[2 ** n - 1]!).toBeLessThan(1e-14);
    }
  });

  it('QFT of every basis state |j⟩ gives amplitudes e^{2πi jk/N}/√N (n = 1..6) and of random j up to n = 10', () => {
    const check = (n: number, j: number) => {
      const N = 2 ** n;
      const state = StateVector.zero(n, opts);
      state.setBasis(j);
      simulate(qftCircuit(n), { ...opts, initialState: state });
      for (let k = 0; k < N; k++) {
        const angle = (2 * Math.PI * ((j * k) % N)) / N;
        const [re, im] = state.amplitude(k);
        expect(Math.abs(re - Math.cos(angle) / Math.sqrt(N)) + Math.abs(im - Math.sin(angle) / Math.sqrt(N))).toBeLessThan(1e-12);
      }
    };
    for (let n = 1; n <= 6; n++) for (let j = 0; j < 2 ** n; j++) check(n, j);
    const rng = createRng(5);
    for (let n = 7; n <= 10; n++) for (let t = 0; t < 3; t++) check(n, Math.floor(rng() * 2 ** n));
  });

  it("Grover's success probability is sin²((2k+1)θ) with sin θ = √(M/N), n = 2..10", () => {
    const rng = createRng(11);
    for (let n = 2; n <= 10; n++) {
      const N = 2 ** n;
      for (const M of [1, 2, 3].filter((m) => m < N / 2 || (n === 2 && m === 1))) {
        const marked = new Set<number>();
        while (marked.size < M) marked.add(Math.floor(rng() * N));
        const theta = Math.asin(Math.sqrt(M / N));
        for (const k of [0, 1, 2, Math.floor(Math.PI / (4 * theta))]) {
          const p = probabilities(simulate(groverCircuit(n, [...marked], k), opts).state);
          const success = [...marked].reduce((s, m) => s + p[m]!, 0);
          expect(success, `n=${n} M=${M} k=${k}`).toBeCloseTo(Math.sin((2 * k + 1) * theta) ** 2, 11);
        }
      }
    }
  });

  it('seeded sampling passes a chi-square test and repeats exactly for the same seed', () => {
    const rng = createRng(17);
    const n = 3;
    // chi-square critical value, 7 degrees of freedom, p = 0.001
    const CRITICAL = 24.322;
    for (const seed of [1, 2, 3, 4, 5]) {
      const state = StateVector.fromAmplitudes(randomState(n, rng), opts);
      const shots = 100_000;
      const counts = sampleShots(state, shots, seed);
      const p = probabilities(state);
      let chi2 = 0;
      for (let i = 0; i < 2 ** n; i++) chi2 += ((counts.get(i) ?? 0) - shots * p[i]!) ** 2 / (shots * p[i]!);
      expect(chi2, `seed ${seed}`).toBeLessThan(CRITICAL);
      expect([...sampleShots(state, shots, seed)]).toEqual([...counts]);
    }
  });
});

describe('measurement, reset and classical conditions', () => {
  it('mid-circuit measurement collapses: a measured Bell pair always agrees', () => {
    const circuit = Circuit.create(2, 2).append('h', [0]).append('cx', [0, 1]).measure(0, 0).measure(1, 1);
    for (let seed = 0; seed < 20; seed++) {
      const run = simulate(circuit, { seed });
      expect(run.clbits[0]).toBe(run.clbits[1]);
      expect(run.state.norm2()).toBeCloseTo(1, 14);
      expect(run.measurements[0]!.probability).toBeCloseTo(0.5, 14);
    }
  });

  it('teleportation with classically conditioned corrections reproduces the input state', () => {
    const theta = 1.1, phi = 0.7;
    for (let seed = 0; seed < 16; seed++) {
      const circuit = Circuit.create(3, 2)
        .append('u', [0], { params: [theta, phi, 0] })
        .append('h', [1]).append('cx', [1, 2])
        .append('cx', [0, 1]).append('h', [0])
        .measure(0, 0).measure(1, 1)
        .append('x', [2], { condition: { clbits: [1], value: 1 } })
        .append('z', [2], { condition: { clbits: [0], value: 1 } });
      const { state, clbits } = simulate(circuit, { seed });
      const base = clbits[0]! + 2 * clbits[1]!;
      const a0 = state.amplitude(base), a1 = state.amplitude(base + 4);
      expect(Math.hypot(...a0)).toBeCloseTo(Math.cos(theta / 2), 12);
      expect(Math.hypot(...a1)).toBeCloseTo(Math.sin(theta / 2), 12);
      const relative = Math.atan2(a1[1], a1[0]) - Math.atan2(a0[1], a0[0]);
      expect(Math.cos(relative - phi)).toBeCloseTo(1, 12);
    }
  });

  it('reset returns a qubit to |0⟩ whatever it held', () => {
    for (let seed = 0; seed < 10; seed++) {
      const { state } = simulate(Circuit.create(2).append('h', [0]).append('cx', [0, 1]).reset(0).reset(1), { seed });
      expect(probabilities(state)[0]).toBeCloseTo(1, 14);
    }
  });

  it('conditions on multi-bit registers compare the integer value', () => {
    const base = Circuit.create(2, 2).append('x', [0]).measure(0, 0).measure(1, 1);
    const fires = simulate(base.append('x', [1], { condition: { clbits: [0, 1], value: 1 } }), { seed: 1 });
    expect(probabilities(fires.state)[3]).toBeCloseTo(1, 14);
    const quiet = simulate(base.append('x', [1], { condition: { clbits: [0, 1], value: 2 } }), { seed: 1 });
    expect(probabilities(quiet.state)[1]).toBeCloseTo(1, 14);
  });

  it('runShots samples the final state when measurements are terminal, and runs trajectories otherwise', () => {
    const bell = Circuit.create(2, 2).append('h', [0]).append('cx', [0, 1]).measure(0, 1).measure(1, 0);
    const a = runShots(bell, { shots: 2000, seed: 9 });
    expect(a.method).toBe('final-state');
    expect([...a.counts.keys()].sort()).toEqual([0, 3]);
    expect(runShots(bell, { shots: 2000, seed: 9 }).counts).toEqual(a.counts);
    // X on qubit 0 measured into clbit 1: outcome value 2.
    const swapped = runShots(Circuit.create(2, 2).append('x', [0]).measure(0, 1), { shots: 10, seed: 1 });
    expect([...swapped.counts]).toEqual([[2, 10]]);
    const mid = Circuit.create(1, 2).append('h', [0]).measure(0, 0).append('h', [0]).measure(0, 1);
    const b = runShots(mid, { shots: 4000, seed: 3 });
    expect(b.method).toBe('trajectories');
    for (const v of [0, 1, 2, 3]) expect(b.counts.get(v)! / 4000).toBeGreaterThan(0.2);
  });

  it('runs trajectories in one reused state, with the counts of one fresh simulation per shot', () => {
    // Mid-circuit measurement, a conditioned gate and a reset on 5 qubits; the reference simulates
    // every shot from scratch with the seeds runShots draws.
    const circuit = Circuit.create(5, 3)
      .append('h', [0]).append('ry', [1], { params: [0.7] }).append('cx', [0, 2])
      .measure(2, 0).append('x', [3], { condition: { clbits: [0], value: 1 } }).append('h', [2])
      .reset(0).append('cry', [3, 4], { params: [1.1] }).measure(4, 1).measure(1, 2);
    for (const backend of availableBackends() as ('ts' | 'wasm')[]) {
      const shots = 300;
      const result = runShots(circuit, { shots, seed: 17, backend });
      expect(result.method).toBe('trajectories');
      const seeds = createRng(17);
      const reference = new Map<number, number>();
      for (let s = 0; s < shots; s++) {
        const run = simulate(circuit, { seed: Math.floor(seeds() * 2 ** 32), backend });
        let value = 0;
        run.clbits.forEach((bit, b) => { value += bit * 2 ** b; });
        reference.set(value, (reference.get(value) ?? 0) + 1);
      }
      expect(result.counts).toEqual(reference);
      expect(result.counts.size).toBeGreaterThan(3); // the shots did differ
    }
  });
});
