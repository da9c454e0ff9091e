import * as Comlink from 'comlink';
import type {
  BatchRequest, CircuitRef, FollowRequest, Observable, PreparedRun, RunSummary, WorkerInfo,
} from '../../workers/api.ts';
import { amplitudesIn, type StateMemory } from '../../workers/state-memory.ts';
import type { CircuitJSON } from '../core/circuit/circuit.ts';
import { fail } from '../core/errors.ts';
import { parseJsonText } from '../core/json-text.ts';
import { CANCEL_REQUESTED, clearCancel, raiseCancel } from '../core/parallel/control.ts';
import type { ProgressEvent } from '../core/parallel/progress.ts';
import { PARALLEL_MIN_QUBITS, PARALLEL_MIN_WORK, threadsFor } from '../core/parallel/threshold.ts';
import { checkSeed } from '../core/sim/rng.ts';
import { checkStateFits } from '../core/sim/state.ts';
import type { BackendPreference } from '../core/sim/backends.ts';
import type { Amplitudes, Precision } from '../core/sim/kernels.ts';
import { EngineError, isEngineError } from './errors.ts';
import { WorkerPool, type DeathReport } from './pool.ts';
import { SimulationQueue, type JobContext, type JobHandle } from './queue.ts';
import type { WorkerFactory } from './worker-handle.ts';

export type { ProgressEvent } from '../core/parallel/progress.ts';
export type { RunSummary, Observable } from '../../workers/api.ts';

export interface EngineOptions {
  readonly factory: WorkerFactory;
  /** Workers in the pool (≥ 1). */
  readonly threads: number;
  /** Share state between workers (needs SharedArrayBuffer: cross-origin isolation in a browser). */
  readonly shared: boolean;
  /** Why the pool is smaller than asked, for the UI (e.g. 'not cross-origin isolated'). */
  readonly reason?: string;
  /** Memory budget for one state, bytes. */
  readonly memoryBudget: number;
  /** States below this many qubits stay on one thread (default PARALLEL_MIN_QUBITS). */
  readonly parallelMinQubits?: number;
  /** Steps with fewer work items stay on the leader (default PARALLEL_MIN_WORK). */
  readonly minParallelWork?: number;
  /** Most workers the pool may have here (the factories allow 4× the machine's cores). */
  readonly maxThreads?: number;
}

/** Refuses engine options that would hang (1000 workers on 2 cores) or quietly mean something else. */
function checkEngineOptions(options: EngineOptions): void {
  const most = options.maxThreads ?? Number.POSITIVE_INFINITY;
  if (!(Number.isInteger(options.threads) && options.threads >= 1 && options.threads <= most)) {
    fail('invalid-argument', `threads must be a whole number 1…${most}, got ${String(options.threads)}`, {
      hint: 'leave it out for one thread per core; more workers than cores only compete for them',
    });
  }
  if (!(typeof options.memoryBudget === 'number' && options.memoryBudget > 0)) {
    fail('invalid-argument', `memoryBudget must be a positive number of bytes, got ${String(options.memoryBudget)}`, { hint: 'e.g. 4 * 1024 ** 3 for 4 GiB, or leave it out for the default' });
  }
  checkCount(options.parallelMinQubits, 'parallelMinQubits', 0);
  if (options.minParallelWork !== undefined && !(typeof options.minParallelWork === 'number' && options.minParallelWork >= 0)) {
    fail('invalid-argument', `minParallelWork must be a number ≥ 0, got ${String(options.minParallelWork)}`);
  }
}

export interface RunOptions {
  readonly params?: Record<string, number>;
  readonly seed?: number;
  readonly backend?: BackendPreference;
  /** 'double' (default) or 'single': half the memory (one more qubit), TypeScript kernels, ≈ 1e-7 relative error per gate. */
  readonly precision?: Precision;
  readonly fuse?: boolean;
  /** Threads for this run (default: the pool's, or 1 below the threshold). */
  readonly threads?: number;
  /** Progress reports (throttled in the worker to one per `progressIntervalMs`, and one at the end). */
  readonly onProgress?: (event: ProgressEvent) => void;
  readonly progressIntervalMs?: number;
  /** Requests in the same lane supersede each other (e.g. 'live' while the user edits). */
  readonly lane?: string;
  /** false: no cache blocking, one pass (and one barrier) per step. */
  readonly tiling?: false;
}

/** A run's summary from the leader, plus what the followers did. */
export interface EngineRunSummary extends RunSummary {
  /** Chunks each follower ran (empty when the run stayed on one thread). */
  readonly followerChunks: number[];
}

export interface SweepOptions {
  readonly backend?: BackendPreference;
  /** Parameter sets per worker call (default: about 8 calls per worker). */
  readonly batchSize?: number;
  /** Called as each batch completes: `values[j]` is observable j for parameter set `index`. */
  readonly onResult?: (index: number, values: Float64Array) => void;
  /** Workers to use (default: the whole pool). */
  readonly workers?: number;
  readonly lane?: string;
}

export interface EngineInfo {
  /** Workers that share one simulation (1 without cross-origin isolation). */
  readonly threads: number;
  readonly reason?: string;
  readonly sharedMemory: boolean;
  readonly memoryBudget: number;
  readonly workers: WorkerInfo[];
}

/** A circuit sent once to the engine; later runs and sweeps refer to it cheaply. */
export interface LoadedCircuit {
  readonly key: string;
  readonly numQubits: number;
  readonly json: CircuitJSON;
}

let nextKey = 1;
let nextRunId = 1;

function asJSON(circuit: CircuitJSON | string): CircuitJSON {
  if (typeof circuit === 'string') return parseJsonText(circuit, 'the circuit') as CircuitJSON;
  if (typeof circuit !== 'object' || circuit === null || Array.isArray(circuit)) {
    fail('invalid-circuit', `a circuit must be a JSON object or its text, got ${circuit === null ? 'null' : Array.isArray(circuit) ? 'an array' : typeof circuit}`, {
      hint: 'e.g. {"numQubits": 2, "ops": [{"gate": "h", "qubits": [0]}]}',
    });
  }
  return circuit;
}

function isLoaded(circuit: unknown): circuit is LoadedCircuit {
  return typeof circuit === 'object' && circuit !== null && 'key' in circuit && 'json' in circuit;
}

/** An option that counts something (threads, workers, a batch size): a whole number ≥ min, if given. */
function checkCount(value: unknown, name: string, min: number): void {
  if (value !== undefined && !(Number.isInteger(value) && (value as number) >= min)) {
    fail('invalid-argument', `${name} must be a whole number ≥ ${min}, got ${typeof value === 'string' ? JSON.stringify(value) : String(value)}`);
  }
}

/** A job refused before it is queued (bad input): same shape as any other job. */
function refused<T>(error: unknown): JobHandle<T> {
  const promise = Promise.reject(error);
  promise.catch(() => undefined);
  return { promise, cancel: () => undefined };
}

function qubitCount(json: CircuitJSON): number {
  const n = (json as { numQubits?: unknown }).numQubits;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) fail('invalid-circuit', `numQubits must be a whole number ≥ 0, got ${String(n)}`);
  return n;
}

/**
 * The main-thread simulator: a pool of workers behind one queue. Every call returns a JobHandle
 * (a promise and cancel). Statistics read the last run's state, which stays in the pool.
 */
export class SimulatorEngine {
  readonly pool: WorkerPool;
  private readonly queue: SimulationQueue;
  private readonly options: EngineOptions;
  private lastRun: EngineRunSummary | undefined;

  constructor(options: EngineOptions) {
    checkEngineOptions(options);
    this.options = options;
    this.pool = new WorkerPool({ size: options.threads, factory: options.factory, memoryBudget: options.memoryBudget, shared: options.shared });
    this.queue = new SimulationQueue(async () => {
      await this.pool.ready();
      if (this.pool.control) clearCancel(this.pool.control);
    });
  }

  async info(): Promise<EngineInfo> {
    const workers = await this.pool.ready();
    const shared = this.pool.control !== null && workers.every((w) => w.sharedMemory);
    return {
      threads: shared ? this.pool.size : 1,
      ...(this.options.reason ? { reason: this.options.reason } : {}),
      sharedMemory: shared,
      memoryBudget: this.pool.budget,
      workers,
    };
  }

  /** Reports workers that died unexpectedly (they are replaced; the run they were in fails). */
  onWorkerDeath(listener: (report: DeathReport) => void): () => void {
    return this.pool.onDeath(listener);
  }

  load(circuit: CircuitJSON | string): LoadedCircuit {
    const json = asJSON(circuit);
    return { key: `c${nextKey++}`, numQubits: qubitCount(json), json };
  }

  setMemoryBudget(bytes: number): Promise<void> {
    if (!(bytes > 0) || !Number.isFinite(bytes)) fail('invalid-argument', `memory budget must be a positive number of bytes, got ${bytes}`);
    return this.pool.setMemoryBudget(bytes).then(() => undefined);
  }

  /** Simulates a circuit into the pool's state; resolves with a summary (statistics are separate calls). */
  run(circuit: CircuitJSON | string | LoadedCircuit, options: RunOptions = {}): JobHandle<EngineRunSummary> {
    let loaded: LoadedCircuit;
    try {
      loaded = isLoaded(circuit) ? circuit : this.load(circuit);
      checkCount(options.threads, 'threads', 1);
      if (options.seed !== undefined) checkSeed(options.seed);
      if (options.progressIntervalMs !== undefined && !(options.progressIntervalMs >= 0)) {
        fail('invalid-argument', `progressIntervalMs must be ≥ 0, got ${String(options.progressIntervalMs)}`);
      }
    } catch (error) {
      return refused(error);
    }
    return this.queue.submit((context) => this.runJob(loaded, options, context), options.lane !== undefined ? { lane: options.lane } : {});
  }

  private async runJob(loaded: LoadedCircuit, options: RunOptions, context: JobContext): Promise<EngineRunSummary> {
    const n = loaded.numQubits;
    checkStateFits(n, this.pool.budget, options.precision ?? 'double'); // refuse before any worker allocates
    const shared = this.pool.control !== null;
    const wanted = options.threads ?? threadsFor(n, this.pool.size, this.options.parallelMinQubits ?? PARALLEL_MIN_QUBITS);
    const followersWanted = shared ? Math.max(0, Math.min(this.pool.size, wanted) - 1) : 0;
    const runId = nextRunId++;
    const ref: CircuitRef = { json: loaded.json, key: loaded.key };
    this.installStop(context, [0]);

    const prepared: PreparedRun = await this.pool.call(0, (api) =>
      api.prepare({
        circuit: ref,
        runId,
        followers: followersWanted,
        ...(options.params ? { params: options.params } : {}),
        ...(options.backend ? { backend: options.backend } : {}),
        ...(options.precision ? { precision: options.precision } : {}),
        ...(options.fuse !== undefined ? { fuse: options.fuse } : {}),
      }),
    );
    if (context.stopReason) throw new EngineError('cancelled', 'cancelled');
    const follow: FollowRequest | undefined = prepared.follow && (options.tiling === false ? { ...prepared.follow, tiling: false } : prepared.follow);
    const followers = follow ? followersWanted : 0;
    const followerCalls = Array.from({ length: followers }, (_, k) => this.pool.call(k + 1, (api) => api.follow(follow!)));
    const progress = options.onProgress ? Comlink.proxy(options.onProgress) : undefined;
    const execution = this.pool.call(0, (api) =>
      api.execute(
        {
          runId,
          followers,
          minParallelWork: this.options.minParallelWork ?? PARALLEL_MIN_WORK,
          ...(options.seed !== undefined ? { seed: options.seed } : {}),
          ...(options.tiling === false ? { tiling: false as const } : {}),
          ...(options.progressIntervalMs !== undefined ? { progressIntervalMs: options.progressIntervalMs } : {}),
        },
        progress,
      ),
    );
    const settled = await Promise.allSettled([execution, ...followerCalls]);
    const died = settled.find((r) => r.status === 'rejected' && isEngineError(r.reason, 'worker-died'));
    if (died) throw (died as PromiseRejectedResult).reason;
    const failed = settled.find((r) => r.status === 'rejected');
    if (failed) throw (failed as PromiseRejectedResult).reason;
    const leader = (settled[0] as PromiseFulfilledResult<RunSummary>).value;
    if (!leader.completed) throw new EngineError('cancelled', 'cancelled');
    const summary: EngineRunSummary = { ...leader, followerChunks: settled.slice(1).map((r) => (r as PromiseFulfilledResult<{ chunks: number }>).value.chunks) };
    this.lastRun = summary;
    return summary;
  }

  /** On cancel: raise the shared flag, or (nothing shared) stop the busy workers, which are replaced. */
  private installStop(context: JobContext, busy: number[]): void {
    context.onStop(() => {
      if (this.pool.control) raiseCancel(this.pool.control, CANCEL_REQUESTED);
      else for (const i of busy) this.pool.kill(i, true);
    });
  }

  /** Summary of the last completed run (undefined before the first). */
  get last(): EngineRunSummary | undefined {
    return this.lastRun;
  }

  /** Probabilities of the last state, or marginals over `qubits` (a transferred buffer, no copy on this side). */
  probabilities(qubits?: readonly number[]): JobHandle<Float64Array> {
    return this.queue.submit(() => this.pool.call(0, (api) => api.probabilities(qubits)));
  }

  /** Seeded shots from the last state: basis index → count. */
  sample(shots: number, seed: number): JobHandle<Map<number, number>> {
    return this.queue.submit(async () => {
      const { outcomes, counts } = await this.pool.call(0, (api) => api.sample(shots, seed));
      const map = new Map<number, number>();
      outcomes.forEach((o, i) => map.set(o, counts[i]!));
      return map;
    });
  }

  /** ⟨O⟩ for each observable (a Pauli string or a weighted Pauli sum) on the last state. */
  expectations(observables: readonly Observable[]): JobHandle<number[]> {
    return this.queue.submit(() => this.pool.call(0, (api) => api.expectations(observables)));
  }

  bloch(qubits?: readonly number[]): JobHandle<[number, number, number][]> {
    return this.queue.submit(() => this.pool.call(0, (api) => api.bloch(qubits)));
  }

  /**
   * The last state's amplitudes as a view of the pool's shared memory (interleaved re, im): no
   * copy. Null when the state is private (no shared memory). Valid until the next run.
   */
  stateView(): JobHandle<Amplitudes | null> {
    return this.queue.submit(async () => {
      const memory = await this.pool.call(0, async (api) => (await api.stateMemory()) as StateMemory | null);
      return memory ? amplitudesIn(memory) : null;
    });
  }

  /**
   * Evaluates the observables for each parameter set, whole evaluations spread over the pool;
   * results stream through `onResult` as batches complete. Resolves with all values (set i,
   * observable j at i·m + j).
   */
  sweep(circuit: CircuitJSON | string | LoadedCircuit, paramSets: readonly Record<string, number>[], observables: readonly Observable[], options: SweepOptions = {}): JobHandle<Float64Array> {
    let loaded: LoadedCircuit;
    try {
      loaded = isLoaded(circuit) ? circuit : this.load(circuit);
      if (!Array.isArray(paramSets)) fail('invalid-argument', 'paramSets must be an array of parameter bindings', { hint: 'e.g. [{ "gamma": 0.4, "beta": 0.3 }, …]' });
      paramSets.forEach((set, i) => {
        if (typeof set !== 'object' || set === null || Array.isArray(set)) fail('invalid-argument', `paramSets[${i}] must be an object of name → number`);
      });
      if (!Array.isArray(observables)) fail('invalid-argument', 'observables must be an array', { hint: 'e.g. ["Z0 Z1", "X0"]' });
      checkCount(options.batchSize, 'batchSize', 1);
      checkCount(options.workers, 'workers', 1);
    } catch (error) {
      return refused(error);
    }
    return this.queue.submit((context) => this.sweepJob(loaded, paramSets, observables, options, context), options.lane !== undefined ? { lane: options.lane } : {});
  }

  private async sweepJob(loaded: LoadedCircuit, paramSets: readonly Record<string, number>[], observables: readonly Observable[], options: SweepOptions, context: JobContext): Promise<Float64Array> {
    const workers = Math.max(1, Math.min(this.pool.size, options.workers ?? this.pool.size));
    checkStateFits(loaded.numQubits, this.pool.budget);
    const m = observables.length;
    const total = paramSets.length;
    const batch = options.batchSize ?? Math.max(1, Math.min(64, Math.ceil(total / (workers * 8))));
    const out = new Float64Array(total * m).fill(Number.NaN);
    const ref: CircuitRef = { json: loaded.json, key: loaded.key };
    this.installStop(context, Array.from({ length: workers }, (_, i) => i));
    let next = 0;
    const worker = async (w: number) => {
      while (next < total && !context.stopReason) {
        const start = next;
        const sets = paramSets.slice(start, Math.min(total, start + batch));
        next += sets.length;
        const request: BatchRequest = { circuit: ref, paramSets: sets, observables, ...(options.backend ? { backend: options.backend } : {}) };
        const values = await this.pool.call(w, (api) => api.evaluateBatch(request));
        if (context.stopReason) return;
        out.set(values, start * m);
        if (options.onResult) for (let i = 0; i < sets.length; i++) options.onResult(start + i, values.subarray(i * m, (i + 1) * m));
      }
    };
    const settled = await Promise.allSettled(Array.from({ length: workers }, (_, w) => worker(w)));
    const failed = settled.find((r) => r.status === 'rejected');
    if (failed) throw (failed as PromiseRejectedResult).reason;
    if (context.stopReason) throw new EngineError('cancelled', 'cancelled');
    return out;
  }

  /** Stops the running job and drops waiting ones. */
  cancelAll(): void {
    this.queue.cancelAll();
  }

  /** Stops worker i as a crash would (used by tests of recovery); it is replaced. */
  killWorker(index: number): void {
    if (!(Number.isInteger(index) && index >= 0 && index < this.pool.size)) fail('invalid-argument', `worker ${index} does not exist: the pool has workers 0…${this.pool.size - 1}`);
    this.pool.kill(index);
  }

  dispose(): void {
    this.queue.cancelAll();
    this.pool.dispose();
  }
}
