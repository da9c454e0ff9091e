/**
 * The objective of all 2^n states in one allocation-free pass, block by block.
 *
 * Split the variables into the low k bits and the high n − k bits. For one high pattern h,
 *   f(h, x) = F(h) + Σ_{i<k} g_i(h)·x_i + L(x)
 * where L is the objective restricted to the low bits (a table over 2^k entries, built once),
 * F(h) collects the terms among high bits and g_i(h) = Σ_{j high, set} q_ij is the field the high
 * bits put on low bit i. The linear part over the low bits is built by doubling
 * (block[x + 2^i] = block[x] + g_i), then L is added: two adds per state, whatever the number of
 * quadratic terms, with the block in cache. (A Gray-code walk would cost O(degree) per state.)
 */
import { CONSTRAINT_TOLERANCE } from './energy.ts';
import type { BinaryQuadratic, LinearConstraint } from './binary-model.ts';
import { fail } from '../../errors.ts';

/** Low bits per block: 2^14 doubles = 128 KiB, which stays in L2 with its table. */
export const BLOCK_BITS = 14;

export class ObjectiveBlocks {
  readonly numVariables: number;
  readonly lowBits: number;
  readonly blockSize: number;
  readonly numBlocks: number;
  private readonly lowTable: Float64Array;
  private readonly field: Float64Array;
  private readonly constant: number;
  private readonly highLinear: Float64Array;
  // Terms between two high bits (indices relative to the high part).
  private readonly highPairA: Int32Array;
  private readonly highPairB: Int32Array;
  private readonly highPairW: Float64Array;
  // Terms between a high bit t and a low bit, grouped by t.
  private readonly crossStart: Int32Array;
  private readonly crossLow: Int32Array;
  private readonly crossW: Float64Array;

  constructor(q: BinaryQuadratic, lowBits = BLOCK_BITS) {
    const n = q.numVariables;
    // High patterns are read with 32-bit shifts.
    if (n - Math.min(n, lowBits) > 32) fail('too-large', `cannot enumerate 2^${n} states`, { hint: 'use a heuristic (sa, tabu, greedy) or the MILP solver' });
    const k = Math.min(n, lowBits);
    const highCount = n - k;
    this.numVariables = n;
    this.lowBits = k;
    this.blockSize = 2 ** k;
    this.numBlocks = 2 ** highCount;
    this.constant = q.constant;
    this.field = new Float64Array(k);
    this.highLinear = q.linear.slice(k);

    // L(x) over the low bits by doubling, with the quadratic terms between low bits.
    const lowNeighbours: { j: number; w: number }[][] = Array.from({ length: k }, () => []);
    const highPairs: [number, number, number][] = [];
    const cross: { low: number; w: number }[][] = Array.from({ length: highCount }, () => []);
    for (const t of q.quadratic) {
      if (t.j < k) lowNeighbours[t.j]!.push({ j: t.i, w: t.value });
      else if (t.i >= k) highPairs.push([t.i - k, t.j - k, t.value]);
      else cross[t.j - k]!.push({ low: t.i, w: t.value });
    }
    const table = new Float64Array(this.blockSize);
    for (let i = 0; i < k; i++) {
      const half = 2 ** i;
      const a = q.linear[i]!;
      const neighbours = lowNeighbours[i]!;
      for (let x = 0; x < half; x++) {
        let delta = a;
        for (const { j, w } of neighbours) if ((x >>> j) & 1) delta += w;
        table[x + half] = table[x]! + delta;
      }
    }
    this.lowTable = table;
    this.highPairA = Int32Array.from(highPairs, (p) => p[0]);
    this.highPairB = Int32Array.from(highPairs, (p) => p[1]);
    this.highPairW = Float64Array.from(highPairs, (p) => p[2]);
    this.crossStart = new Int32Array(highCount + 1);
    for (let t = 0; t < highCount; t++) this.crossStart[t + 1] = this.crossStart[t]! + cross[t]!.length;
    this.crossLow = Int32Array.from(cross.flat(), (c) => c.low);
    this.crossW = Float64Array.from(cross.flat(), (c) => c.w);
  }

  /** Writes f(high·2^k + x) for x in [0, 2^k) into out[offset + x]. */
  fill(high: number, out: Float64Array, offset = 0): void {
    const k = this.lowBits;
    const field = this.field;
    field.fill(0);
    let base = this.constant;
    const highCount = this.numVariables - k;
    for (let t = 0; t < highCount; t++) {
      if (!((high >>> t) & 1)) continue;
      base += this.highLinear[t]!;
      for (let c = this.crossStart[t]!, end = this.crossStart[t + 1]!; c < end; c++) field[this.crossLow[c]!] += this.crossW[c]!;
    }
    for (let p = 0; p < this.highPairW.length; p++) {
      if ((high >>> this.highPairA[p]!) & 1 && (high >>> this.highPairB[p]!) & 1) base += this.highPairW[p]!;
    }
    out[offset] = base;
    for (let i = 0; i < k; i++) {
      const half = 1 << i;
      const g = field[i]!;
      for (let x = 0; x < half; x++) out[offset + x + half] = out[offset + x]! + g;
    }
    const table = this.lowTable;
    for (let x = 0, size = this.blockSize; x < size; x++) out[offset + x] += table[x]!;
  }
}

/** f(x) for every basis index x, as one Float64Array of length 2^n. */
export function allStatesObjective(q: BinaryQuadratic, out?: Float64Array): Float64Array {
  const n = q.numVariables;
  if (n > 30) fail('too-large', `the objective of all 2^${n} states needs ${8 * 2 ** n} bytes`, { hint: 'at most 30 variables' });
  const size = 2 ** n;
  const target = out ?? new Float64Array(size);
  if (target.length !== size) fail('invalid-argument', `output has ${target.length} entries, expected 2^${n} = ${size}`);
  const blocks = new ObjectiveBlocks(q);
  for (let h = 0; h < blocks.numBlocks; h++) blocks.fill(h, target, h * blocks.blockSize);
  return target;
}

/**
 * Feasibility of every state of one block (same split as ObjectiveBlocks): each constraint's
 * activity is a table over the low bits plus a constant from the high bits.
 */
export class FeasibilityBlocks {
  readonly blockSize: number;
  private readonly constraints: readonly LinearConstraint[];
  private readonly lowTables: Float64Array[];
  private readonly highTerms: { t: number; a: number }[][];

  constructor(numVariables: number, constraints: readonly LinearConstraint[], lowBits = BLOCK_BITS) {
    const k = Math.min(numVariables, lowBits);
    this.blockSize = 2 ** k;
    this.constraints = constraints;
    this.lowTables = constraints.map((c) => {
      const coefficient = new Float64Array(k);
      c.indices.forEach((v, t) => {
        if (v < k) coefficient[v] = c.coefficients[t]!;
      });
      const table = new Float64Array(this.blockSize);
      for (let i = 0; i < k; i++) {
        const half = 2 ** i;
        for (let x = 0; x < half; x++) table[x + half] = table[x]! + coefficient[i]!;
      }
      return table;
    });
    this.highTerms = constraints.map((c) => c.indices.flatMap((v, t) => (v >= k ? [{ t: v - k, a: c.coefficients[t]! }] : [])));
  }

  /** mask[x] = 1 when high·2^k + x satisfies every constraint, else 0. */
  fill(high: number, mask: Uint8Array): void {
    mask.fill(1, 0, this.blockSize);
    for (let c = 0; c < this.constraints.length; c++) {
      const constraint = this.constraints[c]!;
      let offset = 0;
      for (const { t, a } of this.highTerms[c]!) if ((high >>> t) & 1) offset += a;
      const table = this.lowTables[c]!;
      const tol = CONSTRAINT_TOLERANCE * Math.max(1, Math.abs(constraint.rhs));
      const rhs = constraint.rhs - offset;
      const size = this.blockSize;
      if (constraint.kind === '==') {
        for (let x = 0; x < size; x++) if (Math.abs(table[x]! - rhs) > tol) mask[x] = 0;
      } else if (constraint.kind === '<=') {
        for (let x = 0; x < size; x++) if (table[x]! > rhs + tol) mask[x] = 0;
      } else {
        for (let x = 0; x < size; x++) if (table[x]! < rhs - tol) mask[x] = 0;
      }
    }
  }
}
