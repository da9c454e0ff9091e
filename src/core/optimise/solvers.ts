/**
 * The methods `superpose solve` (and any UI) can run on a model, by name. An exported map so the
 * quantum methods (qaoa, rqaoa, gas…) can register themselves next to the classical baselines.
 */
import { fail } from '../errors.ts';
import { checkSeed } from '../sim/rng.ts';
import { goemansWilliamsonOnModel } from './classical/goemans-williamson.ts';
import { greedyLocalSearch } from './classical/greedy.ts';
import { simulatedAnnealing } from './classical/annealing.ts';
import { solveExhaustive } from './classical/exhaustive.ts';
import { solveMilp } from './classical/milp.ts';
import { tabuSearch } from './classical/tabu.ts';
import type { BinaryModel } from './model/binary-model.ts';
import type { SolverResult } from './result.ts';

export interface SolveOptions {
  /** Seed for every randomised method (the same seed gives the same run). */
  readonly seed: number;
  /** Time limit for exact solvers that honour one (MILP), in seconds. */
  readonly timeLimitSeconds?: number;
  /** Memory budget for state vectors (quantum methods). */
  readonly maxBytes?: number;
}

export interface SolverMethod {
  readonly name: string;
  readonly description: string;
  /** Whether a result with status 'optimal' is a proof (usable as the reference optimum). */
  readonly exact: boolean;
  run(model: BinaryModel, options: SolveOptions): SolverResult | Promise<SolverResult>;
}

export const SOLVER_METHODS = new Map<string, SolverMethod>();

/** Registers a method; its `run` checks the model and options first, whichever of them it uses. */
export function registerSolverMethod(method: SolverMethod): void {
  SOLVER_METHODS.set(method.name, {
    ...method,
    run: (model, options) => {
      checkSolveInput(model, options);
      return method.run(model, options);
    },
  });
}

/**
 * The same options go to every method (`superpose solve --method a,b`), so all of them are checked
 * for every method: a NaN seed or a negative time limit is a mistake even for a method that
 * ignores it, and would otherwise pass unnoticed until another method is added to the list.
 */
export function checkSolveInput(model: BinaryModel, options: SolveOptions): void {
  if (typeof model !== 'object' || model === null || !('objective' in model)) {
    fail('invalid-argument', 'the solvers take a binary model', { hint: 'an Ising model (modelFromJSON reads them too) becomes one with asBinaryModel(model)' });
  }
  if (options?.seed === undefined) fail('invalid-argument', 'a seed is required (the same seed gives the same run)', { where: 'seed', hint: 'any whole number, e.g. 42, or freshSeed() for a new one' });
  checkSeed(options.seed);
  const { timeLimitSeconds, maxBytes } = options;
  if (timeLimitSeconds !== undefined && !(typeof timeLimitSeconds === 'number' && timeLimitSeconds > 0)) {
    fail('invalid-argument', `must be a number of seconds > 0, got ${String(timeLimitSeconds)}`, { where: 'timeLimitSeconds', hint: 'leave it out for the default (60 s), or Infinity for no limit' });
  }
  if (maxBytes !== undefined && !(typeof maxBytes === 'number' && maxBytes > 0)) {
    fail('invalid-argument', `must be a positive number of bytes, got ${String(maxBytes)}`, { where: 'maxBytes', hint: 'e.g. 2 ** 30 for 1 GiB, or leave it out for the default' });
  }
}

export function getSolverMethod(name: string): SolverMethod {
  const method = SOLVER_METHODS.get(name);
  if (!method) fail('invalid-argument', `unknown method "${name}"`, { hint: `known methods: ${[...SOLVER_METHODS.keys()].join(', ')}` });
  return method;
}

registerSolverMethod({ name: 'exact', description: 'exhaustive enumeration of all 2^n states (≤ 30 variables)', exact: true, run: (m) => solveExhaustive(m) });
registerSolverMethod({
  name: 'milp',
  description: 'HiGHS branch and cut on the linearised model (exact; constrained models of any size it can prove)',
  exact: true,
  run: (m, o) => solveMilp(m, o.timeLimitSeconds !== undefined ? { timeLimitSeconds: o.timeLimitSeconds } : {}),
});
registerSolverMethod({ name: 'sa', description: 'simulated annealing, 16 reads × 1000 sweeps, geometric schedule', exact: false, run: (m, o) => simulatedAnnealing(m, { seed: o.seed }) });
registerSolverMethod({ name: 'tabu', description: 'tabu search, 8 restarts', exact: false, run: (m, o) => tabuSearch(m, { seed: o.seed }) });
registerSolverMethod({ name: 'greedy', description: 'greedy descent from zero + 15 random-start local searches', exact: false, run: (m, o) => greedyLocalSearch(m, { seed: o.seed }) });
registerSolverMethod({ name: 'gw', description: 'Goemans–Williamson for MaxCut models: SDP relaxation (mixing method) + 100 random hyperplanes', exact: false, run: (m, o) => goemansWilliamsonOnModel(m, { seed: o.seed }) });
