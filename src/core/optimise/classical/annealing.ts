/**
 * Simulated annealing: Metropolis single-bit flips in sequential sweeps, a geometric schedule of
 * inverse temperatures β, independent reads from random starts. Seeded: the same seed gives the
 * same run. Default temperatures follow D-Wave's `neal`: the hottest β accepts the largest
 * possible flip cost with probability 1/2, the coldest accepts the smallest non-zero one with 1/100.
 */
import { fail } from '../../errors.ts';
import { createRng, freshSeed } from '../../sim/rng.ts';
import type { BinaryModel } from '../model/binary-model.ts';
import type { PenaltyOptions } from '../model/penalty.ts';
import type { SolverResult } from '../result.ts';
import { flipBit, flipScale, initialiseFields } from './minimisation-form.ts';
import { now, prepareSearch, randomBits, toSolverResult } from './sampling.ts';

export interface AnnealingOptions {
  seed?: number;
  /** Independent anneals (default 16). */
  reads?: number;
  /** Sweeps per read, each proposing every variable once (default 1000). */
  sweeps?: number;
  /** [β_hot, β_cold] in inverse objective units (default from the flip costs, see above). */
  betaRange?: readonly [number, number];
  penalty?: PenaltyOptions;
}

export interface AnnealingSchedule {
  readonly kind: 'geometric';
  readonly betaStart: number;
  readonly betaEnd: number;
  readonly sweeps: number;
  readonly reads: number;
}

export function simulatedAnnealing(model: BinaryModel, options: AnnealingOptions = {}): SolverResult {
  const seed = options.seed ?? freshSeed();
  const reads = positiveInteger(options.reads ?? 16, 'reads');
  const sweeps = positiveInteger(options.sweeps ?? 1000, 'sweeps');
  const started = now();
  const setup = prepareSearch(model, options.penalty);
  const form = setup.form;
  const n = form.numVariables;
  const [betaStart, betaEnd] = options.betaRange ?? defaultBetaRange(form);
  if (!(betaStart > 0 && betaEnd > 0 && Number.isFinite(betaStart) && Number.isFinite(betaEnd))) fail('invalid-argument', `betaRange must be two finite numbers > 0, got [${betaStart}, ${betaEnd}]`);
  const rng = createRng(seed);
  const bits = new Uint8Array(n);
  const fields = new Float64Array(n);
  const states: Uint8Array[] = [];
  const energies: number[] = [];
  const history = [];
  const ratio = sweeps > 1 ? Math.pow(betaEnd / betaStart, 1 / (sweeps - 1)) : 1;
  for (let read = 0; read < reads; read++) {
    randomBits(bits, rng);
    let energy = initialiseFields(form, bits, fields);
    let bestEnergy = energy;
    const bestBits = bits.slice();
    let beta = betaStart;
    for (let sweep = 0; sweep < sweeps; sweep++, beta *= ratio) {
      for (let i = 0; i < n; i++) {
        const delta = bits[i] ? -fields[i]! : fields[i]!;
        if (delta <= 0 || rng() < Math.exp(-beta * delta)) {
          energy += flipBit(form, bits, fields, i);
          if (energy < bestEnergy) {
            bestEnergy = energy;
            bestBits.set(bits);
          }
        }
      }
    }
    // Recompute exactly: the running sum drifts by rounding.
    bestEnergy = initialiseFields(form, bestBits, fields);
    states.push(bestBits);
    energies.push(bestEnergy);
    history.push({ iteration: read, value: form.sign * bestEnergy });
  }
  const schedule: AnnealingSchedule = { kind: 'geometric', betaStart, betaEnd, sweeps, reads };
  return toSolverResult(setup, {
    method: 'sa',
    states,
    energies,
    evaluations: reads * sweeps * n,
    wallMs: now() - started,
    history,
    extra: { seed, schedule },
  });
}

export function defaultBetaRange(form: Parameters<typeof flipScale>[0]): [number, number] {
  const { largest, smallest } = flipScale(form);
  if (largest === 0) return [1, 1];
  // Subnormal weights (below 2.2e-308) would make β Infinity, which the check above refuses.
  return [Math.min(Math.log(2) / largest, Number.MAX_VALUE), Math.min(Math.log(100) / smallest, Number.MAX_VALUE)];
}

function positiveInteger(value: number, name: string): number {
  if (!Number.isSafeInteger(value) || value < 1) fail('invalid-argument', `${name} must be a whole number ≥ 1, got ${value}`);
  return value;
}
