/**
 * The one result every optimisation method returns, classical or quantum, so that a single
 * comparison table (see `metrics.ts`) can put them side by side.
 *
 * Values are in the model's own objective and sense: for sense 'min' lower is better, for 'max'
 * higher is better. Bitstrings print qubit 0 rightmost (conventions.ts).
 */
import type { Sense } from './types.ts';

export interface SolverHistoryEntry {
  readonly iteration: number;
  /** The variational parameters at this iteration (quantum methods), when there are any. */
  readonly params?: readonly number[];
  /** The objective tracked by the method at this iteration (e.g. ⟨C⟩, or the current energy for annealing). */
  readonly value: number;
}

export interface SolverResult {
  /** The method's name as the registry knows it: 'exact', 'sa', 'tabu', 'greedy', 'milp', 'qaoa', … */
  readonly method: string;
  readonly sense: Sense;
  /** Best objective value found (of a feasible state when the model is constrained and one was found). */
  readonly bestValue: number;
  /** Best state as a bitstring, qubit 0 rightmost. */
  readonly bestBitstring: string;
  /** Best state as a basis index (bit i = variable i). */
  readonly bestIndex: number;
  /** ⟨f⟩ over the method's output distribution (sampling methods, quantum states). */
  readonly expectedValue?: number;
  /** Probability of each basis index in the method's output (length 2^n), when the method has one. */
  readonly distribution?: Float64Array;
  /** How many times the objective (or a state preparation, for quantum methods) was evaluated. */
  readonly evaluations: number;
  /** Wall-clock time of the run in milliseconds. */
  readonly wallMs: number;
  /** Per-iteration trace (parameters and objective). */
  readonly history?: readonly SolverHistoryEntry[];
  /** Method-specific facts worth reporting (schedule, seed, status, optimal count…). */
  readonly extra?: Record<string, unknown>;
}
