/**
 * Harness for tests/e2e/workers.spec.ts (served by a Vite dev server the spec starts): the
 * browser engine plus in-page references from the core, so a test compares inside the page and
 * only numbers cross to Playwright.
 */
import {
  allocateWasmState, availableBackends, chooseBackend, Circuit, createWasmKernels, expectationPauliSum, probabilities, qftCircuit, simulate, stateBytes,
  wasm64Backend, type CircuitJSON,
} from '../../../src/core/index.ts';
import { createBrowserEngine } from '../../../src/engine/browser.ts';
import type { SimulatorEngine, ProgressEvent } from '../../../src/engine/index.ts';
import { randomCircuit } from '../../unit/helpers/random-circuit.ts';
import { createRng } from '../../unit/helpers/random.ts';
import { engineSession } from '../../unit/helpers/engine-session.ts';

let engine: SimulatorEngine | undefined;

function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let d = 0;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i]! - b[i]!));
  return d;
}

function needEngine(): SimulatorEngine {
  if (!engine) throw new Error('call create() first');
  return engine;
}

function layers(n: number, depth: number): CircuitJSON {
  let c = Circuit.create(n);
  for (let layer = 0; layer < depth; layer++) for (let q = 0; q < n; q++) c = c.append(layer % 2 ? 'h' : 'rx', [q], layer % 2 ? {} : { params: [0.1 * (q + 1)] });
  return c.toJSON();
}

const api = {
  async create(options: { threads?: number; parallelMinQubits?: number; minParallelWork?: number } = {}) {
    engine?.dispose();
    engine = createBrowserEngine(options);
    const info = await engine.info();
    return {
      threads: info.threads, reason: info.reason ?? null, sharedMemory: info.sharedMemory, environments: info.workers.map((w) => w.environment),
      isolated: globalThis.crossOriginIsolated === true, maxQubits: info.workers[0]?.maxQubits ?? null,
    };
  },

  /** Random circuits: pool state vs in-page core (max |Δ| over amplitudes, or probabilities when not shared), and K vs 1 thread. */
  async randomEquality(seed: number, trials: number, n: number) {
    const e = needEngine();
    const rng = createRng(seed);
    let worst = 0;
    let parallelSteps = 0;
    let threads = 0;
    for (let t = 0; t < trials; t++) {
      const circuit = randomCircuit(n, 40, rng, { controlRate: 0.3 });
      const reference = simulate(circuit, { seed: 1, backend: 'ts' }).state;
      for (const k of [2, 1]) {
        const run = await e.run(circuit.toJSON(), { threads: k, seed: 1 }).promise;
        if (k === 2) {
          parallelSteps += run.parallelSteps;
          threads = run.threads;
        }
        const view = await e.stateView().promise;
        worst = Math.max(worst, view ? maxDiff(view, reference.data) : maxDiff(await e.probabilities().promise, probabilities(reference)));
      }
    }
    return { worst, parallelSteps, threads };
  },

  async statistics() {
    const e = needEngine();
    const circuit = randomCircuit(10, 50, createRng(3));
    const core = simulate(circuit, { seed: 1 }).state;
    await e.run(circuit.toJSON(), { seed: 1 }).promise;
    const sum = [{ coefficient: 0.5, pauli: 'Z0 Z1' }, { coefficient: -1.25, pauli: 'X2 Y5' }];
    const [value] = await e.expectations([sum]).promise;
    return {
      probabilities: maxDiff(await e.probabilities().promise, probabilities(core)),
      pauliSum: Math.abs(value! - expectationPauliSum(core, sum)),
    };
  },

  async progress(n: number) {
    const e = needEngine();
    const events: ProgressEvent[] = [];
    await e.run(qftCircuit(n).toJSON(), { progressIntervalMs: 0, tiling: false, onProgress: (ev) => events.push(ev) }).promise;
    await new Promise((r) => setTimeout(r, 50));
    const fractions = events.map((ev) => ev.fraction);
    return { count: fractions.length, monotone: fractions.every((f, i) => i === 0 || f >= fractions[i - 1]!), last: fractions.at(-1) ?? null };
  },

  /** Starts an n-qubit run, cancels it once it reports progress; ms from cancel to the rejection. */
  async cancel(n: number) {
    const e = needEngine();
    let started!: () => void;
    const running = new Promise<void>((r) => (started = r));
    const job = e.run(layers(n, 40), { fuse: false, progressIntervalMs: 0, onProgress: () => started() });
    await running;
    const t0 = performance.now();
    job.cancel();
    const error = await job.promise.then(() => null, (err: unknown) => err as { code?: string });
    const stopMs = performance.now() - t0;
    const after = await e.run(Circuit.create(2).append('h', [0]).append('cx', [0, 1]).toJSON()).promise;
    const probs = await e.probabilities().promise;
    return { code: error?.code ?? null, stopMs, afterOk: after.completed && maxDiff(probs, [0.5, 0, 0, 0.5]) < 1e-12 };
  },

  /** Largest gap between animation frames while an n-qubit simulation runs in the pool. */
  async responsiveness(n: number, threads?: number) {
    const e = needEngine();
    let last = performance.now();
    let worst = 0;
    let frames = 0;
    let running = true;
    const long: string[] = [];
    const probe = (t: number) => {
      if (t - last > 25) long.push(`${(t - last).toFixed(1)}ms at +${(last - t0).toFixed(0)}`);
      worst = Math.max(worst, t - last);
      last = t;
      frames++;
      if (running) requestAnimationFrame(probe);
    };
    // Long tasks (> 50 ms) on the main thread: blocking by our own code, as opposed to frames the OS delayed.
    const longTasks: number[] = [];
    const observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) longTasks.push(entry.duration);
    });
    observer.observe({ type: 'longtask', buffered: false });
    const startAt = await new Promise<number>((r) => requestAnimationFrame((t) => r(t)));
    const t0 = performance.now();
    last = startAt;
    requestAnimationFrame(probe);
    const summary = n > 0
      ? await e.run(qftCircuit(n).toJSON(), { onProgress: () => undefined, ...(threads ? { threads } : {}) }).promise
      : await new Promise<{ threads: number; elapsedMs: number }>((r) => setTimeout(() => r({ threads: 0, elapsedMs: 0 }), 1000));
    const probs = n > 0 ? await e.probabilities().promise : new Float64Array(1).fill(1); // a 2^n transfer back must not stall frames either
    const runMs = performance.now() - t0;
    const runEnd = summary.elapsedMs;
    running = false;
    await new Promise((r) => requestAnimationFrame(r));
    observer.disconnect();
    return { worstGapMs: worst, frames, runMs, threads: summary.threads, uniform: Math.abs(probs[0]! - 2 ** -n) < 1e-12, long, runEnd, longTasks };
  },

  async memoryGuard() {
    const e = needEngine();
    await e.setMemoryBudget(1024 * 1024);
    try {
      const error = await e.run(qftCircuit(17).toJSON()).promise.then(() => null, (err: unknown) => err as { code?: string; message?: string });
      const ok = await e.run(qftCircuit(16).toJSON()).promise;
      return { code: error?.code ?? null, message: error?.message ?? '', smallerRuns: ok.completed };
    } finally {
      await e.setMemoryBudget(2 * 1024 ** 3);
    }
  },

  /** A seeded random session of good and bad calls, cancels and killed workers (the driver the Node fuzz test runs). */
  async fuzzSession(seed: number, steps: number) {
    const report = await engineSession(needEngine(), { seed, steps, deadlineMs: 20_000 });
    return { problems: report.problems, finalDiff: report.finalDiff, steps: report.steps.length };
  },

  async killDuringRun(victim: number) {
    const e = needEngine();
    const deaths: number[] = [];
    const off = e.onWorkerDeath((d) => deaths.push(d.index));
    let started!: () => void;
    const running = new Promise<void>((r) => (started = r));
    const job = e.run(layers(20, 60), { fuse: false, progressIntervalMs: 0, onProgress: () => started() });
    await running;
    e.killWorker(victim);
    const error = await job.promise.then(() => null, (err: unknown) => err as { code?: string });
    off();
    const circuit = randomCircuit(16, 30, createRng(victim + 5));
    const run = await e.run(circuit.toJSON(), { seed: 1 }).promise;
    const view = await e.stateView().promise;
    const reference = simulate(circuit, { seed: 1 }).state;
    const diff = view ? maxDiff(view, reference.data) : maxDiff(await e.probabilities().promise, probabilities(reference));
    return { code: error?.code ?? null, deaths, nextOk: run.completed, diff, threads: run.threads };
  },

  /**
   * The kernels' 64-bit twin in this page (no flag: Chromium has 64-bit memories): which backends
   * register and which `auto` picks, wasm64 against ts on random circuits, and whether the 32-bit
   * module accepts a 64-bit memory (it must not).
   */
  wasm64InPage(seed: number, trials: number) {
    const rng = createRng(seed);
    let worst = 0;
    let backendName = '';
    for (let t = 0; t < trials; t++) {
      const circuit = randomCircuit(6 + (t % 6), 40, rng, { controlRate: 0.3 });
      const wide = simulate(circuit, { seed: 1, backend: 'wasm64' }).state;
      backendName = wide.backendName;
      worst = Math.max(worst, maxDiff(wide.data, simulate(circuit, { seed: 1, backend: 'ts' }).state.data));
    }
    let narrowRefuses = false;
    try {
      createWasmKernels(allocateWasmState(4, { wide: true }).memory);
    } catch {
      narrowRefuses = true;
    }
    return {
      backends: availableBackends(), maxQubits: wasm64Backend.maxQubits, backendName, worst, narrowRefuses,
      auto: [27, 28, 29, 30].map((n) => chooseBackend(n).name),
    };
  },

  /**
   * QFT(n) of the basis state |j⟩ in the pool with the budget raised to the state: the backend
   * and threads it ran on, and the largest error against e^{2πi jk/N}/√N at probe amplitudes k,
   * the last ones past 4 GiB at n = 28 (read in place through the shared view).
   */
  async qftOfBasis(n: number, j: number) {
    const e = needEngine();
    await e.setMemoryBudget(stateBytes(n) + 256 * 1024 ** 2);
    try {
      const flips = [];
      for (let q = 0; q < n; q++) if (Math.floor(j / 2 ** q) % 2 === 1) flips.push({ kind: 'gate' as const, gate: 'x', qubits: [q] });
      const circuit = Circuit.create(n).withOps([...flips, ...qftCircuit(n).ops]);
      const run = await e.run(circuit.toJSON()).promise;
      const view = await e.stateView().promise;
      if (!view) return { backend: run.backend, threads: run.threads, worst: Infinity, probes: 0 };
      const N = 2 ** n;
      const probes = [0, 1, 2, N / 2 - 1, N / 2, N / 2 + 1, N - 4097, N - 4096, N - 2, N - 1];
      const rng = createRng(j); // seeded: a failing probe can be found again
      for (let i = 0; i < 20; i++) probes.push(Math.floor(rng() * N));
      let worst = 0;
      for (const k of probes) {
        const angle = (2 * Math.PI * Number((BigInt(j) * BigInt(k)) % BigInt(N))) / N;
        worst = Math.max(worst, Math.abs(view[2 * k]! - Math.cos(angle) / Math.sqrt(N)), Math.abs(view[2 * k + 1]! - Math.sin(angle) / Math.sqrt(N)));
      }
      return { backend: run.backend, threads: run.threads, worst, probes: probes.length };
    } finally {
      await e.setMemoryBudget(2 * 1024 ** 3);
    }
  },

  /** One QFT(n) run in the pool (for the browser-vs-Node benchmark): worker-side ms. */
  async timeQft(n: number, threads: number, repeats: number) {
    const e = needEngine();
    const json = qftCircuit(n).toJSON();
    const times: number[] = [];
    for (let r = 0; r < repeats; r++) times.push((await e.run(json, { threads }).promise).elapsedMs);
    return times;
  },

  dispose() {
    engine?.dispose();
    engine = undefined;
  },
};

(globalThis as unknown as { superposeTest: typeof api }).superposeTest = api;
document.body.dataset.ready = 'true';
