/**
 * Kernel micro-benchmark against the memory floor.
 *
 *   npx tsx bench/kernels-floor.ts [sizes, default 20,22,24] [--runs 5] [--backend ts|wasm] [--filter text]
 *
 * For each n, every case is warmed up (three calls), then runs back to back (2 untimed + `runs`
 * timed calls, as consecutive gates on one state would), each time right after a fresh
 * measurement of the floor — the WebAssembly SIMD in-place scale, one read-modify-write pass —
 * so drift on a shared machine and the cache state left by the previous case hit both alike.
 * Prints the median ns per amplitude of the whole 2^n state and its ratio to that floor; also
 * memcpy (Float64Array.set into a second buffer) for reference.
 *
 * Targets (issue): full-state WebAssembly kernels ≤ 1.25× the floor and TypeScript kernels
 * ≤ 2.5× at n ≥ 20; a controlled or diagonal kernel touching a fraction f of the state should
 * cost about f × floor ("fraction" column; "vs fraction" = ratio ÷ f).
 */
import { chooseBackend, type Amplitudes, type Kernels } from '../src/core/index.ts';

const args = process.argv.slice(2);
const runsAt = args.indexOf('--runs');
const RUNS = runsAt >= 0 ? Number(args[runsAt + 1]) : 5;
const optionValue = (name: string): string | undefined => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};
/** Only this backend's kernels (the floor and memcpy are always measured). */
const ONLY_BACKEND = optionValue('--backend');
/** Only kernels whose name contains this text (plus the TypeScript scale, the ×ts-scale reference). */
const FILTER = optionValue('--filter');
const sizeArg = args.find((a, i) => /^\d+(,\d+)*$/.test(a) && args[i - 1] !== '--runs');
const SIZES = sizeArg ? sizeArg.split(',').map(Number) : [20, 22, 24];

interface BenchCase {
  name: string;
  backend: 'wasm' | 'ts' | '-';
  /** Fraction of the amplitudes the kernel touches. */
  fraction: number;
  /** Whether the ≤ target applies (full-state kernels only). */
  targeted: boolean;
  fn: () => void;
  times: number[];
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

// Unitary parameters so repeated passes keep the state bounded (no overflow or subnormals).
/** U3(θ, φ, λ): a general complex 2×2 unitary. */
function u3(theta: number, phi: number, lambda: number): Float64Array {
  const c = Math.cos(theta / 2), s = Math.sin(theta / 2);
  return Float64Array.of(
    c, 0, -s * Math.cos(lambda), -s * Math.sin(lambda),
    s * Math.cos(phi), s * Math.sin(phi), c * Math.cos(phi + lambda), c * Math.sin(phi + lambda),
  );
}

/** a ⊗ b as a 4×4 (bit 0 of the index = b's qubit). */
function kron(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(32);
  for (let r = 0; r < 4; r++) {
    for (let col = 0; col < 4; col++) {
      const ia = 2 * ((r >> 1) * 2 + (col >> 1)), ib = 2 * ((r & 1) * 2 + (col & 1));
      out[2 * (4 * r + col)] = a[ia]! * b[ib]! - a[ia + 1]! * b[ib + 1]!;
      out[2 * (4 * r + col) + 1] = a[ia]! * b[ib + 1]! + a[ia + 1]! * b[ib]!;
    }
  }
  return out;
}

const U1 = u3(0.6, 0.3, -0.2); // complex: the general path (fused single-qubit blocks)
const H = Float64Array.of(Math.SQRT1_2, 0, Math.SQRT1_2, 0, Math.SQRT1_2, 0, -Math.SQRT1_2, 0); // real
const U2 = kron(u3(0.4, 0.1, 0.7), U1);
const H2 = kron(H, H);
const phase = (t: number) => [Math.cos(t), Math.sin(t)] as const;
const D1 = Float64Array.of(...phase(-0.35), ...phase(0.35)); // RZ(0.7)
const D2 = Float64Array.of(...phase(-0.2), ...phase(0.2), ...phase(0.2), ...phase(-0.2)); // RZZ(0.4)
const D0 = Float64Array.of(...phase(0.1));
const [PR, PI] = phase(0.9);

function kernelCases(label: 'wasm' | 'ts', n: number, K: Kernels, st: Amplitudes): BenchCase[] {
  const N = 2 ** n;
  const hi = n - 1;
  const half = N / 2, quarter = N / 4;
  const q = (name: string, fraction: number, fn: () => void, targeted = fraction === 1): BenchCase => ({ name, backend: label, fraction, targeted, fn, times: [] });
  const i32 = (...q: number[]) => Int32Array.from(q);
  return [
    q('scale', 1, () => K.scale(st, PR, PI, 0, N)),
    q('sumSquares', 1, () => void K.sumSquares(st, 0, N)),
    q('dense1 t=0 (complex U3)', 1, () => K.dense1(st, 0, U1, 0, 0, 0, half)),
    q(`dense1 t=${hi} (complex U3)`, 1, () => K.dense1(st, hi, U1, 0, 0, 0, half)),
    // Qubits 1 and 2: work items in runs of 2 and 4 (the kernels' short-run path).
    q('dense1 t=1 (complex U3)', 1, () => K.dense1(st, 1, U1, 0, 0, 0, half)),
    q('dense1 t=2 (complex U3)', 1, () => K.dense1(st, 2, U1, 0, 0, 0, half)),
    q('dense1 t=1 (real H)', 1, () => K.dense1(st, 1, H, 0, 0, 0, half)),
    q('x1 t=1', 1, () => K.x1(st, 1, 0, 0, 0, half)),
    q('phase1 t=1 (touches ½)', 0.5, () => K.phase1(st, 1, PR, PI, 0, 0, 0, half)),
    q('swap2 (1,2) (touches ½)', 0.5, () => K.swap2(st, 1, 2, 0, 0, 0, quarter)),
    q('dense1 t=0 (real H)', 1, () => K.dense1(st, 0, H, 0, 0, 0, half)),
    q(`dense1 t=${hi} (real H)`, 1, () => K.dense1(st, hi, H, 0, 0, 0, half)),
    q('phase1 t=0 (touches ½)', 0.5, () => K.phase1(st, 0, PR, PI, 0, 0, 0, half)),
    q(`phase1 t=${hi} (touches ½)`, 0.5, () => K.phase1(st, hi, PR, PI, 0, 0, 0, half)),
    q('x1 t=0', 1, () => K.x1(st, 0, 0, 0, 0, half)),
    q(`x1 t=${hi}`, 1, () => K.x1(st, hi, 0, 0, 0, half)),
    q('swap2 (0,1) (touches ½)', 0.5, () => K.swap2(st, 0, 1, 0, 0, 0, quarter)),
    q(`swap2 (${hi - 1},${hi}) (touches ½)`, 0.5, () => K.swap2(st, hi - 1, hi, 0, 0, 0, quarter)),
    q('dense2 (0,1) (complex)', 1, () => K.dense2(st, 0, 1, U2, 0, 0, 0, quarter)),
    q(`dense2 (${hi - 1},${hi}) (complex)`, 1, () => K.dense2(st, hi - 1, hi, U2, 0, 0, 0, quarter)),
    q('dense2 (0,1) (real H⊗H)', 1, () => K.dense2(st, 0, 1, H2, 0, 0, 0, quarter)),
    q(`dense2 (${hi - 1},${hi}) (real H⊗H)`, 1, () => K.dense2(st, hi - 1, hi, H2, 0, 0, 0, quarter)),
    q('diag1 t=0 (RZ)', 1, () => K.diag(st, i32(0), D1, 0, 0, 0, N)),
    q(`diag1 t=${hi} (RZ)`, 1, () => K.diag(st, i32(hi), D1, 0, 0, 0, N)),
    q('diag2 (0,1) (RZZ)', 1, () => K.diag(st, i32(0, 1), D2, 0, 0, 0, N)),
    q(`diag2 (${hi - 1},${hi}) (RZZ)`, 1, () => K.diag(st, i32(hi - 1, hi), D2, 0, 0, 0, N)),
    q(`dense1 t=0 ctrl ${hi} (½)`, 0.5, () => K.dense1(st, 0, U1, 1 << hi, 1 << hi, 0, half / 2)),
    q(`dense1 t=${hi} ctrl 0 (½)`, 0.5, () => K.dense1(st, hi, U1, 1, 1, 0, half / 2)),
    q(`dense1 t=0 ctrl ${hi},${hi - 1} (¼)`, 0.25, () => K.dense1(st, 0, U1, 3 << (hi - 1), 1 << hi, 0, half / 4)),
    q(`diag1 t=0 ctrl ${hi} (½)`, 0.5, () => K.diag(st, i32(0), D1, 1 << hi, 1 << hi, 0, N)),
    q(`diag0 ctrl ${hi},${hi - 1} (¼)`, 0.25, () => K.diag(st, i32(), D0, 3 << (hi - 1), 3 << (hi - 1), 0, N)),
  ];
}

function fillRandom(a: Amplitudes): void {
  let x = 0x9e3779b9;
  for (let i = 0; i < a.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    a[i] = ((x >>> 0) / 4294967296 - 0.5) * 1e-3;
  }
}

const fmt = (x: number, d = 2) => x.toFixed(d);

console.log(`kernels vs the floor: median of ${RUNS} runs, ns per amplitude of the 2^n state; ×floor = against the floor measured right before (node ${process.versions.node})`);
for (const n of SIZES) {
  const N = 2 ** n;
  const wasm = chooseBackend(n, 'wasm').allocate(n);
  const ts = chooseBackend(n, 'ts').allocate(n);
  fillRandom(wasm.data);
  ts.data.set(wasm.data);
  const copy = new Float64Array(2 * N);
  const floorFn = () => wasm.kernels.scale(wasm.data, PR, PI, 0, N);
  const reference: BenchCase[] = [
    { name: 'scale (the floor)', backend: 'wasm', fraction: 1, targeted: false, fn: floorFn, times: [] },
    { name: 'memcpy (Float64Array.set)', backend: '-', fraction: 1, targeted: false, fn: () => copy.set(ts.data), times: [] },
  ];
  const cases: BenchCase[] = [
    ...reference,
    ...kernelCases('wasm', n, wasm.kernels, wasm.data).filter((c) => c.name !== 'scale'),
    ...kernelCases('ts', n, ts.kernels, ts.data),
  ].filter((c) => reference.includes(c) || c.name === 'scale' || ((!ONLY_BACKEND || c.backend === ONLY_BACKEND) && (!FILTER || c.name.includes(FILTER))));
  // Warm-up: page faults, the JavaScript JIT, and WebAssembly tier-up (V8 runs a function in its
  // baseline compiler until it has been called a few times; there is no on-stack replacement).
  for (let w = 0; w < 3; w++) for (const c of cases) c.fn();
  // Settle: fresh memory on this VM runs slower for a while; pass over the buffers for ≥ 1 s.
  for (const t0 = performance.now(); performance.now() - t0 < 1000; ) {
    floorFn();
    ts.kernels.scale(ts.data, PR, PI, 0, N);
    copy.set(ts.data);
  }

  // Each case runs back to back (2 untimed + RUNS timed calls), as consecutive gates on one state
  // would; right before it, the floor is measured again (2 untimed + 3 timed), so drift on a
  // shared machine and the cache state left by the previous case affect both alike.
  const floors: number[] = [];
  const rows: Array<{ c: BenchCase; ns: number; floor: number }> = [];
  const time = (fn: () => void, untimed: number, timed: number): number => {
    for (let i = 0; i < untimed; i++) fn();
    const ts: number[] = [];
    for (let i = 0; i < timed; i++) {
      const t0 = performance.now();
      fn();
      ts.push(performance.now() - t0);
    }
    return (median(ts) * 1e6) / N;
  };
  for (const c of cases) {
    const localFloor = time(floorFn, 2, 3);
    floors.push(localFloor);
    rows.push({ c, ns: time(c.fn, 2, RUNS), floor: localFloor });
  }
  const floor = median(floors);
  console.log(`\nn = ${n} (${N} amplitudes, ${(16 * N / 2 ** 20).toFixed(0)} MiB): floor = ${fmt(floor)} ns/amp (median of ${floors.length} floor measurements, ${fmt(Math.min(...floors))}–${fmt(Math.max(...floors))})`);
  // For TypeScript rows, also the ratio to the TypeScript scale of this run: the scalar floor,
  // which separates the kernel's own overhead from the cost of scalar JavaScript.
  const tsScale = rows.find((r) => r.c.backend === 'ts' && r.c.name === 'scale')!.ns;
  console.log(`${'kernel'.padEnd(34)} ${'backend'.padEnd(7)} ${'ns/amp'.padStart(7)} ${'×floor'.padStart(7)} ${'fraction'.padStart(8)} ${'vs frac'.padStart(8)} ${'×ts-scale'.padStart(9)}  target`);
  const misses: string[] = [];
  for (const { c, ns, floor: local } of rows) {
    const ratio = ns / local;
    let verdict = '';
    if (c.targeted) {
      const limit = c.backend === 'wasm' ? 1.25 : 2.5;
      verdict = ratio <= limit ? `ok (≤ ${limit})` : `MISS (> ${limit})`;
      if (ratio > limit) misses.push(`${c.backend} ${c.name} ${fmt(ratio)}×`);
    }
    console.log(
      `${c.name.padEnd(34)} ${c.backend.padEnd(7)} ${fmt(ns).padStart(7)} ${fmt(ratio).padStart(7)} ${fmt(c.fraction).padStart(8)} ${fmt(ratio / c.fraction).padStart(8)} ${(c.backend === 'ts' ? fmt(ns / tsScale) : '').padStart(9)}  ${verdict}`,
    );
  }
  console.log(misses.length ? `n = ${n}: ${misses.length} over target: ${misses.join('; ')}` : `n = ${n}: every full-state kernel within target`);
}
