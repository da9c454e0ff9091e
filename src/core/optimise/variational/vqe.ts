import { Circuit } from '../../circuit/circuit.ts';
import { fail } from '../../errors.ts';
import { expectationPauliSum, type PauliTerm } from '../../observe/expectation.ts';
import { createRng, freshSeed } from '../../sim/rng.ts';
import { simulate } from '../../sim/simulate.ts';
import { parameterShift } from '../optimisers/gradients.ts';
import { minimise, type OptimiserName } from '../optimisers/minimise.ts';
import type { OptimiseResult } from '../optimisers/types.ts';

/**
 * Hardware-efficient ansatz (Kandala et al., Nature 549, 242, 2017, in its common RY–RZ form):
 * `layers` blocks of [ry(θ) and rz(θ) on every qubit, then cx entanglers (a line 0→1→…→n−1, or a
 * ring that adds n−1→0)], and a final ry/rz rotation layer. Parameters theta_0, theta_1, … in
 * gate order; each enters exactly one rotation, so the two-term parameter shift is exact.
 */
export function hardwareEfficientAnsatz(numQubits: number, layers: number, entangler: 'line' | 'ring' = 'line'): { circuit: Circuit; numParams: number } {
  if (!Number.isInteger(numQubits) || numQubits < 1) fail('invalid-argument', `the ansatz needs at least one qubit, got ${numQubits}`);
  if (!Number.isInteger(layers) || layers < 0) fail('invalid-argument', `layers must be a whole number ≥ 0, got ${layers}`);
  let c = Circuit.create(numQubits);
  let k = 0;
  const rotations = () => {
    for (let q = 0; q < numQubits; q++) c = c.append('ry', [q], { params: [`theta_${k++}`] });
    for (let q = 0; q < numQubits; q++) c = c.append('rz', [q], { params: [`theta_${k++}`] });
  };
  for (let l = 0; l < layers; l++) {
    rotations();
    for (let q = 0; q + 1 < numQubits; q++) c = c.append('cx', [q, q + 1]);
    if (entangler === 'ring' && numQubits > 2) c = c.append('cx', [numQubits - 1, 0]);
  }
  rotations();
  return { circuit: c, numParams: k };
}

export interface VqeOptions {
  readonly layers?: number;
  readonly entangler?: 'line' | 'ring';
  readonly optimizer?: OptimiserName;
  readonly seed?: number;
  readonly maxIterations?: number;
  /** Random starts (best kept; default 1). */
  readonly restarts?: number;
}

export interface VqeResult {
  readonly energy: number;
  readonly params: readonly number[];
  readonly circuit: Circuit;
  /** Circuit executions (gradient shifts included). */
  readonly evaluations: number;
  readonly runs: readonly OptimiseResult[];
  readonly seed: number;
}

/** Minimises ⟨H⟩ for a Pauli-sum Hamiltonian over the hardware-efficient ansatz (gradients by parameter shift). */
export function vqe(hamiltonian: readonly PauliTerm[], numQubits: number, options: VqeOptions = {}): VqeResult {
  const { circuit, numParams } = hardwareEfficientAnsatz(numQubits, options.layers ?? 2, options.entangler ?? 'line');
  const seed = options.seed ?? freshSeed();
  const rng = createRng(seed);
  let evaluations = 0;
  const bindings: Record<string, number> = {};
  const energy = (x: ArrayLike<number>) => {
    evaluations++;
    for (let k = 0; k < numParams; k++) bindings[`theta_${k}`] = x[k]!;
    return expectationPauliSum(simulate(circuit, { params: bindings, seed: 0 }).state, hamiltonian);
  };
  energy(new Float64Array(numParams)); // validates the Hamiltonian up front
  const runs: OptimiseResult[] = [];
  for (let r = 0; r < (options.restarts ?? 1); r++) {
    const x0 = Float64Array.from({ length: numParams }, () => (rng() - 0.5) * 0.2 * Math.PI);
    runs.push(minimise(options.optimizer ?? 'lbfgs', {
      f: energy,
      valueAndGradient: (x, g) => {
        g.set(parameterShift(energy, x));
        return energy(x);
      },
    }, x0, { seed, ...(options.maxIterations !== undefined ? { maxIterations: options.maxIterations } : {}) }));
  }
  const best = runs.reduce((a, b) => (b.value < a.value ? b : a));
  return { energy: best.value, params: Array.from(best.x), circuit, evaluations, runs, seed };
}
