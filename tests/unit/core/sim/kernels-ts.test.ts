import { describe, expect, it } from 'vitest';
import { bruteForceApply, DENSE1_SHAPE_ZEROS, dense1OfShape, diagonalMatrix, mulberry32, popcount, randomArray } from '../../helpers/kernel-reference.ts';
import { tsKernels } from '../../../../src/core/sim/kernels-ts.ts';

/**
 * The TypeScript kernels' loop shapes at sizes the exhaustive ≤ 5-qubit tests do not reach:
 * ranges of many 128-amplitude chunks, even runs (≥ 8 items, stepped two at a time) and uneven
 * ones (short runs, through the next-index formula), ranges that start and end in the middle of
 * a chunk or with an odd number of items in it, real and complex matrices, diagonals in groups of
 * four lanes with controls on the low qubits. Each call is checked against a brute-force reference, and every index the
 * kernel reads or writes is recorded through a Proxy: a call on items [begin, end) may touch only
 * the amplitudes of those items (whose controls match), never a neighbour's.
 */

/** Index of work item k with zero bits inserted at the positions of mask (written independently of the kernels: bit by bit). */
function itemIndex(k: number, mask: number, n: number): number {
  let i = 0;
  let src = 0;
  for (let bit = 0; bit < n; bit++) {
    if ((mask >>> bit) & 1) continue;
    if ((k >>> src) & 1) i |= 1 << bit;
    src++;
  }
  return i;
}

/** A Float64Array stand-in that records which amplitudes are read and written. */
function recording(data: Float64Array): { state: Float64Array; touched: Set<number> } {
  const touched = new Set<number>();
  const state = new Proxy(data, {
    get(target, key) {
      if (typeof key === 'string' && /^\d+$/.test(key)) {
        touched.add(Number(key) >> 1);
        return target[Number(key)];
      }
      const value = Reflect.get(target, key, target) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
    set(target, key, value: number) {
      if (typeof key === 'string' && /^\d+$/.test(key)) touched.add(Number(key) >> 1);
      target[Number(key)] = value;
      return true;
    },
  });
  return { state, touched };
}

interface Case {
  label: string;
  n: number;
  targets: number[];
  matrix: Float64Array;
  cmask: number;
  cval: number;
  work: number;
  /** Amplitudes work item k may touch. */
  amplitudesOf(k: number): number[];
  run(state: Float64Array, begin: number, end: number): void;
}

function matrixOf(size: number, real: boolean, rng: () => number): Float64Array {
  const m = randomArray(size, rng);
  if (real) for (let i = 1; i < size; i += 2) m[i] = 0;
  return m;
}

function dense1Case(n: number, t: number, cmask: number, cval: number, shape: keyof typeof DENSE1_SHAPE_ZEROS, rng: () => number): Case {
  const m = dense1OfShape(shape, rng);
  const mask = cmask | (1 << t);
  return {
    label: `dense1 n=${n} t=${t} cmask=${cmask.toString(2)} ${shape}`, n, targets: [t], matrix: m, cmask, cval,
    work: 2 ** (n - 1 - popcount(cmask)),
    amplitudesOf: (k) => {
      const a = itemIndex(k, mask, n) | cval;
      return [a, a | (1 << t)];
    },
    run: (s, b, e) => tsKernels.dense1(s, t, m, cmask, cval, b, e),
  };
}

function phase1Case(n: number, t: number, cmask: number, cval: number, rng: () => number): Case {
  const re = 2 * rng() - 1, im = 2 * rng() - 1;
  const mask = cmask | (1 << t);
  return {
    label: `phase1 n=${n} t=${t} cmask=${cmask.toString(2)}`, n, targets: [t], matrix: diagonalMatrix(Float64Array.of(1, 0, re, im)), cmask, cval,
    work: 2 ** (n - 1 - popcount(cmask)),
    amplitudesOf: (k) => [itemIndex(k, mask, n) | cval | (1 << t)],
    run: (s, b, e) => tsKernels.phase1(s, t, re, im, cmask, cval, b, e),
  };
}

function x1Case(n: number, t: number, cmask: number, cval: number): Case {
  const mask = cmask | (1 << t);
  return {
    label: `x1 n=${n} t=${t} cmask=${cmask.toString(2)}`, n, targets: [t], matrix: Float64Array.of(0, 0, 1, 0, 1, 0, 0, 0), cmask, cval,
    work: 2 ** (n - 1 - popcount(cmask)),
    amplitudesOf: (k) => {
      const a = itemIndex(k, mask, n) | cval;
      return [a, a | (1 << t)];
    },
    run: (s, b, e) => tsKernels.x1(s, t, cmask, cval, b, e),
  };
}

function swap2Case(n: number, a: number, b: number, cmask: number, cval: number): Case {
  const mask = cmask | (1 << a) | (1 << b);
  const swap = new Float64Array(32);
  for (const [r, col] of [[0, 0], [1, 2], [2, 1], [3, 3]] as const) swap[2 * (4 * r + col)] = 1;
  return {
    label: `swap2 n=${n} (${a},${b}) cmask=${cmask.toString(2)}`, n, targets: [a, b], matrix: swap, cmask, cval,
    work: 2 ** (n - 2 - popcount(cmask)),
    amplitudesOf: (k) => {
      const base = itemIndex(k, mask, n) | cval;
      return [base | (1 << a), base | (1 << b)]; // |00⟩ and |11⟩ are never touched
    },
    run: (s, b0, e) => tsKernels.swap2(s, a, b, cmask, cval, b0, e),
  };
}

function dense2Case(n: number, q0: number, q1: number, cmask: number, cval: number, real: boolean, rng: () => number): Case {
  const m = matrixOf(32, real, rng);
  const mask = cmask | (1 << q0) | (1 << q1);
  return {
    label: `dense2 n=${n} (${q0},${q1}) cmask=${cmask.toString(2)} real=${real}`, n, targets: [q0, q1], matrix: m, cmask, cval,
    work: 2 ** (n - 2 - popcount(cmask)),
    amplitudesOf: (k) => {
      const base = itemIndex(k, mask, n) | cval;
      return [base, base | (1 << q0), base | (1 << q1), base | (1 << q0) | (1 << q1)];
    },
    run: (s, b, e) => tsKernels.dense2(s, q0, q1, m, cmask, cval, b, e),
  };
}

function diagCase(n: number, qubits: number[], cmask: number, cval: number, rng: () => number, identityAt = -1): Case {
  const d = randomArray(2 << qubits.length, rng);
  if (identityAt >= 0) {
    d[2 * identityAt] = 1;
    d[2 * identityAt + 1] = 0;
  }
  const q = Int32Array.from(qubits);
  return {
    label: `diag n=${n} qubits=[${qubits}] cmask=${cmask.toString(2)} cval=${cval.toString(2)}`, n, targets: qubits, matrix: diagonalMatrix(d), cmask, cval,
    work: 2 ** n,
    amplitudesOf: (i) => ((i & cmask) === cval ? [i] : []),
    run: (s, b, e) => tsKernels.diag(s, q, d, cmask, cval, b, e),
  };
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i]! - b[i]!);
    if (!(d <= worst)) worst = d;
  }
  return worst;
}

/**
 * The full range against the reference; then split ranges (cut at awkward places: odd items,
 * mid-run, mid-unrolled-step) must give exactly the full result, and each piece may touch only
 * its own items' amplitudes.
 */
function check(kase: Case, rng: () => number): string {
  const { n, work } = kase;
  const initial = randomArray(2 << n, rng);
  const expected = bruteForceApply(n, initial, kase.targets, kase.matrix, kase.cmask, kase.cval);
  const data = Float64Array.from(initial);
  kase.run(data, 0, work);
  const err = maxAbsDiff(data, expected);
  if (!(err <= 1e-12)) return `${kase.label}: full range differs from the reference by ${err}`;
  const full = Float64Array.from(data);

  const cuts = new Set<number>([0, work]);
  for (const c of [1, 3, 5, work >> 1, (work >> 1) + 1, work - 3, work - 1]) if (c > 0 && c < work) cuts.add(c);
  for (let j = 0; j < 4; j++) cuts.add(Math.floor(rng() * work));
  const sorted = [...cuts].sort((a, b) => a - b);
  const split = Float64Array.from(initial);
  for (let j = 0; j + 1 < sorted.length; j++) {
    const [begin, end] = [sorted[j]!, sorted[j + 1]!];
    const { state, touched } = recording(split);
    kase.run(state, begin, end);
    const allowed = new Set<number>();
    for (let k = begin; k < end; k++) for (const a of kase.amplitudesOf(k)) allowed.add(a);
    for (const a of touched) {
      if (!allowed.has(a)) return `${kase.label}: the call on items [${begin}, ${end}) touched amplitude ${a}, outside its work items`;
    }
  }
  const diff = maxAbsDiff(split, full);
  if (diff !== 0) return `${kase.label}: ranges cut at [${sorted}] differ from one full call by ${diff}`;
  return '';
}

describe('TypeScript kernels: even and uneven runs, chunk edges and split ranges on 13 qubits', () => {
  const n = 13; // 64 chunks of 128 amplitudes
  const hi = n - 1;

  it('dense1, phase1 and x1 on qubits 0–3, a middle and the top one, with controls above and below (runs of 2, 4, 8, 32 items and one run)', () => {
    const rng = mulberry32(1301);
    const failures: string[] = [];
    const placements: Array<[number, number, number]> = [
      [0, 0, 0], [1, 0, 0], [6, 0, 0], [hi, 0, 0],
      [2, 0, 0], [3, 0, 0], [2, 1, 1], [1, 1 << 4, 0],
      [0, 1 << hi, 1 << hi], [0, 1 << 1, 0], [0, 0b110, 0b100], [1, 1, 1], [hi, 1, 1], [hi, 0b11, 0b10], [5, 1 << 9, 0],
    ];
    for (const [t, cmask, cval] of placements) {
      for (const shape of ['general', 'real', 'diagonal', 'rx'] as const) {
        const message = check(dense1Case(n, t, cmask, cval, shape, rng), rng);
        if (message) failures.push(message);
      }
      for (const message of [check(phase1Case(n, t, cmask, cval, rng), rng), check(x1Case(n, t, cmask, cval), rng)]) {
        if (message) failures.push(message);
      }
    }
    expect(failures).toEqual([]);
  });

  it('qubit 0 on 15 qubits: one even run over 256 chunks', () => {
    const rng = mulberry32(1305);
    const failures: string[] = [];
    for (const [cmask, cval] of [[0, 0], [1 << 14, 0]] as const) {
      for (const kase of [dense1Case(15, 0, cmask, cval, 'general', rng), dense1Case(15, 0, cmask, cval, 'real', rng), dense1Case(15, 0, cmask, cval, 'diagonal', rng), x1Case(15, 0, cmask, cval)]) {
        const message = check(kase, rng);
        if (message) failures.push(message);
      }
    }
    expect(failures).toEqual([]);
  });

  it('dense2 and swap2 on adjacent low pairs, the top pair and spread pairs, with controls', () => {
    const rng = mulberry32(1302);
    const failures: string[] = [];
    const placements: Array<[number, number, number, number]> = [
      [0, 1, 0, 0], [1, 0, 0, 0], [hi - 1, hi, 0, 0], [hi, 0, 0, 0], [2, 7, 0, 0],
      [0, 1, 1 << hi, 1 << hi], [0, 1, 0b100, 0], [hi - 1, hi, 1, 1], [1, hi, 1, 0], [3, 5, 0b10001, 0b10000],
    ];
    for (const [q0, q1, cmask, cval] of placements) {
      for (const real of [false, true]) {
        const message = check(dense2Case(n, q0, q1, cmask, cval, real, rng), rng);
        if (message) failures.push(message);
      }
      const message = check(swap2Case(n, q0, q1, cmask, cval), rng);
      if (message) failures.push(message);
    }
    expect(failures).toEqual([]);
  });

  it('diag: low, high and mixed qubits, controls on the low lanes, identity entries', () => {
    const rng = mulberry32(1303);
    const failures: string[] = [];
    const cases: Array<[number[], number, number, number]> = [
      [[0], 0, 0, -1], [[hi], 0, 0, -1], [[0, 1], 0, 0, -1], [[1, 0], 0, 0, 0], [[hi - 1, hi], 0, 0, 0], [[0, hi], 0, 0, -1],
      [[2], 0, 0, 0], [[1, 5, 9], 0, 0, -1], [[0], 1 << hi, 1 << hi, -1], [[hi], 1, 1, -1], [[hi], 0b10, 0, 1],
      [[], 0b11 << (hi - 1), 0b11 << (hi - 1), -1], [[], 0b1, 0b1, -1], [[3, 0], 0b10, 0b10, -1], [[4], 0b101, 0b100, -1],
    ];
    for (const [qubits, cmask, cval, identityAt] of cases) {
      const message = check(diagCase(n, qubits, cmask, cval, rng, identityAt), rng);
      if (message) failures.push(message);
    }
    expect(failures).toEqual([]);
  });

  it('scale and sumSquares over ranges of many chunks, cut anywhere', () => {
    const rng = mulberry32(1304);
    const size = 2 ** n;
    for (const [begin, end] of [[0, size], [1, size - 1], [3, 4099], [size - 4097, size], [5, 5]] as const) {
      const initial = randomArray(2 * size, rng);
      const data = Float64Array.from(initial);
      const { state, touched } = recording(data);
      tsKernels.scale(state, 0.6, -0.8, begin, end);
      const expectedState = Float64Array.from(initial);
      for (let i = begin; i < end; i++) {
        const [ar, ai] = [initial[2 * i]!, initial[2 * i + 1]!];
        expectedState[2 * i] = ar * 0.6 + ai * 0.8;
        expectedState[2 * i + 1] = ai * 0.6 - ar * 0.8;
      }
      expect(maxAbsDiff(data, expectedState)).toBeLessThanOrEqual(1e-15);
      expect([...touched].filter((i) => i < begin || i >= end)).toEqual([]);
      let expected = 0;
      for (let i = begin; i < end; i++) expected += data[2 * i]! ** 2 + data[2 * i + 1]! ** 2;
      const sums = recording(data);
      expect(Math.abs(tsKernels.sumSquares(sums.state, begin, end) - expected)).toBeLessThanOrEqual(1e-12 * Math.max(1, expected));
      expect([...sums.touched].filter((i) => i < begin || i >= end)).toEqual([]);
    }
  });
});
