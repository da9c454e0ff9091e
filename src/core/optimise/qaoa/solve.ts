import { BIT_ORDER_NOTE, toBitstring } from '../../conventions.ts';
import { fail } from '../../errors.ts';
import { probabilities as basisProbabilities } from '../../observe/probabilities.ts';
import { sampleShots } from '../../observe/sampling.ts';
import { createRng, freshSeed } from '../../sim/rng.ts';
import type { BackendPreference } from '../../sim/backends.ts';
import { minimise, needsGradient, type AnyOptimiserOptions, type OptimiserName } from '../optimisers/minimise.ts';
import type { OptimiseResult } from '../optimisers/types.ts';
import type { SolverHistoryEntry, SolverResult } from '../result.ts';
import type { DiagonalProblem } from '../types.ts';
import { fixedAngles } from './fixed-angles.ts';
import { fourierFromDepthOne, fourierGradient, fourierGrow, fourierToAngles, interpGrow, linearRamp, randomAngles } from './initialisation.ts';
import type { MixerSpec } from './mixers.ts';
import { Qaoa } from './qaoa.ts';

export type QaoaInitialisation = 'ramp' | 'fixed' | 'interp' | 'fourier' | 'random';

export interface QaoaSolveOptions {
  readonly p: number;
  readonly mixer?: MixerSpec;
  /** Objective to maximise: ⟨C⟩ (default) or CVaR_α of C. */
  readonly cvarAlpha?: number;
  readonly optimizer?: OptimiserName;
  readonly initialisation?: QaoaInitialisation;
  /** Extra random starts at the final depth (best kept). */
  readonly restarts?: number;
  readonly seed?: number;
  /** Shots sampled from the final state to report a best bitstring (default 1024). */
  readonly shots?: number;
  readonly maxIterations?: number;
  readonly backend?: BackendPreference;
  readonly maxBytes?: number;
}

export interface QaoaSolveResult extends SolverResult {
  /** Optimised [γ_1…γ_p, β_1…β_p]. */
  readonly params: readonly number[];
  /** ⟨C⟩ at the optimum (C maximised: f for 'max', −f for 'min'). */
  readonly expectationC: number;
  readonly optimumProbability: number;
}

/**
 * Optimises a depth-p QAOA and reports it as a SolverResult: ⟨f⟩ of the final state, the best of
 * `shots` seeded samples, the full output distribution, evaluations (state preparations, gradients
 * included) and the optimiser's history (per iteration, in the model's objective f).
 */
export function solveQaoa(problem: DiagonalProblem, options: QaoaSolveOptions): QaoaSolveResult {
  const started = performance.now();
  const p = options.p;
  const optimizer = options.optimizer ?? 'lbfgs';
  const init = options.initialisation ?? 'ramp';
  const seed = options.seed ?? freshSeed();
  const rng = createRng(seed);
  const alpha = options.cvarAlpha;
  if (alpha !== undefined && !(alpha > 0 && alpha <= 1)) fail('invalid-argument', `CVaR alpha must be in (0, 1], got ${alpha}`);
  if (alpha !== undefined && alpha < 1 && needsGradient(optimizer)) {
    fail('invalid-argument', `CVaR has no gradient; ${optimizer} needs one`, { hint: 'use nelder-mead, powell or spsa with --cvar' });
  }
  const qaoaAt = new Map<number, Qaoa>();
  const qaoa = (depth: number) => {
    let q = qaoaAt.get(depth);
    if (!q) {
      q = Qaoa.create(problem, {
        p: depth,
        ...(options.mixer ? { mixer: options.mixer } : {}),
        ...(options.backend ? { backend: options.backend } : {}),
        ...(options.maxBytes !== undefined ? { maxBytes: options.maxBytes } : {}),
      });
      qaoaAt.set(depth, q);
    }
    return q;
  };
  const optimiserOptions: AnyOptimiserOptions = { seed, ...(options.maxIterations !== undefined ? { maxIterations: options.maxIterations } : {}) };
  const history: SolverHistoryEntry[] = [];
  const sign = problem.sense === 'min' ? -1 : 1;
  let iterationBase = 0;

  /** Maximises the objective at `depth` from x0 (in angles, or FOURIER (u, v) when `fourier`). */
  const optimiseAt = (depth: number, x0: Float64Array, fourier: boolean): { angles: Float64Array; coordinates: Float64Array; run: OptimiseResult } => {
    const q = qaoa(depth);
    const toAngles = (x: Float64Array) => (fourier ? fourierToAngles(x, depth) : x);
    const value = (angles: Float64Array) => (alpha !== undefined && alpha < 1 ? q.cvar(angles, alpha) : q.expectation(angles));
    const angleGradient = new Float64Array(2 * depth);
    const run = minimise(optimizer, {
      f: (x) => -value(toAngles(x)),
      valueAndGradient: (x, g) => {
        const angles = toAngles(x);
        const v = q.valueAndGradient(angles, angleGradient);
        if (fourier) fourierGradient(angleGradient, x.length / 2, depth, g);
        else g.set(angleGradient);
        for (let k = 0; k < g.length; k++) g[k] = -g[k]!;
        return -v;
      },
    }, x0, optimiserOptions);
    for (const h of run.history) history.push({ iteration: iterationBase + h.iteration, params: Array.from(toAngles(Float64Array.from(h.params))), value: -sign * h.value });
    iterationBase += run.history.length;
    return { angles: Float64Array.from(toAngles(run.x)), coordinates: run.x, run };
  };

  const starts: { x: Float64Array; fourier: boolean }[] = [];
  let best: { angles: Float64Array; value: number } | undefined;
  const consider = (angles: Float64Array, value: number) => {
    if (!best || value > best.value) best = { angles, value };
  };
  let note = '';
  if (init === 'interp' || init === 'fourier') {
    let r = optimiseAt(1, linearRamp(1), false);
    let coordinates = init === 'fourier' ? fourierFromDepthOne(r.angles) : r.angles;
    for (let depth = 2; depth <= p; depth++) {
      const x0 = init === 'fourier' ? fourierGrow(coordinates) : interpGrow(r.angles);
      r = optimiseAt(depth, x0, init === 'fourier');
      coordinates = r.coordinates;
    }
    consider(r.angles, -r.run.value);
  } else if (init === 'fixed') {
    const degree = regularMaxCutDegree(problem);
    const angles = degree === undefined ? undefined : fixedAngles(degree, p);
    if (angles) starts.push({ x: Float64Array.from([...angles.gamma, ...angles.beta]), fourier: false });
    else {
      note = degree === undefined ? 'not an unweighted regular MaxCut: started from the linear ramp' : `no tabled angles for degree ${degree}, p = ${p}: started from the linear ramp`;
      starts.push({ x: linearRamp(p), fourier: false });
    }
  } else if (init === 'ramp') {
    starts.push({ x: linearRamp(p), fourier: false });
  } else if (init === 'random') {
    starts.push({ x: randomAngles(p, rng), fourier: false });
  } else {
    fail('invalid-argument', `unknown initialisation "${init}"`, { hint: 'use ramp, fixed, interp, fourier or random' });
  }
  for (let r = 0; r < (options.restarts ?? 0); r++) starts.push({ x: randomAngles(p, rng), fourier: false });
  for (const s of starts) {
    const r = optimiseAt(p, s.x, s.fourier);
    consider(r.angles, -r.run.value);
  }

  const q = qaoa(p);
  const angles = best!.angles;
  const expectationC = q.expectation(angles);
  const optimumProbability = q.currentOptimumProbability();
  const state = q.state;
  const probabilities = basisProbabilities(state);
  const shots = options.shots ?? 1024;
  const counts = sampleShots(state, shots, createRng(seed + 1));
  let bestIndex = -1;
  for (const x of counts.keys()) {
    if (bestIndex < 0 || sign * problem.objective[x]! > sign * problem.objective[bestIndex]!) bestIndex = x;
  }
  let evaluations = 0;
  for (const engine of qaoaAt.values()) evaluations += engine.evaluations;
  return {
    method: 'qaoa',
    sense: problem.sense,
    bestValue: problem.objective[bestIndex]!,
    bestBitstring: toBitstring(bestIndex, problem.numQubits),
    bestIndex,
    status: 'feasible',
    expectedValue: sign * expectationC,
    distribution: probabilities,
    evaluations,
    wallMs: performance.now() - started,
    history,
    params: Array.from(angles),
    expectationC,
    optimumProbability,
    extra: {
      p, optimizer, initialisation: init, restarts: options.restarts ?? 0, seed, shots,
      ...(alpha !== undefined ? { cvarAlpha: alpha } : {}),
      gamma: Array.from(angles.subarray(0, p)), beta: Array.from(angles.subarray(p)),
      optimumProbability,
      mixer: options.mixer?.kind ?? 'x',
      convention: 'Farhi: U_C = e^{-iγC}, U_B = e^{-iβΣX}, C maximised (C = f for max, −f for min)',
      bitOrder: BIT_ORDER_NOTE,
      ...(note ? { note } : {}),
    },
  };
}

/** d if the problem is MaxCut on an unweighted d-regular graph (C = Σ(1 − Z_iZ_j)/2), else undefined. */
export function regularMaxCutDegree(problem: DiagonalProblem): number | undefined {
  const { ising, sense } = problem;
  if (ising.linear.some((h) => h !== 0) || ising.quadratic.length === 0) return undefined;
  const J0 = ising.quadratic[0]!.J;
  // Maximising f with J = −½ (or minimising with J = +½, i.e. −cut) is MaxCut with unit weights.
  if (!((sense === 'max' && J0 === -0.5) || (sense === 'min' && J0 === 0.5))) return undefined;
  const degree = new Array(ising.numSpins).fill(0);
  for (const { i, j, J } of ising.quadratic) {
    if (J !== J0) return undefined;
    degree[i]++;
    degree[j]++;
  }
  return degree.every((d) => d === degree[0]) ? degree[0] : undefined;
}
