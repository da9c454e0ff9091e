/**
 * One scale case, the same in Node and in a browser page: through a worker pool (SimulatorEngine),
 * allocate an n-qubit state, time single-qubit gate passes (H on the top qubit, H on qubit 0)
 * and QFT(n) from |0…0⟩, and check amplitudes read straight from the pool's shared memory.
 * No Node APIs and no DOM here (the page imports it).
 */
import { Circuit, qftCircuit, type BackendPreference, type CircuitJSON, type Precision } from '../../src/core/index.ts';
import type { SimulatorEngine } from '../../src/engine/index.ts';

export interface ScaleRunOptions {
  readonly n: number;
  /** Timed runs of each gate pass (the first run, which allocates, is not one of them). */
  readonly passRepeats: number;
  readonly qftRepeats: number;
  /** Threads for every run (the pool's size). */
  readonly threads: number;
  /** Storage precision of the state (default double). */
  readonly precision?: Precision;
  /** Kernel backend (default auto), e.g. ts to compare with what auto picks in the same run. */
  readonly backend?: BackendPreference;
}

export interface ScaleRunResult {
  readonly n: number;
  readonly backend: string;
  readonly precision: Precision;
  readonly threads: number;
  /** Wall time of the first run, seen by the caller: allocate and zero the state, one H pass. */
  readonly firstRunMs: number;
  /** Worker-side times (the leader's execute), one per timed run. */
  readonly passTopMs: number[];
  readonly passLowMs: number[];
  readonly qftMs: number[];
  /** Kernel passes in the compiled QFT program (fused). */
  readonly qftPasses: number;
  /** Largest |amplitude − expected| over the probed indices, after each kind of run. */
  readonly passError: number;
  readonly qftError: number;
  readonly probes: number;
}

function singleH(n: number, qubit: number): CircuitJSON {
  return Circuit.create(n).append('h', [qubit]).toJSON();
}

/** Indices spread over the whole state (both ends, and pseudo-random ones in between). */
function probeIndices(n: number, count: number): number[] {
  const size = 2 ** n;
  const out = new Set<number>([0, 1, size / 2, size / 2 + 1, size - 2, size - 1]);
  let x = 0x9e3779b9 >>> 0;
  while (out.size < count) {
    x = (Math.imul(x ^ (x >>> 15), 0x2c1b3c6d) + 0x632be5ab) >>> 0;
    out.add(Math.floor((x / 2 ** 32) * size));
  }
  return [...out];
}

/** Max |ψ[k] − expected(k)| over the probes, reading the shared state without a copy. */
async function stateError(engine: SimulatorEngine, probes: readonly number[], expected: (k: number) => number): Promise<number> {
  const view = await engine.stateView().promise;
  if (!view) throw new Error('the state is not in shared memory (no cross-origin isolation?)');
  let worst = 0;
  for (const k of probes) worst = Math.max(worst, Math.abs(view[2 * k]! - expected(k)), Math.abs(view[2 * k + 1]!));
  return worst;
}

const now = (): number => performance.now();

export async function runScaleCase(engine: SimulatorEngine, options: ScaleRunOptions, log: (message: string) => void = () => undefined): Promise<ScaleRunResult> {
  const { n, threads } = options;
  const top = singleH(n, n - 1);
  const low = singleH(n, 0);
  const precision = options.precision ?? 'double';
  const backend = options.backend ?? 'auto';
  const runOptions = { threads, precision, backend, fuse: false, tiling: false as const };
  const probes = probeIndices(n, 64);
  const half = Math.SQRT1_2;

  const t0 = now();
  const first = await engine.run(top, runOptions).promise;
  const firstRunMs = now() - t0;
  log(`n=${n}: state allocated (${first.backend}, ${first.precision}, ${first.threads} threads), first run ${(firstRunMs / 1000).toFixed(1)} s`);

  const passTopMs: number[] = [];
  const passLowMs: number[] = [];
  let passError = 0;
  for (let r = 0; r < options.passRepeats; r++) {
    passTopMs.push((await engine.run(top, runOptions).promise).elapsedMs);
    passError = Math.max(passError, await stateError(engine, probes, (k) => (k === 0 || k === 2 ** (n - 1) ? half : 0)));
    passLowMs.push((await engine.run(low, runOptions).promise).elapsedMs);
    passError = Math.max(passError, await stateError(engine, probes, (k) => (k === 0 || k === 1 ? half : 0)));
    log(`n=${n}: H(${n - 1}) ${passTopMs.at(-1)!.toFixed(0)} ms, H(0) ${passLowMs.at(-1)!.toFixed(0)} ms`);
  }

  const qft = engine.load(qftCircuit(n).toJSON());
  const qftMs: number[] = [];
  let qftPasses = 0;
  let qftError = 0;
  const uniform = 2 ** (-n / 2);
  for (let r = 0; r < options.qftRepeats; r++) {
    const summary = await engine.run(qft, { threads, precision, backend }).promise;
    qftMs.push(summary.elapsedMs);
    qftPasses = summary.passes;
    // QFT|0…0⟩ is the uniform superposition: every amplitude 2^(−n/2), real.
    qftError = Math.max(qftError, await stateError(engine, probes, () => uniform));
    log(`n=${n}: QFT ${(summary.elapsedMs / 1000).toFixed(1)} s`);
  }
  return { n, backend: first.backend, precision: first.precision, threads: first.threads, firstRunMs, passTopMs, passLowMs, qftMs, qftPasses, passError, qftError, probes: probes.length };
}
