import { fail } from '../../errors.ts';
import { LOOP_CHUNK } from '../../sim/kernels.ts';

/**
 * The distinct values of a diagonal cost, sorted ascending, and for every basis index the position
 * of its value in that list. A phase layer then needs one cos/sin per distinct value (MaxCut with
 * integer weights has at most |E| + 1 of them) instead of one per amplitude, and the distribution
 * of C (expectation, CVaR, probability of the optimum) is one binning pass.
 */
export interface CostLevels {
  /** Distinct cost values, ascending. */
  readonly values: Float64Array;
  /** level[x] = index into `values` of cost[x]; 8-, 16- or 32-bit as the level count needs. */
  readonly level: Uint8Array | Uint16Array | Uint32Array;
}

export function buildCostLevels(cost: Float64Array): CostLevels {
  const n = cost.length;
  for (let x = 0; x < n; x++) {
    if (!Number.isFinite(cost[x]!)) fail('invalid-argument', `the cost of basis state ${x} is ${cost[x]}`, { hint: 'every objective value must be a finite number' });
  }
  const sorted = Float64Array.from(cost).sort();
  let distinct = 0;
  for (let i = 0; i < n; i++) {
    if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[distinct++] = sorted[i]!;
  }
  const values = sorted.slice(0, distinct);
  const level = distinct <= 256 ? new Uint8Array(n) : distinct <= 65536 ? new Uint16Array(n) : new Uint32Array(n);
  for (let x = 0; x < n; x++) {
    const c = cost[x]!;
    let lo = 0, hi = distinct - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (values[mid]! < c) lo = mid + 1;
      else hi = mid;
    }
    level[x] = lo;
  }
  return { values, level };
}

/** Probability mass on each level: out[l] = Σ_{x: level x = l} |ψ_x|² (one read pass). */
export function levelDistribution(data: Float64Array, levels: CostLevels, out: Float64Array = new Float64Array(levels.values.length)): Float64Array {
  out.fill(0);
  const level = levels.level;
  for (let x = 0; x < level.length;) {
    for (const stop = Math.min(level.length, x + LOOP_CHUNK); x < stop; x++) {
      const re = data[2 * x]!, im = data[2 * x + 1]!;
      out[level[x]!]! += re * re + im * im;
    }
  }
  return out;
}
