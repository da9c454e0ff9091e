/**
 * The shared control block of a worker pool: a small Int32Array over a SharedArrayBuffer that the
 * leader, the followers and the main thread all see. The leader publishes one step at a time;
 * followers claim chunks of its work range; the main thread only raises the cancel flag.
 *
 * Every access goes through Atomics, so a follower that reads a new SEQ also sees the step,
 * chunk size and chunk count written before it, and the leader that sees PENDING reach 0 also
 * sees every amplitude the followers wrote.
 */

/** 0: running; CANCEL_REQUESTED: the user asked to stop; CANCEL_ABORT: a worker died, everyone leaves. */
export const CTRL_CANCEL = 0;
/** Sequence number of the published step, bumped once per step (0 when a run starts). */
export const CTRL_SEQ = 1;
/** Index of the published segment of the program (programSegments), or STEP_END when the run is over. */
export const CTRL_STEP = 2;
/** Work items per chunk of the published step. */
export const CTRL_CHUNK_SIZE = 3;
/** Number of chunks of the published step. */
export const CTRL_CHUNKS = 4;
/** Next chunk to claim (Atomics.add). */
export const CTRL_NEXT = 5;
/** Followers still working on the published step; the last one to finish notifies the leader. */
export const CTRL_PENDING = 6;
/** Identifier of the current run (followers check they follow the right one). */
export const CTRL_RUN = 7;
/** Group of a tiled segment (−1 for a single-step segment). */
export const CTRL_GROUP = 8;
/** Instruction within the group split by work items, or −1 when the group's tiles are the units. */
export const CTRL_INSTR = 9;
/** Slots in the block (room for later fields). */
export const CONTROL_SLOTS = 16;

export const CANCEL_NONE = 0;
export const CANCEL_REQUESTED = 1;
export const CANCEL_ABORT = 2;

/** Published instead of a step index: followers leave their loop. */
export const STEP_END = -1;

/** A zeroed control block over shared memory (null where SharedArrayBuffer is unavailable). */
export function createControlBlock(): Int32Array | null {
  if (typeof SharedArrayBuffer !== 'function') return null;
  try {
    return new Int32Array(new SharedArrayBuffer(CONTROL_SLOTS * Int32Array.BYTES_PER_ELEMENT));
  } catch {
    return null; // browsers without cross-origin isolation may expose the constructor but refuse
  }
}

/** Raises the cancel flag and wakes every waiting thread (allowed on a browser's main thread too). */
export function raiseCancel(control: Int32Array, reason: typeof CANCEL_REQUESTED | typeof CANCEL_ABORT): void {
  Atomics.store(control, CTRL_CANCEL, reason);
  Atomics.notify(control, CTRL_SEQ);
  Atomics.notify(control, CTRL_PENDING);
}

export function clearCancel(control: Int32Array): void {
  Atomics.store(control, CTRL_CANCEL, CANCEL_NONE);
}

export function cancelState(control: Int32Array | null | undefined): number {
  return control ? Atomics.load(control, CTRL_CANCEL) : CANCEL_NONE;
}
