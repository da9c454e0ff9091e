import { assertCircuit, type Circuit, type Condition } from '../circuit/circuit.ts';
import type { ParamBindings } from '../circuit/params.ts';
import { BIT_ORDER_NOTE } from '../conventions.ts';
import { fail } from '../errors.ts';
import type { BackendPreference } from './backends.ts';
import type { BackendName, Precision } from './kernels.ts';
import { applyInstruction, type Instruction } from './instructions.ts';
import { compileProgram, type CompileOptions, type ProductStep, type Program, type Step } from './program.ts';
import { applyTileGroup, checkTilingOptions, planTileGroups, type TileGroup, type TilingOptions } from './tiling.ts';
import { createRng, freshSeed, type Rng } from './rng.ts';
import { StateVector } from './state.ts';

export interface SimulateOptions {
  readonly params?: ParamBindings;
  /** Seed for mid-circuit measurement outcomes (a fresh one is drawn and reported if absent). */
  readonly seed?: number;
  readonly backend?: BackendPreference;
  readonly fuse?: boolean;
  /** Fine control of fusion (see CompileOptions). */
  readonly fusion?: Pick<CompileOptions, 'maxFusedQubits' | 'maxDiagonalQubits' | 'costModel'>;
  /** Memory budget in bytes for the state (refused up front if it would not fit). */
  readonly maxBytes?: number;
  /** Start from this state instead of |0…0⟩ (it is updated in place). */
  readonly initialState?: StateVector;
  /**
   * Run from |0…0⟩ in this state's memory (reset first) instead of allocating a new state: for a
   * caller that re-simulates on every edit. Fresh memory costs page faults on first touch
   * (≈ 8 ms for 16 MiB here), its first passes run slower, and the garbage collector pays for the
   * states left behind; the worker engine reuses its state the same way.
   */
  readonly reuseState?: StateVector;
  /** Called after each step with (stepsDone, totalSteps); return false to stop early. */
  readonly onProgress?: (done: number, total: number) => boolean | void;
  /** Cache blocking (see tiling.ts): on by default; false runs one pass per step. */
  readonly tiling?: TilingOptions | false;
  /** 'double' (default) or 'single' (half the memory, TypeScript kernels; see README "Precision"). */
  readonly precision?: Precision;
}

export interface MeasurementRecord {
  readonly op: number;
  readonly qubit: number;
  readonly clbit: number | null;
  readonly outcome: 0 | 1;
  readonly probability: number;
}

export interface SimulationResult {
  readonly state: StateVector;
  readonly clbits: Uint8Array;
  readonly measurements: readonly MeasurementRecord[];
  readonly passes: number;
  readonly seed: number;
  readonly backendName: BackendName;
  readonly precision: Precision;
  readonly bitOrder: string;
  /** False when onProgress asked to stop before the end. */
  readonly completed: boolean;
}

export function simulate(circuit: Circuit, options: SimulateOptions = {}): SimulationResult {
  assertCircuit(circuit, 'simulate');
  const fuse = options.fuse ?? true;
  // Fused runs from |0…0⟩ turn plain swaps into relabellings (see CompileOptions.fromZeroState).
  const program = compileProgram(circuit, { ...options.fusion, params: options.params ?? {}, fuse, fromZeroState: fuse && !options.initialState });
  if (options.reuseState && options.initialState) {
    fail('invalid-argument', 'give initialState (run from that state) or reuseState (run from |0…0⟩ in its memory), not both');
  }
  let state = options.reuseState ?? options.initialState;
  if (state) {
    checkGivenState(state, circuit, options, options.reuseState ? 'the state to reuse' : 'the initial state');
    if (options.reuseState) state.setBasis(0);
    else checkNormalised(state);
  } else {
    state = StateVector.zero(circuit.numQubits, {
      ...(options.backend ? { backend: options.backend } : {}),
      ...(options.maxBytes !== undefined ? { maxBytes: options.maxBytes } : {}),
      ...(options.precision ? { precision: options.precision } : {}),
    });
  }
  const seed = options.seed ?? freshSeed();
  const run = runProgram(program, state, createRng(seed), options.onProgress, { tiling: options.tiling ?? {} });
  return {
    state,
    clbits: run.clbits,
    measurements: run.measurements,
    passes: program.passes,
    seed,
    backendName: state.backendName,
    precision: state.precision,
    bitOrder: BIT_ORDER_NOTE,
    completed: run.completed,
  };
}

/** A run's initial state must be a state: probabilities that do not sum to 1 would be silently wrong. */
function checkNormalised(state: StateVector): void {
  const norm = state.norm2();
  if (!(Math.abs(norm - 1) <= 1e-6)) {
    fail('invalid-argument', `the initial state has norm² ${norm.toPrecision(6)}, not 1`, { hint: `divide every amplitude by ${Math.sqrt(norm).toPrecision(6)} (its norm)` });
  }
}

/** A state handed to simulate (initialState or reuseState) must fit the circuit and the options asked for. */
function checkGivenState(state: StateVector, circuit: Circuit, options: SimulateOptions, role: string): void {
  if (state.numQubits !== circuit.numQubits) {
    fail('invalid-argument', `${role} has ${state.numQubits} qubits, the circuit ${circuit.numQubits}`, { hint: `pass a state of ${circuit.numQubits} qubits, or neither initialState nor reuseState to allocate one` });
  }
  if (options.precision && options.precision !== state.precision) {
    fail('invalid-argument', `${role} is in ${state.precision} precision, the run asked for ${options.precision}`, { hint: 'leave precision out to use the given state’s' });
  }
  if (options.backend && options.backend !== 'auto' && options.backend !== state.backendName) {
    fail('invalid-argument', `${role} runs on the ${state.backendName} backend, the run asked for ${options.backend}`, { hint: 'leave backend out, or give a state allocated with that backend' });
  }
}

/** Whether the classical bits hold the value a condition asks for (bit j of the value is clbits[j] of the condition). */
export function conditionHolds(condition: Condition, clbits: Uint8Array): boolean {
  let value = 0;
  condition.clbits.forEach((bit, j) => {
    value |= clbits[bit]! << j;
  });
  return value === condition.value;
}

/** A program cut for execution: runs of unitary steps as tile groups, the other steps as they are. */
export type Segment =
  | { readonly kind: 'tiled'; readonly groups: readonly TileGroup[]; readonly stepCount: number }
  | { readonly kind: 'step'; readonly step: Step };

const segmentCache = new WeakMap<Program, Map<string, readonly Segment[]>>();

/** Segments of a program on its qubit count (memoised per program and tiling options). */
export function programSegments(program: Program, tiling: TilingOptions | false = {}): readonly Segment[] {
  checkTilingOptions(tiling);
  const key = tiling === false ? 'off' : `${tiling.lowBits ?? ''}/${tiling.maxHigh ?? ''}`;
  let byKey = segmentCache.get(program);
  if (!byKey) segmentCache.set(program, (byKey = new Map()));
  const cached = byKey.get(key);
  if (cached) return cached;
  const segments: Segment[] = [];
  if (tiling === false) {
    for (const step of program.steps) segments.push({ kind: 'step', step });
  } else {
    let run: Instruction[] = [];
    const flush = () => {
      if (run.length > 0) segments.push({ kind: 'tiled', groups: planTileGroups(run, program.numQubits, tiling), stepCount: run.length });
      run = [];
    };
    for (const step of program.steps) {
      if (step.kind === 'unitary') run.push(step.instr);
      else {
        flush();
        segments.push({ kind: 'step', step });
      }
    }
    flush();
  }
  byKey.set(key, segments);
  return segments;
}

/** Runs compiled steps on a state in place; measurement outcomes come from `rng`. */
export function runProgram(
  program: Program,
  state: StateVector,
  rng: Rng,
  onProgress?: (done: number, total: number) => boolean | void,
  options: { tiling?: TilingOptions | false } = {},
): { clbits: Uint8Array; measurements: MeasurementRecord[]; completed: boolean } {
  const clbits = new Uint8Array(program.numClbits);
  const measurements: MeasurementRecord[] = [];
  const n = state.numQubits;
  const total = program.steps.length;
  let done = 0;
  for (const segment of programSegments(program, options.tiling ?? {})) {
    if (segment.kind === 'tiled') {
      for (const group of segment.groups) {
        applyTileGroup(state.kernels, state.data, n, group);
        done += group.instrs.length;
        if (onProgress && onProgress(done, total) === false) return { clbits, measurements, completed: false };
      }
      continue;
    }
    const step = segment.step;
    switch (step.kind) {
      case 'unitary':
        applyInstruction(state.kernels, state.data, n, step.instr);
        break;
      case 'conditional':
        if (conditionHolds(step.condition, clbits)) applyInstruction(state.kernels, state.data, n, step.instr);
        break;
      case 'measure':
      case 'reset':
        runMeasurementStep(step, state, rng, clbits, measurements);
        break;
      case 'product':
        applyProductState(state, step);
        break;
    }
    done++;
    if (onProgress && onProgress(done, total) === false) return { clbits, measurements, completed: false };
  }
  return { clbits, measurements, completed: true };
}

/**
 * Writes the product state of a product step into a state that holds |0…0⟩: for each qubit q
 * (ascending) the amplitudes so far, all at indices below 2^q, are split into ⟨0|v_q⟩ times
 * themselves and ⟨1|v_q⟩ times themselves 2^q further on — the 2×2 kernel with the matrix
 * [[v0, 0], [v1, 0]] on the pairs [0, 2^q). Σ 2^q ≤ 2^n pairs: at most one pass over the state.
 */
export function applyProductState(state: StateVector, step: ProductStep): void {
  const m = new Float64Array(8);
  for (let j = 0; j < step.qubits.length; j++) {
    const q = step.qubits[j]!;
    m[0] = step.vectors[4 * j]!;
    m[1] = step.vectors[4 * j + 1]!;
    m[4] = step.vectors[4 * j + 2]!;
    m[5] = step.vectors[4 * j + 3]!;
    state.kernels.dense1(state.data, q, m, 0, 0, 0, 2 ** q);
  }
}

/** A measure or reset step (skipped when its condition does not hold): collapses, records, sets the bit. */
export function runMeasurementStep(
  step: Extract<Step, { kind: 'measure' | 'reset' }>,
  state: StateVector,
  rng: Rng,
  clbits: Uint8Array,
  measurements: MeasurementRecord[],
): void {
  if (step.condition && !conditionHolds(step.condition, clbits)) return;
  const record = measureQubit(state, step.qubit, rng, step.kind === 'reset');
  if (step.kind === 'measure') clbits[step.clbit] = record.outcome;
  measurements.push({ op: step.ops[0]!, qubit: step.circuitQubit ?? step.qubit, clbit: step.kind === 'measure' ? step.clbit : null, ...record });
}

/**
 * Projective measurement of one qubit in Z: draws the outcome, collapses and renormalises in
 * one pass (the collapse is a non-unitary 2×2 kernel). With `reset`, the qubit also ends in |0⟩.
 */
export function measureQubit(state: StateVector, qubit: number, rng: Rng, reset = false): { outcome: 0 | 1; probability: number } {
  // Both outcomes' weights in one pass; their sum renormalises away accumulated rounding.
  const [w0, w1] = state.kernels.sumSquaresByBit(state.data, qubit);
  const norm = w0 + w1;
  const p1 = Math.min(1, Math.max(0, w1 / norm));
  const outcome: 0 | 1 = rng() < p1 ? 1 : 0;
  const probability = outcome === 1 ? p1 : 1 - p1;
  const s = 1 / Math.sqrt(probability * norm);
  let m: Float64Array;
  if (outcome === 0) m = new Float64Array([s, 0, 0, 0, 0, 0, 0, 0]);
  else if (reset) m = new Float64Array([0, 0, s, 0, 0, 0, 0, 0]);
  else m = new Float64Array([0, 0, 0, 0, 0, 0, s, 0]);
  state.kernels.dense1(state.data, qubit, m, 0, 0, 0, state.length / 2);
  return { outcome, probability };
}
