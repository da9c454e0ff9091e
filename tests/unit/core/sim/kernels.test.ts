import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bruteForceApply, DENSE1_SHAPE_ZEROS, dense1OfShape, diagonalMatrix, mulberry32, popcount, randomArray } from '../../helpers/kernel-reference.ts';
import { availableBackends, chooseBackend, wasmBackend, wasmPagesFor, wasmSupport, type Amplitudes, type Kernels } from '../../../../src/core/index.ts';
import { allocateWasmState, createWasmKernels, setWasmStreamMinItems, wasm64Backend, wasmWideMemory } from '../../../../src/core/sim/wasm/backend.ts';
import { dense2Shape } from '../../../../src/core/sim/kernels.ts';
import { fullMatrix, gateDefinition } from '../../../../src/core/gates/catalogue.ts';
import { multiply } from '../../../../src/core/gates/matrix.ts';

/**
 * One test body for every registered backend: each kernel against a naive dense reference
 * (the matrix applied by brute force over basis indices) on random complex states, for every
 * placement of targets and controls (positive and negative) on up to 5 qubits, with random
 * non-unitary matrices, over the full work range and over split ranges.
 */

const TOL = 1e-12;

/** A random complex matrix, or (a third of the time) a real one: kernels may have real fast paths. */
function randomMatrix(length: number, rng: () => number): Float64Array {
  const m = randomArray(length, rng);
  if (rng() < 1 / 3) for (let i = 1; i < length; i += 2) m[i] = 0;
  return m;
}

type Kind = 'dense1' | 'phase1' | 'x1' | 'swap2' | 'dense2' | 'diag' | 'phaseProduct' | 'denseK';

/** A kernel call: how many work items, how to run [begin, end), and the equivalent matrix. */
interface Case {
  label: string;
  n: number;
  targets: number[];
  cmask: number;
  cval: number;
  work: number;
  matrix: Float64Array;
  run(kernels: Kernels, state: Amplitudes, begin: number, end: number): void;
}

function makeCase(kind: Kind, n: number, targets: number[], cmask: number, cval: number, rng: () => number): Case {
  const c = popcount(cmask);
  const label = `${kind} n=${n} targets=[${targets}] cmask=${cmask.toString(2)} cval=${cval.toString(2)}`;
  const base = { label, n, targets, cmask, cval };
  switch (kind) {
    case 'dense1': {
      // Any of the shapes the kernels have loops for (dense1Shape).
      const shapes = Object.keys(DENSE1_SHAPE_ZEROS) as (keyof typeof DENSE1_SHAPE_ZEROS)[];
      const m = dense1OfShape(shapes[Math.floor(rng() * shapes.length)]!, rng);
      const t = targets[0]!;
      return { ...base, work: 2 ** (n - 1 - c), matrix: m, run: (K, s, b, e) => K.dense1(s, t, m, cmask, cval, b, e) };
    }
    case 'phase1': {
      const re = 2 * rng() - 1, im = 2 * rng() - 1;
      const t = targets[0]!;
      return { ...base, work: 2 ** (n - 1 - c), matrix: diagonalMatrix(Float64Array.of(1, 0, re, im)), run: (K, s, b, e) => K.phase1(s, t, re, im, cmask, cval, b, e) };
    }
    case 'x1': {
      const t = targets[0]!;
      return { ...base, work: 2 ** (n - 1 - c), matrix: Float64Array.of(0, 0, 1, 0, 1, 0, 0, 0), run: (K, s, b, e) => K.x1(s, t, cmask, cval, b, e) };
    }
    case 'swap2': {
      const [a, bq] = [targets[0]!, targets[1]!];
      const swap = new Float64Array(32);
      for (const [r, col] of [[0, 0], [1, 2], [2, 1], [3, 3]] as const) swap[2 * (4 * r + col)] = 1;
      return { ...base, work: 2 ** (n - 2 - c), matrix: swap, run: (K, s, b, e) => K.swap2(s, a, bq, cmask, cval, b, e) };
    }
    case 'dense2': {
      const m = randomMatrix(32, rng);
      // A third of the time parity blocks (RXX-like: nothing between {00, 11} and {01, 10}): their own loops.
      // Half of those RX-like as well (real diagonal, imaginary partner entries: RXX, RYY, iSWAP).
      if (rng() < 1 / 3) {
        for (const [r, col] of [[0, 1], [0, 2], [1, 0], [1, 3], [2, 0], [2, 3], [3, 1], [3, 2]]) m[2 * (4 * r + col!)] = m[2 * (4 * r + col!) + 1] = 0;
        if (rng() < 1 / 2) for (let r = 0; r < 4; r++) m[2 * (5 * r) + 1] = m[2 * (4 * r + 3 - r)] = 0;
      }
      const [q0, q1] = [targets[0]!, targets[1]!];
      return { ...base, work: 2 ** (n - 2 - c), matrix: m, run: (K, s, b, e) => K.dense2(s, q0, q1, m, cmask, cval, b, e) };
    }
    case 'diag': {
      const d = randomArray(2 * 2 ** targets.length, rng);
      // Exercise the "exactly 1 is left alone" shortcut now and then.
      if (targets.length > 0 && rng() < 0.3) {
        d[0] = 1;
        d[1] = 0;
      }
      const qubits = Int32Array.from(targets);
      return { ...base, work: 2 ** n, matrix: diagonalMatrix(d), run: (K, s, b, e) => K.diag(s, qubits, d, cmask, cval, b, e) };
    }
    case 'phaseProduct': {
      const phases = randomArray(2 * targets.length, rng);
      const qubits = Int32Array.from(targets);
      return { ...base, work: 2 ** n, matrix: diagonalMatrix(phaseProductDiagonal(phases)), run: (K, s, b, e) => K.phaseProduct(s, qubits, phases, cmask, cval, b, e) };
    }
    case 'denseK': {
      const dim = 2 ** targets.length;
      const m = randomMatrix(2 * dim * dim, rng);
      const qubits = Int32Array.from(targets);
      return { ...base, work: 2 ** (n - targets.length - c), matrix: m, run: (K, s, b, e) => K.denseK(s, qubits, m, cmask, cval, b, e) };
    }
  }
}

/** The diagonal of a product of one-qubit phases diag(1, p_j): entry l is the product of p_j over the bits of l. */
function phaseProductDiagonal(phases: Float64Array): Float64Array {
  const k = phases.length / 2;
  const d = new Float64Array(2 * 2 ** k);
  for (let l = 0; l < 2 ** k; l++) {
    let re = 1, im = 0;
    for (let j = 0; j < k; j++) {
      if (!((l >> j) & 1)) continue;
      const pr = phases[2 * j]!, pi = phases[2 * j + 1]!;
      [re, im] = [re * pr - im * pi, re * pi + im * pr];
    }
    d[2 * l] = re;
    d[2 * l + 1] = im;
  }
  return d;
}

/** All ordered selections of k distinct qubits out of n. */
function placements(k: number, n: number): number[][] {
  if (k === 0) return [[]];
  const out: number[][] = [];
  for (const rest of placements(k - 1, n)) for (let q = 0; q < n; q++) if (!rest.includes(q)) out.push([...rest, q]);
  return out;
}

/** Every way to make each non-target qubit free, a control, or a negative control. */
function controlPatterns(n: number, targets: readonly number[]): Array<[number, number]> {
  const free = [...Array(n).keys()].filter((q) => !targets.includes(q));
  const out: Array<[number, number]> = [];
  for (let code = 0; code < 3 ** free.length; code++) {
    let cmask = 0, cval = 0;
    for (let j = 0, x = code; j < free.length; j++, x = Math.floor(x / 3)) {
      const role = x % 3;
      if (role > 0) cmask |= 1 << free[j]!;
      if (role === 1) cval |= 1 << free[j]!;
    }
    out.push([cmask, cval]);
  }
  return out;
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i]! - b[i]!);
    if (!(d <= worst)) worst = d; // NaN propagates
  }
  return worst;
}

/** A state of the backend, reused across cases of the same size. */
function stateFor(backendName: string, n: number, cache: Map<number, { data: Amplitudes; kernels: Kernels }>) {
  let s = cache.get(n);
  if (!s) cache.set(n, (s = chooseBackend(n, backendName as 'ts' | 'wasm').allocate(n)));
  return s;
}

/**
 * Runs the case on the backend: the full range against the reference (to 1e-12), split ranges
 * [0, a) [a, b) [b, end) against the full call (exactly), and amplitudes whose controls do not
 * match must be untouched bit for bit. Returns a failure message or ''.
 */
function check(backendName: string, kase: Case, rng: () => number, cache: Map<number, { data: Amplitudes; kernels: Kernels }>): string {
  const { n, work } = kase;
  const { data, kernels } = stateFor(backendName, n, cache);
  const initial = randomArray(2 * 2 ** n, rng);
  const expected = bruteForceApply(n, initial, kase.targets, kase.matrix, kase.cmask, kase.cval);

  data.set(initial);
  kase.run(kernels, data, 0, work);
  const full = Float64Array.from(data);
  const err = maxAbsDiff(full, expected);
  if (!(err <= TOL)) return `${kase.label}: full range differs from the reference by ${err}`;
  for (let i = 0; i < 2 ** n; i++) {
    if ((i & kase.cmask) === kase.cval) continue;
    if (!Object.is(full[2 * i], initial[2 * i]) || !Object.is(full[2 * i + 1], initial[2 * i + 1])) {
      return `${kase.label}: amplitude ${i} (controls not matching) was modified`;
    }
  }

  const a = Math.floor(rng() * (work + 1));
  const b = a + Math.floor(rng() * (work - a + 1));
  data.set(initial);
  kase.run(kernels, data, 0, a);
  kase.run(kernels, data, a, b);
  kase.run(kernels, data, b, b); // empty range: no-op
  kase.run(kernels, data, b, work);
  const split = maxAbsDiff(data, full);
  if (split !== 0) return `${kase.label}: ranges [0,${a}) [${a},${b}) [${b},${work}) differ from one full call by ${split}`;

  // Aligned power-of-two slices (how thread slices and cache tiles call): [0, w/2) as quarters, [w/2, w) whole.
  if (work >= 8) {
    data.set(initial);
    for (let q = 0; q < 2; q++) kase.run(kernels, data, (q * work) / 4, ((q + 1) * work) / 4);
    kase.run(kernels, data, work / 2, work);
    const aligned = maxAbsDiff(data, full);
    if (aligned !== 0) return `${kase.label}: aligned slices differ from one full call by ${aligned}`;
  }

  // Every single item on its own, in reverse order (disjoint items touch disjoint amplitudes).
  if (work <= 64) {
    data.set(initial);
    for (let k = work - 1; k >= 0; k--) kase.run(kernels, data, k, k + 1);
    const items = maxAbsDiff(data, full);
    if (items !== 0) return `${kase.label}: item-by-item calls differ from one full call by ${items}`;
  }
  return '';
}

/**
 * kernels.scale on [begin, end) of a random state against a naive complex multiply (to 1e-12);
 * amplitudes outside the range must stay untouched bit for bit.
 */
function checkScale(kernels: Kernels, data: Amplitudes, begin: number, end: number, rng: () => number): void {
  const initial = randomArray(data.length, rng);
  const re = 2 * rng() - 1, im = 2 * rng() - 1;
  const expected = Float64Array.from(initial);
  for (let i = begin; i < end; i++) {
    const ar = initial[2 * i]!, ai = initial[2 * i + 1]!;
    expected[2 * i] = ar * re - ai * im;
    expected[2 * i + 1] = ar * im + ai * re;
  }
  data.set(initial);
  kernels.scale(data, re, im, begin, end);
  expect(maxAbsDiff(data, expected)).toBeLessThanOrEqual(TOL);
  let touchedOutside = 0;
  for (let i = 0; i < 2 * begin; i++) if (!Object.is(data[i], initial[i])) touchedOutside++;
  for (let i = 2 * end; i < data.length; i++) if (!Object.is(data[i], initial[i])) touchedOutside++;
  expect(touchedOutside).toBe(0);
}

const BACKENDS = availableBackends();

describe('backend registry', () => {
  it('registers the wasm backend in Node 20 (WebAssembly SIMD must not silently fall back)', () => {
    expect(wasmSupport().simd).toBe(true);
    expect(BACKENDS).toContain('ts');
    expect(BACKENDS).toContain('wasm');
    expect(chooseBackend(20).name).toBe('wasm');
    expect(chooseBackend(27).name).toBe('wasm');
    expect(chooseBackend(28).name).toBe('ts');
  });

  it('sizes wasm memory as one scratch page, 16·2^n bytes and a 2 MiB diagonal-table area', () => {
    expect(wasmBackend.maxQubits).toBe(27);
    expect(wasmPagesFor(0)).toBe(2 + 32);
    expect(wasmPagesFor(12)).toBe(2 + 32);
    expect(wasmPagesFor(13)).toBe(3 + 32);
    expect(wasmPagesFor(27)).toBe(32769 + 32);
    const { data } = wasmBackend.allocate(14);
    expect(data.byteOffset).toBe(65536);
    expect(data.length).toBe(2 * 2 ** 14);
    expect(data.buffer.byteLength).toBe(65536 + 16 * 2 ** 14 + 2 * 1024 ** 2);
    expect(data.every((x) => x === 0)).toBe(true);
  });

  it('registers wasm64 (the kernels\' 64-bit twin) where 64-bit memories exist; auto takes it only past 27 qubits, up to the runtime\'s limit', () => {
    // Node 20 has them behind --experimental-wasm-memory64 (set by tests/unit/setup), capped at 4 GiB; Chromium at 16 GiB.
    const wide = wasmWideMemory();
    expect(wide).not.toBeNull();
    expect(BACKENDS).toContain('wasm64');
    // Largest n with scratch page + 16·2^n bytes + 2 MiB of tables within the limit.
    const limit = Math.floor(Math.log2((wide!.maxPages * 65536 - 65536 - 2 * 1024 ** 2) / 16));
    expect(wasm64Backend.maxQubits).toBe(limit);
    expect(chooseBackend(27).name).toBe('wasm');
    expect(chooseBackend(28).name).toBe(limit >= 28 ? 'wasm64' : 'ts');
    const { data, kernels, memory } = allocateWasmState(5, { wide: true });
    expect(kernels.name).toBe('wasm64');
    expect(data.byteOffset).toBe(65536);
    expect(data.length).toBe(64);
    // (V8 11.3 does not check a memory's address type on import, so Node cannot tell the two
    // memories apart; Chromium does, and the e2e test checks there that the 32-bit module refuses it.)
    expect(createWasmKernels(memory, { wide: true, slot: 1 }).name).toBe('wasm64');
    expect(() => allocateWasmState(limit + 1, { wide: true })).toThrow(/at most/);
  });

  it('allocates shared wasm memory when asked and refuses a foreign state', () => {
    expect(wasmSupport().sharedMemory).toBe(true);
    const shared = wasmBackend.allocate(4, { shared: true });
    expect(shared.data.buffer).toBeInstanceOf(SharedArrayBuffer);
    const plain = wasmBackend.allocate(4);
    expect(() => plain.kernels.scale(shared.data, 1, 0, 0, 16)).toThrow(/outside their memory/);
  });
});

// The wasm backend runs large ranges as four streams side by side (kernels.wat `streams`); the
// last variant lowers that threshold to 4 items so every case here takes the four-stream path.
const VARIANTS = [
  ...BACKENDS.map((backendName) => ({ backendName, streams: false })),
  ...BACKENDS.filter((name) => name.startsWith('wasm')).map((backendName) => ({ backendName, streams: true })),
];

for (const { backendName, streams } of VARIANTS) {
  describe(`kernels on the ${backendName} backend${streams ? ', every range as four streams' : ''}`, () => {
    let threshold = 0;
    if (streams) {
      beforeAll(() => void (threshold = setWasmStreamMinItems(4)));
      afterAll(() => void setWasmStreamMinItems(threshold));
    }
    const cache = new Map<number, { data: Float64Array; kernels: Kernels }>();
    const exhaustive = (kind: Kind, k: number, maxN = 5) => () => {
      const rng = mulberry32(0x5eed + k + kind.length * 97);
      const failures: string[] = [];
      let cases = 0;
      for (let n = Math.max(1, k); n <= maxN; n++) {
        for (const targets of placements(k, n)) {
          for (const [cmask, cval] of controlPatterns(n, targets)) {
            if (kind === 'swap2' || kind === 'dense2' || kind === 'denseK') if (n - k - popcount(cmask) < 0) continue;
            const message = check(backendName, makeCase(kind, n, targets, cmask, cval, rng), rng, cache);
            cases++;
            if (message && failures.length < 5) failures.push(message);
          }
        }
      }
      expect(failures).toEqual([]);
      expect(cases).toBeGreaterThan(0);
    };

    it('dense1: every target and control placement on 1–5 qubits', exhaustive('dense1', 1));
    it('phase1: every target and control placement on 1–5 qubits', exhaustive('phase1', 1));
    it('x1: every target and control placement on 1–5 qubits', exhaustive('x1', 1));
    it('swap2: every ordered pair and control placement on 2–5 qubits', exhaustive('swap2', 2));
    it('dense2: every ordered pair and control placement on 2–5 qubits', exhaustive('dense2', 2));
    it('diag on 0 qubits (a controlled global phase): every control placement on 1–5 qubits', exhaustive('diag', 0));
    it('diag on 1 qubit: every placement on 1–5 qubits', exhaustive('diag', 1));
    it('diag on 2 qubits: every placement on 2–5 qubits', exhaustive('diag', 2));
    it('diag on 3 qubits: every placement on 3–5 qubits', exhaustive('diag', 3));
    it('phaseProduct on 1–3 qubits: every placement on 1–5 qubits', () => {
      exhaustive('phaseProduct', 1)();
      exhaustive('phaseProduct', 2)();
      exhaustive('phaseProduct', 3)();
    });
    it('denseK on 3 qubits: every placement on 3–5 qubits', exhaustive('denseK', 3));
    it('denseK on 4 and 5 qubits: every placement on 4–5 qubits', () => {
      exhaustive('denseK', 4)();
      exhaustive('denseK', 5)();
    });

    it('random placements on up to 11 qubits (long runs, high qubits, split ranges)', () => {
      const kinds: Kind[] = ['dense1', 'phase1', 'x1', 'swap2', 'dense2', 'diag', 'phaseProduct', 'denseK'];
      fc.assert(
        fc.property(
          fc.constantFrom(...kinds),
          fc.integer({ min: 1, max: 11 }),
          fc.integer({ min: 0, max: 2 ** 31 - 1 }),
          (kind, n, seed) => {
            const rng = mulberry32(seed);
            const k = kind === 'dense1' || kind === 'phase1' || kind === 'x1' ? 1 : kind === 'diag' ? Math.floor(rng() * 4) : kind === 'phaseProduct' ? 1 + Math.floor(rng() * Math.min(n, 6)) : kind === 'denseK' ? 3 : 2;
            fc.pre(n >= k);
            const order = [...Array(n).keys()].sort(() => rng() - 0.5);
            const targets = order.slice(0, k);
            let cmask = 0, cval = 0;
            for (const q of order.slice(k)) {
              if (rng() < 0.25) {
                cmask |= 1 << q;
                if (rng() < 0.5) cval |= 1 << q;
              }
            }
            const message = check(backendName, makeCase(kind, n, targets, cmask, cval, rng), rng, cache);
            expect(message).toBe('');
          },
        ),
        { numRuns: 300, seed: 12345 },
      );
    });

    // The scale pass and the sums choose their streams inside the module: once per backend is enough.
    if (!streams) {
      it('scale: any range, against a naive complex multiply', () => {
        const rng = mulberry32(77);
        for (let n = 0; n <= 9; n++) {
          const { data, kernels } = stateFor(backendName, n, cache);
          for (let rep = 0; rep < 8; rep++) {
            const size = 2 ** n;
            const begin = Math.floor(rng() * (size + 1));
            const end = begin + Math.floor(rng() * (size - begin + 1));
            checkScale(kernels, data, begin, end, rng);
          }
        }
      });

      it('scale: ranges of 2 MiB and more, a multiple of 4 KiB (the wasm pass runs them as four streams)', () => {
        const rng = mulberry32(76);
        const n = 18;
        const { data, kernels } = stateFor(backendName, n, cache);
        for (const [begin, end] of [[0, 2 ** 18], [2 ** 17, 2 ** 18], [768, 768 + 2 ** 17], [256, 2 ** 18 - 512], [5, 5 + 2 ** 17]] as const) {
          checkScale(kernels, data, begin, end, rng);
        }
      });

      it('sumSquares and sumSquaresByBit from 2 MiB on (the wasm sums run them as four streams), against naive sums', () => {
        const rng = mulberry32(75);
        const n = 18;
        const { data, kernels } = stateFor(backendName, n, cache);
        data.set(randomArray(2 * 2 ** n, rng));
        const squares = (i: number) => data[2 * i]! ** 2 + data[2 * i + 1]! ** 2;
        for (const [begin, end] of [[0, 2 ** 18], [2 ** 16, 2 ** 16 + 2 ** 17], [256, 256 + 2 ** 17], [3, 2 ** 18 - 5]] as const) {
          let expected = 0;
          for (let i = begin; i < end; i++) expected += squares(i);
          expect(Math.abs(kernels.sumSquares(data, begin, end) - expected)).toBeLessThanOrEqual(TOL * expected);
        }
        for (const t of [0, 4, 5, 6, 9, 16, 17]) {
          const expected = [0, 0];
          for (let i = 0; i < 2 ** n; i++) expected[(i >> t) & 1]! += squares(i);
          const [w0, w1] = kernels.sumSquaresByBit(data, t);
          expect(Math.abs(w0 - expected[0]!)).toBeLessThanOrEqual(TOL * expected[0]!);
          expect(Math.abs(w1 - expected[1]!)).toBeLessThanOrEqual(TOL * expected[1]!);
        }
      });

      it('sumSquares: any range, against a naive sum', () => {
        const rng = mulberry32(78);
        for (let n = 0; n <= 10; n++) {
          const { data, kernels } = stateFor(backendName, n, cache);
          data.set(randomArray(2 * 2 ** n, rng));
          const size = 2 ** n;
          for (let rep = 0; rep < 12; rep++) {
            const begin = Math.floor(rng() * (size + 1));
            const end = begin + Math.floor(rng() * (size - begin + 1));
            let expected = 0;
            for (let i = 2 * begin; i < 2 * end; i++) expected += data[i]! * data[i]!;
            expect(Math.abs(kernels.sumSquares(data, begin, end) - expected)).toBeLessThanOrEqual(TOL * Math.max(1, expected));
          }
          expect(kernels.sumSquares(data, 3 % (size + 1), 3 % (size + 1))).toBe(0);
        }
      });

      it('sumSquaresByBit: the two halves of the state by one bit, against a naive sum, every bit', () => {
        const rng = mulberry32(79);
        for (let n = 1; n <= 10; n++) {
          const { data, kernels } = stateFor(backendName, n, cache);
          data.set(randomArray(2 * 2 ** n, rng));
          for (let t = 0; t < n; t++) {
            const expected = [0, 0];
            for (let i = 0; i < 2 ** n; i++) expected[(i >> t) & 1]! += data[2 * i]! ** 2 + data[2 * i + 1]! ** 2;
            const [w0, w1] = kernels.sumSquaresByBit(data, t);
            expect(Math.abs(w0 - expected[0]!)).toBeLessThanOrEqual(TOL * Math.max(1, expected[0]!));
            expect(Math.abs(w1 - expected[1]!)).toBeLessThanOrEqual(TOL * Math.max(1, expected[1]!));
          }
        }
      });
    }
  });
}

describe('wasm kernels on shared memory', () => {
  it('compute the same as the non-shared module', () => {
    const rng = mulberry32(99);
    const n = 8;
    const plain = wasmBackend.allocate(n);
    const shared = wasmBackend.allocate(n, { shared: true });
    const initial = randomArray(2 * 2 ** n, rng);
    plain.data.set(initial);
    shared.data.set(initial);
    for (const [kind, targets, cmask, cval] of [
      ['dense1', [0], 0b100, 0], ['dense2', [5, 1], 0b1000, 0b1000], ['diag', [0, 3], 0b10000000, 0b10000000],
      ['phase1', [7], 0, 0], ['x1', [2], 0b1, 0b1], ['swap2', [1, 6], 0, 0],
    ] as Array<[Kind, number[], number, number]>) {
      const kase = makeCase(kind, n, targets, cmask, cval, rng);
      kase.run(plain.kernels, plain.data, 0, kase.work);
      kase.run(shared.kernels, shared.data, 0, kase.work);
      expect(maxAbsDiff(plain.data, shared.data)).toBe(0);
    }
    expect(shared.kernels.sumSquares(shared.data, 0, 2 ** n)).toBe(plain.kernels.sumSquares(plain.data, 0, 2 ** n));
  });
});

describe.each(BACKENDS)('diagonals on 3–10 qubits spread over low and high bits (%s backend)', (backendName) => {
  it('match the reference for random qubit sets, controls and split ranges', () => {
    const rng = mulberry32(4242);
    const cache = new Map<number, { data: Float64Array; kernels: Kernels }>();
    const n = 12;
    const failures: string[] = [];
    for (let trial = 0; trial < 60; trial++) {
      const k = 3 + (trial % 8);
      const order = [...Array(n).keys()].sort(() => rng() - 0.5);
      const targets = order.slice(0, k);
      let cmask = 0, cval = 0;
      for (const q of order.slice(k, k + (trial % 3))) {
        cmask |= 1 << q;
        if (rng() < 0.5) cval |= 1 << q;
      }
      const failure = check(backendName, makeCase('diag', n, targets, cmask, cval, rng), rng, cache);
      if (failure) failures.push(failure);
    }
    expect(failures).toEqual([]);
  });
});

describe.each(BACKENDS)('phase products on up to 23 qubits over every factor table (%s backend)', (backendName) => {
  it('match a per-amplitude product for random qubit sets, controls of both signs and split ranges', () => {
    const rng = mulberry32(5151);
    const n = 23; // bits 0–5 low table, 6–13, 14–21 and 22 the three high tables
    const { data, kernels } = chooseBackend(n, backendName as 'ts' | 'wasm').allocate(n);
    const N = 2 ** n;
    const initial = randomArray(2 * N, rng);
    for (let trial = 0; trial < 6; trial++) {
      const order = [...Array(n).keys()].sort(() => rng() - 0.5);
      const k = 4 + 3 * trial;
      const qubits = Int32Array.from(order.slice(0, k));
      let cmask = 0, cval = 0;
      for (const q of order.slice(k, k + (trial % 3) + 1)) {
        cmask |= 1 << q;
        if (rng() < 0.5) cval |= 1 << q;
      }
      const phases = new Float64Array(2 * k);
      for (let j = 0; j < k; j++) {
        const angle = 2 * Math.PI * rng();
        phases[2 * j] = Math.cos(angle);
        phases[2 * j + 1] = Math.sin(angle);
      }
      // A sparse sample of amplitudes is enough to see every table: 4096 windows of 4.
      data.set(initial);
      const cut1 = Math.floor(rng() * N), cut2 = cut1 + Math.floor(rng() * (N - cut1));
      kernels.phaseProduct(data, qubits, phases, cmask, cval, 0, cut1);
      kernels.phaseProduct(data, qubits, phases, cmask, cval, cut1, cut2);
      kernels.phaseProduct(data, qubits, phases, cmask, cval, cut2, N);
      let worst = 0;
      for (let w = 0; w < 4096; w++) {
        const start = Math.floor(rng() * (N - 4));
        for (let i = start; i < start + 4; i++) {
          let er = initial[2 * i]!, ei = initial[2 * i + 1]!;
          if ((i & cmask) === cval) {
            for (let j = 0; j < k; j++) {
              if (!((i >> qubits[j]!) & 1)) continue;
              const pr = phases[2 * j]!, pi = phases[2 * j + 1]!;
              [er, ei] = [er * pr - ei * pi, er * pi + ei * pr];
            }
          } else {
            expect(Object.is(data[2 * i], er) && Object.is(data[2 * i + 1], ei)).toBe(true);
          }
          worst = Math.max(worst, Math.abs(data[2 * i]! - er), Math.abs(data[2 * i + 1]! - ei));
        }
      }
      expect(worst).toBeLessThanOrEqual(TOL);
    }
  });
});

/** The matrix of dense1Phased on [t, ...qubits]: m on bit 0, then the phase product where bit 0 is `side`. */
function dense1PhasedMatrix(m: Float64Array, phases: Float64Array, side: number): Float64Array {
  const k = phases.length / 2;
  const dim = 2 ** (k + 1);
  const product = phaseProductDiagonal(phases);
  const out = new Float64Array(2 * dim * dim);
  for (let r = 0; r < dim; r++) {
    const rest = r >> 1;
    const [fr, fi] = (r & 1) === side ? [product[2 * rest]!, product[2 * rest + 1]!] : [1, 0];
    for (let bit = 0; bit < 2; bit++) {
      const c = (rest << 1) | bit;
      const er = m[2 * (2 * (r & 1) + bit)]!, ei = m[2 * (2 * (r & 1) + bit) + 1]!;
      out[2 * (r * dim + c)] = er * fr - ei * fi;
      out[2 * (r * dim + c) + 1] = er * fi + ei * fr;
    }
  }
  return out;
}

/** A dense1Phased call on n qubits against its full matrix (see dense1PhasedMatrix). */
function dense1PhasedCase(tag: string, n: number, t: number, qubits: number[], m: Float64Array, phases: Float64Array, side: number): Case {
  const q = Int32Array.from(qubits);
  return {
    label: `dense1Phased ${tag} t=${t} qubits=[${qubits}] side=${side}`, n, targets: [t, ...qubits], cmask: 0, cval: 0,
    work: 2 ** (n - 1), matrix: dense1PhasedMatrix(m, phases, side),
    run: (K, s, b, e) => K.dense1Phased(s, t, m, q, phases, side, b, e),
  };
}

describe.each(BACKENDS)('dense1Phased: a one-qubit gate and a phase product on one side (%s backend)', (backendName) => {
  it('matches the reference for every side, real and complex matrices, low and high t, split ranges', () => {
    const rng = mulberry32(6161);
    const cache = new Map<number, { data: Float64Array; kernels: Kernels }>();
    const failures: string[] = [];
    for (let trial = 0; trial < 240; trial++) {
      const n = 1 + (trial % 11);
      const order = [...Array(n).keys()].sort(() => rng() - 0.5);
      // Half the trials put t at 6 or above (the wasm loop), the others anywhere (the fallback).
      if (n > 6 && trial % 2 === 0) order.sort((a, b) => (a >= 6 ? 0 : 1) - (b >= 6 ? 0 : 1));
      const t = order[0]!;
      const qubits = order.slice(1, 1 + Math.min(n - 1, Math.floor(rng() * 6)));
      const m = randomMatrix(8, rng);
      if (trial % 3 === 0) for (let i = 1; i < 8; i += 2) m[i] = 0; // real: the wasm loops
      const phases = randomArray(2 * qubits.length, rng);
      const side = trial % 4 < 2 ? 1 : 0;
      const failure = check(backendName, dense1PhasedCase(`n=${n}`, n, t, qubits, m, phases, side), rng, cache);
      if (failure) failures.push(failure);
    }
    expect(failures).toEqual([]);
  });

  it('matches the reference for H and real matrices with every phase qubit above t (a relabelled QFT layer), split ranges', () => {
    const rng = mulberry32(7272);
    const cache = new Map<number, { data: Float64Array; kernels: Kernels }>();
    const failures: string[] = [];
    const s = Math.SQRT1_2;
    const hadamard = Float64Array.of(s, 0, s, 0, s, 0, -s, 0);
    const n = 11;
    for (const t of [0, 2, 3, 4, 5, 6, 8]) {
      for (const qubits of [[t + 1, t + 2], [t + 1, 9, 10], [9, 10]].filter((qs) => qs.every((q) => q < n))) {
        for (const matrix of ['h', 'real'] as const) {
          for (const side of [1, 0]) {
            const m = matrix === 'h' ? hadamard : randomMatrix(8, rng).map((v, i) => (i % 2 ? 0 : v));
            const phases = randomArray(2 * qubits.length, rng);
            const failure = check(backendName, dense1PhasedCase(matrix, n, t, qubits, m, phases, side), rng, cache);
            if (failure) failures.push(failure);
          }
        }
      }
    }
    expect(failures).toEqual([]);
  });
});

describe('wasm kernels at 27 qubits (byte addresses above 2^31)', () => {
  // wasm64 too: the twin's i64 arithmetic over the same addresses (Node holds 64-bit memories only to 4 GiB).
  it.each(BACKENDS.filter((name) => name.startsWith('wasm')))('%s matches the TypeScript kernels at the start, middle and end of a 2 GiB state', (backendName) => {
    const n = 27;
    const N = 2 ** n;
    const wasm = chooseBackend(n, backendName as 'wasm' | 'wasm64').allocate(n);
    expect(wasm.kernels.name).toBe(backendName);
    const ts = chooseBackend(n, 'ts').allocate(n);
    const rng = mulberry32(2027);
    // Only these windows (amplitude ranges) are filled and compared: the rest stays zero.
    const windows: Array<[number, number]> = [[0, 4096], [N / 2 - 4096, N / 2 + 4096], [N - 4096, N]];
    for (const [a, b] of windows) {
      const chunk = randomArray(2 * (b - a), rng);
      wasm.data.set(chunk, 2 * a);
      ts.data.set(chunk, 2 * a);
    }
    const m1 = randomMatrix(8, rng), m2 = randomMatrix(32, rng), d = randomArray(8, rng);
    const top = n - 1;
    const tail = (work: number): [number, number] => [work - 1000, work];
    const calls: Array<(K: Kernels, s: Amplitudes) => void> = [
      (K, s) => K.x1(s, top, 0, 0, ...tail(N / 2)),
      (K, s) => K.dense1(s, 0, m1, 0, 0, ...tail(N / 2)),
      (K, s) => K.dense1(s, top, m1, 1 << 3, 1 << 3, ...tail(N / 4)),
      (K, s) => K.phase1(s, top, 0.3, -0.7, 0, 0, ...tail(N / 2)),
      (K, s) => K.swap2(s, 0, top, 0, 0, ...tail(N / 4)),
      (K, s) => K.dense2(s, 1, top, m2, 0, 0, ...tail(N / 4)),
      (K, s) => K.diag(s, Int32Array.of(0, top), d, 0, 0, ...tail(N)),
      (K, s) => K.diag(s, Int32Array.of(top), d, 1 << 2, 0, N - 3001, N - 7),
      (K, s) => K.scale(s, 0.6, 0.8, ...tail(N)),
    ];
    for (const call of calls) {
      call(wasm.kernels, wasm.data);
      call(ts.kernels, ts.data);
    }
    for (const [a, b] of windows) {
      expect(maxAbsDiff(wasm.data.subarray(2 * a, 2 * b), ts.data.subarray(2 * a, 2 * b))).toBeLessThanOrEqual(TOL);
    }
    const sw = wasm.kernels.sumSquares(wasm.data, N - 4096, N), st = ts.kernels.sumSquares(ts.data, N - 4096, N);
    expect(Math.abs(sw - st)).toBeLessThanOrEqual(TOL * st);
  });
});

describe('dense2Shape: which 4×4 matrices run as two 2×2 gates', () => {
  const matrixOf = (name: string, params: number[] = []) => fullMatrix(gateDefinition(name)!, params);
  it('parity blocks for RZZ·RXX and RZZ times the XY mixer; RX-like ones for RXX, RYY, iSWAP and the XY mixer', () => {
    for (const m of [multiply(matrixOf('rzz', [0.9]), matrixOf('rxx', [0.4])), multiply(matrixOf('rzz', [0.9]), multiply(matrixOf('rxx', [0.4]), matrixOf('ryy', [0.4])))]) {
      expect(dense2Shape(m)).toBe('parity');
    }
    for (const m of [matrixOf('rxx', [0.7]), matrixOf('ryy', [0.3]), matrixOf('iswap'), multiply(matrixOf('rxx', [0.4]), matrixOf('ryy', [0.4]))]) {
      expect(dense2Shape(m)).toBe('parityRx');
    }
  });
  it('general for CX·RZZ, RZX, ECR, or a parity block with one stray entry between the blocks; real for a real matrix', () => {
    const stray = multiply(matrixOf('cz'), matrixOf('rxx', [0.2])).map((x, i) => (i === 2 ? x + 1e-9 : x));
    for (const m of [multiply(matrixOf('cx'), matrixOf('rzz', [0.3])), matrixOf('rzx', [0.5]), matrixOf('ecr'), stray]) {
      expect(dense2Shape(m)).toBe('general');
    }
    expect(dense2Shape(matrixOf('cx'))).toBe('real');
    expect(dense2Shape(matrixOf('rzz', [0.3]))).toBe('parity'); // diagonal: parity blocks whose partners are zero, complex diagonal
  });
});
