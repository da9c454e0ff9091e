/**
 * Exact optimum by enumerating all 2^n states (up to ~30 variables): the objective block by block
 * (model/all-states.ts: two adds per state, no allocation per state), feasibility by the same
 * split for constrained models. Returns the optimum, how many states reach it (to a relative
 * 1e-9), the first of them, the worst feasible value (for normalised ratios) and the feasible count.
 */
import { fail } from '../../errors.ts';
import { toBitstring } from '../../conventions.ts';
import { objectiveRangeBound, type BinaryModel } from '../model/binary-model.ts';
import { FeasibilityBlocks, ObjectiveBlocks } from '../model/all-states.ts';
import type { SolverResult } from '../result.ts';
import { quboEnergyOfIndex } from '../model/energy.ts';
import { now } from './sampling.ts';

export interface ExhaustiveOptions {
  /** Refuse models with more variables (default 30: 2^30 states take seconds). */
  maxVariables?: number;
  /** How many optimal states to list (all are counted; default 64). */
  maxOptimalStates?: number;
}

export interface ExhaustiveExtra {
  /** Number of optimal (feasible) states. */
  optimalCount: number;
  /** The first `maxOptimalStates` optimal states, qubit 0 rightmost. */
  optimalStates: string[];
  /** The worst feasible value (max f for 'min', min f for 'max'); NaN when none is feasible. */
  worstValue: number;
  feasibleCount: number;
  /** Two values within this distance count as equal. */
  tolerance: number;
}

export function solveExhaustive(model: BinaryModel, options: ExhaustiveOptions = {}): SolverResult & { extra: ExhaustiveExtra } {
  const n = model.variables.length;
  const maxVariables = options.maxVariables ?? 30;
  if (n > maxVariables) {
    fail('too-large', `exhaustive search over ${n} variables would visit 2^${n} states (limit ${maxVariables})`, { hint: 'use --method milp (exact) or a heuristic (sa, tabu, greedy)' });
  }
  const cap = Math.max(1, options.maxOptimalStates ?? 64);
  const started = now();
  const sign = model.sense === 'min' ? 1 : -1;
  const scale = Math.max(1, objectiveRangeBound(model.objective) + Math.abs(model.objective.constant));
  const tolerance = 1e-9 * scale;
  const blocks = new ObjectiveBlocks(model.objective);
  const size = blocks.blockSize;
  const values = new Float64Array(size);
  const constrained = model.constraints.length > 0;
  const feasibility = constrained ? new FeasibilityBlocks(n, model.constraints) : undefined;
  const mask = new Uint8Array(size);

  let best = Number.POSITIVE_INFINITY; // in minimisation form: sign·f
  let worst = Number.NEGATIVE_INFINITY;
  let optimalCount = 0;
  let feasibleCount = 0;
  const optimal: number[] = [];
  // The state reported as best: the lowest value seen, not merely the first within `tolerance` of
  // it (when the range is large the tolerance exceeds real gaps: 1e-9 of 1e9 is 1). Only a drop
  // beyond the block sums' rounding (n + 2 adds) moves it, so exact ties still go to the first state.
  const rounding = (n + 2) * Number.EPSILON * scale;
  let bestAt = -1;
  let bestAtValue = Number.POSITIVE_INFINITY;
  for (let h = 0; h < blocks.numBlocks; h++) {
    blocks.fill(h, values);
    if (feasibility) feasibility.fill(h, mask);
    const base = h * size;
    if (!feasibility) {
      // Fast path: block extremes first; the counting pass only runs on blocks that reach the best.
      let lo = Number.POSITIVE_INFINITY;
      let hi = Number.NEGATIVE_INFINITY;
      for (let x = 0; x < size; x++) {
        const v = values[x]!;
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
      const blockBest = sign > 0 ? lo : -hi;
      const blockWorst = sign > 0 ? hi : -lo;
      if (blockWorst > worst) worst = blockWorst;
      if (blockBest > best + tolerance) continue;
    }
    for (let x = 0; x < size; x++) {
      if (feasibility && !mask[x]) continue;
      const v = sign * values[x]!;
      if (v > worst) worst = v;
      if (v < best - tolerance) {
        best = v;
        optimalCount = 1;
        optimal.length = 0;
        optimal.push(base + x);
        bestAt = base + x;
        bestAtValue = v;
      } else if (v <= best + tolerance) {
        if (v < best) best = v;
        if (v < bestAtValue - rounding) {
          bestAt = base + x;
          bestAtValue = v;
        }
        optimalCount++;
        if (optimal.length < cap) optimal.push(base + x);
      }
    }
    if (feasibility) for (let x = 0; x < size; x++) feasibleCount += mask[x]!;
  }
  if (!constrained) feasibleCount = 2 ** n;
  const wallMs = now() - started;
  const found = optimalCount > 0;
  const bestIndex = found ? bestAt : -1;
  return {
    method: 'exact',
    sense: model.sense,
    // Re-evaluated term by term: the block sums round differently.
    bestValue: found ? quboEnergyOfIndex(model.objective, bestIndex) : Number.NaN,
    bestBitstring: found && bestIndex >= 0 ? toBitstring(bestIndex, n) : '',
    bestIndex,
    status: found ? 'optimal' : 'infeasible',
    evaluations: 2 ** n,
    wallMs,
    extra: {
      optimalCount,
      optimalStates: (found ? [bestAt, ...optimal.filter((i) => i !== bestAt)].slice(0, cap) : []).map((i) => toBitstring(i, n)),
      worstValue: found ? sign * worst : Number.NaN,
      feasibleCount,
      tolerance,
    },
  };
}
