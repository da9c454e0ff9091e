/**
 * Goemans–Williamson for MaxCut (1995): solve the semidefinite relaxation
 *   max Σ w_ij (1 − v_i·v_j)/2  over unit vectors v_i,
 * then cut by random hyperplanes: x_i = [v_i·r ≥ 0]. For non-negative weights the expected cut is
 * at least 0.87856 of the relaxation's value, hence of the maximum cut.
 *
 * The relaxation is solved by the mixing method (Wang, Chang & Kolter 2017; a Burer–Monteiro
 * low-rank coordinate descent): v_i ← −g_i/|g_i| with g_i = Σ_j w_ij v_j, in rank
 * k = ⌈√(2n)⌉ + 1, which is enough for its fixed points to be the SDP optimum (Barvinok–Pataki).
 * Seeded: the starting vectors and the hyperplanes come from one stream.
 */
import { fail } from '../../errors.ts';
import { createRng, freshSeed } from '../../sim/rng.ts';
import type { BinaryModel } from '../model/binary-model.ts';
import { bitsToBitstring, bitsToIndex } from '../model/energy.ts';
import type { Edge } from '../model/graphs.ts';
import type { SolverResult, SolverSample } from '../result.ts';
import { now } from './sampling.ts';

/** 0.87856…: min over θ of (θ/π)/((1 − cos θ)/2). */
export const GW_RATIO = 0.8785672057848516;

export interface GoemansWilliamsonOptions {
  seed?: number;
  /** Random hyperplanes (default 100). */
  roundings?: number;
  /** Mixing-method sweeps at most (default 10 000). */
  maxSweeps?: number;
  /** Stop when a sweep improves the relaxation by less than this, relative (default 1e-12). */
  tolerance?: number;
}

export interface RelaxationResult {
  /** n unit vectors of dimension `rank`, row by row. */
  readonly vectors: Float64Array;
  readonly rank: number;
  /** Σ w_ij (1 − v_i·v_j)/2 at the final vectors. */
  readonly value: number;
  readonly sweeps: number;
}

/** The SDP relaxation of MaxCut by the mixing method. */
export function maxCutRelaxation(numNodes: number, edges: readonly Edge[], options: { seed: number; maxSweeps?: number; tolerance?: number }): RelaxationResult {
  const n = numNodes;
  const rank = Math.ceil(Math.sqrt(2 * n)) + 1;
  const rng = createRng(options.seed);
  const { start, neighbour, weight } = adjacency(n, edges);
  const v = new Float64Array(n * rank);
  for (let i = 0; i < n; i++) {
    let norm = 0;
    for (let d = 0; d < rank; d++) {
      const g = gaussian(rng);
      v[i * rank + d] = g;
      norm += g * g;
    }
    norm = Math.sqrt(norm);
    for (let d = 0; d < rank; d++) v[i * rank + d]! /= norm;
  }
  const g = new Float64Array(rank);
  const maxSweeps = options.maxSweeps ?? 10_000;
  const tolerance = options.tolerance ?? 1e-12;
  const totalWeight = edges.reduce((s, e) => s + Math.abs(e[2] ?? 1), 0) || 1;
  let value = relaxationValue(rank, v, edges);
  let sweeps = 0;
  while (sweeps < maxSweeps) {
    sweeps++;
    for (let i = 0; i < n; i++) {
      g.fill(0);
      for (let k = start[i]!; k < start[i + 1]!; k++) {
        const j = neighbour[k]!, w = weight[k]!;
        for (let d = 0; d < rank; d++) g[d] += w * v[j * rank + d]!;
      }
      let norm = 0;
      for (let d = 0; d < rank; d++) norm += g[d]! * g[d]!;
      if (norm === 0) continue;
      norm = Math.sqrt(norm);
      for (let d = 0; d < rank; d++) v[i * rank + d] = -g[d]! / norm;
    }
    const next = relaxationValue(rank, v, edges);
    const gain = next - value;
    value = next;
    if (gain <= tolerance * totalWeight) break;
  }
  return { vectors: v, rank, value, sweeps };
}

/** Expected cut of hyperplane rounding: Σ w_ij·arccos(v_i·v_j)/π. */
export function expectedRoundedCut(relaxation: RelaxationResult, edges: readonly Edge[]): number {
  const { vectors: v, rank } = relaxation;
  let total = 0;
  for (const e of edges) {
    let dot = 0;
    for (let d = 0; d < rank; d++) dot += v[e[0] * rank + d]! * v[e[1] * rank + d]!;
    total += ((e[2] ?? 1) * Math.acos(Math.max(-1, Math.min(1, dot)))) / Math.PI;
  }
  return total;
}

export function goemansWilliamson(numNodes: number, edges: readonly Edge[], options: GoemansWilliamsonOptions = {}): SolverResult {
  const seed = options.seed ?? freshSeed();
  const roundings = options.roundings ?? 100;
  if (!Number.isSafeInteger(roundings) || roundings < 1) fail('invalid-argument', `roundings must be a whole number ≥ 1, got ${roundings}`);
  const started = now();
  const relaxation = maxCutRelaxation(numNodes, edges, { seed, ...(options.maxSweeps !== undefined ? { maxSweeps: options.maxSweeps } : {}), ...(options.tolerance !== undefined ? { tolerance: options.tolerance } : {}) });
  const { vectors: v, rank } = relaxation;
  const rng = createRng(seed ^ 0x5bd1e995);
  const r = new Float64Array(rank);
  const bits = new Uint8Array(numNodes);
  const byState = new Map<string, SolverSample>();
  let best: { bits: Uint8Array; value: number } | undefined;
  let sum = 0;
  for (let t = 0; t < roundings; t++) {
    for (let d = 0; d < rank; d++) r[d] = gaussian(rng);
    for (let i = 0; i < numNodes; i++) {
      let dot = 0;
      for (let d = 0; d < rank; d++) dot += v[i * rank + d]! * r[d]!;
      bits[i] = dot >= 0 ? 1 : 0;
    }
    const cut = edges.reduce((s, e) => s + (bits[e[0]] !== bits[e[1]] ? (e[2] ?? 1) : 0), 0);
    sum += cut;
    const key = bitsToBitstring(bits);
    const seen = byState.get(key);
    byState.set(key, { bitstring: key, value: cut, count: (seen?.count ?? 0) + 1, feasible: true });
    if (!best || cut > best.value) best = { bits: bits.slice(), value: cut };
  }
  const samples = [...byState.values()].sort((a, b) => b.value - a.value || b.count - a.count);
  const wallMs = now() - started;
  return {
    method: 'gw',
    sense: 'max',
    bestValue: best!.value,
    bestBitstring: bitsToBitstring(best!.bits),
    bestIndex: bitsToIndex(best!.bits),
    status: 'feasible',
    expectedValue: sum / roundings,
    samples,
    evaluations: relaxation.sweeps * numNodes + roundings,
    wallMs,
    timePerRunMs: wallMs / roundings,
    extra: {
      seed,
      roundings,
      rank,
      sweeps: relaxation.sweeps,
      relaxationValue: relaxation.value,
      expectedRoundedCut: expectedRoundedCut(relaxation, edges),
      guarantee: edges.every((e) => (e[2] ?? 1) >= 0) ? `E[cut] ≥ ${GW_RATIO.toFixed(5)} × relaxation (non-negative weights)` : 'none: negative weights',
    },
  };
}

/** The graph of a model that is exactly a MaxCut (sense max, f = Σ w_ij (x_i + x_j − 2x_i x_j)), or undefined. */
export function maxCutGraphOf(model: BinaryModel): [number, number, number][] | undefined {
  const q = model.objective;
  if (model.sense !== 'max' || model.constraints.length > 0 || q.constant !== 0) return undefined;
  const edges: [number, number, number][] = q.quadratic.map((t) => [t.i, t.j, -t.value / 2]);
  const degree = new Float64Array(q.numVariables);
  for (const [i, j, w] of edges) {
    degree[i] += w;
    degree[j] += w;
  }
  for (let i = 0; i < q.numVariables; i++) {
    if (Math.abs(degree[i]! - q.linear[i]!) > 1e-12 * (1 + Math.abs(q.linear[i]!))) return undefined;
  }
  return edges;
}

export function goemansWilliamsonOnModel(model: BinaryModel, options: GoemansWilliamsonOptions = {}): SolverResult {
  const edges = maxCutGraphOf(model);
  if (!edges) fail('invalid-argument', 'Goemans–Williamson applies to MaxCut models only (sense max, f = Σ w_ij [x_i ≠ x_j], no constraints)', { hint: 'write the problem as {"type": "maxcut", …}' });
  return goemansWilliamson(model.variables.length, edges, options);
}

function relaxationValue(rank: number, v: Float64Array, edges: readonly Edge[]): number {
  let value = 0;
  for (const e of edges) {
    let dot = 0;
    for (let d = 0; d < rank; d++) dot += v[e[0] * rank + d]! * v[e[1] * rank + d]!;
    value += ((e[2] ?? 1) * (1 - dot)) / 2;
  }
  return value;
}

function adjacency(n: number, edges: readonly Edge[]): { start: Int32Array; neighbour: Int32Array; weight: Float64Array } {
  const degree = new Int32Array(n);
  for (const e of edges) {
    degree[e[0]]++;
    degree[e[1]]++;
  }
  const start = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) start[i + 1] = start[i]! + degree[i]!;
  const fill = start.slice(0, n);
  const neighbour = new Int32Array(start[n]!);
  const weight = new Float64Array(start[n]!);
  for (const e of edges) {
    const w = e[2] ?? 1;
    neighbour[fill[e[0]]!] = e[1];
    weight[fill[e[0]]!++] = w;
    neighbour[fill[e[1]]!] = e[0];
    weight[fill[e[1]]!++] = w;
  }
  return { start, neighbour, weight };
}

function gaussian(rng: () => number): number {
  const u = Math.max(rng(), 1e-300);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}
