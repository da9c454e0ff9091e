/**
 * Tabu search (Glover): from a random start, always make the best single-bit flip that is not
 * tabu — even an uphill one — and forbid flipping that bit back for `tenure` iterations; a tabu
 * flip is allowed when it beats the best state seen (aspiration). Several seeded restarts.
 */
import { fail } from '../../errors.ts';
import { createRng, freshSeed } from '../../sim/rng.ts';
import type { BinaryModel } from '../model/binary-model.ts';
import type { PenaltyOptions } from '../model/penalty.ts';
import type { SolverResult } from '../result.ts';
import { flipBit, initialiseFields } from './minimisation-form.ts';
import { now, prepareSearch, randomBits, toSolverResult } from './sampling.ts';

export interface TabuOptions {
  seed?: number;
  /** Independent restarts (default 8). */
  restarts?: number;
  /** Iterations per restart (default 20·n + 100). */
  iterations?: number;
  /** Iterations a flipped bit stays tabu (default min(20, max(1, ⌊n/4⌋))). */
  tenure?: number;
  penalty?: PenaltyOptions;
}

export function tabuSearch(model: BinaryModel, options: TabuOptions = {}): SolverResult {
  const seed = options.seed ?? freshSeed();
  const started = now();
  const setup = prepareSearch(model, options.penalty);
  const form = setup.form;
  const n = form.numVariables;
  const restarts = whole(options.restarts ?? 8, 'restarts', 1);
  const iterations = whole(options.iterations ?? 20 * n + 100, 'iterations', 1);
  const tenure = whole(options.tenure ?? Math.min(20, Math.max(1, Math.floor(n / 4))), 'tenure', 0);
  const rng = createRng(seed);
  const bits = new Uint8Array(n);
  const fields = new Float64Array(n);
  const tabuUntil = new Int32Array(n);
  const states: Uint8Array[] = [];
  const energies: number[] = [];
  const history = [];
  for (let restart = 0; restart < restarts; restart++) {
    randomBits(bits, rng);
    tabuUntil.fill(0);
    let energy = initialiseFields(form, bits, fields);
    let bestEnergy = energy;
    const bestBits = bits.slice();
    for (let iteration = 1; iteration <= iterations; iteration++) {
      let chosen = -1;
      let chosenDelta = Number.POSITIVE_INFINITY;
      for (let i = 0; i < n; i++) {
        const delta = bits[i] ? -fields[i]! : fields[i]!;
        if (delta < chosenDelta && (tabuUntil[i]! < iteration || energy + delta < bestEnergy)) {
          chosen = i;
          chosenDelta = delta;
        }
      }
      if (chosen < 0) continue; // every move tabu and none aspirates: wait for a tenure to run out
      energy += flipBit(form, bits, fields, chosen);
      tabuUntil[chosen] = iteration + tenure;
      if (energy < bestEnergy) {
        bestEnergy = energy;
        bestBits.set(bits);
      }
    }
    bestEnergy = initialiseFields(form, bestBits, fields);
    states.push(bestBits);
    energies.push(bestEnergy);
    history.push({ iteration: restart, value: form.sign * bestEnergy });
  }
  return toSolverResult(setup, {
    method: 'tabu',
    states,
    energies,
    evaluations: restarts * iterations * n,
    wallMs: now() - started,
    history,
    extra: { seed, restarts, iterations, tenure },
  });
}

function whole(value: number, name: string, min: number): number {
  if (!Number.isSafeInteger(value) || value < min) fail('invalid-argument', `${name} must be a whole number ≥ ${min}, got ${value}`);
  return value;
}
