import { describe, expect, it } from 'vitest';
import { eigs, matrix } from 'mathjs';
import { StateVector } from '../../../../../src/core/sim/state.ts';
import { createRng } from '../../../../../src/core/sim/rng.ts';
import { expectationPauli, expectationPauliSum, type PauliTerm } from '../../../../../src/core/observe/expectation.ts';
import { probabilities } from '../../../../../src/core/observe/probabilities.ts';
import { simulate } from '../../../../../src/core/sim/simulate.ts';
import { groverAdaptiveSearch, groverIterations } from '../../../../../src/core/optimise/variational/grover-adaptive-search.ts';
import { correlation, isingObjective, recursiveQaoa } from '../../../../../src/core/optimise/variational/rqaoa.ts';
import { hardwareEfficientAnsatz, vqe } from '../../../../../src/core/optimise/variational/vqe.ts';
import { centralDifferences, parameterShift } from '../../../../../src/core/optimise/optimisers/gradients.ts';
import { maxCutProblem, petersenEdges, randomIsingProblem, ringEdges } from '../helpers/maxcut.ts';

function optimum(objective: Float64Array, sense: 'min' | 'max'): number {
  return sense === 'min' ? Math.min(...objective) : Math.max(...objective);
}

describe('Grover', () => {
  it('success probability sin²((2k+1)θ), sin²θ = M/N (6 qubits, and 10: eight loop chunks)', () => {
    for (const n of [6, 10]) {
      const size = 2 ** n;
      const state = StateVector.zero(n);
      for (const M of [1, 3, 5, 16]) {
        const marked = new Uint8Array(size);
        for (let t = 0; t < M; t++) marked[(t * 37 + 11) % size] = 1;
        const theta = Math.asin(Math.sqrt(M / size));
        for (let k = 0; k <= 7; k++) {
          expect(groverIterations(state, marked, k)).toBeCloseTo(Math.sin((2 * k + 1) * theta) ** 2, 12);
          expect(state.norm2()).toBeCloseTo(1, 12);
        }
      }
    }
  });
});

describe('RQAOA correlations', () => {
  it('⟨Z…Z⟩ over a mask from basis probabilities equals the Pauli expectation (9 qubits: four loop chunks)', () => {
    const rng = createRng(77);
    const n = 9;
    const amplitudes = Float64Array.from({ length: 2 << n }, () => rng() - 0.5);
    const norm = Math.sqrt(amplitudes.reduce((s, a) => s + a * a, 0));
    const state = StateVector.fromAmplitudes(amplitudes.map((v) => v / norm));
    const p = probabilities(state);
    for (const qubits of [[0], [8], [2, 7], [0, 4, 8], [1, 2, 3, 5]]) {
      const mask = qubits.reduce((m, q) => m | (1 << q), 0);
      expect(correlation(p, mask)).toBeCloseTo(expectationPauli(state, qubits.map((q) => `Z${q}`).join(' ')), 12);
    }
  });
});

describe('Grover adaptive search', () => {
  it('finds the brute-force minimum of random Ising problems (8 spins) and the maximum cut, and repeats per seed', () => {
    let found = 0;
    for (let seed = 1; seed <= 6; seed++) {
      const problem = randomIsingProblem(8, createRng(100 + seed), 'min');
      const r = groverAdaptiveSearch(problem, { seed });
      expect(r.bestValue).toBe(problem.objective[r.bestIndex]);
      if (r.bestValue === optimum(problem.objective, 'min')) found++;
      expect(groverAdaptiveSearch(problem, { seed })).toMatchObject({ bestIndex: r.bestIndex, evaluations: r.evaluations });
    }
    expect(found).toBeGreaterThanOrEqual(5);
    const maxcut = maxCutProblem(10, petersenEdges());
    expect(groverAdaptiveSearch(maxcut, { seed: 3 }).bestValue).toBe(12); // Petersen's maximum cut
  });
});

describe('recursive QAOA', () => {
  it('with cutoff = n it is exact enumeration', () => {
    const problem = randomIsingProblem(6, createRng(4), 'min');
    const r = recursiveQaoa(problem, { cutoff: 6, seed: 1 });
    expect(r.bestValue).toBe(optimum(problem.objective, 'min'));
    expect(r.evaluations).toBe(0);
  });

  it('solves MaxCut on an even ring and the Petersen graph exactly (brute force), eliminating down to 3 spins', () => {
    for (const [n, edges] of [[10, ringEdges(10)], [10, petersenEdges()]] as const) {
      const problem = maxCutProblem(n, edges);
      const r = recursiveQaoa(problem, { cutoff: 3, seed: 2 });
      expect(r.bestValue).toBe(optimum(problem.objective, 'max'));
      expect((r.extra!.eliminations as string[]).length).toBe(n - 3);
    }
  });

  it('handles fields (single-spin fixing) and its answer is consistent with the original objective', () => {
    const problem = randomIsingProblem(8, createRng(12), 'min');
    const r = recursiveQaoa(problem, { cutoff: 3, seed: 3 });
    expect(r.bestValue).toBe(problem.objective[r.bestIndex]);
    const min = optimum(problem.objective, 'min'), max = optimum(problem.objective, 'max');
    expect((max - r.bestValue) / (max - min)).toBeGreaterThan(0.9);
  });

  it('isingObjective agrees with the test builder', () => {
    const problem = randomIsingProblem(5, createRng(6), 'min');
    const ours = isingObjective(problem.ising);
    for (let x = 0; x < 32; x++) expect(ours[x]).toBeCloseTo(problem.objective[x]!, 12);
  });
});

describe('VQE with a hardware-efficient ansatz', () => {
  // Transverse-field Ising chain on 3 qubits: H = −Σ Z_iZ_{i+1} − 0.7 Σ X_i (real symmetric).
  const hamiltonian: PauliTerm[] = [
    { coefficient: -1, pauli: 'Z0 Z1' }, { coefficient: -1, pauli: 'Z1 Z2' },
    { coefficient: -0.7, pauli: 'X0' }, { coefficient: -0.7, pauli: 'X1' }, { coefficient: -0.7, pauli: 'X2' },
  ];
  function exactGround(): number {
    const size = 8;
    const rows = Array.from({ length: size }, () => new Array(size).fill(0));
    for (let x = 0; x < size; x++) {
      const s = (q: number) => ((x >>> q) & 1 ? -1 : 1);
      rows[x]![x] += -s(0) * s(1) - s(1) * s(2);
      for (let q = 0; q < 3; q++) rows[x ^ (1 << q)]![x] += -0.7;
    }
    const values = eigs(matrix(rows)).values.valueOf() as number[];
    return Math.min(...values.map(Number));
  }

  it('parameter-shift gradients of the ansatz energy match finite differences to 1e-6', () => {
    const { circuit, numParams } = hardwareEfficientAnsatz(3, 2, 'ring');
    expect(numParams).toBe(18);
    const energy = (x: ArrayLike<number>) => {
      const params: Record<string, number> = {};
      for (let k = 0; k < numParams; k++) params[`theta_${k}`] = x[k]!;
      return expectationPauliSum(simulate(circuit, { params, seed: 0 }).state, hamiltonian);
    };
    const rng = createRng(8);
    const x = Array.from({ length: numParams }, () => rng() * 6 - 3);
    const ps = parameterShift(energy, x), fd = centralDifferences(energy, x);
    for (let k = 0; k < numParams; k++) expect(Math.abs(ps[k]! - fd[k]!)).toBeLessThan(1e-6);
  });

  it('reaches the exact ground energy (mathjs eigs) of a 3-qubit transverse-field Ising chain', () => {
    const exact = exactGround();
    const r = vqe(hamiltonian, 3, { layers: 2, seed: 1, restarts: 2 });
    expect(r.energy).toBeGreaterThanOrEqual(exact - 1e-9);
    expect(r.energy - exact).toBeLessThan(1e-5);
  });
});
