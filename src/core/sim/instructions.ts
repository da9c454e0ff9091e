import { dimension, isDiagonal, diagonalOf, maxDistance, type Matrix } from '../gates/matrix.ts';
import type { Amplitudes, Kernels } from './kernels.ts';
import { popcount } from './kernels.ts';

/**
 * A unitary instruction: the kernel class chosen for one gate (or one fused block).
 * `cmask`/`cval` carry controls (see Kernels). Instructions know nothing of circuits.
 */
export type Instruction =
  | { readonly type: 'dense1'; readonly t: number; readonly m: Float64Array; readonly cmask: number; readonly cval: number }
  | { readonly type: 'phase1'; readonly t: number; readonly re: number; readonly im: number; readonly cmask: number; readonly cval: number }
  | { readonly type: 'x1'; readonly t: number; readonly cmask: number; readonly cval: number }
  | { readonly type: 'swap2'; readonly a: number; readonly b: number; readonly cmask: number; readonly cval: number }
  | { readonly type: 'dense2'; readonly q0: number; readonly q1: number; readonly m: Float64Array; readonly cmask: number; readonly cval: number }
  | { readonly type: 'diag'; readonly qubits: Int32Array; readonly d: Float64Array; readonly cmask: number; readonly cval: number }
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
    return { type: 'dense2', q0: targets[0]!, q1: targets[1]!, m: Float64Array.from(m), cmask, cval };
  }
  return { type: 'denseK', qubits: Int32Array.from(targets), m: Float64Array.from(m), cmask, cval };
}

/** Number of work items the instruction's kernel enumerates on n qubits. */
export function workSize(instr: Instruction, numQubits: number): number {
  const c = popcount(instr.cmask);
  switch (instr.type) {
    case 'dense1':
    case 'phase1':
    case 'x1':
      return 2 ** (numQubits - 1 - c);
    case 'swap2':
    case 'dense2':
      return 2 ** (numQubits - 2 - c);
    case 'diag':
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
    case 'denseK':
      return kernels.denseK(state, instr.qubits, instr.m, instr.cmask, instr.cval, begin, end);
  }
}

/** Added to every pass: a kernel call, and the share of memory traffic cache blocking cannot hide. */
export const PASS_OVERHEAD = 0.15;

/**
 * Cost per kernel class in units of one scale pass over the whole state, measured on the wasm
 * kernels in cache (the TypeScript kernels keep roughly the same order), before the fraction a
 * controlled kernel touches.
 */
const COST = {
  phase1: 0.5, x1: 1, swap2: 0.5,
  dense1Cheap: 1, dense1: 2.2,
  dense2Real: 2.2, dense2: 4.5,
  diagSmall: 2.5, // 1–2 qubits: per-lane table
  diagLow: 3, // 3–9 qubits with a qubit or control below bit 6: a table lookup per amplitude
  diagHigh: 1.1, // 3–9 qubits all from bit 6 up: one multiplier per run
  diagLarge: 6, // over 9 table qubits: the TypeScript kernel
  denseKPerRow: 0.9,
} as const;

/** The cheapest a merged 4×4 block can cost: what a 2-qubit merge must beat. */
export const CHEAPEST_DENSE2_COST = PASS_OVERHEAD + COST.dense2Real;

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
      return PASS_OVERHEAD + (dense1Shape(instr.m) === 'general' ? COST.dense1 : COST.dense1Cheap) * touched;
    case 'dense2':
      return PASS_OVERHEAD + (isRealMatrix(instr.m) ? COST.dense2Real : COST.dense2) * touched;
    case 'diag': {
      const k = instr.qubits.length;
      let low = instr.cmask & 63;
      for (const q of instr.qubits) if (q < 6) low |= 1 << q;
      const perPass = k <= 2 ? COST.diagSmall : k > 9 ? COST.diagLarge : low !== 0 ? COST.diagLow : COST.diagHigh;
      return PASS_OVERHEAD + perPass * touched;
    }
    case 'denseK':
      return PASS_OVERHEAD + COST.denseKPerRow * 2 ** instr.qubits.length * touched;
  }
}

export function isRealMatrix(m: Float64Array): boolean {
  for (let i = 1; i < m.length; i += 2) if (m[i] !== 0) return false;
  return true;
}

/**
 * Which dense1 loop a 2×2 matrix (8 doubles) takes: every imaginary part zero (H, RY), diagonal
 * (RZ), real diagonal with imaginary off-diagonal (RX), or general. Both the wasm kernels and
 * the cost model use it.
 */
export function dense1Shape(m: Float64Array): 'real' | 'diagonal' | 'rx' | 'general' {
  if (isRealMatrix(m)) return 'real';
  if (m[2] === 0 && m[3] === 0 && m[4] === 0 && m[5] === 0) return 'diagonal';
  if (m[1] === 0 && m[7] === 0 && m[2] === 0 && m[4] === 0) return 'rx';
  return 'general';
}
