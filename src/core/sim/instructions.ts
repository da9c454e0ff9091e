import { dimension, isDiagonal, isIdentity, diagonalOf, maxDistance, type Matrix } from '../gates/matrix.ts';
import type { Amplitudes, Kernels } from './kernels.ts';
import { dense1Shape, dense2Shape, popcount } from './kernels.ts';

/**
 * A unitary instruction: the kernel class chosen for one gate (or one fused block).
 * `cmask`/`cval` carry controls (see Kernels). Instructions know nothing of circuits.
 */
export type Instruction =
  | { readonly type: 'dense1'; readonly t: number; readonly m: Float64Array; readonly cmask: number; readonly cval: number }
  /**
   * A multiplexed one-qubit gate: m0 on qubit t where qubit c is 0, m1 where it is 1 (a 2-qubit
   * matrix that is block-diagonal in c, e.g. a CNOT with the rotations around its target). Runs as
   * two controlled dense1 calls over the same work items: one pass over the touched amplitudes.
   */
  | { readonly type: 'mux1'; readonly t: number; readonly c: number; readonly m0: Float64Array; readonly m1: Float64Array; readonly cmask: number; readonly cval: number }
  | { readonly type: 'phase1'; readonly t: number; readonly re: number; readonly im: number; readonly cmask: number; readonly cval: number }
  | { readonly type: 'x1'; readonly t: number; readonly cmask: number; readonly cval: number }
  | { readonly type: 'swap2'; readonly a: number; readonly b: number; readonly cmask: number; readonly cval: number }
  | { readonly type: 'dense2'; readonly q0: number; readonly q1: number; readonly m: Float64Array; readonly cmask: number; readonly cval: number }
  | { readonly type: 'diag'; readonly qubits: Int32Array; readonly d: Float64Array; readonly cmask: number; readonly cval: number }
  /** A product of one-qubit phases diag(1, p_j) on `qubits` where the controls match (a QFT layer): see phase-product.ts. */
  | { readonly type: 'phaseProduct'; readonly qubits: Int32Array; readonly phases: Float64Array; readonly cmask: number; readonly cval: number }
  /**
   * A real dense1 on t (no controls), then a phase product on the amplitudes whose bit t is
   * `side`: a QFT layer (H, then its controlled phases) in one sweep. cmask and cval are 0.
   */
  | { readonly type: 'dense1Phased'; readonly t: number; readonly m: Float64Array; readonly qubits: Int32Array; readonly phases: Float64Array; readonly side: 0 | 1; readonly cmask: number; readonly cval: number }
  | { readonly type: 'denseK'; readonly qubits: Int32Array; readonly m: Float64Array; readonly cmask: number; readonly cval: number };

const EXACT = 0;
const X_MATRIX = new Float64Array([0, 0, 1, 0, 1, 0, 0, 0]);
const SWAP_MATRIX = new Float64Array([
  1, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 1, 0, 0, 0,
  0, 0, 1, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 1, 0,
]);

/**
 * Picks the cheapest kernel for matrix `m` on `targets` (bit j of m's index = targets[j])
 * with controls given as mask/value: phases touch only the affected amplitudes, permutations
 * only swap, everything else is a dense product.
 */
export function classify(m: Matrix, targets: readonly number[], cmask: number, cval: number): Instruction {
  const k = targets.length;
  if (dimension(m) !== 1 << k) throw new Error(`matrix of dimension ${dimension(m)} on ${k} qubits`);
  if (isDiagonal(m, EXACT)) {
    const d = diagonalOf(m);
    if (k === 1 && d[0] === 1 && d[1] === 0) return { type: 'phase1', t: targets[0]!, re: d[2]!, im: d[3]!, cmask, cval };
    // One qubit (RZ): the pair loop of dense1 is cheaper than a per-amplitude table lookup.
    if (k === 1) return { type: 'dense1', t: targets[0]!, m: Float64Array.from(m), cmask, cval };
    return { type: 'diag', qubits: Int32Array.from(targets), d, cmask, cval };
  }
  if (k === 1) {
    if (maxDistance(m, X_MATRIX) === 0) return { type: 'x1', t: targets[0]!, cmask, cval };
    return { type: 'dense1', t: targets[0]!, m: Float64Array.from(m), cmask, cval };
  }
  if (k === 2) {
    if (maxDistance(m, SWAP_MATRIX) === 0) return { type: 'swap2', a: targets[0]!, b: targets[1]!, cmask, cval };
    for (const j of [0, 1] as const) {
      if (isBlockDiagonal(m, j)) return classifyMultiplexed(m, targets[j]!, targets[1 - j]!, j, cmask, cval);
    }
    return { type: 'dense2', q0: targets[0]!, q1: targets[1]!, m: Float64Array.from(m), cmask, cval };
  }
  return { type: 'denseK', qubits: Int32Array.from(targets), m: Float64Array.from(m), cmask, cval };
}

/** Whether the 4×4 matrix m never changes bit j of the index (entries linking bit j = 0 and 1 are exactly 0). */
function isBlockDiagonal(m: Matrix, j: 0 | 1): boolean {
  const bit = 1 << j;
  for (let r = 0; r < 4; r++) {
    for (let col = 0; col < 4; col++) {
      if ((r & bit) === (col & bit)) continue;
      const e = 2 * (4 * r + col);
      if (m[e] !== 0 || m[e + 1] !== 0) return false;
    }
  }
  return true;
}

/** The 2×2 block of a 4×4 matrix (block-diagonal in bit j) where bit j is `side`. */
function blockOf(m: Matrix, j: 0 | 1, side: 0 | 1): Float64Array {
  const other = 1 << (1 - j);
  const fixed = side << j;
  const out = new Float64Array(8);
  for (let r = 0; r < 2; r++) {
    for (let col = 0; col < 2; col++) {
      const e = 2 * (4 * ((r ? other : 0) | fixed) + ((col ? other : 0) | fixed));
      out[2 * (2 * r + col)] = m[e]!;
      out[2 * (2 * r + col) + 1] = m[e + 1]!;
    }
  }
  return out;
}

/**
 * A 4×4 matrix block-diagonal in bit j (qubit c): a one-qubit gate on t controlled by c when one
 * block is the identity (only half the amplitudes are touched), else a mux1.
 */
function classifyMultiplexed(m: Matrix, c: number, t: number, j: 0 | 1, cmask: number, cval: number): Instruction {
  const m0 = blockOf(m, j, 0);
  const m1 = blockOf(m, j, 1);
  if (isIdentity(m0)) return classify(m1, [t], cmask | (1 << c), cval | (1 << c));
  if (isIdentity(m1)) return classify(m0, [t], cmask | (1 << c), cval);
  return { type: 'mux1', t, c, m0, m1, cmask, cval };
}

/** Number of work items the instruction's kernel enumerates on n qubits. */
export function workSize(instr: Instruction, numQubits: number): number {
  const c = popcount(instr.cmask);
  switch (instr.type) {
    case 'dense1':
    case 'dense1Phased':
    case 'phase1':
    case 'x1':
      return 2 ** (numQubits - 1 - c);
    case 'mux1':
    case 'swap2':
    case 'dense2':
      return 2 ** (numQubits - 2 - c);
    case 'diag':
    case 'phaseProduct':
      return 2 ** numQubits;
    case 'denseK':
      return 2 ** (numQubits - instr.qubits.length - c);
  }
}

/** Runs work items [begin, end) of the instruction (the whole of it by default). */
export function applyInstruction(
  kernels: Kernels,
  state: Amplitudes,
  numQubits: number,
  instr: Instruction,
  begin = 0,
  end = workSize(instr, numQubits),
): void {
  switch (instr.type) {
    case 'dense1':
      return kernels.dense1(state, instr.t, instr.m, instr.cmask, instr.cval, begin, end);
    case 'mux1': {
      // Both calls number their items over the same mask (t, c, controls): item k of one and of the
      // other differ only in bit c, so tiles and thread ranges cut both the same way.
      const cmask = instr.cmask | (1 << instr.c);
      kernels.dense1(state, instr.t, instr.m0, cmask, instr.cval, begin, end);
      return kernels.dense1(state, instr.t, instr.m1, cmask, instr.cval | (1 << instr.c), begin, end);
    }
    case 'phase1':
      return kernels.phase1(state, instr.t, instr.re, instr.im, instr.cmask, instr.cval, begin, end);
    case 'x1':
      return kernels.x1(state, instr.t, instr.cmask, instr.cval, begin, end);
    case 'swap2':
      return kernels.swap2(state, instr.a, instr.b, instr.cmask, instr.cval, begin, end);
    case 'dense2':
      return kernels.dense2(state, instr.q0, instr.q1, instr.m, instr.cmask, instr.cval, begin, end);
    case 'diag':
      return kernels.diag(state, instr.qubits, instr.d, instr.cmask, instr.cval, begin, end);
    case 'phaseProduct':
      return kernels.phaseProduct(state, instr.qubits, instr.phases, instr.cmask, instr.cval, begin, end);
    case 'dense1Phased':
      return kernels.dense1Phased(state, instr.t, instr.m, instr.qubits, instr.phases, instr.side, begin, end);
    case 'denseK':
      return kernels.denseK(state, instr.qubits, instr.m, instr.cmask, instr.cval, begin, end);
  }
}

/** Added to every pass: a kernel call, and the share of memory traffic cache blocking cannot hide. */
export const PASS_OVERHEAD = 0.15;

/**
 * Cost per kernel class in units of one scale pass over the whole state, measured on the wasm
 * kernels in cache (the TypeScript kernels keep roughly the same order), before the fraction a
 * controlled kernel touches. The complex loops (dense1, dense2) were measured again once mux1
 * made "cheap half + cheap pass versus one complex pass" a frequent choice: a general dense1 costs
 * 1.7–1.85× a real one over t = 3…15 at n = 16, and dense2 keeps its ratio to it.
 */
const COST = {
  phase1: 0.5, x1: 1, swap2: 0.5,
  dense1Cheap: 1, dense1: 1.8,
  dense2Real: 2.2, dense2: 3.6,
  // Parity blocks (two 2×2 gates): complex 0.9, RX-like 0.6–0.7 ns per amplitude at n = 20 where a
  // dense 4×4 takes 1.4–1.6 and the scale pass 0.62.
  dense2Parity: 2, dense2ParityRx: 1.1,
  diagSmall: 2.5, // 1–2 qubits: per-lane table
  diagLow: 3, // 3–9 qubits with a qubit or control below bit 6: a table lookup per amplitude
  diagHigh: 1.1, // 3–9 qubits all from bit 6 up: one multiplier per run
  diagLarge: 6, // over 9 table qubits: the TypeScript kernel
  // A low-factor lookup and two complex multiplies per amplitude (no qubit below bit 6: diagHigh).
  // Measured at n = 20 in cache (QFT layers): 0.5–0.6 ms over half the state, as a 6–9-qubit low
  // table (0.53–0.63 ms), where an H takes 0.45 ms.
  phaseProduct: 2.5,
  phaseProductLowControls: 4.5, // every amplitude visited, mismatching lanes kept by a mask
  // The phase product on one side of the pairs inside a real dense1 sweep: at n = 20 in cache a
  // fused QFT layer takes 0.8–1.0 ms, an H 0.45 ms and its phase-product pass 0.5 ms more.
  dense1Phases: 1.2,
  // The same with every phase qubit from bit 6 up (one factor per run): at n = 20 in cache a
  // relabelled QFT layer takes 0.73–0.79 ms where a plain H pass takes 0.63–0.70 ms.
  dense1HighPhases: 0.2,
  denseKPerRow: 0.9,
} as const;

const DENSE2_COST = { real: COST.dense2Real, parityRx: COST.dense2ParityRx, parity: COST.dense2Parity, general: COST.dense2 } as const;

/**
 * Estimated cost of an instruction (see COST). The fuser merges gates only when this does not go up.
 */
export function instructionCost(instr: Instruction): number {
  const touched = 2 ** -popcount(instr.cmask);
  switch (instr.type) {
    case 'phase1':
      return PASS_OVERHEAD + COST.phase1 * touched;
    case 'x1':
      return PASS_OVERHEAD + COST.x1 * touched;
    case 'swap2':
      return PASS_OVERHEAD + COST.swap2 * touched;
    case 'dense1':
      return PASS_OVERHEAD + dense1LoopCost(instr.m) * touched;
    case 'mux1':
      // Two dense1 loops over half of the touched amplitudes each, in one pass over the tile.
      return PASS_OVERHEAD + ((dense1LoopCost(instr.m0) + dense1LoopCost(instr.m1)) / 2) * touched;
    case 'dense2':
      return PASS_OVERHEAD + DENSE2_COST[dense2Shape(instr.m)] * touched;
    case 'diag': {
      const k = instr.qubits.length;
      let low = instr.cmask & 63;
      for (const q of instr.qubits) if (q < 6) low |= 1 << q;
      const perPass = k <= 2 ? COST.diagSmall : k > 9 ? COST.diagLarge : low !== 0 ? COST.diagLow : COST.diagHigh;
      return PASS_OVERHEAD + perPass * touched;
    }
    case 'phaseProduct': {
      // Controls below bit 6 are lanes switched off: those amplitudes are still visited.
      if ((instr.cmask & 63) !== 0) return PASS_OVERHEAD + COST.phaseProductLowControls * 2 ** -popcount(instr.cmask & ~63);
      return PASS_OVERHEAD + (instr.qubits.some((q) => q < 6) ? COST.phaseProduct : COST.diagHigh) * touched;
    }
    case 'dense1Phased':
      // Phase qubits all from bit 6 up: one factor per run, no per-amplitude lookup.
      return PASS_OVERHEAD + COST.dense1Cheap + (instr.qubits.some((q) => q < 6) ? COST.dense1Phases : COST.dense1HighPhases);
    case 'denseK':
      return PASS_OVERHEAD + COST.denseKPerRow * 2 ** instr.qubits.length * touched;
  }
}

function dense1LoopCost(m: Float64Array): number {
  return dense1Shape(m) === 'general' ? COST.dense1 : COST.dense1Cheap;
}
