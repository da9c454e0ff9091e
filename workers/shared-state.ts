/**
 * Shared state allocation for a pool run: a shared WebAssembly.Memory when the wasm backend is
 * used (every worker instantiates the kernels on it, in its own scratch slot), otherwise a
 * SharedArrayBuffer-backed Float64Array for the TypeScript kernels. Falls back to plain memory
 * where nothing can be shared (a page without cross-origin isolation).
 */
import {
  checkStateFits, createWasmKernels, fail, formatBytes, stateBytes, StateVector, tsKernels, wasmPagesFor, wasmSupport,
  WASM_MAX_QUBITS, WASM_STATE_OFFSET, type Amplitudes, type BackendPreference, type Kernels, type Precision,
} from '../src/core/index.ts';
import { availableBackends } from '../src/core/sim/backends.ts';

/** What a follower needs to reach the state: the memory itself, never a copy. */
export type StateMemory =
  | { readonly kind: 'wasm'; readonly memory: WebAssembly.Memory; readonly numQubits: number }
  | { readonly kind: 'ts'; readonly buffer: SharedArrayBuffer; readonly numQubits: number; readonly precision: Precision }
  | { readonly kind: 'private'; readonly numQubits: number };

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

function pickBackend(numQubits: number, preference: BackendPreference, precision: Precision): 'wasm' | 'ts' {
  const wasmOk = availableBackends().includes('wasm') && numQubits <= WASM_MAX_QUBITS && precision === 'double';
  if (preference === 'ts') return 'ts';
  if (preference === 'wasm') {
    if (precision !== 'double') fail('invalid-argument', 'the wasm backend holds double-precision states only', { hint: 'use backend "auto" or "ts" for precision "single"' });
    if (!wasmOk) fail('invalid-argument', `the wasm backend is not available for ${numQubits} qubits here`, { hint: 'use backend "auto" or "ts"' });
    return 'wasm';
  }
  return wasmOk ? 'wasm' : 'ts';
}

function allocationFailed(numQubits: number, precision: Precision, error: unknown): never {
  return fail('too-large', `could not allocate a ${numQubits}-qubit state (${formatBytes(stateBytes(numQubits, precision))}): ${(error as Error).message}`, {
    hint: 'the budget allowed it but the runtime refused: lower the budget or the qubit count',
  });
}

/** Allocates |0…0⟩ on n qubits in memory the pool can share, after the memory guard. */
export function allocateState(numQubits: number, preference: BackendPreference, maxBytes: number, slot: number, precision: Precision = 'double'): SharedState {
  checkStateFits(numQubits, maxBytes, precision);
  const backend = pickBackend(numQubits, preference, precision);
  const share = sharingAvailable();
  try {
    if (backend === 'wasm' && share && wasmSupport().sharedMemory) {
      const pages = wasmPagesFor(numQubits);
      const memory = new WebAssembly.Memory({ initial: pages, maximum: pages, shared: true });
      const kernels = createWasmKernels(memory, { shared: true, slot });
      const data = new Float64Array(memory.buffer, WASM_STATE_OFFSET, 2 * 2 ** numQubits);
      const state = StateVector.over(numQubits, data, kernels);
      state.setBasis(0);
      return { id: newStateId(), state, memory: { kind: 'wasm', memory, numQubits } };
    }
    if (share) {
      const buffer = new SharedArrayBuffer(stateBytes(numQubits, precision));
      const state = StateVector.over(numQubits, amplitudesOver(buffer, precision, 2 * 2 ** numQubits), tsKernels);
      state.setBasis(0);
      return { id: newStateId(), state, memory: { kind: 'ts', buffer, numQubits, precision } };
    }
    const state = StateVector.zero(numQubits, { backend, maxBytes, precision });
    return { id: newStateId(), state, memory: { kind: 'private', numQubits } };
  } catch (error) {
    if ((error as { name?: string }).name === 'SuperposeError') throw error;
    return allocationFailed(numQubits, precision, error);
  }
}

/** A follower's view of the leader's state: the same amplitudes with its own kernel instance. */
function amplitudesOver(buffer: SharedArrayBuffer, precision: Precision, length: number): Amplitudes {
  return precision === 'single' ? new Float32Array(buffer, 0, length) : new Float64Array(buffer, 0, length);
}

export function attachState(memory: StateMemory, slot: number): { data: Amplitudes; kernels: Kernels } {
  const length = 2 * 2 ** memory.numQubits;
  switch (memory.kind) {
    case 'wasm':
      return { data: new Float64Array(memory.memory.buffer, WASM_STATE_OFFSET, length), kernels: createWasmKernels(memory.memory, { shared: true, slot }) };
    case 'ts':
      return { data: amplitudesOver(memory.buffer, memory.precision, length), kernels: tsKernels };
    case 'private':
      return fail('internal', 'a private state cannot be shared with followers');
  }
}
