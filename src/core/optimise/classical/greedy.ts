/**
 * Greedy descent and multi-start local search: from all-zeros, then from seeded random starts,
 * repeatedly make the single-bit flip that lowers the energy most until none does (a 1-flip
 * local optimum). The cheapest baseline: what any method should beat.
 */
import { fail } from '../../errors.ts';
import { createRng, freshSeed } from '../../sim/rng.ts';
import type { BinaryModel } from '../model/binary-model.ts';
import type { PenaltyOptions } from '../model/penalty.ts';
import type { SolverResult } from '../result.ts';
import { flipBit, initialiseFields, type MinimisationForm } from './minimisation-form.ts';
import { now, prepareSearch, randomBits, toSolverResult } from './sampling.ts';

export interface GreedyOptions {
  seed?: number;
  /** Random starts after the all-zeros one (default 15). */
  restarts?: number;
  penalty?: PenaltyOptions;
}

export function greedyLocalSearch(model: BinaryModel, options: GreedyOptions = {}): SolverResult {
  const seed = options.seed ?? freshSeed();
  const restarts = options.restarts ?? 15;
  if (!Number.isSafeInteger(restarts) || restarts < 0) fail('invalid-argument', `restarts must be a whole number ≥ 0, got ${restarts}`);
  const started = now();
  const setup = prepareSearch(model, options.penalty);
  const form = setup.form;
  const n = form.numVariables;
  const rng = createRng(seed);
  const fields = new Float64Array(n);
  const states: Uint8Array[] = [];
  const energies: number[] = [];
  const history = [];
  let evaluations = 0;
  for (let start = 0; start <= restarts; start++) {
    const bits = new Uint8Array(n);
    if (start > 0) randomBits(bits, rng);
    let energy = initialiseFields(form, bits, fields);
    const descent = steepestDescent(form, bits, fields, energy);
    energy = descent.energy;
    evaluations += descent.evaluations;
    states.push(bits);
    energies.push(initialiseFields(form, bits, fields));
    history.push({ iteration: start, value: form.sign * energy });
  }
  return toSolverResult(setup, {
    method: 'greedy',
    states,
    energies,
    evaluations,
    wallMs: now() - started,
    history,
    extra: { seed, starts: restarts + 1 },
  });
}

/** Best-improvement 1-flip descent in place; returns the final energy and the flips examined. */
export function steepestDescent(form: MinimisationForm, bits: Uint8Array, fields: Float64Array, energy: number): { energy: number; evaluations: number } {
  const n = form.numVariables;
  // Ignore improvements at rounding level so the walk always ends.
  const tolerance = 1e-12 * (1 + Math.abs(energy));
  let evaluations = 0;
  for (;;) {
    let chosen = -1;
    let chosenDelta = -tolerance;
    for (let i = 0; i < n; i++) {
      const delta = bits[i] ? -fields[i]! : fields[i]!;
      if (delta < chosenDelta) {
        chosen = i;
        chosenDelta = delta;
      }
    }
    evaluations += n;
    if (chosen < 0) return { energy, evaluations };
    energy += flipBit(form, bits, fields, chosen);
  }
}
