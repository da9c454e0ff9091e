/**
 * Worker-side simulator API, shared by the browser worker (sim.worker.ts) and the Node
 * worker_threads entry (node-entry.ts). No DOM and no Node APIs here.
 *
 * A worker is one member of a pool (src/engine/pool.ts). For a state run, one worker leads:
 * `prepare` compiles the circuit and allocates the shared state, the others `follow`, and
 * `execute` walks the program (src/core/parallel/executor.ts). Statistics (`probabilities`,
 * `sample`, `expectations`, `bloch`) read the leader's last state. `evaluateBatch` runs whole
 * evaluations on a private state (sweeps spread parameter sets over the pool). Later issues
 * add their calls here.
 */
import { releaseProxy, transfer } from 'comlink';
import {
  availableBackends, BIT_ORDER_NOTE, chooseBackend, Circuit, compileProgram, createRng, expectationPauliSum, fail, toPauliTerms, marginalProbabilities, probabilities, sampleShots,
  simulate, StateVector, blochVector, checkStateFits, stateBytes,
  type Amplitudes, type BackendName, type BackendPreference, type CircuitJSON, type Precision, type MeasurementRecord, type PauliTerm, type Program,
} from '../src/core/index.ts';
import {
  cancelState, CANCEL_ABORT, CANCEL_NONE, beginRun, raiseCancel, createProgressTracker, followProgram, leadProgram, PARALLEL_MIN_WORK,
  type FollowerResult, type ProgressEvent,
} from '../src/core/parallel/index.ts';
import { allocateState, attachState, sharingAvailable, type SharedState, type StateMemory } from './shared-state.ts';
import { compileObservable, evaluateObservable } from './observables.ts';
import { installErrorDetails } from './wire-errors.ts';

installErrorDetails();

export interface RunCircuitOptions {
  /** Values for symbolic gate parameters, by name. */
  params?: Record<string, number>;
  /** Seed for any randomness in the simulation (measurement sampling). */
  seed?: number;
}

export interface RunCircuitResult {
  /** Probability of each basis state; index bit i is qubit i (qubit 0 = least-significant). */
  probabilities: Float64Array;
  numQubits: number;
  /** Kernel backend the simulator used, e.g. 'wasm' or 'ts'. */
  backend: string;
  /** Human-readable note on the bit order of `probabilities` indices. */
  bitOrder: string;
  /** Where the simulation ran, e.g. 'DedicatedWorkerGlobalScope' or 'node:worker_threads'. */
  environment: string;
  /** True when the simulation ran off the main thread (a Web Worker or a Node worker thread). */
  inWorker: boolean;
  /** Wall-clock time of the simulation inside the worker, in milliseconds. */
  elapsedMs: number;
}

interface ExecutionContext {
  environment: string;
  inWorker: boolean;
}

let contextOverride: ExecutionContext | undefined;

/** Lets a non-browser entry (the Node worker) say where the API is running. */
export function setExecutionContext(context: ExecutionContext): void {
  contextOverride = context;
}

/** Describes the global scope this module runs in, without touching the DOM. */
export function describeExecutionContext(): ExecutionContext {
  if (contextOverride) return contextOverride;
  const g = globalThis as { WorkerGlobalScope?: abstract new () => unknown; constructor?: { name?: string } };
  if (typeof g.WorkerGlobalScope === 'function' && globalThis instanceof g.WorkerGlobalScope) {
    return { environment: g.constructor?.name || 'WorkerGlobalScope', inWorker: true };
  }
  return { environment: g.constructor?.name || 'unknown', inWorker: false };
}

const now = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/**
 * A Float64Array whose buffer can be transferred: the array must own the whole of a
 * plain ArrayBuffer (not a view into WebAssembly memory or a SharedArrayBuffer).
 */
function ownedCopyIfNeeded(probs: Float64Array): Float64Array {
  const buffer = probs.buffer;
  const ownsWholeBuffer =
    buffer instanceof ArrayBuffer && probs.byteOffset === 0 && probs.byteLength === buffer.byteLength;
  return ownsWholeBuffer ? probs : new Float64Array(probs);
}

/** How this worker takes part in its pool (sent once by the engine after spawning it). */
export interface WorkerSetup {
  /** Position in the pool; also the wasm scratch slot of this worker's kernels. */
  readonly index: number;
  /** The pool's shared control block (null where nothing can be shared). */
  readonly control: Int32Array | null;
  /** Memory budget for states, in bytes. */
  readonly memoryBudget: number;
}

export interface WorkerInfo {
  readonly environment: string;
  readonly inWorker: boolean;
  readonly backends: string[];
  /** The most qubits each backend holds here (wasm 27; wasm64 what 64-bit memory allows, 29 in Chromium), before any memory budget. */
  readonly maxQubits: Partial<Record<BackendName, number>>;
  /** SharedArrayBuffer usable here (cross-origin isolated in a browser). */
  readonly sharedMemory: boolean;
}

/** A circuit as sent by the engine: JSON plus an optional key under which the worker caches the parsed circuit. */
export interface CircuitRef {
  readonly json: CircuitJSON | string;
  readonly key?: string;
}

export interface PrepareRequest {
  readonly circuit: CircuitRef;
  readonly params?: Record<string, number>;
  readonly backend?: BackendPreference;
  /** 'double' (default) or 'single' (half the memory, TypeScript kernels). */
  readonly precision?: Precision;
  readonly fuse?: boolean;
  readonly runId: number;
  /** Followers the engine will ask to join; the program and the memory are returned for them. */
  readonly followers: number;
}

export interface PreparedRun {
  readonly runId: number;
  readonly numQubits: number;
  readonly backend: BackendName;
  readonly passes: number;
  readonly steps: number;
  /** Only when followers were asked for: what each of them needs. */
  readonly follow?: FollowRequest;
}

export interface FollowRequest {
  readonly runId: number;
  readonly stateId: string;
  readonly program: Program;
  readonly memory: StateMemory;
  readonly tiling?: false;
}

export interface ExecuteRequest {
  readonly runId: number;
  readonly seed?: number;
  readonly followers: number;
  readonly minParallelWork?: number;
  /** Minimum time between progress reports, ms (default 100). */
  readonly progressIntervalMs?: number;
  /** Cache blocking (default on, as in the core); false: one barrier per step (to measure sync cost). */
  readonly tiling?: false;
}

export interface RunSummary {
  readonly numQubits: number;
  readonly backend: BackendName;
  readonly precision: Precision;
  readonly passes: number;
  readonly steps: number;
  readonly threads: number;
  readonly seed: number;
  readonly clbits: Uint8Array;
  readonly measurements: MeasurementRecord[];
  readonly completed: boolean;
  readonly elapsedMs: number;
  /** Steps split over the pool, and the leader's total wait at their barriers. */
  readonly parallelSteps: number;
  readonly barrierWaitMs: number;
  readonly environment: string;
  readonly bitOrder: string;
}

/** An observable for sweeps and statistics: a Pauli sum (a single string is one term of weight 1). */
export type Observable = string | readonly PauliTerm[];

export interface BatchRequest {
  readonly circuit: CircuitRef;
  readonly paramSets: readonly Record<string, number>[];
  readonly observables: readonly Observable[];
  readonly backend?: BackendPreference;
  readonly seed?: number;
}

export type ProgressCallback = (event: ProgressEvent) => void;

// ---- per-worker state ----

let setup: WorkerSetup = { index: 0, control: null, memoryBudget: 2 * 1024 ** 3 };
const circuitCache = new Map<string, Circuit>();
let current: SharedState | undefined;
let prepared: { runId: number; program: Program; shared: SharedState } | undefined;
let followed: { stateId: string; data: Amplitudes; kernels: ReturnType<typeof attachState>['kernels'] } | undefined;
let privateState: StateVector | undefined;

function loadCircuit(ref: CircuitRef): Circuit {
  if (ref.key !== undefined) {
    const cached = circuitCache.get(ref.key);
    if (cached) return cached;
  }
  const circuit = Circuit.fromJSON(ref.json as CircuitJSON);
  if (ref.key !== undefined) {
    if (circuitCache.size >= 16) circuitCache.delete(circuitCache.keys().next().value!);
    circuitCache.set(ref.key, circuit);
  }
  return circuit;
}

function currentState(): StateVector {
  if (!current) return fail('invalid-argument', 'no state yet: run a circuit first');
  return current.state;
}

function toTerms(observable: Observable, index: number): readonly PauliTerm[] {
  return toPauliTerms(observable, `observables[${index}]`);
}

/** The list itself: a UI message may carry anything. */
function checkObservables(observables: unknown): asserts observables is readonly Observable[] {
  if (!Array.isArray(observables)) fail('invalid-argument', `observables must be an array, got ${observables === null ? 'null' : typeof observables}`, { hint: 'e.g. ["Z0 Z1", "X0"]' });
}

export const simulatorApi = {
  /** Liveness check; the answer names the scope the worker runs in. */
  async ping(): Promise<string> {
    const { environment } = describeExecutionContext();
    return `pong from ${environment}`;
  },

  /** Joins a pool: index, control block, memory budget. */
  setup(config: WorkerSetup): WorkerInfo {
    setup = config;
    const { environment, inWorker } = describeExecutionContext();
    const backends = availableBackends() as BackendName[];
    const maxQubits = Object.fromEntries(backends.map((name) => [name, chooseBackend(0, name).maxQubits]));
    return { environment, inWorker, backends, maxQubits, sharedMemory: sharingAvailable() };
  },

  setMemoryBudget(bytes: number): void {
    if (!(bytes > 0) || !Number.isFinite(bytes)) fail('invalid-argument', `memory budget must be a positive number of bytes, got ${bytes}`);
    setup = { ...setup, memoryBudget: bytes };
  },

  /**
   * Leader, step 1: compiles the circuit and allocates (or reuses) the shared state, after the
   * memory guard. Returns what followers need when the engine asks for some.
   */
  prepare(request: PrepareRequest): PreparedRun {
    const circuit = loadCircuit(request.circuit);
    const fuse = request.fuse ?? true;
    const program = compileProgram(circuit, { params: request.params ?? {}, fuse, fromZeroState: fuse }); // every run starts from |0…0⟩
    const n = circuit.numQubits;
    const preference = request.backend ?? 'auto';
    const precision = request.precision ?? 'double';
    const reusable = current && current.state.numQubits === n && current.state.precision === precision && (preference === 'auto' || preference === current.state.backendName);
    if (reusable) {
      current!.state.setBasis(0);
    } else {
      // Let the old state go before allocating the new one (both may not fit at once).
      current = undefined;
      prepared = undefined;
      current = allocateState(n, preference, setup.memoryBudget, setup.index, precision);
    }
    const shared = current!;
    const canFollow = request.followers > 0 && setup.control !== null && shared.memory.kind !== 'private';
    if (setup.control) beginRun(setup.control, request.runId);
    prepared = { runId: request.runId, program, shared };
    return {
      runId: request.runId,
      numQubits: n,
      backend: shared.state.backendName,
      passes: program.passes,
      steps: program.steps.length,
      ...(canFollow ? { follow: { runId: request.runId, stateId: shared.id, program, memory: shared.memory } } : {}),
    };
  },

  /** Follower: takes chunks of every published step until the leader ends the run. Blocks this worker meanwhile. */
  follow(request: FollowRequest): FollowerResult {
    const control = setup.control;
    if (!control) return fail('internal', 'follow needs a shared control block');
    if (!followed || followed.stateId !== request.stateId) {
      const { data, kernels } = attachState(request.memory, setup.index);
      followed = { stateId: request.stateId, data, kernels };
    }
    return followProgram(request.program, followed.data, followed.kernels, control, request.runId, request.tiling ?? {});
  },

  /** Leader, step 2: runs the prepared program (with the followers, if any joined). */
  execute(request: ExecuteRequest, onProgress?: ProgressCallback): RunSummary {
    if (!prepared || prepared.runId !== request.runId) return fail('internal', `run ${request.runId} was not prepared on this worker`);
    const { program, shared } = prepared;
    const start = now();
    const seed = request.seed ?? Math.floor(Math.random() * 2 ** 32);
    const followers = shared.memory.kind === 'private' ? 0 : request.followers;
    let rng: ReturnType<typeof createRng>;
    try {
      rng = createRng(seed);
    } catch (error) {
      // The followers already wait for this run: release them before refusing it.
      if (followers > 0 && setup.control) raiseCancel(setup.control, CANCEL_ABORT);
      throw error;
    }
    const tracker = onProgress ? createProgressTracker(program, now, request.progressIntervalMs ?? 100, (e) => void onProgress(e)) : undefined;
    const result = leadProgram(program, shared.state, rng, {
      control: setup.control,
      followers,
      minParallelWork: request.minParallelWork ?? PARALLEL_MIN_WORK,
      ...(request.tiling !== undefined ? { tiling: request.tiling } : {}),
      ...(tracker ? { onSteps: (from: number, count: number) => tracker.stepsDone(from, count) } : {}),
    });
    if (result.completed) tracker?.finish();
    // The callback is a comlink proxy (a MessagePort per run): release it now rather than at GC.
    (onProgress as unknown as { [releaseProxy]?: () => void } | undefined)?.[releaseProxy]?.();
    const { environment } = describeExecutionContext();
    return {
      numQubits: program.numQubits,
      backend: shared.state.backendName,
      precision: shared.state.precision,
      passes: program.passes,
      steps: program.steps.length,
      threads: followers + 1,
      seed,
      clbits: result.clbits,
      measurements: result.measurements,
      completed: result.completed,
      elapsedMs: now() - start,
      parallelSteps: result.stats.parallelSteps,
      barrierWaitMs: result.stats.barrierWaitMs,
      environment,
      bitOrder: BIT_ORDER_NOTE,
    };
  },

  /** Probabilities of the last state (marginal over `qubits` when given); the buffer is transferred. */
  probabilities(qubits?: readonly number[]): Float64Array {
    const state = currentState();
    const probs = ownedCopyIfNeeded(qubits ? marginalProbabilities(state, qubits) : probabilities(state));
    return transfer(probs, [probs.buffer as ArrayBuffer]);
  },

  /** Seeded shots from the last state: outcomes (basis indices) and their counts, transferred. */
  sample(shots: number, seed: number): { outcomes: Float64Array; counts: Float64Array } {
    const counts = sampleShots(currentState(), shots, seed);
    const outcomes = Float64Array.from(counts.keys());
    const values = Float64Array.from(counts.values());
    return transfer({ outcomes, counts: values }, [outcomes.buffer, values.buffer]);
  },

  /** ⟨O⟩ of each observable (Pauli sums) on the last state. */
  expectations(observables: readonly Observable[]): number[] {
    const state = currentState();
    checkObservables(observables);
    return observables.map((o, i) => expectationPauliSum(state, toTerms(o, i)));
  },

  /** Bloch vectors [x, y, z] of the given qubits (all by default) on the last state. */
  bloch(qubits?: readonly number[]): [number, number, number][] {
    const state = currentState();
    const list = qubits ?? Array.from({ length: state.numQubits }, (_, q) => q);
    return list.map((q) => blochVector(state, q));
  },

  /** The last state's memory, shared with the caller without a copy (null when it is private). */
  stateMemory(): StateMemory | null {
    if (!current || current.memory.kind === 'private') return null;
    return current.memory;
  },

  /**
   * Whole evaluations on this worker's private state: for each parameter set, simulate and take
   * every observable. Returns values row by row (set i, observable j at i·m + j), transferred.
   * Stops early (returning the rows done, NaN after) when the pool's cancel flag is raised.
   */
  evaluateBatch(request: BatchRequest): Float64Array {
    const circuit = loadCircuit(request.circuit);
    const n = circuit.numQubits;
    checkStateFits(n, setup.memoryBudget);
    if (!privateState || privateState.numQubits !== n) {
      privateState = undefined;
      privateState = StateVector.zero(n, { backend: request.backend ?? 'auto', maxBytes: setup.memoryBudget });
    }
    const m = request.observables.length;
    checkObservables(request.observables);
    const compiled = request.observables.map((o, i) => compileObservable(toTerms(o, i), n));
    const out = new Float64Array(request.paramSets.length * m).fill(Number.NaN);
    for (let i = 0; i < request.paramSets.length; i++) {
      if (cancelState(setup.control) !== CANCEL_NONE) break;
      simulate(circuit, { params: request.paramSets[i]!, seed: request.seed ?? 1, reuseState: privateState }); // from |0…0⟩ in place
      for (let j = 0; j < m; j++) out[i * m + j] = evaluateObservable(privateState, compiled[j]!);
    }
    return transfer(out, [out.buffer]);
  },

  /**
   * Validates `json` (Circuit.fromJSON throws SuperposeError on bad input), simulates it and
   * returns the basis-state probabilities. The probabilities buffer is transferred, not copied.
   */
  async runCircuit(json: CircuitJSON, options: RunCircuitOptions = {}): Promise<RunCircuitResult> {
    const start = now();
    const circuit = Circuit.fromJSON(json);
    checkStateFits(circuit.numQubits, setup.memoryBudget);
    const result = simulate(circuit, { params: options.params ?? {}, seed: options.seed ?? 1, maxBytes: setup.memoryBudget });
    const probs = ownedCopyIfNeeded(probabilities(result.state));
    const { environment, inWorker } = describeExecutionContext();
    const payload: RunCircuitResult = {
      probabilities: probs,
      numQubits: result.state.numQubits,
      backend: result.backendName,
      bitOrder: BIT_ORDER_NOTE,
      environment,
      inWorker,
      elapsedMs: now() - start,
    };
    return transfer(payload, [probs.buffer as ArrayBuffer]);
  },

  /** Bytes an n-qubit state needs (for the engine's guard messages). */
  stateBytes(numQubits: number): number {
    return stateBytes(numQubits);
  },
};

export type SimulatorApi = typeof simulatorApi;
