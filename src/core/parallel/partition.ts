/**
 * How one step's work range is cut into chunks that threads claim one at a time. Chunks (rather
 * than one fixed slice per thread) keep threads busy when the machine is shared and give every
 * thread a place to check the cancel flag inside a long step.
 */

/** Chunk sizes are multiples of this many work items (whole cache lines for every kernel). */
export const CHUNK_ALIGN = 64;
/** Below this a chunk's claim (one atomic add) is no longer negligible next to its work. */
export const MIN_CHUNK = 1 << 12;
/** Upper bound: about 2–8 ms of work on one core, the cancel latency inside one step. */
export const MAX_CHUNK = 1 << 18;
/**
 * Chunks per thread when the work allows: enough that when one core is slowed (a shared machine)
 * the other takes over its share and the threads finish a step close together. One H pass at
 * n = 20 on 2 threads, 12 alternating processes: median 1.76× with 4 chunks per thread, 1.84×
 * with 16.
 */
export const CHUNKS_PER_THREAD = 16;
/**
 * Kernel work big enough for this many MAX_CHUNK chunks per thread is cut into MAX_CHUNK chunks:
 * past the cache, long ranges run as several memory streams (the wasm kernels), which short
 * chunks lose (an H pass at n = 22 on 2 threads: 1.82–1.93× in chunks of 2^16 items,
 * 1.91–2.06× in 2^18).
 */
export const LONG_CHUNKS_PER_THREAD = 4;

export interface ChunkPlan {
  readonly chunkSize: number;
  readonly chunks: number;
}

/**
 * Cuts `work` units for `threads` threads (1 = the leader alone, which still checks cancel
 * between chunks). `unitCost` is a unit's size in kernel work items: 1 for a kernel's own items,
 * a whole tile's worth (amplitudes × gates) when the units are cache tiles.
 */
export function planChunks(work: number, threads: number, unitCost = 1): ChunkPlan {
  if (work <= 0) return { chunkSize: 1, chunks: 0 };
  const minChunk = Math.max(1, Math.ceil(MIN_CHUNK / unitCost));
  const maxChunk = Math.max(1, Math.floor(MAX_CHUNK / unitCost));
  const align = unitCost === 1 ? CHUNK_ALIGN : 1;
  const parties = Math.max(1, threads);
  const long = unitCost === 1 && work >= MAX_CHUNK * parties * LONG_CHUNKS_PER_THREAD;
  const target = long ? MAX_CHUNK : Math.ceil(work / (parties * CHUNKS_PER_THREAD));
  let chunkSize = Math.min(maxChunk, Math.max(minChunk, target));
  chunkSize = Math.ceil(chunkSize / align) * align;
  if (threads <= 1) chunkSize = maxChunk;
  if (chunkSize >= work) return { chunkSize: work, chunks: 1 };
  return { chunkSize, chunks: Math.ceil(work / chunkSize) };
}

/** Work range [begin, end) of chunk c. */
export function chunkRange(plan: ChunkPlan, work: number, c: number): [number, number] {
  const begin = c * plan.chunkSize;
  return [begin, Math.min(work, begin + plan.chunkSize)];
}
