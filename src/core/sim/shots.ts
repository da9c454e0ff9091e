import type { Circuit } from '../circuit/circuit.ts';
import type { ParamBindings } from '../circuit/params.ts';
import { BIT_ORDER_NOTE } from '../conventions.ts';
import { fail } from '../errors.ts';
import { sampleShots } from '../observe/sampling.ts';
import type { BackendPreference } from './backends.ts';
import type { Precision } from './kernels.ts';
import { createRng, freshSeed } from './rng.ts';
import { simulate } from './simulate.ts';
import type { StateVector } from './state.ts';

export interface ShotsOptions {
  readonly shots: number;
  readonly seed?: number;
  readonly params?: ParamBindings;
  readonly backend?: BackendPreference;
  readonly precision?: Precision;
  readonly maxBytes?: number;
}

export interface ShotsResult {
  /** Outcome → count. An outcome is the classical register (clbit 0 = bit 0), or the qubits if the circuit measures nothing. */
  readonly counts: Map<number, number>;
  readonly width: number;
  readonly register: 'clbits' | 'qubits';
  /** `final-state`: one simulation, then sampling; `trajectories`: one simulation per shot (mid-circuit measurement). */
  readonly method: 'final-state' | 'trajectories';
  readonly seed: number;
  readonly bitOrder: string;
}

/** True when every measurement comes after the last gate on its qubit and nothing depends on it. */
export function hasOnlyTerminalMeasurements(circuit: Circuit): boolean {
  const measured = new Set<number>();
  for (const op of circuit.ops) {
    if (op.kind === 'reset') return false;
    if (op.kind === 'barrier') continue;
    if (op.kind !== 'measure' && op.condition) return false;
    if (op.kind === 'measure') {
      if (op.condition) return false;
      measured.add(op.qubit);
      continue;
    }
    for (const q of [...op.qubits, ...(op.controls ?? []), ...(op.negControls ?? [])]) if (measured.has(q)) return false;
  }
  return true;
}

/** Runs a circuit for N shots with a seeded RNG: the same seed gives the same counts everywhere. */
export function runShots(circuit: Circuit, options: ShotsOptions): ShotsResult {
  const { shots } = options;
  if (!Number.isInteger(shots) || shots < 1) fail('invalid-argument', `shots must be a whole number ≥ 1, got ${shots}`);
  const seed = options.seed ?? freshSeed();
  const measures = circuit.ops.filter((op) => op.kind === 'measure');
  const register = measures.length > 0 ? 'clbits' : 'qubits';
  const width = register === 'clbits' ? circuit.numClbits : circuit.numQubits;
  const common = {
    ...(options.params ? { params: options.params } : {}),
    ...(options.backend ? { backend: options.backend } : {}),
    ...(options.precision ? { precision: options.precision } : {}),
    ...(options.maxBytes !== undefined ? { maxBytes: options.maxBytes } : {}),
  };
  if (hasOnlyTerminalMeasurements(circuit)) {
    const unitary = circuit.prefix(0).withOps(circuit.ops.filter((op) => op.kind !== 'measure'));
    const { state } = simulate(unitary, { ...common, seed });
    const sampled = sampleShots(state, shots, createRng(seed));
    if (register === 'qubits') return { counts: sampled, width, register, method: 'final-state', seed, bitOrder: BIT_ORDER_NOTE };
    // Map basis indices to classical registers; a later measurement into the same clbit wins.
    const into = new Map<number, number>();
    for (const op of measures) if (op.kind === 'measure') into.set(op.clbit, op.qubit);
    const counts = new Map<number, number>();
    for (const [index, count] of sampled) {
      let value = 0;
      for (const [clbit, qubit] of into) if (Math.floor(index / 2 ** qubit) % 2 === 1) value += 2 ** clbit;
      counts.set(value, (counts.get(value) ?? 0) + count);
    }
    return { counts, width, register, method: 'final-state', seed, bitOrder: BIT_ORDER_NOTE };
  }
  const seeds = createRng(seed);
  const counts = new Map<number, number>();
  // One state for every shot: a fresh one per shot would cost its allocation and page faults each time.
  let state: StateVector | undefined;
  for (let s = 0; s < shots; s++) {
    const run = simulate(circuit, { ...common, seed: Math.floor(seeds() * 2 ** 32), ...(state ? { reuseState: state } : {}) });
    state = run.state;
    let value = 0;
    for (let b = 0; b < run.clbits.length; b++) if (run.clbits[b]) value += 2 ** b;
    counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  return { counts, width, register, method: 'trajectories', seed, bitOrder: BIT_ORDER_NOTE };
}
