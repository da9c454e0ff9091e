import { describe, expect, it } from 'vitest';
import { Qaoa } from '../../../../../src/core/optimise/qaoa/qaoa.ts';
import { qaoaCircuit } from '../../../../../src/core/optimise/qaoa/circuit.ts';
import { simulate } from '../../../../../src/core/sim/simulate.ts';
import { createRng } from '../../../../../src/core/sim/rng.ts';
import type { MixerSpec } from '../../../../../src/core/optimise/qaoa/mixers.ts';
import { maxCutProblem, randomIsingProblem, ringEdges } from '../helpers/maxcut.ts';

// Importing the core index registers the WebAssembly backend.
import { availableBackends } from '../../../../../src/core/index.ts';

const backends = availableBackends() as ('ts' | 'wasm')[];

function expectationFromAmplitudes(data: ArrayLike<number>, cost: Float64Array): number {
  let sum = 0;
  for (let x = 0; x < cost.length; x++) sum += (data[2 * x]! ** 2 + data[2 * x + 1]! ** 2) * cost[x]!;
  return sum;
}

describe('QAOA fast path against the gate-level circuit', () => {
  const rng = createRng(7);
  const cases: { name: string; problem: ReturnType<typeof maxCutProblem>; mixer: MixerSpec }[] = [
    { name: 'weighted MaxCut, X mixer', problem: maxCutProblem(5, [[0, 1, 1.5], [1, 2, 0.3], [2, 3, 2], [3, 4, 1], [4, 0, 0.7], [1, 3, 1.1]]), mixer: { kind: 'x' } },
    { name: 'random Ising (min, linear terms), X mixer', problem: randomIsingProblem(6, rng, 'min'), mixer: { kind: 'x' } },
    { name: 'random Ising, warm start', problem: randomIsingProblem(5, rng, 'min'), mixer: { kind: 'warm-start', relaxed: [0.1, 0.5, 0.9, 0.3, 1] } },
    { name: 'random Ising, XY ring', problem: randomIsingProblem(5, rng, 'max'), mixer: { kind: 'xy', topology: 'ring' } },
    { name: 'random Ising, XY complete on two groups + a free qubit', problem: randomIsingProblem(6, rng, 'min'), mixer: { kind: 'xy', topology: 'complete', groups: [[0, 2, 4], [1, 3]] } },
  ];
  for (const backend of backends) {
    for (const { name, problem, mixer } of cases) {
      it(`${name} (${backend}): same amplitudes and ⟨C⟩ to 1e-12`, () => {
        const p = 3;
        const qaoa = Qaoa.create(problem, { p, mixer, backend });
        const params = Array.from({ length: 2 * p }, () => rng() * 2 - 1);
        const fast = qaoa.expectation(params);
        const circuit = qaoaCircuit(problem, p, { mixer });
        const bindings: Record<string, number> = {};
        for (let l = 0; l < p; l++) { bindings[`gamma_${l + 1}`] = params[l]!; bindings[`beta_${l + 1}`] = params[p + l]!; }
        const { state } = simulate(circuit, { params: bindings, backend, fuse: false });
        const sign = problem.sense === 'min' ? -1 : 1;
        const cost = problem.objective.map((v) => sign * v);
        expect(Math.abs(fast - expectationFromAmplitudes(state.data, cost))).toBeLessThan(1e-12);
        let maxDiff = 0;
        for (let k = 0; k < state.data.length; k++) maxDiff = Math.max(maxDiff, Math.abs(state.data[k]! - qaoa.state.data[k]!));
        expect(maxDiff).toBeLessThan(1e-12);
      });
    }
  }

  it('binds numeric angles when given', () => {
    const problem = maxCutProblem(4, ringEdges(4));
    const c = qaoaCircuit(problem, 1, { params: [0.3, 0.2] });
    expect(c.ops.every((op) => op.kind !== 'gate' || (op.params ?? []).every((v) => typeof v === 'number'))).toBe(true);
  });
});

describe('QAOA objectives', () => {
  it('CVaR_α against a brute-force sort of the outcome distribution; α = 1 is the expectation', () => {
    const problem = randomIsingProblem(6, createRng(3), 'min');
    const qaoa = Qaoa.create(problem, { p: 2 });
    const params = [0.4, -0.3, 0.7, 0.2];
    const data = qaoa.run(params).data;
    const outcomes = Array.from(problem.objective, (f, x) => ({ c: -f, prob: data[2 * x]! ** 2 + data[2 * x + 1]! ** 2 })).sort((a, b) => b.c - a.c);
    for (const alpha of [0.05, 0.2, 0.5, 1]) {
      let taken = 0, sum = 0;
      for (const { c, prob } of outcomes) {
        const m = Math.min(prob, alpha - taken);
        if (m <= 0) break;
        sum += m * c; taken += m;
      }
      expect(qaoa.cvar(params, alpha)).toBeCloseTo(sum / alpha, 12);
    }
    expect(qaoa.cvar(params, 1)).toBeCloseTo(qaoa.expectation(params), 12);
  });

  it('the probability of the optimum is the mass on the best basis states', () => {
    const problem = maxCutProblem(4, ringEdges(4));
    const qaoa = Qaoa.create(problem, { p: 1 });
    const data = qaoa.run([0.5, 0.3]).data;
    // The 4-ring's maximum cut 4 is reached by 0101 and 1010 only.
    const expected = data[2 * 5]! ** 2 + data[2 * 5 + 1]! ** 2 + data[2 * 10]! ** 2 + data[2 * 10 + 1]! ** 2;
    expect(qaoa.currentOptimumProbability()).toBeCloseTo(expected, 14);
  });

  it('refuses bad input with clear errors', () => {
    const problem = maxCutProblem(3, ringEdges(3));
    expect(() => Qaoa.create(problem, { p: 0 })).toThrow(/depth p/);
    const qaoa = Qaoa.create(problem, { p: 2 });
    expect(() => qaoa.expectation([0.1, 0.2])).toThrow(/4 parameters/);
    expect(() => qaoa.expectation([0.1, NaN, 0, 0])).toThrow(/parameter 1 \(γ_2\) is NaN/);
    expect(() => qaoa.cvar([0, 0, 0, 0], 0)).toThrow(/alpha/);
    const bad = { ...problem, objective: Float64Array.of(0, 1, NaN, 1, 1, 1, 1, 0) };
    expect(() => Qaoa.create(bad, { p: 1 })).toThrow(/finite/);
    expect(() => Qaoa.create({ ...problem, objective: new Float64Array(4) }, { p: 1 })).toThrow(/2\^3/);
  });
});

describe('mixers', () => {
  it('XY keeps all probability on one-hot states of each group, starting from W states', () => {
    const problem = randomIsingProblem(6, createRng(11), 'min');
    const groups = [[0, 1, 2], [3, 4, 5]];
    for (const topology of ['ring', 'complete'] as const) {
      const qaoa = Qaoa.create(problem, { p: 2, mixer: { kind: 'xy', topology, groups } });
      const data = qaoa.run([0.3, 0.9, 0.5, -0.4]).data;
      let feasible = 0;
      for (let x = 0; x < 64; x++) {
        const ok = [0, 1, 2].filter((q) => (x >>> q) & 1).length === 1 && [3, 4, 5].filter((q) => (x >>> q) & 1).length === 1;
        if (ok) feasible += data[2 * x]! ** 2 + data[2 * x + 1]! ** 2;
      }
      expect(feasible).toBeCloseTo(1, 12);
    }
  });

  it('Dicke weight 2: amplitude 1/√C(4,2) on every weight-2 state at β = γ = 0, and weight is preserved', () => {
    const problem = randomIsingProblem(4, createRng(5), 'min');
    const qaoa = Qaoa.create(problem, { p: 1, mixer: { kind: 'xy', topology: 'ring', hammingWeight: 2 } });
    const d0 = qaoa.run([0, 0]).data;
    for (let x = 0; x < 16; x++) {
      const weight = [0, 1, 2, 3].filter((q) => (x >>> q) & 1).length;
      expect(d0[2 * x]!).toBeCloseTo(weight === 2 ? 1 / Math.sqrt(6) : 0, 14);
    }
    const d = qaoa.run([0.7, 1.1]).data;
    let mass = 0;
    for (let x = 0; x < 16; x++) if ([0, 1, 2, 3].filter((q) => (x >>> q) & 1).length === 2) mass += d[2 * x]! ** 2 + d[2 * x + 1]! ** 2;
    expect(mass).toBeCloseTo(1, 12);
  });

  it('warm start with every relaxed value 1/2 is the X mixer; otherwise P(x_q = 1) starts at the clipped value', () => {
    const problem = randomIsingProblem(5, createRng(9), 'min');
    const params = [0.3, -0.8, 0.45, 0.1];
    const x = Qaoa.create(problem, { p: 2 }).expectation(params);
    const ws = Qaoa.create(problem, { p: 2, mixer: { kind: 'warm-start', relaxed: [0.5, 0.5, 0.5, 0.5, 0.5] } }).expectation(params);
    expect(ws).toBeCloseTo(x, 12);
    const relaxed = [0, 0.1, 0.6, 0.9, 1];
    const qaoa = Qaoa.create(problem, { p: 1, mixer: { kind: 'warm-start', relaxed, epsilon: 0.2 } });
    const data = qaoa.run([0, 0]).data;
    relaxed.forEach((c, q) => {
      let p1 = 0;
      for (let x = 0; x < 32; x++) if ((x >>> q) & 1) p1 += data[2 * x]! ** 2 + data[2 * x + 1]! ** 2;
      expect(p1).toBeCloseTo(Math.min(0.8, Math.max(0.2, c)), 12);
    });
  });

  it('rejects malformed mixers', () => {
    const problem = randomIsingProblem(3, createRng(1), 'min');
    expect(() => Qaoa.create(problem, { p: 1, mixer: { kind: 'xy', topology: 'ring', groups: [[0, 1], [1, 2]] } })).toThrow(/two XY mixer groups/);
    expect(() => Qaoa.create(problem, { p: 1, mixer: { kind: 'xy', topology: 'ring', groups: [[0, 7]] } })).toThrow(/outside/);
    expect(() => Qaoa.create(problem, { p: 1, mixer: { kind: 'warm-start', relaxed: [0.5, 2, 0] } })).toThrow(/outside \[0, 1\]/);
    expect(() => Qaoa.create(problem, { p: 1, mixer: { kind: 'warm-start', relaxed: [0.5] } })).toThrow(/each of the 3/);
  });
});
