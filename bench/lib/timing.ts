/**
 * Timing with warm-up and medians. Fast cases run many times, slow ones fewer:
 * the first (warm-up) run decides how many timed repeats fit.
 */
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

export interface Timing {
  /** Median of the timed runs, milliseconds. */
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly runs: number;
}

export interface TimingOptions {
  /** Timed repeats for fast cases (at least 5). */
  readonly repeats?: number;
  /** Warm-up runs before timing (default 1). */
  readonly warmup?: number;
  /** Stop adding repeats once this much time has been spent timing (ms). */
  readonly budgetMs?: number;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** How many timed repeats a case gets, given one run's duration (≥5 when fast, fewer when slow). */
export function repeatsFor(firstMs: number, requested = 7): number {
  const fast = Math.max(5, requested);
  if (firstMs < 250) return fast;
  if (firstMs < 2000) return 5;
  if (firstMs < 8000) return 3;
  return 1;
}

/** Times fn (synchronous): warm-up, then a median of repeats; `setup` runs untimed before each call. */
export function time(fn: () => void, options: TimingOptions & { setup?: () => void } = {}): Timing {
  const warmup = options.warmup ?? 1;
  let first = Infinity;
  for (let i = 0; i < warmup; i++) {
    options.setup?.();
    const t0 = performance.now();
    fn();
    first = Math.min(first, performance.now() - t0);
  }
  const repeats = repeatsFor(first, options.repeats);
  const budget = options.budgetMs ?? Infinity;
  const samples: number[] = [];
  let spent = 0;
  // A slow case is past JIT warm-up after one run: its warm-up run counts as a sample.
  if (first >= 2000 && warmup > 0) {
    samples.push(first);
    spent += first;
  }
  while (samples.length < repeats) {
    options.setup?.();
    const t0 = performance.now();
    fn();
    const dt = performance.now() - t0;
    samples.push(dt);
    spent += dt;
    if (spent > budget && samples.length >= 3) break;
  }
  return { median: median(samples), min: Math.min(...samples), max: Math.max(...samples), runs: samples.length };
}

let gcFn: (() => void) | undefined;
/** Full garbage collection (exposed through V8 flags at run time), so big states from one case are gone before the next. */
export function collectGarbage(): void {
  if (!gcFn) {
    setFlagsFromString('--expose-gc');
    gcFn = runInNewContext('gc') as () => void;
  }
  gcFn();
}

