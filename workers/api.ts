/**
 * Worker-side simulator API, shared by the browser worker (sim.worker.ts) and the
 * Node worker_threads entry (node-entry.ts). No DOM and no Node APIs here.
 */
import { transfer } from 'comlink';
import { Circuit, simulate, probabilities, BIT_ORDER_NOTE } from '../src/core/index.ts';
import type { CircuitJSON } from '../src/core/index.ts';

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

export const simulatorApi = {
  /** Liveness check; the answer names the scope the worker runs in. */
  async ping(): Promise<string> {
    const { environment } = describeExecutionContext();
    return `pong from ${environment}`;
  },

  /**
   * Validates `json` (Circuit.fromJSON throws SuperposeError on bad input), simulates it and
   * returns the basis-state probabilities. The probabilities buffer is transferred, not copied.
   */
  async runCircuit(json: CircuitJSON, options: RunCircuitOptions = {}): Promise<RunCircuitResult> {
    const start = now();
    const circuit = Circuit.fromJSON(json);
    const result = simulate(circuit, { params: options.params ?? {}, seed: options.seed ?? 1 });
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
};

export type SimulatorApi = typeof simulatorApi;
