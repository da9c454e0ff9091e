import { dimension, type Matrix } from '../gates/matrix.ts';

/**
 * Exact decompositions used by the writers: Euler angles of one-qubit unitaries, 2×2 square roots
 * (for multi-controlled gates) and two-level (Givens) factorisation of k-qubit unitaries.
 */

/** U = e^{iα}·U(θ, φ, λ) with OpenQASM's U. */
export interface Euler {
  readonly theta: number;
  readonly phi: number;
  readonly lambda: number;
  readonly alpha: number;
}

const EPS = 1e-14;
const arg = (re: number, im: number) => Math.atan2(im, re);
const abs = (re: number, im: number) => Math.hypot(re, im);

export function eulerAngles(m: Matrix): Euler {
  const [a, ai, b, bi, c, ci, d, di] = m as unknown as number[];
  const cosHalf = abs(a!, ai!);
  const sinHalf = abs(c!, ci!);
  const theta = 2 * Math.atan2(sinHalf, cosHalf);
  if (cosHalf > EPS && sinHalf > EPS) {
    const alpha = arg(a!, ai!);
    return { theta, alpha, phi: arg(c!, ci!) - alpha, lambda: arg(-b!, -bi!) - alpha };
  }
  if (cosHalf > EPS) {
    // Diagonal: U(0, 0, λ) = diag(1, e^{iλ}).
    const alpha = arg(a!, ai!);
    return { theta: 0, phi: 0, lambda: arg(d!, di!) - alpha, alpha };
  }
  // Anti-diagonal: choose λ = 0.
  const alpha = arg(-b!, -bi!);
  return { theta: Math.PI, phi: arg(c!, ci!) - alpha, lambda: 0, alpha };
}

/** A square root of a 2×2 unitary: √U = (U + s·I)/√(tr U + 2s) with s = √det U (either sign when one fails). */
export function sqrt2x2(m: Matrix): Matrix {
  const [a, ai, b, bi, c, ci, d, di] = m as unknown as number[];
  const detRe = a! * d! - ai! * di! - (b! * c! - bi! * ci!);
  const detIm = a! * di! + ai! * d! - (b! * ci! + bi! * c!);
  const r = Math.sqrt(abs(detRe, detIm));
  const h = arg(detRe, detIm) / 2;
  for (const sign of [1, -1]) {
    const sRe = sign * r * Math.cos(h), sIm = sign * r * Math.sin(h);
    const tRe = a! + d! + 2 * sRe, tIm = ai! + di! + 2 * sIm;
    const tr = Math.sqrt(abs(tRe, tIm));
    if (tr < 1e-7) continue;
    const th = arg(tRe, tIm) / 2;
    // divide by t = tr·e^{i th}
    const inv = (re: number, im: number): [number, number] => {
      const c0 = Math.cos(-th) / tr, s0 = Math.sin(-th) / tr;
      return [re * c0 - im * s0, re * s0 + im * c0];
    };
    return Float64Array.from([...inv(a! + sRe, ai! + sIm), ...inv(b!, bi!), ...inv(c!, ci!), ...inv(d! + sRe, di! + sIm)]);
  }
  throw new Error('no square root found');
}

/** One step of a two-level factorisation, on the k qubits of the original matrix (bit j = qubit j). */
export type TwoLevelStep =
  /** X on `target` when the other listed bits take `values`. */
  | { readonly kind: 'x'; readonly target: number; readonly controls: readonly { qubit: number; value: 0 | 1 }[] }
  /** A 2×2 unitary on `target` (basis: target bit 0, 1) when the other bits take `values`. */
  | { readonly kind: 'u'; readonly target: number; readonly matrix: Matrix; readonly controls: readonly { qubit: number; value: 0 | 1 }[] };

/**
 * Factors a 2^k × 2^k unitary into two-level unitaries (Nielsen & Chuang §4.5.1), each realised as
 * Gray-code multi-controlled X gates around one fully controlled 2×2 gate. Steps are in time order.
 */
export function twoLevelSteps(u: Matrix, k: number): TwoLevelStep[] {
  const d = dimension(u);
  const a = Float64Array.from(u);
  const re = (r: number, c: number) => a[2 * (r * d + c)]!;
  const im = (r: number, c: number) => a[2 * (r * d + c) + 1]!;
  /** Two-level unitaries G (acting on rows i, j) with G_n…G_1·U = I; U = G_1†…G_n†. */
  const factors: { i: number; j: number; g: Matrix }[] = [];
  const applyRows = (i: number, j: number, g: Matrix) => {
    for (let c = 0; c < d; c++) {
      const xr = re(i, c), xi = im(i, c), yr = re(j, c), yi = im(j, c);
      a[2 * (i * d + c)] = g[0]! * xr - g[1]! * xi + g[2]! * yr - g[3]! * yi;
      a[2 * (i * d + c) + 1] = g[0]! * xi + g[1]! * xr + g[2]! * yi + g[3]! * yr;
      a[2 * (j * d + c)] = g[4]! * xr - g[5]! * xi + g[6]! * yr - g[7]! * yi;
      a[2 * (j * d + c) + 1] = g[4]! * xi + g[5]! * xr + g[6]! * yi + g[7]! * yr;
    }
  };
  for (let c = 0; c < d - 1; c++) {
    for (let r = c + 1; r < d; r++) {
      const br = re(r, c), bi = im(r, c);
      if (abs(br, bi) < EPS) continue;
      const ar = re(c, c), ai = im(c, c);
      const n = Math.hypot(ar, ai, br, bi);
      // G = [[a*, b*], [−b, a]] / n sends (a, b) to (n, 0).
      const g = Float64Array.from([ar / n, -ai / n, br / n, -bi / n, -br / n, -bi / n, ar / n, ai / n]);
      applyRows(c, r, g);
      factors.push({ i: c, j: r, g });
    }
    // Make the pivot real and positive (a phase on row c).
    const ar = re(c, c), ai = im(c, c);
    const n = abs(ar, ai);
    if (Math.abs(ai) > EPS || ar < 0) {
      const g = Float64Array.from([ar / n, -ai / n, 0, 0, 0, 0, 1, 0]);
      const partner = c + 1;
      applyRows(c, partner, g);
      factors.push({ i: c, j: partner, g });
    }
  }
  const lr = re(d - 1, d - 1), li = im(d - 1, d - 1);
  if (Math.abs(li) > EPS || lr < 0) {
    const g = Float64Array.from([1, 0, 0, 0, 0, 0, lr, -li]);
    applyRows(d - 2, d - 1, g);
    factors.push({ i: d - 2, j: d - 1, g });
  }
  const steps: TwoLevelStep[] = [];
  // U = G_1†·G_2†·…·G_n†: in time order G_n† first.
  for (let f = factors.length - 1; f >= 0; f--) {
    const { i, j, g } = factors[f]!;
    const dag = Float64Array.from([g[0]!, -g[1]!, g[4]!, -g[5]!, g[2]!, -g[3]!, g[6]!, -g[7]!]);
    steps.push(...twoLevelGate(i, j, dag, k));
  }
  return steps;
}

/** A 2×2 unitary `g` on basis states i and j (of k qubits), as Gray-code steps. */
function twoLevelGate(i: number, j: number, g: Matrix, k: number): TwoLevelStep[] {
  const diff: number[] = [];
  for (let b = 0; b < k; b++) if (((i ^ j) >> b) & 1) diff.push(b);
  const moves: TwoLevelStep[] = [];
  let current = i;
  // Walk i towards j one bit at a time, leaving the last differing bit for the 2×2 gate.
  for (const b of diff.slice(0, -1)) {
    moves.push({ kind: 'x', target: b, controls: controlsFor(current, b, k) });
    current ^= 1 << b;
  }
  const target = diff[diff.length - 1]!;
  // In the target's basis, i sits at bit value (current >> target & 1).
  const matrix = ((current >> target) & 1) === 0 ? g : Float64Array.from([g[6]!, g[7]!, g[4]!, g[5]!, g[2]!, g[3]!, g[0]!, g[1]!]);
  return [...moves, { kind: 'u', target, matrix, controls: controlsFor(current, target, k) }, ...[...moves].reverse()];
}

function controlsFor(state: number, target: number, k: number): { qubit: number; value: 0 | 1 }[] {
  const out: { qubit: number; value: 0 | 1 }[] = [];
  for (let b = 0; b < k; b++) if (b !== target) out.push({ qubit: b, value: ((state >> b) & 1) as 0 | 1 });
  return out;
}
