/**
 * Seeded pseudo-random numbers: xoshiro128** seeded through splitmix32, giving the same
 * stream in every JavaScript runtime for the same seed.
 */
import { fail } from '../errors.ts';

export type Rng = () => number;

/** A seed must name one stream: a whole number (NaN or 1.5 would silently alias 0 or 1). */
export function checkSeed(seed: unknown): asserts seed is number {
  if (Number.isInteger(seed) && !Number.isSafeInteger(seed)) {
    fail('invalid-argument', `seed ${String(seed)} is too large to name one stream exactly`, { hint: 'use a whole number of at most 2^53 = 9007199254740992 in size' });
  }
  if (!Number.isSafeInteger(seed)) {
    fail('invalid-argument', `seed must be a whole number, got ${typeof seed === 'string' ? JSON.stringify(seed) : String(seed)}`, {
      hint: 'any whole number, e.g. 42 (the same seed gives the same results), or leave it out for a fresh one',
    });
  }
}

export function createRng(seed: number): Rng {
  checkSeed(seed);
  let x = (Math.floor(seed) >>> 0) ^ Math.floor(seed / 2 ** 32);
  const splitmix = () => {
    x = (x + 0x9e3779b9) | 0;
    let z = x;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = splitmix(), b = splitmix(), c = splitmix(), d = splitmix();
  if ((a | b | c | d) === 0) a = 1;
  const next32 = () => {
    const result = Math.imul(rotl(Math.imul(b, 5), 7), 9) >>> 0;
    const t = b << 9;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = rotl(d, 11);
    return result;
  };
  // 53 random bits → a double in [0, 1).
  return () => ((next32() >>> 5) * 67108864 + (next32() >>> 6)) / 9007199254740992;
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** A seed from the clock, for runs that did not ask for one (reported with the result). */
export function freshSeed(): number {
  return Math.floor(Math.random() * 2 ** 32);
}
