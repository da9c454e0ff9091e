/**
 * Superpose benchmarks: `npm run bench [-- flags]`.
 *
 *   --quick             smaller sizes, fewer repeats, 5 s peer timeout (under 2 minutes)
 *   --only <groups>     comma-separated subset of: floor, kernels, circuits, memory, optimise-classical, qaoa, threads, interop
 *   --repeats N         timed repeats for fast cases (default 7, at least 5; slow cases get fewer)
 *   --peer-timeout S    per-peer, per-case timeout in seconds (default 60, quick 5)
 *   --peers <names>     comma-separated subset of: quantum-circuit, jsqubits, qsharp-lang ('none' for none)
 *   --scale             on demand, never by default: 28–30 qubits in Node and Chromium (bench/scale.ts); alone it runs only that
 *
 * Every number is a median measured in this run; ratios compare numbers from the same run.
 * Prints Markdown tables and writes bench/results/latest.json and latest.md (gitignored).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  applyInstruction,
  availableBackends,
  chooseBackend,
  compileProgram,
  Circuit,
  expectationDiagonal,
  fullMatrix,
  gateDefinition,
  multiply,
  programSegments,
  simulate,
  StateVector,
  type Instruction,
  type Program,
} from '../src/core/index.ts';
import { BENCH_DIR, runChild } from './lib/child.ts';
import { answerFromAmplitudes, buildCase, compareAnswers, cutDiagonal, type Answer, type CaseSpec, type Family } from './lib/circuits.ts';
import { currentLoad, machineInfo } from './lib/system.ts';
import { benchOptimiseClassical } from './optimise-classical.ts';
import { benchQaoa } from './qaoa.ts';
import { benchThreads } from './threads.ts';
import { benchInterop } from './interop.ts';
import { benchMeasure } from './measure.ts';
import { benchScale } from './scale.ts';
import { fmt, renderTable, type Cell, type Table } from './lib/table.ts';
import { collectGarbage, time, type Timing } from './lib/timing.ts';
import type { PeerRun } from './peers/types.ts';

type Group = 'floor' | 'kernels' | 'circuits' | 'memory' | 'optimise-classical' | 'qaoa' | 'threads' | 'interop' | 'measure';
const GROUPS: readonly Group[] = ['floor', 'kernels', 'circuits', 'memory', 'optimise-classical', 'qaoa', 'threads', 'interop', 'measure'];
const ALL_PEERS = ['quantum-circuit', 'jsqubits', 'qsharp-lang'] as const;
type BackendName = 'ts' | 'wasm';

// ---------------------------------------------------------------- arguments

function parseArgs(argv: readonly string[]) {
  let quick = false;
  let scale = false;
  let onlyGiven = false;
  let only: Set<Group> = new Set(GROUPS);
  let repeats = 7;
  let peerTimeoutS: number | undefined;
  let peers: string[] = [...ALL_PEERS];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--quick') quick = true;
    else if (a === '--scale') scale = true;
    else if (a === '--only') {
      const list = value().split(',').map((s) => s.trim()) as Group[];
      for (const g of list) if (!GROUPS.includes(g)) throw new Error(`unknown group "${g}" (groups: ${GROUPS.join(', ')})`);
      only = new Set(list);
      onlyGiven = true;
    } else if (a === '--repeats') repeats = Math.max(5, Number(value()));
    else if (a === '--peer-timeout') peerTimeoutS = Number(value());
    else if (a === '--peers') {
      const v = value();
      peers = v === 'none' ? [] : v.split(',').map((s) => s.trim());
      for (const p of peers) if (!(ALL_PEERS as readonly string[]).includes(p)) throw new Error(`unknown peer "${p}"`);
    } else if (a === '--help' || a === '-h') {
      console.log('usage: npm run bench -- [--quick] [--only floor,kernels,circuits,memory,optimise-classical,qaoa,threads,interop,measure] [--repeats N] [--peer-timeout S] [--peers quantum-circuit,jsqubits,qsharp-lang|none] [--scale]');
      process.exit(0);
    } else throw new Error(`unknown option ${a} (try --help)`);
  }
  if (!Number.isFinite(repeats)) throw new Error('--repeats needs a number');
  if (scale && !onlyGiven) only = new Set();
  return { quick, scale, only, repeats, peerTimeoutS: peerTimeoutS ?? (quick ? 5 : 60), peers };
}

let args: ReturnType<typeof parseArgs>;
try {
  args = parseArgs(process.argv.slice(2));
} catch (error) {
  console.error(`bench: ${(error as Error).message}`);
  process.exit(2);
}

const SIZES = args.quick
  ? { floor: [20, 22], kernels: [20, 22], memory: [24], circuits: { qft: [16, 20], 'qft-dense': [16], random: [16, 20], qaoa: [16] } }
  : { floor: [20, 22, 24, 26], kernels: [20, 22, 24], memory: [24, 26], circuits: { qft: [16, 20, 24], 'qft-dense': [16, 20, 24], random: [16, 20, 22], qaoa: [16, 20] } };

const backends = availableBackends() as BackendName[];
const floorBackend: BackendName = backends.includes('wasm') ? 'wasm' : 'ts';
const started = performance.now();
const log = (msg: string) => process.stderr.write(`[bench ${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${msg}\n`);

// ---------------------------------------------------------------- helpers

/** Fills a state with a dense, normalised, deterministic pseudo-random vector (no zeros, no denormals). */
function fillDense(data: ArrayLike<number> & { [i: number]: number }): void {
  let x = 0x2545f491;
  const s = 1 / Math.sqrt(data.length / 2);
  for (let i = 0; i < data.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    data[i] = (((x >>> 0) / 4294967296) * 1.2 - 0.6) * s;
  }
}

const nsPerAmp = (ms: number, n: number) => (ms * 1e6) / 2 ** n;

function bigState(n: number, backend: BackendName): StateVector {
  return StateVector.zero(n, { backend, maxBytes: 2 ** 40 });
}

function ourAnswer(state: StateVector, edges?: readonly [number, number][]): Answer {
  const d = state.data;
  return answerFromAmplitudes(state.numQubits, (visit) => {
    for (let i = 0; i < state.length; i++) visit(i, d[2 * i]!, d[2 * i + 1]!);
  }, edges);
}

// ---------------------------------------------------------------- results

interface FloorRow { n: number; kind: string; timing: Timing; nsPerAmp: number }
interface KernelRow {
  n: number; backend: string; kernel: string; gate: string; position: string; instr: string; timing: Timing; nsPerAmp: number; floorNs: number; ratio: number;
  /** Fractions of the amplitudes and of the cache lines the kernel touches. */
  fraction: number; lines: number;
  target: number; met: boolean;
  /** The target is below the fraction of cache lines touched: no pass can meet it. */
  belowBound: boolean;
}
interface OursRow { variant: string; backend: string; fuse: boolean; tiled: boolean; reused?: boolean; timing: Timing }
interface PeerRow { peer: string; status: 'ok' | 'timeout' | 'error' | 'skipped'; runMs?: number; runs?: number; readMs?: number; verified?: boolean; detail: string }
interface CircuitRow { family: Family; n: number; ops: number; passesFused: number; passesUnfused: number; passesGreedy: number; memoryPassesFused: number; memoryPassesUnfused: number; ours: OursRow[]; defaultVariant: string; oursAgree: boolean; expectation?: number; peers: PeerRow[] }
interface MemoryRow { n: number; backend: string; status: string; extra?: number; stateBytes: number; ratio?: number; met?: boolean; detail: string }
interface TargetRow { target: string; value: string; met: boolean | undefined }

const results = {
  machine: machineInfo(),
  args: { ...args, only: [...args.only] },
  backends,
  floorBackend,
  floor: [] as FloorRow[],
  kernels: [] as KernelRow[],
  circuits: [] as CircuitRow[],
  memory: [] as MemoryRow[],
  targets: [] as TargetRow[],
  /** Groups with their own file (bench/<group>.ts): their tables and data. */
  groups: {} as Record<string, { tables: Table[]; data: Record<string, unknown> }>,
  loadAvgEnd: [] as number[],
  totalSeconds: 0,
};

// ---------------------------------------------------------------- a. floor

function measureFloor(n: number): void {
  const len = 2 ** n;
  const c = Math.cos(1e-3), s = Math.sin(1e-3);
  for (const backend of backends) {
    const state = bigState(n, backend);
    fillDense(state.data);
    const timing = time(() => state.kernels.scale(state.data, c, s, 0, len), { repeats: args.repeats });
    const row = { n, kind: `scale (${backend})`, timing, nsPerAmp: nsPerAmp(timing.median, n) };
    results.floor.push(row);
    log(`floor n=${n} ${row.kind}: ${row.nsPerAmp.toFixed(3)} ns/amp`);
  }
  collectGarbage();
  const a = new Float64Array(2 * len);
  fillDense(a);
  const b = new Float64Array(2 * len);
  const timing = time(() => b.set(a), { repeats: args.repeats });
  results.floor.push({ n, kind: 'memcpy (Float64Array.set)', timing, nsPerAmp: nsPerAmp(timing.median, n) });
  log(`floor n=${n} memcpy: ${nsPerAmp(timing.median, n).toFixed(3)} ns/amp`);
  collectGarbage();
}


// ---------------------------------------------------------------- b. kernels

/**
 * `touched(v)`: whether the kernel reads and writes the amplitudes whose gate qubits (in the order
 * listed) hold the values v; the fraction of amplitudes and of 64-byte cache lines it touches
 * follow from it (`touchedFractions`).
 */
interface KernelCase { kernel: string; gate: string; params?: number[]; matrix?: [number, number][][]; low: (n: number) => number[]; high: (n: number) => number[]; touched: (v: number[]) => boolean }
const one = { low: () => [0], high: (n: number) => [n - 1] };
const pair = { low: () => [0, 1], high: (n: number) => [n - 2, n - 1] };
const ctl = { low: () => [1, 0], high: (n: number) => [n - 2, n - 1] }; // [control, target]
const all = () => true;

/** A fixed 4×4 unitary with no zero entry (ECR·CH·RXX(0.3)·CY, checked): the general complex 2-qubit kernel. */
function denseTwoQubitUnitary(): [number, number][][] {
  const m = (name: string, params: number[] = []) => fullMatrix(gateDefinition(name)!, params);
  const u = multiply(multiply(m('ecr'), m('ch')), multiply(m('rxx', [0.3]), m('cy')));
  const rows = [0, 1, 2, 3].map((r) => [0, 1, 2, 3].map((c): [number, number] => [u[2 * (4 * r + c)]!, u[2 * (4 * r + c) + 1]!]));
  if (rows.flat().some(([re, im]) => Math.hypot(re, im) < 1e-6)) throw new Error('denseTwoQubitUnitary: an entry is zero');
  return rows;
}
const KERNEL_CASES: KernelCase[] = [
  { kernel: 'dense 1-qubit', gate: 'u3', params: [0.3, 0.2, 0.1], ...one, touched: all },
  { kernel: 'diagonal', gate: 'rz', params: [0.3], ...one, touched: all },
  { kernel: 'phase', gate: 'p', params: [0.3], ...one, touched: ([t]) => t === 1 },
  { kernel: 'phase, controlled', gate: 'cz', ...ctl, touched: ([c, t]) => c === 1 && t === 1 },
  { kernel: 'CNOT (x1 + control)', gate: 'cx', ...ctl, touched: ([c]) => c === 1 },
  { kernel: 'controlled dense', gate: 'crx', params: [0.3], ...ctl, touched: ([c]) => c === 1 },
  { kernel: 'dense 2-qubit', gate: 'unitary', matrix: denseTwoQubitUnitary(), ...pair, touched: all },
  { kernel: '2-qubit parity blocks', gate: 'rxx', params: [0.3], ...pair, touched: all },
  { kernel: 'swap', gate: 'swap', ...pair, touched: ([a, b]) => a !== b },
];

/** 1, 1/2, 1/4, … as text ("all" for 1). */
function fractionText(f: number): string {
  return f === 1 ? 'all' : `1/${Math.round(1 / f)}`;
}

/** Amplitudes per 64-byte cache line (16 bytes each): qubits 0 and 1 vary within a line. */
const LINE_QUBITS = 2;

/**
 * The fraction of amplitudes a kernel touches, and the fraction of cache lines holding at least
 * one of them: a pass must read and write every such line, so it cannot cost less than that
 * fraction of the floor pass (which reads and writes every line).
 */
function touchedFractions(kc: KernelCase, qubits: number[]): { amplitudes: number; lines: number } {
  const k = qubits.length;
  let amplitudes = 0;
  const lines = new Set<number>();
  for (let combo = 0; combo < 1 << k; combo++) {
    const v = qubits.map((_, j) => (combo >> j) & 1);
    if (!kc.touched(v)) continue;
    amplitudes++;
    let line = 0; // the values of the gate qubits at or above LINE_QUBITS pick the line
    qubits.forEach((q, j) => { if (q >= LINE_QUBITS) line |= v[j]! << j; });
    lines.add(line);
  }
  const above = qubits.filter((q) => q >= LINE_QUBITS).length;
  return { amplitudes: amplitudes / 2 ** k, lines: lines.size / 2 ** above };
}
const CAP: Record<BackendName, number> = { wasm: 1.25, ts: 2.5 };

function instructionOf(n: number, gate: string, qubits: number[], params?: number[], matrix?: [number, number][][]): Instruction {
  const program = compileProgram(Circuit.create(n).append(gate, qubits, { ...(params ? { params } : {}), ...(matrix ? { matrix } : {}) }), { fuse: false });
  const step = program.steps[0]!;
  if (step.kind !== 'unitary') throw new Error('expected a unitary step');
  return step.instr;
}

/**
 * Runs every kernel case many times on an 18-qubit state (large enough for the wasm kernels'
 * four-stream path) before anything is timed. V8 runs a wasm function first as baseline (Liftoff)
 * code and swaps in optimised code only on a later call once a background compile has finished; on
 * this loaded 2-core machine the one warm-up call of `time` was not always enough, and the first
 * wasm row (u3 on qubit 0 at n = 20) came out at 2.1 ns per amplitude against 0.9–1.0 when warm.
 */
const warmedUp = new Set<BackendName>();
function warmUpKernels(backend: BackendName): void {
  if (warmedUp.has(backend)) return;
  warmedUp.add(backend);
  const n = 18;
  const state = bigState(n, backend);
  fillDense(state.data);
  for (let round = 0; round < 20; round++) {
    for (const kc of KERNEL_CASES) for (const qubits of [kc.low(n), kc.high(n)]) applyInstruction(state.kernels, state.data, n, instructionOf(n, kc.gate, qubits, kc.params, kc.matrix));
    state.kernels.scale(state.data, 1, 0, 0, state.length);
  }
}

function measureKernels(n: number): void {
  // The floor is re-measured right before every kernel (a block of runs on a state of its own, as
  // the kernel's block runs on its state), so a change of load on the shared machine moves both
  // numbers of a ratio alike. (Alternating single runs would let a slow kernel's runs evict the
  // floor's state from the cache and flatter the ratio.)
  const floorState = bigState(n, floorBackend);
  fillDense(floorState.data);
  const c = Math.cos(1e-3), s = Math.sin(1e-3);
  const floorPass = () => floorState.kernels.scale(floorState.data, c, s, 0, floorState.length);
  for (const backend of backends) {
    warmUpKernels(backend);
    const state = bigState(n, backend);
    fillDense(state.data);
    for (const kc of KERNEL_CASES) {
      for (const position of ['lowest', 'highest'] as const) {
        const qubits = position === 'lowest' ? kc.low(n) : kc.high(n);
        const instr = instructionOf(n, kc.gate, qubits, kc.params, kc.matrix);
        const floorTiming = time(floorPass, { repeats: args.repeats });
        const timing = time(() => applyInstruction(state.kernels, state.data, n, instr), { repeats: args.repeats });
        const ns = nsPerAmp(timing.median, n);
        const floor = nsPerAmp(floorTiming.median, n);
        const ratio = ns / floor;
        const { amplitudes: fraction, lines } = touchedFractions(kc, qubits);
        const target = CAP[backend] * fraction;
        results.kernels.push({
          n, backend, kernel: kc.kernel, gate: `${kc.gate}(${qubits.join(',')})`, position, instr: instr.type,
          timing, nsPerAmp: ns, floorNs: floor, ratio, fraction, lines, target, met: ratio <= target, belowBound: target < lines,
        });
      }
    }
    log(`kernels n=${n} ${backend} done`);
    collectGarbage();
  }
}

// ---------------------------------------------------------------- c. circuits

/** Relative tolerance when checking a peer's answer: jsqubits drops amplitudes below 1e-7 after every gate. */
const PEER_TOLERANCE: Readonly<Record<string, number>> = { jsqubits: 1e-3 };

const peerHistory = new Map<string, { n: number; ms?: number; ops: number; timedOut: boolean }>();

async function runPeer(peer: string, spec: CaseSpec, ops: number): Promise<PeerRow> {
  const key = `${peer}/${spec.family}`;
  const timeoutMs = args.peerTimeoutS * 1000;
  const prev = peerHistory.get(key);
  if (prev) {
    if (prev.timedOut) return { peer, status: 'skipped', detail: `> ${args.peerTimeoutS} s already at n = ${prev.n}` };
    // Q# recompiles on every run (measured ≈ 0.3–0.9 s here): that part does not grow with n.
    const fixed = peer === 'qsharp-lang' ? Math.min(500, prev.ms! / 2) : 0;
    const estimate = fixed + (prev.ms! - fixed) * 2 ** (spec.n - prev.n) * (ops / prev.ops);
    if (estimate > timeoutMs) return { peer, status: 'skipped', detail: `estimated ${fmt.ms(estimate)} from n = ${prev.n} (${fmt.ms(prev.ms)}) × 2^${spec.n - prev.n}` };
  }
  // Reading the state back is cheap for the in-process maps; Q#'s DumpMachine is slow, so only up to 20 qubits.
  const read = peer !== 'qsharp-lang' || spec.n <= 20;
  // A second (DumpMachine) run is only worth it when the timed run left room before the timeout.
  const readLimitMs = timeoutMs / 6;
  const outcome = await runChild(join(BENCH_DIR, 'peers/child.ts'), JSON.stringify({ peer, spec, read, readLimitMs, repeats: args.quick ? 1 : 3 }), timeoutMs);
  const run = (outcome.result ?? outcome.timing) as PeerRun | undefined;
  if (outcome.status === 'ok' || (outcome.status === 'timeout' && run)) {
    peerHistory.set(key, { n: spec.n, ms: run!.runMs, ops, timedOut: false });
    return {
      peer,
      status: 'ok',
      runMs: run!.runMs,
      runs: run!.runs,
      ...(run!.readMs !== undefined ? { readMs: run!.readMs } : {}),
      detail: outcome.status === 'timeout' ? `reading the state back took > ${args.peerTimeoutS} s` : !read ? 'state not read back (DumpMachine too slow above 20 qubits)' : run!.answer ? '' : (run!.note ?? ''),
      ...(run!.answer ? { verified: undefined } : {}),
      answer: run!.answer,
    } as PeerRow & { answer?: Answer };
  }
  if (outcome.status === 'timeout') {
    peerHistory.set(key, { n: spec.n, ops, timedOut: true });
    return { peer, status: 'timeout', detail: `> ${args.peerTimeoutS} s (killed)` };
  }
  return { peer, status: 'error', detail: outcome.message ?? 'error' };
}

/** Passes over memory with cache blocking: one per tile group (and per non-unitary step). */
function memoryPasses(program: Program): number {
  return programSegments(program).reduce((sum, seg) => sum + (seg.kind === 'tiled' ? seg.groups.length : seg.step.kind === 'unitary' || seg.step.kind === 'conditional' || seg.step.kind === 'product' ? 1 : 0), 0);
}

async function measureCircuit(family: Family, n: number): Promise<void> {
  const spec: CaseSpec = { family, n, seed: 1000 + n };
  const built = buildCase(spec);
  const circuit = built.circuit;
  const fusedProgram = compileProgram(circuit, { fuse: true, fromZeroState: true }); // as simulate compiles a fused run from |0…0⟩
  const unfusedProgram = compileProgram(circuit, { fuse: false });
  const passesFused = fusedProgram.passes;
  const passesUnfused = unfusedProgram.passes;
  const passesGreedy = compileProgram(circuit, { fuse: true, costModel: false, fromZeroState: true }).passes;
  const memoryPassesFused = memoryPasses(fusedProgram);
  const memoryPassesUnfused = memoryPasses(unfusedProgram);
  const diag = built.edges ? cutDiagonal(n, built.edges) : undefined;
  const defaultBackend = chooseBackend(n, 'auto').name as BackendName;
  const defaultVariant = `${defaultBackend} fused`;

  const ours: OursRow[] = [];
  const answers = new Map<string, Answer>();
  for (const backend of backends) {
    // fused and unfused run cache-blocked (the default); "one pass per step" turns blocking off.
    for (const [fuse, tiled] of [[true, true], [false, true], [true, false]] as const) {
      const variant = `${backend} ${fuse ? 'fused' : 'unfused'}${tiled ? '' : ', one pass per step'}`;
      let expectation = 0;
      const tiling = tiled ? {} : (false as const);
      const timing = time(() => {
        const r = simulate(circuit, { backend, fuse, seed: 1, tiling });
        if (diag) expectation = expectationDiagonal(r.state, diag);
      }, { repeats: args.repeats, budgetMs: args.quick ? 1500 : 30_000 });
      ours.push({ variant, backend, fuse, tiled, timing });
      const state = simulate(circuit, { backend, fuse, seed: 1, tiling }).state;
      const answer = ourAnswer(state, built.edges);
      if (diag && Math.abs((answer.expectation ?? NaN) - expectation) > 1e-9) throw new Error('⟨C⟩ from probabilities and from expectationDiagonal differ');
      answers.set(variant, answer);
      log(`${family}(${n}) ours ${variant}: ${fmt.ms(timing.median)} (${timing.runs} runs)`);
      collectGarbage();
    }
  }
  {
    // The default, re-run in one state's memory (as the worker engine and an editor re-simulating
    // on every edit do): no fresh allocation, whose first-touch page faults cost ≈ 8 ms at n = 20.
    const variant = `${defaultBackend} fused, state reused`;
    const reused = StateVector.zero(n, { backend: defaultBackend });
    let expectation = 0;
    const timing = time(() => {
      const r = simulate(circuit, { reuseState: reused, seed: 1 });
      if (diag) expectation = expectationDiagonal(r.state, diag);
    }, { repeats: args.repeats, budgetMs: args.quick ? 1500 : 30_000 });
    ours.push({ variant, backend: defaultBackend, fuse: true, tiled: true, reused: true, timing });
    const answer = ourAnswer(simulate(circuit, { reuseState: reused, seed: 1 }).state, built.edges);
    if (diag && Math.abs((answer.expectation ?? NaN) - expectation) > 1e-9) throw new Error('⟨C⟩ from probabilities and from expectationDiagonal differ');
    answers.set(variant, answer);
    log(`${family}(${n}) ours ${variant}: ${fmt.ms(timing.median)} (${timing.runs} runs)`);
    collectGarbage();
  }
  const reference = answers.get(defaultVariant)!;
  const oursAgree = [...answers.values()].every((a) => compareAnswers(reference, a).ok);

  const peers: PeerRow[] = [];
  for (const peer of args.peers) {
    const row = (await runPeer(peer, spec, circuit.ops.length)) as PeerRow & { answer?: Answer };
    if (row.answer) {
      const agreement = compareAnswers(reference, row.answer, PEER_TOLERANCE[peer] ?? 1e-6);
      row.verified = agreement.ok;
      const readNote = peer === 'qsharp-lang' && row.readMs !== undefined ? `run with DumpMachine ${fmt.ms(row.readMs)}` : '';
      row.detail = [row.detail, agreement.detail, readNote].filter(Boolean).join('; ');
      delete row.answer;
    }
    peers.push(row);
    log(`${family}(${n}) ${peer}: ${row.status} ${row.runMs !== undefined ? fmt.ms(row.runMs) : ''} ${row.detail}`);
  }
  results.circuits.push({ family, n, ops: circuit.ops.length, passesFused, passesUnfused, passesGreedy, memoryPassesFused, memoryPassesUnfused, ours, defaultVariant, oursAgree, ...(reference.expectation !== undefined ? { expectation: reference.expectation } : {}), peers });
}

// ---------------------------------------------------------------- d. memory

async function measureMemory(n: number): Promise<void> {
  for (const backend of backends) {
    const outcome = await runChild(join(BENCH_DIR, 'lib/memory-child.ts'), JSON.stringify({ n, backend }), 300_000);
    const stateBytes = 16 * 2 ** n;
    if (outcome.status !== 'ok') {
      results.memory.push({ n, backend, status: outcome.status, stateBytes, detail: outcome.message ?? outcome.status });
      continue;
    }
    const r = outcome.result as { extra: number; baseline: number; peak: number; maxBefore: number };
    const ratio = r.extra / stateBytes;
    results.memory.push({
      n, backend, status: 'ok', extra: r.extra, stateBytes, ratio, met: Math.abs(ratio - 1) <= 0.1,
      detail: `baseline RSS ${fmt.mib(r.baseline)}, peak ${fmt.mib(r.peak)}`,
    });
    log(`memory n=${n} ${backend}: +${fmt.mib(r.extra)} for a ${fmt.mib(stateBytes)} state`);
  }
}

// ---------------------------------------------------------------- report

const CIRCUIT_NOTES = [
  'Superpose times are simulate() end to end: compile (and fusion), state allocation, every pass, and for QAOA ⟨C⟩ from the probabilities (expectationDiagonal with a precomputed cut diagonal). "default" is what simulate() picks with no options (backend auto, fused).',
  'Peers run in a child process each (killed at the timeout); their time is the simulation only (quantum-circuit: run(); jsqubits: the chain of gate calls; qsharp-lang: run() including its compile and the final ResetAll), a median of up to 3 runs when a run takes under 1 s.',
  'All simulators start from |0…0⟩ and run the same gate list (the dense-state QFT prepares its input with a random RY·RZ layer in the circuit itself: qsharp-lang cannot take an initial state; quantum-circuit and jsqubits could).',
  '"answer": amplitudes at 48 probe indices up to one global phase, the norm and ⟨C⟩ compared with ours (relative tolerance 1e-6; 1e-3 for jsqubits, which drops amplitudes below 1e-7). qsharp-lang is read through a second run with DumpMachine, only up to 20 qubits.',
  '"skipped": a peer that timed out at a smaller n, or whose time extrapolated from the previous n (× 2^Δn × gate ratio; Q#\'s compile time held fixed) exceeds the timeout, is not run.',
];

function tables(): Table[] {
  const out: Table[] = [];
  if (results.floor.length) {
    out.push({
      title: 'a. Floor: one pass over the state, ns per amplitude (median)',
      head: ['n', 'pass', 'median', 'ns/amp', 'runs'],
      rows: results.floor.map((r) => [r.n, r.kind, fmt.ms(r.timing.median), fmt.ns(r.nsPerAmp), r.timing.runs]),
      notes: [`The floor used for ratios below is the in-place scale pass of the ${floorBackend} backend at the same n.`],
    });
  }
  if (results.kernels.length) {
    out.push({
      title: 'b. Kernels: ns per amplitude (of the whole state) and ratio to the floor',
      head: ['n', 'backend', 'kernel', 'gate (qubits)', 'class', 'ns/amp', 'floor ns/amp', '× floor', 'touches', 'cache lines', 'target', 'verdict'],
      rows: results.kernels.map((r) => [
        r.n, r.backend, r.kernel, r.gate, r.instr, fmt.ns(r.nsPerAmp), fmt.ns(r.floorNs), fmt.ratio(r.ratio),
        fractionText(r.fraction), fractionText(r.lines), `≤ ${fmt.ratio(r.target)}`,
        r.met ? fmt.verdict(true) : r.belowBound ? `${fmt.verdict(false)} (below the line bound)` : fmt.verdict(false),
      ]),
      notes: [
        `The floor of each row (${floorBackend} in-place scale at the same n, on a state of its own) is measured right before the kernel, with the same number of runs; medians of both.`,
        'Targets: wasm ≤ 1.25× the floor, ts ≤ 2.5×, times the fraction of amplitudes the kernel touches (controlled and phase kernels).',
        '"cache lines": the fraction of 64-byte lines (4 amplitudes: qubits 0 and 1 vary within one) holding an amplitude the kernel touches. A pass must read and write each such line, so it cannot cost less than that fraction of the floor pass; "below the line bound" marks a target smaller than that (a control or phase qubit among 0 and 1).',
        '"lowest" puts the target on qubit 0 (control on 1), "highest" on qubit n−1 (control on n−2).',
        '"dense 2-qubit" is a fixed 4×4 unitary with no zero entry (ECR·CH·RXX(0.3)·CY), the general complex kernel; "2-qubit parity blocks" is RXX(0.3), which never mixes |00⟩, |11⟩ with |01⟩, |10⟩ and runs as two RX-like 2×2 gates.',
      ],
    });
  }
  for (const c of results.circuits) {
    const def = c.ours.find((o) => o.variant === c.defaultVariant)!;
    const rows: Cell[][] = c.ours.map((o) => [
      `Superpose ${o.variant}${o.variant === c.defaultVariant ? ' (default)' : ''}`, fmt.ms(o.timing.median), o.timing.runs,
      fmt.ratio(o.timing.median / def.timing.median), `${o.fuse ? c.passesFused : c.passesUnfused}${o.tiled ? ` (${o.fuse ? c.memoryPassesFused : c.memoryPassesUnfused} in memory)` : ''}`, c.oursAgree ? 'agree' : 'DISAGREE',
    ]);
    for (const p of c.peers) {
      rows.push([
        p.peer,
        p.status === 'ok' ? fmt.ms(p.runMs) : p.status === 'timeout' ? `> ${args.peerTimeoutS} s` : p.status,
        p.runs ?? '–',
        p.status === 'ok' ? fmt.ratio(p.runMs! / def.timing.median) : p.status === 'timeout' ? `> ${fmt.ratio((args.peerTimeoutS * 1000) / def.timing.median)}` : '–',
        '–',
        `${p.verified === undefined ? (p.status === 'ok' ? 'not read' : '') : p.verified ? 'verified' : 'WRONG'}${p.detail ? ` (${p.detail})` : ''}`,
      ]);
    }
    const label: Record<Family, string> = {
      qft: `QFT(${c.n}) from |0…0⟩`,
      'qft-dense': `QFT(${c.n}) of a dense state (random RY·RZ layer, then QFT)`,
      random: `random layered circuit, ${c.n} qubits, depth 20`,
      qaoa: `QAOA p=1 MaxCut ⟨C⟩, random 3-regular graph, ${c.n} qubits`,
    };
    const first = c === results.circuits[0];
    out.push({
      title: `c. ${label[c.family]} — ${c.ops} gates${c.expectation !== undefined ? `, ⟨C⟩ = ${c.expectation.toFixed(6)}` : ''}`,
      head: ['simulator', 'median', 'runs', '× default', 'passes', 'answer'],
      rows,
      ...(first ? { notes: CIRCUIT_NOTES } : {}),
    });
  }
  if (results.circuits.length) {
    out.push({
      title: 'c. Passes per circuit: kernel passes (compileProgram(...).passes) and passes over memory (cache-blocked tile groups)',
      head: ['circuit', 'n', 'gates', 'kernel passes fused', 'greedy fusion', 'unfused', 'memory passes fused', 'memory passes unfused', 'memory passes: one per gate → default'],
      rows: results.circuits.map((c) => [c.family, c.n, c.ops, c.passesFused, c.passesGreedy, c.passesUnfused, c.memoryPassesFused, c.memoryPassesUnfused, `${c.passesUnfused} → ${c.memoryPassesFused} (${fmt.ratio(c.passesUnfused / c.memoryPassesFused)})`]),
    });
  }
  if (results.memory.length) {
    out.push({
      title: 'd. Memory: peak RSS above the baseline of a fresh process (allocate + one QFT layer)',
      head: ['n', 'backend', 'peak − baseline', '16·2^n', 'ratio', 'within 10%', 'detail'],
      rows: results.memory.map((m) => [m.n, m.backend, m.extra !== undefined ? fmt.mib(m.extra) : m.status, fmt.mib(m.stateBytes), m.ratio !== undefined ? m.ratio.toFixed(3) : '–', fmt.verdict(m.met), m.detail]),
    });
  }
  for (const g of Object.values(results.groups)) out.push(...g.tables);
  out.push({ title: 'Targets', head: ['target', 'measured', 'verdict'], rows: results.targets.map((t) => [t.target, t.value, fmt.verdict(t.met)]) });
  return out;
}

function evaluateTargets(): void {
  const t = results.targets;
  const kernelRows = results.kernels;
  for (const backend of backends) {
    const rows = kernelRows.filter((r) => r.backend === backend);
    if (!rows.length) continue;
    const full = rows.filter((r) => r.fraction === 1);
    const worst = Math.max(...full.map((r) => r.ratio));
    t.push({ target: `${backend} kernels touching every amplitude ≤ ${CAP[backend]}× floor`, value: `${full.filter((r) => r.met).length}/${full.length} rows met, worst ${fmt.ratio(worst)}`, met: full.every((r) => r.met) });
    const part = rows.filter((r) => r.fraction < 1);
    const bounded = part.filter((r) => r.belowBound);
    t.push({ target: `${backend} controlled/phase kernels ≤ ${CAP[backend]}× floor × fraction touched`, value: `${part.filter((r) => r.met).length}/${part.length} rows met (highest qubits ${part.filter((r) => r.met && r.position === 'highest').length}/${part.filter((r) => r.position === 'highest').length}, lowest ${part.filter((r) => r.met && r.position === 'lowest').length}/${part.filter((r) => r.position === 'lowest').length}); ${bounded.length} rows have a target below the cache-line bound, ${part.filter((r) => !r.met && !r.belowBound).length} other rows missed`, met: part.every((r) => r.met) });
  }
  const circuit = (family: Family, n: number) => results.circuits.find((c) => c.family === family && c.n === n);
  const qft20 = circuit('qft', 20);
  if (qft20) {
    const def = qft20.ours.find((o) => o.variant === qft20.defaultVariant)!.timing.median;
    const reused = qft20.ours.find((o) => o.reused)?.timing.median;
    // Two rows per peer: the default allocating a fresh state every run (its page faults and the
    // garbage collection of the previous 16 MiB memory timed), and the same run in a reused state
    // (as the worker engine runs, and as qsharp-lang keeps its WebAssembly memory between runs).
    const variants: [string, number | undefined][] = [['fresh state every run', def], ['state reused', reused]];
    for (const [peer, factor] of [['qsharp-lang', 10], ['jsqubits', 200]] as const) {
      const p = qft20.peers.find((x) => x.peer === peer);
      if (!p) continue;
      for (const [label, ours] of variants) {
        if (ours === undefined) continue;
        const target = `QFT(20) ≥ ${factor}× faster than ${peer} (ours: ${label})`;
        if (p.status === 'ok') t.push({ target, value: `${fmt.ratio(p.runMs! / ours)} (${fmt.ms(p.runMs)} vs ${fmt.ms(ours)})`, met: p.runMs! / ours >= factor });
        else if (p.status === 'timeout') t.push({ target, value: `> ${fmt.ratio((args.peerTimeoutS * 1000) / ours)} (peer > ${args.peerTimeoutS} s)`, met: (args.peerTimeoutS * 1000) / ours >= factor ? true : undefined });
        else t.push({ target, value: p.detail, met: undefined });
      }
    }
  }
  const random20 = circuit('random', 20);
  if (random20) {
    const def = random20.ours.find((o) => o.variant === random20.defaultVariant)!.timing.median;
    const best = random20.ours.reduce((a, b) => (b.timing.median < a.timing.median ? b : a));
    t.push({ target: 'random depth-20 circuit at n = 20 under 250 ms (default: auto backend, fused)', value: `${fmt.ms(def)} (best variant: ${best.variant} ${fmt.ms(best.timing.median)})`, met: def < 250 });
    const bestTs = random20.ours.find((o) => o.variant === 'ts fused');
    if (bestTs && random20.defaultVariant !== 'ts fused') t.push({ target: 'same, ts backend fused (for reference)', value: fmt.ms(bestTs.timing.median), met: bestTs.timing.median < 250 });
  }
  for (const c of results.circuits.filter((x) => x.family === 'random')) {
    const r = c.passesUnfused / c.memoryPassesFused;
    t.push({ target: `fusion cuts passes over memory of the random circuit (n = ${c.n}) ≥ 2×`, value: `${c.passesUnfused} → ${c.memoryPassesFused} (${fmt.ratio(r)}; kernel passes ${c.passesFused} with the cost model, ${c.passesGreedy} greedy)`, met: r >= 2 });
  }
  for (const m of results.memory) {
    t.push({ target: `memory at n = ${m.n} (${m.backend}) within 10% of 16·2^n`, value: m.ratio !== undefined ? `${m.ratio.toFixed(3)}×` : m.detail, met: m.met });
  }
  const wrong = results.circuits.flatMap((c) => c.peers.filter((p) => p.verified === false).map((p) => `${p.peer} ${c.family}(${c.n})`));
  const verified = results.circuits.flatMap((c) => c.peers.filter((p) => p.verified === true)).length;
  if (results.circuits.length) {
    t.push({ target: 'peers compute the same answer as ours (probe amplitudes up to global phase, norm, ⟨C⟩)', value: wrong.length ? `disagree: ${wrong.join(', ')}` : `${verified} peer runs verified, none disagree`, met: wrong.length === 0 && verified > 0 });
    t.push({ target: 'our variants (backends × fused/unfused) agree', value: results.circuits.every((c) => c.oursAgree) ? 'all agree' : 'DISAGREE', met: results.circuits.every((c) => c.oursAgree) });
  }
}

// ---------------------------------------------------------------- main

async function main(): Promise<void> {
  const m = results.machine;
  log(`${m.cpuModel}, ${m.nproc} cores, Node ${m.node}, load ${m.loadAvgStart.join(' ')}; backends: ${backends.join(', ')}; ${args.quick ? 'quick' : 'full'} run`);
  // Circuits first: every simulate() allocates a fresh state, and after the floor and kernel groups
  // have freed their 256 MiB–1 GiB WebAssembly memories, fresh allocations in this process stay
  // slow for a while (reproduced alone: QFT(16) end to end 11.6 ms instead of 4.2 ms after three
  // 1 GiB states were freed). The kernel groups time passes over states they keep, so order does
  // not matter to them.
  if (args.only.has('circuits')) {
    for (const [family, sizes] of Object.entries(SIZES.circuits) as [Family, number[]][]) {
      for (const n of sizes) await measureCircuit(family, n);
    }
  }
  if (args.only.has('floor')) for (const n of SIZES.floor) measureFloor(n);
  if (args.only.has('kernels')) for (const n of SIZES.kernels) measureKernels(n);
  if (args.only.has('memory')) for (const n of SIZES.memory) await measureMemory(n);
  if (args.only.has('optimise-classical')) {
    const { tables, targets, data } = await benchOptimiseClassical({ quick: args.quick, log });
    results.groups['optimise-classical'] = { tables, data };
    results.targets.push(...targets);
  }
  if (args.only.has('qaoa')) {
    const { tables, targets, data } = await benchQaoa({ quick: args.quick, repeats: args.repeats, peerTimeoutS: args.peerTimeoutS, peers: args.peers, log });
    results.groups.qaoa = { tables, data };
    results.targets.push(...targets);
  }
  if (args.only.has('threads')) {
    const { tables, targets, data } = await benchThreads({ quick: args.quick, log });
    results.groups.threads = { tables, data };
    results.targets.push(...targets);
  }
  if (args.only.has('interop')) {
    const { tables, targets, data } = await benchInterop({ quick: args.quick, log });
    results.groups.interop = { tables, data };
    results.targets.push(...targets);
  }
  if (args.only.has('measure')) {
    const { tables, data } = await benchMeasure({ quick: args.quick, repeats: args.repeats, log });
    results.groups.measure = { tables, data };
  }
  if (args.scale) {
    const { tables, data } = await benchScale({ log });
    results.groups.scale = { tables, data };
  }
  evaluateTargets();
  results.loadAvgEnd = currentLoad();
  results.totalSeconds = Math.round((performance.now() - started) / 1000);

  const header = [
    `Machine: ${m.cpuModel}, ${m.nproc} cores (nproc), ${m.totalMemGiB} GiB; Node ${m.node} (V8 ${m.v8}); ${m.date}`,
    `Load average (1/5/15 min) at start ${m.loadAvgStart.join(' / ')}, at end ${results.loadAvgEnd.join(' / ')}; ${args.quick ? 'quick' : 'full'} run, ${results.totalSeconds} s; backends: ${backends.join(', ')}; peer timeout ${args.peerTimeoutS} s`,
  ];
  const markdown = [...header, '', ...tables().map(renderTable).flatMap((t) => [t, ''])].join('\n');
  console.log(markdown);
  const dir = join(BENCH_DIR, 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'latest.json'), JSON.stringify(results, null, 2));
  writeFileSync(join(dir, 'latest.md'), markdown);
  log(`wrote bench/results/latest.json and latest.md`);
}

await main();
