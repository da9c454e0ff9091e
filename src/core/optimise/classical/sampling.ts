/**
 * Shared by the heuristics: set a model up for local search (constraints → penalties) and turn
 * the states the search returned (one per read / restart) into a SolverResult.
 */
import type { BinaryModel } from '../model/binary-model.ts';
import { bitsToBitstring, bitsToIndex, isFeasible, quboEnergy } from '../model/energy.ts';
import { toPenaltyModel, type PenaltyModel, type PenaltyOptions } from '../model/penalty.ts';
import type { SolverHistoryEntry, SolverResult, SolverSample } from '../result.ts';
import { toMinimisationForm, type MinimisationForm } from './minimisation-form.ts';

export interface SearchSetup {
  readonly model: BinaryModel;
  readonly form: MinimisationForm;
  /** Present for constrained models: the penalised model the search walks. */
  readonly penalty?: PenaltyModel;
}

export function prepareSearch(model: BinaryModel, penalty?: PenaltyOptions): SearchSetup {
  if (model.constraints.length === 0) return { model, form: toMinimisationForm(model.objective, model.sense) };
  const penalised = toPenaltyModel(model, penalty);
  return { model, form: toMinimisationForm(penalised.model.objective, model.sense), penalty: penalised };
}

export interface SearchOutcome {
  method: string;
  /** Final states of every read/restart over all search variables (slack included). */
  states: readonly Uint8Array[];
  /** Their energies in the minimisation form (penalties included). */
  energies: readonly number[];
  evaluations: number;
  wallMs: number;
  history?: SolverHistoryEntry[];
  extra?: Record<string, unknown>;
}

/** Best feasible state by the model's objective; ⟨f⟩ over the reads (penalties included). */
export function toSolverResult(setup: SearchSetup, outcome: SearchOutcome): SolverResult {
  const { model } = setup;
  const n = model.variables.length;
  const sign = setup.form.sign;
  const byState = new Map<string, { value: number; count: number; feasible: boolean }>();
  let best: { bits: Uint8Array; value: number } | undefined;
  outcome.states.forEach((state) => {
    const bits = state.subarray(0, n);
    const key = bitsToBitstring(bits);
    let entry = byState.get(key);
    if (!entry) {
      entry = { value: quboEnergy(model.objective, bits), count: 0, feasible: isFeasible(model, bits) };
      byState.set(key, entry);
    }
    entry.count++;
    if (entry.feasible && (best === undefined || sign * entry.value < sign * best.value)) best = { bits: bits.slice(), value: entry.value };
  });
  const samples: SolverSample[] = [...byState].map(([bitstring, e]) => ({ bitstring, value: e.value, count: e.count, feasible: e.feasible }));
  samples.sort((a, b) => sign * (a.value - b.value) || b.count - a.count);
  const reads = outcome.states.length;
  const expectedValue = outcome.energies.reduce((s, e) => s + sign * e, 0) / reads;
  return {
    method: outcome.method,
    sense: model.sense,
    bestValue: best ? best.value : Number.NaN,
    bestBitstring: best ? bitsToBitstring(best.bits) : '',
    bestIndex: best ? bitsToIndex(best.bits) : -1,
    status: best ? 'feasible' : 'no-feasible-found',
    expectedValue,
    samples,
    evaluations: outcome.evaluations,
    wallMs: outcome.wallMs,
    timePerRunMs: outcome.wallMs / reads,
    ...(outcome.history ? { history: outcome.history } : {}),
    extra: {
      reads,
      ...(setup.penalty
        ? { penaltyWeights: Object.fromEntries(setup.penalty.constraints.map((c) => [c.name, c.weight])), slackVariables: setup.penalty.model.variables.length - n }
        : {}),
      ...outcome.extra,
    },
  };
}

export function randomBits(bits: Uint8Array, rng: () => number): void {
  for (let i = 0; i < bits.length; i++) bits[i] = rng() < 0.5 ? 1 : 0;
}

export function now(): number {
  return globalThis.performance ? globalThis.performance.now() : Date.now();
}
