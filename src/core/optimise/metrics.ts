/**
 * Honest metrics for every run, classical or quantum, against an exact reference, and one
 * comparison table (method × metrics) as data and as text.
 *
 * Conventions (printed with the table):
 * - ⟨f⟩ is the method's expected objective: over its output distribution (quantum states), over
 *   its reads (annealing, tabu, local search), or its one answer (exact, MILP). For constrained
 *   models it is the objective the method optimised, penalties included.
 * - Approximation ratio = ⟨C⟩/C_opt with C the maximised quantity (Farhi): C = f for 'max',
 *   C = −f for 'min'; numerically ⟨f⟩/f_opt in both cases, 1 at the optimum. It is reported only
 *   when C_opt > 0 (f_opt > 0 for 'max', f_opt < 0 for 'min'); otherwise it says nothing and is left out.
 * - Normalised ratio = (⟨f⟩ − f_worst)/(f_opt − f_worst), offset-free: 1 at the optimum, 0 for the
 *   worst feasible state (needs the worst value, known after exhaustive enumeration).
 * - P(opt) = probability mass (or fraction of reads) on feasible states whose objective equals
 *   the optimum (to the tolerance); for slack-encoded models a state's own variables decide.
 * - TTS99 = t·ln(0.01)/ln(1 − P(opt)), t = time of one run (one read/restart, or the whole run);
 *   t itself when P(opt) ≥ 0.99, ∞ when P(opt) = 0.
 */
import { fail } from '../errors.ts';
import { allStatesObjective, FeasibilityBlocks } from './model/all-states.ts';
import type { BinaryModel } from './model/binary-model.ts';
import { objectiveRangeBound } from './model/binary-model.ts';
import { bitstringToBits, isFeasible } from './model/energy.ts';
import type { SolverResult, SolverStatus } from './result.ts';
import type { Sense } from './types.ts';

export const RATIO_CONVENTION =
  'ratio = ⟨C⟩/C_opt with C = f (max) or −f (min), i.e. ⟨f⟩/f_opt, shown when C_opt > 0; normalised = (⟨f⟩ − f_worst)/(f_opt − f_worst); 1 is optimal for both';

export interface MetricsReference {
  readonly sense: Sense;
  /** f_opt over feasible states; undefined when unknown; NaN when the model is infeasible. */
  readonly optimum: number | undefined;
  /** Worst feasible value, for the normalised ratio. */
  readonly worst?: number;
  /** How the optimum was established ('exact', 'milp'…). */
  readonly source?: string;
  /** Values within this distance of the optimum count as optimal (default 1e-9 relative). */
  readonly tolerance?: number;
}

export interface RunMetrics {
  readonly method: string;
  readonly status: SolverStatus | undefined;
  readonly bestValue: number;
  readonly bestBitstring: string;
  readonly expectedValue: number;
  readonly approximationRatio: number | undefined;
  readonly normalisedRatio: number | undefined;
  readonly optimalProbability: number | undefined;
  readonly feasibilityRate: number;
  readonly evaluations: number;
  readonly wallMs: number;
  /** Time to reach the optimum with 99% confidence, in ms (Infinity when never reached). */
  readonly timeToSolutionMs: number | undefined;
}

export interface ComparisonTable {
  readonly reference: MetricsReference;
  readonly rows: readonly RunMetrics[];
  readonly conventions: readonly string[];
}

/** The reference from an exact run (exhaustive enumeration or MILP). */
export function referenceFromExact(result: SolverResult): MetricsReference {
  if (result.status === 'infeasible') return { sense: result.sense, optimum: Number.NaN, source: result.method };
  if (result.status !== 'optimal') return { sense: result.sense, optimum: undefined, source: result.method };
  const worst = result.extra?.worstValue;
  const tolerance = result.extra?.tolerance;
  return {
    sense: result.sense,
    optimum: result.bestValue,
    source: result.method,
    ...(typeof worst === 'number' && Number.isFinite(worst) ? { worst } : {}),
    ...(typeof tolerance === 'number' ? { tolerance } : {}),
  };
}

export function computeMetrics(result: SolverResult, model: BinaryModel, reference: MetricsReference): RunMetrics {
  const optimum = reference.optimum !== undefined && Number.isFinite(reference.optimum) ? reference.optimum : undefined;
  const tolerance = reference.tolerance ?? 1e-9 * Math.max(1, objectiveRangeBound(model.objective) + Math.abs(model.objective.constant));
  const isOptimal = (value: number) => optimum !== undefined && Math.abs(value - optimum) <= tolerance;
  const noBest = !Number.isFinite(result.bestValue);

  let optimalProbability: number | undefined;
  let feasibilityRate: number;
  if (result.distribution) {
    const scored = scoreDistribution(result.distribution, model, isOptimal);
    feasibilityRate = scored.feasible;
    optimalProbability = optimum === undefined ? undefined : scored.optimal;
  } else if (result.samples && result.samples.length > 0) {
    let total = 0, feasible = 0, optimal = 0;
    for (const s of result.samples) {
      total += s.count;
      if (s.feasible) feasible += s.count;
      if (s.feasible && isOptimal(s.value)) optimal += s.count;
    }
    feasibilityRate = feasible / total;
    optimalProbability = optimum === undefined ? undefined : optimal / total;
  } else {
    feasibilityRate = noBest ? 0 : isFeasible(model, bitstringToBits(result.bestBitstring)) ? 1 : 0;
    optimalProbability = optimum === undefined ? undefined : !noBest && isOptimal(result.bestValue) ? 1 : 0;
  }

  const expectedValue = result.expectedValue ?? result.bestValue;
  const cOpt = optimum === undefined ? undefined : reference.sense === 'max' ? optimum : -optimum;
  const approximationRatio = cOpt !== undefined && cOpt > 0 && Number.isFinite(expectedValue) ? expectedValue / optimum! : undefined;
  const worst = reference.worst;
  const normalisedRatio =
    optimum === undefined || worst === undefined || !Number.isFinite(expectedValue) ? undefined : optimum === worst ? (isOptimal(expectedValue) ? 1 : undefined) : (expectedValue - worst) / (optimum - worst);
  const runMs = result.timePerRunMs ?? result.wallMs;
  return {
    method: result.method,
    status: result.status,
    bestValue: result.bestValue,
    bestBitstring: result.bestBitstring,
    expectedValue,
    approximationRatio,
    normalisedRatio,
    optimalProbability,
    feasibilityRate,
    evaluations: result.evaluations,
    wallMs: result.wallMs,
    timeToSolutionMs: optimalProbability === undefined ? undefined : timeToSolution(runMs, optimalProbability),
  };
}

/** TTS at 99% confidence: t·ln(0.01)/ln(1 − p); t when p ≥ 0.99; ∞ when p = 0. */
export function timeToSolution(runMs: number, successProbability: number, confidence = 0.99): number {
  if (successProbability >= confidence) return runMs;
  if (successProbability <= 0) return Number.POSITIVE_INFINITY;
  return (runMs * Math.log(1 - confidence)) / Math.log(1 - successProbability);
}

/** Mass on feasible and on optimal states; the model's own variables are the low bits of an index. */
function scoreDistribution(distribution: Float64Array, model: BinaryModel, isOptimal: (value: number) => boolean): { feasible: number; optimal: number } {
  const n = model.variables.length;
  const own = 2 ** n;
  if (distribution.length < own || distribution.length % own !== 0) {
    fail('invalid-argument', `a distribution over ${distribution.length} states does not cover the model's ${n} variables`);
  }
  const values = allStatesObjective(model.objective);
  const mask = feasibilityOf(model);
  let feasible = 0, optimal = 0;
  for (let x = 0; x < distribution.length; x++) {
    const p = distribution[x]!;
    if (p === 0) continue;
    const low = x % own;
    if (mask && !mask[low]) continue;
    feasible += p;
    if (isOptimal(values[low]!)) optimal += p;
  }
  return { feasible, optimal };
}

function feasibilityOf(model: BinaryModel): Uint8Array | undefined {
  if (model.constraints.length === 0) return undefined;
  const n = model.variables.length;
  const blocks = new FeasibilityBlocks(n, model.constraints);
  const mask = new Uint8Array(Math.max(2 ** n, blocks.blockSize));
  const block = new Uint8Array(blocks.blockSize);
  for (let h = 0; h * blocks.blockSize < 2 ** n; h++) {
    blocks.fill(h, block);
    mask.set(block, h * blocks.blockSize);
  }
  return mask;
}

export function comparisonTable(results: readonly SolverResult[], model: BinaryModel, reference: MetricsReference): ComparisonTable {
  return {
    reference,
    rows: results.map((r) => computeMetrics(r, model, reference)),
    conventions: [
      RATIO_CONVENTION,
      'P(opt) = probability (or fraction of reads) of an optimal feasible state; TTS99 = t·ln(0.01)/ln(1 − P(opt)), t = time of one run',
      'for constrained models ⟨f⟩ includes the penalties the method optimised',
    ],
  };
}

export interface FormatOptions {
  /** Show each method's best state (default: when the model has at most 40 variables). */
  showBitstrings?: boolean;
}

export function formatComparisonTable(table: ComparisonTable, options: FormatOptions = {}): string {
  const showBits = options.showBitstrings ?? table.rows.every((r) => r.bestBitstring.length <= 40);
  const headers = ['method', 'status', 'best f', ...(showBits ? ['best state'] : []), '⟨f⟩', 'ratio', 'normalised', 'P(opt)', 'feasible', 'evaluations', 'time', 'TTS99'];
  const rows = table.rows.map((r) => [
    r.method,
    r.status ?? '',
    formatNumber(r.bestValue),
    ...(showBits ? [r.bestBitstring || '—'] : []),
    formatNumber(r.expectedValue),
    formatNumber(r.approximationRatio, 4),
    formatNumber(r.normalisedRatio, 4),
    formatNumber(r.optimalProbability, 4),
    formatNumber(r.feasibilityRate, 4),
    String(r.evaluations),
    formatDuration(r.wallMs),
    r.timeToSolutionMs === undefined ? '—' : formatDuration(r.timeToSolutionMs),
  ]);
  const widths = headers.map((h, c) => Math.max(h.length, ...rows.map((row) => row[c]!.length)));
  const line = (cells: readonly string[]) => cells.map((cell, c) => (c <= 1 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ').trimEnd();
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function formatNumber(value: number | undefined, digits = 6): string {
  if (value === undefined || Number.isNaN(value)) return '—';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '−∞';
  if (Number.isInteger(value) && Math.abs(value) < 1e15) return String(value);
  return String(Number(value.toPrecision(digits)));
}

export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return '∞';
  if (ms < 1) return `${(ms * 1000).toPrecision(3)} µs`;
  if (ms < 1000) return `${ms.toPrecision(3)} ms`;
  if (ms < 3_600_000) return `${(ms / 1000).toPrecision(3)} s`;
  return `${(ms / 3_600_000).toPrecision(3)} h`;
}
