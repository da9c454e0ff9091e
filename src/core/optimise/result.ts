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

/** One distinct state a sampling method returned (an annealing read, a local-search start…), with how often. */
export interface SolverSample {
  /** The state, qubit 0 rightmost. */
  readonly bitstring: string;
  /** Objective of the state in the model's sense (for constrained models: the objective, penalties excluded). */
  readonly value: number;
  readonly count: number;
  /** Whether the state satisfies every constraint (always true for unconstrained models). */
  readonly feasible: boolean;
}

/**
 * How the run ended: 'optimal' (proved by an exact method), 'feasible' (a heuristic's best),
 * 'infeasible' (proved: no state satisfies the constraints), 'no-feasible-found' (a heuristic
 * found none; bestValue is NaN), 'time-limit' (an exact method stopped early; best so far).
 */
export type SolverStatus = 'optimal' | 'feasible' | 'infeasible' | 'no-feasible-found' | 'time-limit';

export interface SolverResult {
  /** The method's name as the registry knows it: 'exact', 'sa', 'tabu', 'greedy', 'milp', 'qaoa', … */
  readonly method: string;
  readonly sense: Sense;
  /** Best objective value found (of a feasible state when the model is constrained; NaN when none was found). */
  readonly bestValue: number;
  /** Best state as a bitstring, qubit 0 rightmost. */
  readonly bestBitstring: string;
  /** Best state as a basis index (bit i = variable i); NaN past 53 variables, −1 when there is none. */
  readonly bestIndex: number;
  readonly status?: SolverStatus;
  /** ⟨f⟩ over the method's output distribution (sampling methods, quantum states). */
  readonly expectedValue?: number;
  /** Probability of each basis index in the method's output (length 2^n), when the method has one. */
  readonly distribution?: Float64Array;
  /** Sparse output of classical sampling methods (one entry per distinct state returned). */
  readonly samples?: readonly SolverSample[];
  /** How many times the objective (or a state preparation, for quantum methods) was evaluated. */
  readonly evaluations: number;
  /** Wall-clock time of the run in milliseconds. */
  readonly wallMs: number;
  /**
   * Time of one independent repetition (one annealing read, one restart) for time-to-solution,
   * when the run made several; otherwise TTS uses wallMs.
   */
  readonly timePerRunMs?: number;
  /** Per-iteration trace (parameters and objective). */
  readonly history?: readonly SolverHistoryEntry[];
  /** Method-specific facts worth reporting (schedule, seed, status, optimal count…). */
  readonly extra?: Record<string, unknown>;
}
