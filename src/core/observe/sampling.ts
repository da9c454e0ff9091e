import { fail } from '../errors.ts';
import { createRng, type Rng } from '../sim/rng.ts';
import { LOOP_CHUNK } from '../sim/kernels.ts';
import type { StateVector } from '../sim/state.ts';
import { toBitstring } from '../conventions.ts';

/**
 * Draws `shots` basis indices from |a_i|² with a seeded RNG.
 * Sorted uniforms are matched against one running sum over the state: O(2^n + shots·log shots)
 * time and no state-sized scratch.
 */
export function sampleShots(state: StateVector, shots: number, rngOrSeed: Rng | number): Map<number, number> {
  if (!Number.isInteger(shots) || shots < 0) fail('invalid-argument', `shots must be a whole number ≥ 0, got ${shots}`);
  if (shots > 1e8) fail('invalid-argument', `${shots} shots is more than the 100,000,000 Superpose samples at once`);
  const rng = typeof rngOrSeed === 'number' ? createRng(rngOrSeed) : rngOrSeed;
  const total = state.norm2();
  const draws = new Float64Array(shots);
  for (let s = 0; s < shots; s++) draws[s] = rng() * total;
  draws.sort();
  const counts = new Map<number, number>();
  const data = state.data;
  let cumulative = 0;
  let s = 0;
  let lastNonZero = 0;
  // Stops at the end of the chunk in which the last draw is placed (the rest adds no hits).
  for (let i = 0; i < state.length && s < shots;) {
    for (const stop = Math.min(state.length, i + LOOP_CHUNK); i < stop; i++) {
      const p = data[2 * i]! * data[2 * i]! + data[2 * i + 1]! * data[2 * i + 1]!;
      if (p === 0) continue;
      lastNonZero = i;
      cumulative += p;
      let hits = 0;
      while (s < shots && draws[s]! < cumulative) {
        s++;
        hits++;
      }
      if (hits > 0) counts.set(i, hits);
    }
  }
  // Rounding can leave the last draws past the final running sum: they belong to the last outcome.
  if (s < shots) counts.set(lastNonZero, (counts.get(lastNonZero) ?? 0) + shots - s);
  return counts;
}

/** Counts keyed by bitstrings (qubit or clbit 0 on the right), most frequent first. */
export function countsToBitstrings(counts: Map<number, number>, width: number): Record<string, number> {
  const entries = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  const out: Record<string, number> = {};
  for (const [index, count] of entries) out[toBitstring(index, width)] = count;
  return out;
}
