/**
 * Shared state allocation for a pool run: a shared WebAssembly.Memory when the wasm backend is
 * used (every worker instantiates the kernels on it, in its own scratch slot), otherwise a
 * SharedArrayBuffer-backed Float64Array (Float32Array in single precision) for the TypeScript kernels. Falls back to plain memory
 * where nothing can be shared (a page without cross-origin isolation).
 */
import {
  checkStateFits, chooseBackend, createWasmKernels, createWasmMemory, fail, formatBytes, stateBytes, StateVector, tsKernels, wasmPagesFor, wasmSupport,
  type Amplitudes, type BackendPreference, type Kernels, type Precision,
} from '../src/core/index.ts';
import { amplitudesIn, type StateMemory } from './state-memory.ts';

export type { StateMemory } from './state-memory.ts';

export interface SharedState {
  /** Unique across workers and restarts, so a follower never mistakes a new state for one it attached before. */
  readonly id: string;
  readonly state: StateVector;
  readonly memory: StateMemory;
}

let nextState = 1;
const workerToken = Math.random().toString(36).slice(2);
const newStateId = (): string => `${workerToken}-${nextState++}`;

export function sharingAvailable(): boolean {
  if ((globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === false) return false;
  return typeof SharedArrayBuffer === 'function';
}

function allocationFailed(numQubits: number, precision: Precision, error: unknown): never {
  return fail('too-large', `could not allocate a ${numQubits}-qubit state (${formatBytes(stateBytes(numQubits, precision))}): ${(error as Error).message}`, {
    hint: 'the budget allowed it but the runtime refused: lower the budget or the qubit count',
  });
}

/** Allocates |0…0⟩ on n qubits in memory the pool can share, after the memory guard. */
export function allocateState(numQubits: number, preference: BackendPreference, maxBytes: number, slot: number, precision: Precision = 'double'): SharedState {
  checkStateFits(numQubits, maxBytes, precision);
  const backend = chooseBackend(numQubits, preference, precision).name;
  const share = sharingAvailable();
  try {
    if ((backend === 'wasm' || backend === 'wasm64') && share && wasmSupport().sharedMemory) {
      const wide = backend === 'wasm64';
      const memory = createWasmMemory(wasmPagesFor(numQubits), { shared: true, wide });
      const kernels = createWasmKernels(memory, { shared: true, slot, wide });
      const shared: StateMemory = { kind: 'wasm', memory, numQubits, wide };
      const state = StateVector.over(numQubits, amplitudesIn(shared)!, kernels);
      state.setBasis(0);
      return { id: newStateId(), state, memory: shared };
    }
    if (share) {
      const shared: StateMemory = { kind: 'ts', buffer: new SharedArrayBuffer(stateBytes(numQubits, precision)), numQubits, precision };
      const state = StateVector.over(numQubits, amplitudesIn(shared)!, tsKernels);
      state.setBasis(0);
      return { id: newStateId(), state, memory: shared };
    }
    const state = StateVector.zero(numQubits, { backend, maxBytes, precision });
    return { id: newStateId(), state, memory: { kind: 'private', numQubits } };
  } catch (error) {
    if ((error as { name?: string }).name === 'SuperposeError') throw error;
    return allocationFailed(numQubits, precision, error);
  }
}

/** A follower's view of the leader's state: the same amplitudes with its own kernel instance. */
export function attachState(memory: StateMemory, slot: number): { data: Amplitudes; kernels: Kernels } {
  const data = amplitudesIn(memory);
  if (memory.kind === 'private' || data === null) return fail('internal', 'a private state cannot be shared with followers');
  return { data, kernels: memory.kind === 'wasm' ? createWasmKernels(memory.memory, { shared: true, slot, wide: memory.wide }) : tsKernels };
}
