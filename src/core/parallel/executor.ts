import type { Condition } from '../circuit/circuit.ts';
import type { Kernels } from '../sim/kernels.ts';
import { applyInstruction, workSize, type Instruction } from '../sim/instructions.ts';
import type { Program } from '../sim/program.ts';
import type { Rng } from '../sim/rng.ts';
import { measureQubit, type MeasurementRecord } from '../sim/simulate.ts';
import type { StateVector } from '../sim/state.ts';
import {
  CANCEL_ABORT, CANCEL_NONE, CTRL_CANCEL, CTRL_CHUNK_SIZE, CTRL_CHUNKS, CTRL_NEXT, CTRL_PENDING, CTRL_RUN, CTRL_SEQ, CTRL_STEP,
  STEP_END,
} from './control.ts';
import { chunkRange, planChunks, type ChunkPlan } from './partition.ts';
import { PARALLEL_MIN_WORK } from './threshold.ts';

/**
 * The Atomics protocol of a pool run. The leader walks the program; for a unitary step big enough
 * to split it publishes (step, chunk plan) in the control block, bumps SEQ and claims chunks like
 * everyone else; followers wake on SEQ, claim chunks until none are left, and decrement PENDING;
 * the leader waits for PENDING = 0 (the barrier) before the next step. Measurements and resets
 * run on the leader alone between barriers (followers wait). Cancel is checked between steps and
 * between chunks; an abort (a worker died) makes everyone leave at once.
 */

/** Busy-wait iterations before sleeping in Atomics.wait: a barrier is often met within microseconds. */
const SPIN = 4000;
/** Sleeping waits wake up this often to look at the cancel flag (ms). */
const WAIT_SLICE_MS = 50;

export interface LeaderOptions {
  /** The pool's control block; without it the run is single-threaded and cannot be cancelled. */
  readonly control?: Int32Array | null;
  /** Followers that were asked to join this run (0: the leader works alone). */
  readonly followers?: number;
  /** Steps with less work stay on the leader (default PARALLEL_MIN_WORK). */
  readonly minParallelWork?: number;
  /** Called after each step with its index (progress reporting). */
  readonly onStep?: (stepIndex: number) => void;
}

export interface LeaderStats {
  /** Steps split over the pool (each one barrier). */
  readonly parallelSteps: number;
  /** Time the leader spent waiting at barriers after finishing its own chunks (ms). */
  readonly barrierWaitMs: number;
}

export interface LeaderResult {
  readonly clbits: Uint8Array;
  readonly measurements: MeasurementRecord[];
  /** False when the run was cancelled (the state is then partly updated). */
  readonly completed: boolean;
  /** Set when the run stopped because the cancel flag said abort (a worker died). */
  readonly aborted: boolean;
  readonly stats: LeaderStats;
}

function conditionHolds(condition: Condition, clbits: Uint8Array): boolean {
  let value = 0;
  condition.clbits.forEach((bit, j) => {
    value |= clbits[bit]! << j;
  });
  return value === condition.value;
}

const now = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/** Claims and runs chunks of the published step until none are left or the run is cancelled. */
function workChunks(control: Int32Array | null, kernels: Kernels, data: Float64Array, n: number, instr: Instruction, work: number, plan: ChunkPlan): void {
  if (!control) {
    applyInstruction(kernels, data, n, instr, 0, work);
    return;
  }
  for (;;) {
    if (Atomics.load(control, CTRL_CANCEL) !== CANCEL_NONE) return;
    const c = Atomics.add(control, CTRL_NEXT, 1);
    if (c >= plan.chunks) return;
    const [begin, end] = chunkRange(plan, work, c);
    applyInstruction(kernels, data, n, instr, begin, end);
  }
}

/** Waits until control[index] !== value, or the run is aborted; returns false on abort. */
function waitWhileEquals(control: Int32Array, index: number, value: number, abortOn: (cancel: number) => boolean): boolean {
  for (let i = 0; i < SPIN; i++) {
    if (Atomics.load(control, index) !== value) return true;
  }
  for (;;) {
    if (Atomics.load(control, index) !== value) return true;
    if (abortOn(Atomics.load(control, CTRL_CANCEL))) return false;
    Atomics.wait(control, index, value, WAIT_SLICE_MS);
  }
}

/** Waits for PENDING = 0. Returns false on abort. */
function waitForFollowers(control: Int32Array): boolean {
  for (let i = 0; i < SPIN; i++) {
    if (Atomics.load(control, CTRL_PENDING) === 0) return true;
  }
  for (;;) {
    const pending = Atomics.load(control, CTRL_PENDING);
    if (pending === 0) return true;
    if (Atomics.load(control, CTRL_CANCEL) === CANCEL_ABORT) return false;
    Atomics.wait(control, CTRL_PENDING, pending, WAIT_SLICE_MS);
  }
}

function publish(control: Int32Array, step: number, plan: ChunkPlan, followers: number): void {
  Atomics.store(control, CTRL_STEP, step);
  Atomics.store(control, CTRL_CHUNK_SIZE, plan.chunkSize);
  Atomics.store(control, CTRL_CHUNKS, plan.chunks);
  Atomics.store(control, CTRL_NEXT, 0);
  Atomics.store(control, CTRL_PENDING, followers);
  Atomics.add(control, CTRL_SEQ, 1);
  Atomics.notify(control, CTRL_SEQ);
}

/**
 * Resets the sequence for a new run. Call it before asking followers to join (they start
 * waiting for SEQ to leave 0).
 */
export function beginRun(control: Int32Array, runId: number): void {
  Atomics.store(control, CTRL_SEQ, 0);
  Atomics.store(control, CTRL_STEP, 0);
  Atomics.store(control, CTRL_PENDING, 0);
  Atomics.store(control, CTRL_RUN, runId);
}

/** Runs the program on `state` as the leader of `followers` threads (which run followProgram). */
export function leadProgram(program: Program, state: StateVector, rng: Rng, options: LeaderOptions = {}): LeaderResult {
  const control = options.control ?? null;
  const followers = control ? (options.followers ?? 0) : 0;
  const minWork = options.minParallelWork ?? PARALLEL_MIN_WORK;
  const n = state.numQubits;
  const { kernels, data } = state;
  const clbits = new Uint8Array(program.numClbits);
  const measurements: MeasurementRecord[] = [];
  let parallelSteps = 0;
  let barrierWaitMs = 0;
  let completed = true;
  let aborted = false;

  const cancelled = () => control !== null && Atomics.load(control, CTRL_CANCEL) !== CANCEL_NONE;

  const runUnitary = (s: number, instr: Instruction): boolean => {
    const work = workSize(instr, n);
    if (followers > 0 && work >= minWork) {
      const plan = planChunks(work, followers + 1);
      publish(control!, s, plan, followers);
      workChunks(control, kernels, data, n, instr, work, plan);
      const t0 = now();
      const ok = waitForFollowers(control!);
      barrierWaitMs += now() - t0;
      parallelSteps++;
      return ok;
    }
    if (!control) {
      applyInstruction(kernels, data, n, instr, 0, work);
      return true;
    }
    // Alone, but still in chunks so a long step notices a cancel.
    const plan = planChunks(work, 1);
    for (let c = 0; c < plan.chunks; c++) {
      if (cancelled()) return true;
      const [begin, end] = chunkRange(plan, work, c);
      applyInstruction(kernels, data, n, instr, begin, end);
    }
    return true;
  };

  const steps = program.steps;
  for (let s = 0; s < steps.length; s++) {
    if (cancelled()) {
      completed = false;
      break;
    }
    const step = steps[s]!;
    let ok = true;
    switch (step.kind) {
      case 'unitary':
        ok = runUnitary(s, step.instr);
        break;
      case 'conditional':
        if (conditionHolds(step.condition, clbits)) ok = runUnitary(s, step.instr);
        break;
      case 'measure':
      case 'reset': {
        if (step.condition && !conditionHolds(step.condition, clbits)) break;
        const record = measureQubit(state, step.qubit, rng, step.kind === 'reset');
        if (step.kind === 'measure') clbits[step.clbit] = record.outcome;
        measurements.push({ op: step.ops[0]!, qubit: step.qubit, clbit: step.kind === 'measure' ? step.clbit : null, ...record });
        break;
      }
    }
    if (!ok) {
      aborted = true;
      completed = false;
      break;
    }
    if (cancelled()) {
      completed = false;
      break;
    }
    options.onStep?.(s);
  }
  if (control && followers > 0) {
    if (control && Atomics.load(control, CTRL_CANCEL) === CANCEL_ABORT) aborted = true;
    publish(control, STEP_END, { chunkSize: 1, chunks: 0 }, followers);
  }
  return { clbits, measurements, completed, aborted, stats: { parallelSteps, barrierWaitMs } };
}

export interface FollowerResult {
  /** Steps this follower took part in. */
  readonly steps: number;
  /** Chunks this follower ran. */
  readonly chunks: number;
  readonly aborted: boolean;
}

/**
 * A follower's side of a run: waits for each published step, claims chunks of it, and leaves
 * when the leader publishes STEP_END (or the run is aborted).
 */
export function followProgram(program: Program, data: Float64Array, kernels: Kernels, control: Int32Array, runId: number): FollowerResult {
  const n = program.numQubits;
  let seen = 0;
  let steps = 0;
  let chunks = 0;
  const abortOn = (cancel: number) => cancel === CANCEL_ABORT;
  for (;;) {
    if (Atomics.load(control, CTRL_RUN) !== runId) return { steps, chunks, aborted: true };
    if (!waitWhileEquals(control, CTRL_SEQ, seen, abortOn)) return { steps, chunks, aborted: true };
    seen = Atomics.load(control, CTRL_SEQ);
    const s = Atomics.load(control, CTRL_STEP);
    if (s === STEP_END) return { steps, chunks, aborted: false };
    const step = program.steps[s]!;
    if (step.kind === 'unitary' || step.kind === 'conditional') {
      const work = workSize(step.instr, n);
      const plan = { chunkSize: Atomics.load(control, CTRL_CHUNK_SIZE), chunks: Atomics.load(control, CTRL_CHUNKS) };
      for (;;) {
        if (Atomics.load(control, CTRL_CANCEL) !== CANCEL_NONE) break;
        const c = Atomics.add(control, CTRL_NEXT, 1);
        if (c >= plan.chunks) break;
        const [begin, end] = chunkRange(plan, work, c);
        applyInstruction(kernels, data, n, step.instr, begin, end);
        chunks++;
      }
      steps++;
    }
    if (Atomics.sub(control, CTRL_PENDING, 1) === 1) Atomics.notify(control, CTRL_PENDING);
  }
}
