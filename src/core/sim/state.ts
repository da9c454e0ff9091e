import { fail, formatBytes } from '../errors.ts';
import { chooseBackend, type BackendPreference } from './backends.ts';
import type { Amplitudes, BackendName, Kernels, Precision } from './kernels.ts';
import { TS_MAX_QUBITS } from './kernels-ts.ts';

/** Bytes per amplitude: a complex of two doubles (16) or two floats (8). */
export function bytesPerAmplitude(precision: Precision = 'double'): number {
  return precision === 'single' ? 8 : 16;
}

/** Bytes of a state of n qubits: 16·2^n in double precision, 8·2^n in single. */
export function stateBytes(numQubits: number, precision: Precision = 'double'): number {
  return bytesPerAmplitude(precision) * 2 ** numQubits;
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
export function checkStateFits(numQubits: number, maxBytes = defaultMemoryLimit, precision: Precision = 'double'): void {
  if (precision !== 'double' && precision !== 'single') fail('invalid-argument', `precision must be "double" or "single", got ${JSON.stringify(precision)}`);
  if (!(typeof maxBytes === 'number' && maxBytes > 0)) fail('invalid-argument', `the memory limit must be a positive number of bytes, got ${String(maxBytes)}`, { hint: 'e.g. maxBytes: 2 ** 30 for 1 GiB, or leave it out for the default' });
  if (numQubits > TS_MAX_QUBITS) {
    fail('too-large', `${numQubits} qubits need ${formatBytes(stateBytes(numQubits, precision))} of state; Superpose simulates at most ${TS_MAX_QUBITS} qubits`, {
      hint: 'reduce the qubit count, or export the circuit (OpenQASM/Qiskit) and run it on a distributed simulator',
    });
  }
  const need = stateBytes(numQubits, precision);
  if (need > maxBytes) {
    const perAmplitude = bytesPerAmplitude(precision);
    fail('too-large', `a ${numQubits}-qubit ${precision === 'single' ? 'single-precision ' : ''}state needs ${formatBytes(need)} (${perAmplitude}·2^${numQubits} bytes), over the memory limit of ${formatBytes(maxBytes)}`, {
      hint: precision === 'double'
        ? 'raise the limit (maxBytes / --max-memory) if the machine has the memory, use single precision (half the memory), or use fewer qubits'
        : 'raise the limit (maxBytes / --max-memory) if the machine has the memory, or use fewer qubits',
    });
  }
}

export interface AllocateOptions {
  backend?: BackendPreference;
  maxBytes?: number;
  shared?: boolean;
  /** 'double' (default) or 'single': half the memory, ≈ 1e-7 relative rounding per gate (README: Precision). */
  precision?: Precision;
}

/** A state vector: interleaved complex doubles plus the kernels allowed to touch them. */
export class StateVector {
  readonly numQubits: number;
  readonly data: Amplitudes;
  readonly kernels: Kernels;
  /** 2^n amplitudes (a field: loops read it per iteration, and 2 ** n is a Math.pow call). */
  readonly length: number;

  private constructor(numQubits: number, data: Amplitudes, kernels: Kernels) {
    this.numQubits = numQubits;
    this.data = data;
    this.kernels = kernels;
    this.length = 2 ** numQubits;
  }

  /** |0…0⟩ on n qubits. */
  static zero(numQubits: number, options: AllocateOptions = {}): StateVector {
    if (!Number.isInteger(numQubits) || numQubits < 0) fail('invalid-argument', `qubit count must be a whole number ≥ 0, got ${numQubits}`);
    const precision = options.precision ?? 'double';
    checkStateFits(numQubits, options.maxBytes, precision);
    const backend = chooseBackend(numQubits, options.backend, precision);
    const { data, kernels } = backend.allocate(numQubits, { shared: options.shared ?? false, precision });
    const state = new StateVector(numQubits, data, kernels);
    state.setBasis(0);
    return state;
  }

  /**
   * A state over memory allocated elsewhere (a worker pool's shared memory), without copying.
   * `kernels` must be able to touch `data` (wasm kernels only their own memory).
   */
  static over(numQubits: number, data: Amplitudes, kernels: Kernels): StateVector {
    if (data.length !== 2 * 2 ** numQubits) fail('invalid-argument', `a ${numQubits}-qubit state needs ${2 * 2 ** numQubits} doubles, got ${data.length}`);
    return new StateVector(numQubits, data, kernels);
  }

  /** A state from amplitudes (interleaved re, im), copied into backend memory. */
  static fromAmplitudes(amplitudes: ArrayLike<number>, options: AllocateOptions = {}): StateVector {
    const length = amplitudes.length;
    const numQubits = Math.log2(length / 2);
    if (!Number.isInteger(numQubits)) fail('invalid-argument', `amplitude array length ${length} is not 2·2^n`);
    for (let i = 0; i < length; i++) {
      const a = amplitudes[i]!;
      if (!Number.isFinite(a)) fail('invalid-argument', `amplitude ${i >> 1} has a ${i & 1 ? 'imaginary' : 'real'} part of ${String(a)}`, { where: `amplitudes[${i}]` });
    }
    const state = StateVector.zero(numQubits, options);
    state.data.set(amplitudes);
    return state;
  }

  get backendName(): BackendName {
    return this.kernels.name;
  }

  /** 'single' when the amplitudes are stored as floats. */
  get precision(): Precision {
    return this.data instanceof Float32Array ? 'single' : 'double';
  }

  /** The amplitudes as doubles, for code written for double precision only (fails on a single-precision state). */
  doubleData(): Float64Array {
    if (!(this.data instanceof Float64Array)) fail('invalid-argument', 'this operation needs a double-precision state', { hint: 'simulate with precision "double" (the default)' });
    return this.data;
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
    return StateVector.fromAmplitudes(this.data, { backend: this.kernels.name, precision: this.precision, ...options });
  }

  norm2(): number {
    return this.kernels.sumSquares(this.data, 0, this.length);
  }
}
