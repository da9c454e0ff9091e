/**
 * Scale benchmark, on demand only (`npm run bench -- --scale`, or
 * `npx tsx bench/scale.ts [--node 28,30] [--chromium 28,29,30s,29t] [--margin GiB] [--render [scale.json]]`, s = single precision,
 * t = the TypeScript kernels whatever auto would pick): one single-qubit
 * gate pass (H on the top qubit, H on qubit 0) and QFT(n) through the worker pool at the sizes
 * only memory limits — n = 28 and 30 in Node, 28 and 29 in Chromium (past the wasm backend's 27
 * qubits: in Chromium the wasm64 kernels on one shared 64-bit memory, in Node 20 the TypeScript
 * kernels on one SharedArrayBuffer) — with time and peak memory.
 *
 * Each size runs in a child process of its own (bench/lib/scale-node-child.ts,
 * scale-browser-child.ts) with the engine's memory budget raised explicitly to what the state
 * needs, so a refusal, a crash or the OOM killer ends that row and not the bench. A size is
 * skipped, with the reason, when os.freemem() is under what it needs plus a margin (3 GiB by
 * default: the machine may be shared). While a child runs, a watchdog reads /proc twice a second
 * and kills the child's processes if the machine runs short (MemAvailable under 1 GiB) or the
 * child grows past its allowance.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { freemem, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { compileProgram, programSegments, qftCircuit, stateBytes, type Precision } from '../src/core/index.ts';
import { BENCH_DIR } from './lib/child.ts';
import { memAvailable, processTree } from './lib/proc-memory.ts';
import type { ScaleRunResult } from './lib/scale-run.ts';
import { fmt, renderTable, type Cell, type Table } from './lib/table.ts';
import { median } from './lib/timing.ts';

export type ScaleEnvironment = 'node' | 'chromium';

export interface ScaleCase {
  readonly environment: ScaleEnvironment;
  readonly n: number;
  /** 'single': a Float32Array state, one more qubit in the same memory. */
  readonly precision?: Precision;
  /** The TypeScript kernels instead of auto's pick (a same-run comparison). */
  readonly ts?: boolean;
}

export const SCALE_CASES: readonly ScaleCase[] = [
  { environment: 'node', n: 28 },
  { environment: 'chromium', n: 28 },
  { environment: 'chromium', n: 29 },
  { environment: 'chromium', n: 30, precision: 'single' },
  { environment: 'node', n: 30 },
];

export interface ScaleBenchOptions {
  readonly log: (message: string) => void;
  readonly cases?: readonly ScaleCase[];
  /** Free memory to leave to everything else, bytes (default 3 GiB). */
  readonly marginBytes?: number;
  readonly threads?: number;
}

const GiB = 2 ** 30;
/** The last scale run (gitignored, as all of bench/results). */
export const SAVED_RUN = join(BENCH_DIR, 'results', 'scale.json');
const gib = (bytes: number) => `${(bytes / GiB).toFixed(1)} GiB`;

/** Besides the state: Node with its worker threads; Chromium's browser, GPU and renderer processes plus the Vite server. */
const OVERHEAD: Record<ScaleEnvironment, number> = { node: 0.5 * GiB, chromium: 1.5 * GiB };
/** The engine's budget: the state and a little (the guard counts the state only). */
const BUDGET_SLACK = 256 * 2 ** 20;
/** What the child may use over its need before the watchdog stops it. */
const ALLOWANCE = 1 * GiB;
/** The watchdog stops a child when the machine's available memory falls under this. */
const MACHINE_FLOOR = 1 * GiB;

/** Passes over memory of QFT(n) as the engine runs it: one per cache-tile group (and per untiled step). */
function qftMemoryPasses(n: number): number {
  return programSegments(compileProgram(qftCircuit(n), { fuse: true })).reduce((sum, seg) => sum + (seg.kind === 'tiled' ? seg.groups.length : 1), 0);
}

export function scaleNeed(c: ScaleCase): number {
  return stateBytes(c.n, c.precision) + OVERHEAD[c.environment];
}

interface Outcome {
  readonly status: 'ok' | 'error' | 'killed' | 'skipped';
  readonly result?: ScaleRunResult & { environment: string; baseline?: number; peak?: number };
  readonly message?: string;
  /** Largest sum of VmRSS over the child's processes seen by the watchdog. */
  readonly treePeak: number;
  readonly wallMs: number;
}

function killTree(pid: number): void {
  // The child's own processes only, by id (Playwright starts Chromium in a process group of its own).
  for (const p of processTree(pid).reverse()) {
    try {
      process.kill(p.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

function runWatched(c: ScaleCase, request: object, timeoutMs: number, log: (m: string) => void): Promise<Outcome> {
  const entry = join(BENCH_DIR, c.environment === 'node' ? 'lib/scale-node-child.ts' : 'lib/scale-browser-child.ts');
  const limit = scaleNeed(c) + ALLOWANCE;
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, ['--import', 'tsx', '--no-warnings', entry, JSON.stringify(request)], {
      cwd: join(BENCH_DIR, '..'),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let killed: string | undefined;
    let treePeak = 0;
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => {
      for (const line of d.toString().split('\n')) if (line.startsWith('  [')) log(line.trim());
    });
    const stop = (reason: string) => {
      if (killed) return;
      killed = reason;
      log(`${c.environment} n=${c.n}: stopping the child: ${reason}`);
      killTree(child.pid!);
    };
    const watchdog = setInterval(() => {
      const tree = processTree(child.pid!).reduce((sum, p) => sum + p.rss, 0);
      treePeak = Math.max(treePeak, tree);
      const available = memAvailable();
      if (available !== undefined && available < MACHINE_FLOOR) stop(`the machine is down to ${gib(available)} available (child at ${gib(tree)})`);
      else if (tree > limit) stop(`its processes hold ${gib(tree)}, over the allowance of ${gib(limit)}`);
    }, 500);
    const timer = setTimeout(() => stop(`no answer after ${fmt.ms(timeoutMs)}`), timeoutMs);
    child.on('close', (code, signal) => {
      clearInterval(watchdog);
      clearTimeout(timer);
      const wallMs = performance.now() - t0;
      const line = (prefix: string) => out.split('\n').find((l) => l.startsWith(prefix))?.slice(prefix.length);
      const result = line('RESULT ');
      if (result) return resolve({ status: 'ok', result: JSON.parse(result) as Outcome['result'] & object, treePeak, wallMs });
      if (killed) return resolve({ status: 'killed', message: `stopped: ${killed}`, treePeak, wallMs });
      const error = line('ERROR ');
      resolve({ status: 'error', message: error ?? `the child ended (${signal ? `signal ${signal}: killed from outside, the OOM killer?` : `exit ${code}`}) without a result`, treePeak, wallMs });
    });
  });
}

/** One case as recorded in bench/results/latest.json (groups.scale.data.cases). */
export interface ScaleCaseRecord extends ScaleCase, Outcome {
  readonly need: number;
  readonly freeBefore: number;
}

function scaleRow(c: ScaleCaseRecord): Cell[] {
  const bytes = stateBytes(c.n, c.precision);
  const state = `${gib(bytes)}${c.precision === 'single' ? ' (single)' : ''}`;
  const r = c.result;
  if (!r) return [c.environment === 'node' ? 'Node' : 'Chromium', c.n, state, '–', '–', '–', '–', '–', '–', '–', c.message ?? c.status];
  const top = median(r.passTopMs);
  const low = median(r.passLowMs);
  const qft = median(r.qftMs);
  const extra = r.peak !== undefined && r.baseline !== undefined ? r.peak - r.baseline : undefined;
  // Single precision: amplitudes are floats (relative rounding 6e-8).
  const verified = c.precision === 'single'
    ? r.passError < 1e-7 && r.qftError < 1e-6 * 2 ** (-c.n / 2)
    : r.passError < 1e-12 && r.qftError < 1e-9 * 2 ** (-c.n / 2);
  return [
    r.environment,
    c.n,
    state,
    `${r.backend}, ${r.threads}`,
    fmt.ms(r.firstRunMs),
    `${fmt.ms(top)} (${fmt.ns((top * 1e6) / 2 ** c.n)})`,
    `${fmt.ms(low)} (${fmt.ns((low * 1e6) / 2 ** c.n)})`,
    `${fmt.ms(qft)} (${r.qftPasses} / ${qftMemoryPasses(c.n)})`,
    extra !== undefined ? gib(extra) : '–',
    extra !== undefined ? fmt.ratio(extra / bytes) : '–',
    `${verified ? 'verified' : 'WRONG'}: ${r.probes} amplitudes`,
  ];
}

/** The report table, from the recorded cases (so a saved run can be rendered again). */
export function scaleTables(cases: readonly ScaleCaseRecord[]): Table[] {
  return [{
    title: 'Scale (on demand): one gate pass and QFT(n) through the worker pool at 28–30 qubits',
    head: ['environment', 'qubits', 'state', 'backend, threads', 'first run (allocate, zero, H)', 'H on qubit n−1 (ns/amp)', 'H on qubit 0 (ns/amp)', 'QFT(n) from |0…0⟩ (kernel passes / passes over memory)', 'peak memory − baseline', '÷ state bytes', 'check'],
    rows: cases.map(scaleRow),
    notes: [
      'Each size in a child process of its own, the engine budget raised to the state + 256 MiB; skipped when os.freemem() is under the need (state + 0.5 GiB in Node, + 1.5 GiB for Chromium and Vite) plus the margin.',
      'Gate passes: worker-side time of one unfused, untiled H (median of 3, each from |0…0⟩ again); QFT: one run as the engine runs it (fused, cache tiles), worker-side.',
      'Peak memory: Node, getrusage maxRSS of the child (main thread and worker threads) above its RSS once the pool is up; Chromium, VmHWM of the renderer process (the page and its workers) above its RSS before the run, from /proc.',
      'Check: amplitudes at 64 indices spread over the state (both ends included), read from the shared memory without a copy, against 1/√2 at the two nonzero indices of H|0…0⟩ and 2^(−n/2) everywhere for QFT|0…0⟩.',
    ],
  }];
}

export async function benchScale(options: ScaleBenchOptions): Promise<{ tables: Table[]; data: Record<string, unknown> }> {
  const { log } = options;
  const margin = options.marginBytes ?? 3 * GiB;
  const threads = options.threads ?? 2;
  const records: ScaleCaseRecord[] = [];
  for (const c of options.cases ?? SCALE_CASES) {
    const need = scaleNeed(c);
    const free = freemem();
    const label = `scale ${c.environment === 'node' ? 'Node' : 'Chromium'} n=${c.n}${c.precision === 'single' ? ' single' : ''}${c.ts ? ' ts' : ''}`;
    let outcome: Outcome;
    if (free < need + margin) {
      const message = `skipped: needs ${gib(need)} (+ ${gib(margin)} margin), ${gib(free)} free`;
      log(`${label}: ${message}`);
      outcome = { status: 'skipped', message, treePeak: 0, wallMs: 0 };
    } else {
      const budget = stateBytes(c.n, c.precision) + BUDGET_SLACK;
      log(`${label}: needs ${gib(need)}, ${gib(free)} free; running (budget ${gib(budget)})`);
      const request = { n: c.n, budget, threads, passRepeats: 3, qftRepeats: 1, ...(c.precision ? { precision: c.precision } : {}), ...(c.ts ? { backend: 'ts' } : {}) };
      const timeoutMs = 10 * 60_000 * 2 ** Math.max(0, c.n - 28);
      outcome = await runWatched(c, request, timeoutMs, log);
      log(`${label}: ${outcome.status}${outcome.message ? ` (${outcome.message})` : ''}, ${fmt.ms(outcome.wallMs)}`);
    }
    records.push({ ...c, need, freeBefore: free, ...outcome });
  }
  const data = { date: new Date().toISOString(), totalMemory: totalmem(), loadAvgEnd: loadavg(), margin, threads, cases: records };
  // A scale run takes many minutes: keep it apart from latest.json, which any other bench run overwrites.
  mkdirSync(join(BENCH_DIR, 'results'), { recursive: true });
  writeFileSync(SAVED_RUN, JSON.stringify(data, null, 2));
  log(`wrote ${SAVED_RUN}`);
  return { tables: scaleTables(records), data };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // Sizes like 28,29,30s,29t: a trailing s asks for a single-precision state, t for the TypeScript kernels.
  const sizes = (flag: string): { n: number; precision?: Precision; ts?: boolean }[] | undefined => {
    const i = process.argv.indexOf(flag);
    if (i < 0) return undefined;
    return (process.argv[i + 1] ?? '').split(',').filter(Boolean).map((v) => {
      const match = /^(\d+)([st]?)$/.exec(v);
      if (!match || Number(match[1]) < 1 || Number(match[1]) > 30) {
        console.error(`bench/scale.ts: ${flag} takes sizes like 28,29,30s,29t (1–30 qubits; s = single precision, t = TypeScript kernels), got "${v}"`);
        process.exit(2);
      }
      const n = Number(match[1]);
      return match[2] === 's' ? { n, precision: 'single' as const } : match[2] === 't' ? { n, ts: true } : { n };
    });
  };
  const node = sizes('--node');
  const chromium = sizes('--chromium');
  const marginIndex = process.argv.indexOf('--margin');
  const renderIndex = process.argv.indexOf('--render');
  if (renderIndex >= 0) {
    // Render the saved run again: npx tsx bench/scale.ts --render [bench/results/scale.json]
    const path = process.argv[renderIndex + 1] ?? SAVED_RUN;
    const saved = JSON.parse(readFileSync(path, 'utf8')) as { cases: ScaleCaseRecord[] };
    console.log(scaleTables(saved.cases).map(renderTable).join('\n\n'));
    process.exit(0);
  }
  const cases = node || chromium
    ? [...(node ?? []).map((c) => ({ environment: 'node' as const, ...c })), ...(chromium ?? []).map((c) => ({ environment: 'chromium' as const, ...c }))]
    : SCALE_CASES;
  const { tables } = await benchScale({
    cases,
    log: (m) => console.error(m),
    ...(marginIndex >= 0 ? { marginBytes: Number(process.argv[marginIndex + 1]) * GiB } : {}),
  });
  console.log(tables.map(renderTable).join('\n\n'));
}
