/**
 * When splitting a state over threads pays. Measured with `npm run bench -- --only threads`
 * (bench/threads.ts, "threshold" rows) on a 2-core machine: one barrier costs a few tens of µs,
 * so a step is split only when its work takes clearly longer than that on one thread.
 */

/** Steps with fewer work items than this run on the leader alone (no barrier). */
export const PARALLEL_MIN_WORK = 1 << 15;
/** States below this many qubits stay on one thread altogether (no followers join the run). */
export const PARALLEL_MIN_QUBITS = 16;

/** Threads to use for an n-qubit state on a pool of `poolSize` workers. */
export function threadsFor(numQubits: number, poolSize: number, minQubits = PARALLEL_MIN_QUBITS): number {
  return numQubits >= minQubits ? Math.max(1, poolSize) : 1;
}
