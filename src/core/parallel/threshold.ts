/**
 * When splitting a state over threads pays. Measured with `npm run bench -- --only threads`
 * (bench/threads.ts) on the 2-core machine, shared with other jobs: one barrier (publish, wake,
 * acknowledge) costs 3–40 µs since barrier waits spin before sleeping (20–80 µs before), and a
 * one-qubit gate pass takes ~0.2 ms at 18 qubits, ~8 ms at 22 on one thread. A piece is split
 * only when its work is worth well over ten barriers.
 */

/** Pieces with fewer kernel work items than this run on the leader alone (no barrier): ~1 ms of work. */
export const PARALLEL_MIN_WORK = 1 << 17;
/** States below this many qubits stay on one thread altogether (no followers join the run). */
export const PARALLEL_MIN_QUBITS = 18;

/** Threads to use for an n-qubit state on a pool of `poolSize` workers. */
export function threadsFor(numQubits: number, poolSize: number, minQubits = PARALLEL_MIN_QUBITS): number {
  return numQubits >= minQubits ? Math.max(1, poolSize) : 1;
}
