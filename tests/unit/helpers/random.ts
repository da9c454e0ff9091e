import { createRng, type Rng } from '../../../src/core/sim/rng.ts';

export { createRng, type Rng };

/** A random normalised state (interleaved) from a seeded stream. */
export function randomState(n: number, rng: Rng): Float64Array {
  const data = new Float64Array(2 * 2 ** n);
  let norm = 0;
  for (let i = 0; i < data.length; i++) {
    // Box–Muller for Gaussian entries: a uniformly random state.
    const u = Math.max(rng(), 1e-300), v = rng();
    data[i] = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    norm += data[i]! * data[i]!;
  }
  const s = 1 / Math.sqrt(norm);
  for (let i = 0; i < data.length; i++) data[i]! *= s;
  return data;
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
  return worst;
}

/** Distinct random integers from 0..n-1. */
export function pickDistinct(count: number, n: number, rng: Rng): number[] {
  const pool = [...Array(n).keys()];
  for (let i = pool.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  return pool.slice(0, count);
}

/** All ordered selections of k distinct qubits out of n. */
export function placements(k: number, n: number): number[][] {
  if (k === 0) return [[]];
  const out: number[][] = [];
  for (const rest of placements(k - 1, n)) for (let q = 0; q < n; q++) if (!rest.includes(q)) out.push([...rest, q]);
  return out;
}
