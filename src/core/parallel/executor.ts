import type { Amplitudes, Kernels } from '../sim/kernels.ts';
import { popcount } from '../sim/kernels.ts';
import { applyInstruction, workSize, type Instruction } from '../sim/instructions.ts';
import type { Program } from '../sim/program.ts';
import type { Rng } from '../sim/rng.ts';
import { applyProductState, conditionHolds, programSegments, runMeasurementStep, type MeasurementRecord, type Segment } from '../sim/simulate.ts';
import type { StateVector } from '../sim/state.ts';
import { applyTileGroup, type TileGroup, type TilingOptions } from '../sim/tiling.ts';
import {
  CANCEL_ABORT, CANCEL_NONE, CTRL_CANCEL, CTRL_CHUNK_SIZE, CTRL_CHUNKS, CTRL_GROUP, CTRL_INSTR, CTRL_NEXT, CTRL_PENDING, CTRL_RUN,
  CTRL_SEQ, CTRL_STEP, raiseCancel, STEP_END,
} from './control.ts';
import { chunkRange, planChunks, type ChunkPlan } from './partition.ts';
import { PARALLEL_MIN_WORK } from './threshold.ts';

/**
 * The Atomics protocol of a pool run. The leader walks the program's segments (the core's
 * execution plan: runs of unitary steps as cache-tile groups, other steps alone). For each piece
 * of work big enough to split — the tiles of a group, or one instruction's work items — it
 * publishes (segment, group, instruction, chunk plan) in the control block, bumps SEQ and claims
 * chunks like everyone else; followers wake on SEQ, claim chunks until none are left, and
 * decrement PENDING; the leader waits for PENDING = 0 (the barrier) before going on.
 * Measurements and resets run on the leader alone between barriers (followers wait). Cancel is
 * checked between pieces and between chunks; an abort (a worker died) makes everyone leave.
 *
 * Leader and followers derive the same segments from the same program (planning is
 * deterministic), so only indices cross the control block.
 */

/**
 * How long a thread busy-waits before sleeping in Atomics.wait (ms). Waking a sleeping thread
 * costs ≈ 50 µs here, which a barrier every 0.4 ms (one gate pass at 20 qubits on 2 threads) pays
 * twice; a spin longer than that takes the core from the very thread it waits for when other jobs
 * share the cores (measured: spins of ≈ 70 µs made barriers dearer at load 5–9).
 */
const SPIN_MS = 0.05;

const now = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/** Spins until `ready()` or SPIN_MS have passed; true when ready. */
function spinFor(ready: () => boolean): boolean {
  const deadline = now() + SPIN_MS;
  for (;;) {
    for (let i = 0; i < 64; i++) if (ready()) return true;
    if (now() > deadline) return false;
  }
}
/** Sleeping waits wake up this often to look at the cancel flag (ms). */
const WAIT_SLICE_MS = 50;

export interface LeaderOptions {
  /** The pool's control block; without it the run is single-threaded and cannot be cancelled. */
  readonly control?: Int32Array | null;
  /** Followers that were asked to join this run (0: the leader works alone). */
  readonly followers?: number;
  /** Pieces with less work (in kernel work items) stay on the leader (default PARALLEL_MIN_WORK). */
  readonly minParallelWork?: number;
  /** Cache blocking as in the core's runProgram (default on); followers must use the same. */
  readonly tiling?: TilingOptions | false;
  /** Called as steps complete: steps [from, from + count) of the program are done. */
  readonly onSteps?: (from: number, count: number) => void;
}

export interface LeaderStats {
  /** Pieces split over the pool (each one barrier). */
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


/** A unit of shared work: either one instruction's work items or the tiles of a tile group. */
interface Piece {
  readonly work: number;
  /** Kernel work items per unit (1 for an instruction, a tile's worth for a group). */
  readonly unitCost: number;
  run(kernels: Kernels, data: Amplitudes, begin: number, end: number): void;
}

function instructionPiece(instr: Instruction, n: number): Piece {
  return { work: workSize(instr, n), unitCost: 1, run: (k, d, b, e) => applyInstruction(k, d, n, instr, b, e) };
}

function tilePiece(group: TileGroup, n: number): Piece {
  const tileItems = 2 ** popcount(group.tileMask);
  return { work: group.tiles, unitCost: Math.max(1, tileItems * group.instrs.length), run: (k, d, b, e) => applyTileGroup(k, d, n, group, b, e) };
}

/** The piece a (segment, group, instruction) triple names; both sides resolve it the same way. */
function resolvePiece(segments: readonly Segment[], n: number, s: number, g: number, i: number): Piece {
  const segment = segments[s]!;
  if (segment.kind === 'step') {
    const step = segment.step;
    if (step.kind !== 'unitary' && step.kind !== 'conditional') throw new Error(`segment ${s} is not unitary`);
    return instructionPiece(step.instr, n);
  }
  const group = segment.groups[g]!;
  return i < 0 ? tilePiece(group, n) : instructionPiece(group.instrs[i]!, n);
}

/** Waits until control[index] !== value, or the run is aborted; returns false on abort. */
function waitWhileEquals(control: Int32Array, index: number, value: number): boolean {
  if (spinFor(() => Atomics.load(control, index) !== value)) return true;
  for (;;) {
    if (Atomics.load(control, index) !== value) return true;
    if (Atomics.load(control, CTRL_CANCEL) === CANCEL_ABORT) return false;
    Atomics.wait(control, index, value, WAIT_SLICE_MS);
  }
}

/** Waits for PENDING = 0. Returns false on abort. */
function waitForFollowers(control: Int32Array): boolean {
  if (spinFor(() => Atomics.load(control, CTRL_PENDING) === 0)) return true;
  for (;;) {
    const pending = Atomics.load(control, CTRL_PENDING);
    if (pending === 0) return true;
    if (Atomics.load(control, CTRL_CANCEL) === CANCEL_ABORT) return false;
    Atomics.wait(control, CTRL_PENDING, pending, WAIT_SLICE_MS);
  }
}

function publish(control: Int32Array, segment: number, group: number, instr: number, plan: ChunkPlan, followers: number): void {
  Atomics.store(control, CTRL_STEP, segment);
  Atomics.store(control, CTRL_GROUP, group);
  Atomics.store(control, CTRL_INSTR, instr);
  Atomics.store(control, CTRL_CHUNK_SIZE, plan.chunkSize);
  Atomics.store(control, CTRL_CHUNKS, plan.chunks);
  Atomics.store(control, CTRL_NEXT, 0);
  Atomics.store(control, CTRL_PENDING, followers);
  Atomics.add(control, CTRL_SEQ, 1);
  Atomics.notify(control, CTRL_SEQ);
}

/** Claims and runs chunks of the published piece until none are left or the run is cancelled; returns chunks run. */
function claimChunks(control: Int32Array, kernels: Kernels, data: Amplitudes, piece: Piece, plan: ChunkPlan): number {
  let done = 0;
  for (;;) {
    if (Atomics.load(control, CTRL_CANCEL) !== CANCEL_NONE) return done;
    const c = Atomics.add(control, CTRL_NEXT, 1);
    if (c >= plan.chunks) return done;
    const [begin, end] = chunkRange(plan, piece.work, c);
    piece.run(kernels, data, begin, end);
    done++;
  }
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
  const segments = programSegments(program, options.tiling ?? {});
  let parallelSteps = 0;
  let barrierWaitMs = 0;
  let aborted = false;

  const cancelled = () => control !== null && Atomics.load(control, CTRL_CANCEL) !== CANCEL_NONE;

  /** Runs one piece, split over the pool when it is big enough; false on abort. */
  const runPiece = (piece: Piece, s: number, g: number, i: number): boolean => {
    if (followers > 0 && piece.work >= 2 && piece.work * piece.unitCost >= minWork) {
      const plan = planChunks(piece.work, followers + 1, piece.unitCost);
      publish(control!, s, g, i, plan, followers);
      claimChunks(control!, kernels, data, piece, plan);
      const t0 = now();
      const ok = waitForFollowers(control!);
      barrierWaitMs += now() - t0;
      parallelSteps++;
      return ok;
    }
    if (!control) {
      piece.run(kernels, data, 0, piece.work);
      return true;
    }
    // Alone, but in chunks so a long piece notices a cancel.
    const plan = planChunks(piece.work, 1, piece.unitCost);
    for (let c = 0; c < plan.chunks && !cancelled(); c++) {
      const [begin, end] = chunkRange(plan, piece.work, c);
      piece.run(kernels, data, begin, end);
    }
    return true;
  };

  let stepIndex = 0;
  try {
    run: for (let s = 0; s < segments.length; s++) {
      const segment = segments[s]!;
      if (segment.kind === 'tiled') {
        for (let g = 0; g < segment.groups.length; g++) {
          if (cancelled()) break run;
          const group = segment.groups[g]!;
          if (group.tiles > 1) {
            if (!runPiece(tilePiece(group, n), s, g, -1)) {
              aborted = true;
              break run;
            }
          } else {
            // The whole state is one tile: share each instruction's work items instead.
            for (let i = 0; i < group.instrs.length; i++) {
              if (cancelled()) break run;
              if (!runPiece(instructionPiece(group.instrs[i]!, n), s, g, i)) {
                aborted = true;
                break run;
              }
            }
          }
          if (cancelled()) break run;
          options.onSteps?.(stepIndex, group.instrs.length);
          stepIndex += group.instrs.length;
        }
        continue;
      }
      if (cancelled()) break;
      const step = segment.step;
      switch (step.kind) {
        case 'unitary':
          if (!runPiece(instructionPiece(step.instr, n), s, -1, -1)) aborted = true;
          break;
        case 'conditional':
          if (conditionHolds(step.condition, clbits) && !runPiece(instructionPiece(step.instr, n), s, -1, -1)) aborted = true;
          break;
        case 'measure':
        case 'reset':
          runMeasurementStep(step, state, rng, clbits, measurements);
          break;
        case 'product':
          applyProductState(state, step); // at most one pass, on the leader
          break;
      }
      if (aborted || cancelled()) break;
      options.onSteps?.(stepIndex, 1);
      stepIndex++;
    }
  } catch (error) {
    // Followers wait for the next piece: tell them the run is over, or they wait for ever.
    if (control && followers > 0) raiseCancel(control, CANCEL_ABORT);
    throw error;
  }
  if (control && Atomics.load(control, CTRL_CANCEL) === CANCEL_ABORT) aborted = true;
  if (control && followers > 0) publish(control, STEP_END, -1, -1, { chunkSize: 1, chunks: 0 }, followers);
  const completed = !aborted && stepIndex === program.steps.length;
  return { clbits, measurements, completed, aborted, stats: { parallelSteps, barrierWaitMs } };
}

export interface FollowerResult {
  /** Pieces this follower took part in. */
  readonly pieces: number;
  /** Chunks this follower ran. */
  readonly chunks: number;
  readonly aborted: boolean;
}

/**
 * A follower's side of a run: waits for each published piece, claims chunks of it, and leaves
 * when the leader publishes STEP_END (or the run is aborted).
 */
export function followProgram(
  program: Program,
  data: Amplitudes,
  kernels: Kernels,
  control: Int32Array,
  runId: number,
  tiling: TilingOptions | false = {},
): FollowerResult {
  const n = program.numQubits;
  const segments = programSegments(program, tiling);
  let seen = 0;
  let pieces = 0;
  let chunks = 0;
  for (;;) {
    if (Atomics.load(control, CTRL_RUN) !== runId) return { pieces, chunks, aborted: true };
    if (!waitWhileEquals(control, CTRL_SEQ, seen)) return { pieces, chunks, aborted: true };
    seen = Atomics.load(control, CTRL_SEQ);
    const s = Atomics.load(control, CTRL_STEP);
    if (s === STEP_END) return { pieces, chunks, aborted: false };
    const piece = resolvePiece(segments, n, s, Atomics.load(control, CTRL_GROUP), Atomics.load(control, CTRL_INSTR));
    const plan = { chunkSize: Atomics.load(control, CTRL_CHUNK_SIZE), chunks: Atomics.load(control, CTRL_CHUNKS) };
    chunks += claimChunks(control, kernels, data, piece, plan);
    pieces++;
    if (Atomics.sub(control, CTRL_PENDING, 1) === 1) Atomics.notify(control, CTRL_PENDING);
  }
}
