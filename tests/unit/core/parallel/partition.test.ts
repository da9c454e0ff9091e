import { describe, expect, it } from 'vitest';
import { CHUNK_ALIGN, CHUNKS_PER_THREAD, LONG_CHUNKS_PER_THREAD, MAX_CHUNK, MIN_CHUNK, chunkRange, planChunks } from '../../../../src/core/parallel/partition.ts';
import { threadsFor } from '../../../../src/core/parallel/threshold.ts';

describe('planChunks', () => {
  it('covers [0, work) exactly once with contiguous chunks, for many sizes and thread counts', () => {
    for (const work of [1, 2, 63, 64, 4095, 4096, 4097, 100_000, 1 << 20, (1 << 23) + 5]) {
      for (const threads of [1, 2, 3, 8]) {
        for (const unitCost of [1, 3, 1 << 16]) {
          const plan = planChunks(work, threads, unitCost);
          let expected = 0;
          let gaps = 0;
          for (let c = 0; c < plan.chunks; c++) {
            const [begin, end] = chunkRange(plan, work, c);
            if (begin !== expected || end <= begin) gaps++;
            expected = end;
          }
          expect(gaps).toBe(0);
          expect(expected).toBe(work);
        }
      }
    }
  });

  it('aligns kernel chunks, bounds their size, and gives every thread several chunks when the work allows', () => {
    const plan = planChunks(1 << 22, 2);
    expect(plan.chunkSize % CHUNK_ALIGN).toBe(0);
    expect(plan.chunkSize).toBeLessThanOrEqual(MAX_CHUNK);
    expect(plan.chunks).toBeGreaterThanOrEqual(8);
    expect(planChunks(1 << 14, 2).chunkSize).toBeGreaterThanOrEqual(MIN_CHUNK);
    // Alone: chunks only bound the time between cancel checks.
    expect(planChunks(1 << 22, 1).chunkSize).toBe(MAX_CHUNK);
    // Units of a whole tile each: one tile per chunk.
    expect(planChunks(16, 2, 1 << 20)).toEqual({ chunkSize: 1, chunks: 16 });
    expect(planChunks(0, 2).chunks).toBe(0);
  });

  it('cuts work that fits in cache finely and keeps long chunks where there is work for them', () => {
    // One pass at n = 20 (2^19 pairs) on 2 threads: CHUNKS_PER_THREAD chunks each.
    expect(planChunks(1 << 19, 2).chunks).toBe(2 * CHUNKS_PER_THREAD);
    // Enough work for LONG_CHUNKS_PER_THREAD chunks of MAX_CHUNK per thread: chunks of MAX_CHUNK.
    const long = planChunks(MAX_CHUNK * 2 * LONG_CHUNKS_PER_THREAD, 2);
    expect(long.chunkSize).toBe(MAX_CHUNK);
    expect(long.chunks).toBe(2 * LONG_CHUNKS_PER_THREAD);
    // Just below: fine chunks, shorter than MAX_CHUNK.
    expect(planChunks(MAX_CHUNK * 2 * LONG_CHUNKS_PER_THREAD - CHUNK_ALIGN, 2).chunkSize).toBeLessThan(MAX_CHUNK);
    // Tiles never take the long rule (a tile runs in cache): 64 tiles of 2^16 items, fine chunks.
    expect(planChunks(64, 2, 1 << 16).chunks).toBe(2 * CHUNKS_PER_THREAD);
  });

  it('keeps small states on one thread', () => {
    expect(threadsFor(10, 8, 16)).toBe(1);
    expect(threadsFor(16, 8, 16)).toBe(8);
    expect(threadsFor(20, 1, 16)).toBe(1);
  });
});
