import { fail, formatBytes } from '../errors.ts';
import { chooseBackend, type BackendPreference } from './backends.ts';
import type { Kernels } from './kernels.ts';
import { TS_MAX_QUBITS } from './kernels-ts.ts';

/** Bytes of a double-precision state of n qubits: 16·2^n. */
export function stateBytes(numQubits: number): number {
  return 16 * 2 ** numQubits;
}

let defaultMemoryLimit = 2 * 1024 ** 3;

/** The budget a state may use unless a call says otherwise (the engine sets it from free memory in Node). */
export function setDefaultMemoryLimit(bytes: number): void {
  if (!(bytes > 0) || !Number.isFinite(bytes)) fail('invalid-argument', `memory limit must be a positive number of bytes, got ${bytes}`);
  defaultMemoryLimit = bytes;
}

export function getDefaultMemoryLimit(): number {
  return defaultMemoryLimit;
}

/** Refuses up front, with the bytes needed, a state that would not fit the budget. */
export function checkStateFits(numQubits: number, maxBytes = defaultMemoryLimit): void {
  if (numQubits > TS_MAX_QUBITS) {
    fail('too-large', `${numQubits} qubits need ${formatBytes(stateBytes(numQubits))} of state; Superpose simulates at most ${TS_MAX_QUBITS} qubits (16 GiB)`, {
      hint: 'reduce the qubit count, or export the circuit (OpenQASM/Qiskit) and run it on a distributed simulator',
    });
  }
  const need = stateBytes(numQubits);
  if (need > maxBytes) {
    fail('too-large', `a ${numQubits}-qubit state needs ${formatBytes(need)} (16·2^${numQubits} bytes), over the memory limit of ${formatBytes(maxBytes)}`, {
      hint: 'raise the limit (maxBytes / --max-memory) if the machine has the memory, or use fewer qubits',
    });
  }
}

export interface AllocateOptions {
  backend?: BackendPreference;
  maxBytes?: number;
  shared?: boolean;
}

/** A state vector: interleaved complex doubles plus the kernels allowed to touch them. */
export class StateVector {
  readonly numQubits: number;
  readonly data: Float64Array;
  readonly kernels: Kernels;

  private constructor(numQubits: number, data: Float64Array, kernels: Kernels) {
    this.numQubits = numQubits;
    this.data = data;
    this.kernels = kernels;
  }

  /** |0…0⟩ on n qubits. */
  static zero(numQubits: number, options: AllocateOptions = {}): StateVector {
    if (!Number.isInteger(numQubits) || numQubits < 0) fail('invalid-argument', `qubit count must be a whole number ≥ 0, got ${numQubits}`);
    checkStateFits(numQubits, options.maxBytes);
    const backend = chooseBackend(numQubits, options.backend);
    const { data, kernels } = backend.allocate(numQubits, { shared: options.shared ?? false });
    const state = new StateVector(numQubits, data, kernels);
    state.setBasis(0);
    return state;
  }

  /**
   * A state over memory allocated elsewhere (a worker pool's shared memory), without copying.
   * `kernels` must be able to touch `data` (wasm kernels only their own memory).
   */
  static over(numQubits: number, data: Float64Array, kernels: Kernels): StateVector {
    if (data.length !== 2 * 2 ** numQubits) fail('invalid-argument', `a ${numQubits}-qubit state needs ${2 * 2 ** numQubits} doubles, got ${data.length}`);
    return new StateVector(numQubits, data, kernels);
  }

  /** A state from amplitudes (interleaved re, im), copied into backend memory. */
  static fromAmplitudes(amplitudes: ArrayLike<number>, options: AllocateOptions = {}): StateVector {
    const length = amplitudes.length;
    const numQubits = Math.log2(length / 2);
    if (!Number.isInteger(numQubits)) fail('invalid-argument', `amplitude array length ${length} is not 2·2^n`);
    const state = StateVector.zero(numQubits, options);
    state.data.set(amplitudes);
    return state;
  }

  get backendName(): 'ts' | 'wasm' {
    return this.kernels.name;
  }

  get length(): number {
    return 2 ** this.numQubits;
  }

  setBasis(index: number): void {
    this.data.fill(0);
    this.data[2 * index] = 1;
  }

  amplitude(index: number): [number, number] {
    return [this.data[2 * index]!, this.data[2 * index + 1]!];
  }

  /** An explicit copy (the only state-sized allocation besides the state itself). */
  clone(options: AllocateOptions = {}): StateVector {
    return StateVector.fromAmplitudes(this.data, { backend: this.kernels.name, ...options });
  }

  norm2(): number {
    return this.kernels.sumSquares(this.data, 0, this.length);
  }
}
