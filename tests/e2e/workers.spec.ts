/**
 * The worker pool in Chromium. The spec serves tests/e2e/pages/workers.html from its own Vite dev
 * servers — one cross-origin isolated (COOP/COEP, as vite.config.ts serves the app), one not — so
 * the harness page needs no entry in the production build.
 */
import { freemem } from 'node:os';
import { expect, test, type Page } from '@playwright/test';
import type { ViteDevServer } from 'vite';
import { startHarnessServer } from './harness-server.ts';

type Harness = Record<string, (...args: never[]) => Promise<unknown>>;

function startServer(isolated: boolean): Promise<{ server: ViteDevServer; url: string }> {
  return startHarnessServer('tests/e2e/pages/workers.html', { isolated, cacheDir: 'node_modules/.vite-e2e-workers' });
}

async function openHarness(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(page.locator('body')).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
}

function call<T>(page: Page, name: string, ...args: unknown[]): Promise<T> {
  return page.evaluate(
    ([fn, rest]) => (globalThis as unknown as { superposeTest: Harness }).superposeTest[fn as string]!(...(rest as never[])),
    [name, args] as const,
  ) as Promise<T>;
}

test.describe.configure({ mode: 'serial', timeout: 180_000 });

test.describe('worker pool in Chromium (cross-origin isolated)', () => {
  let isolated: { server: ViteDevServer; url: string };

  test.beforeAll(async () => {
    isolated = await startServer(true);
  });
  test.afterAll(async () => {
    await isolated?.server.close();
  });

  test('runs on more than one thread, equal to the in-page core and to one thread (1e-12)', async ({ page }) => {
    await openHarness(page, isolated.url);
    const info = await call<{ threads: number; reason: string | null; sharedMemory: boolean; environments: string[]; isolated: boolean }>(
      page, 'create', { parallelMinQubits: 0, minParallelWork: 64 },
    );
    expect(info.isolated).toBe(true);
    expect(info.threads).toBeGreaterThan(1);
    expect(info.sharedMemory).toBe(true);
    expect(info.reason).toBeNull();
    for (const env of info.environments) expect(env).toMatch(/WorkerGlobalScope/);
    const eq = await call<{ worst: number; parallelSteps: number; threads: number }>(page, 'randomEquality', 31, 4, 16);
    expect(eq.threads).toBe(2);
    expect(eq.parallelSteps).toBeGreaterThan(0);
    expect(eq.worst).toBeLessThan(1e-12);
    const stats = await call<{ probabilities: number; pauliSum: number }>(page, 'statistics');
    expect(stats.probabilities).toBeLessThan(1e-12);
    expect(stats.pauliSum).toBeLessThan(1e-12);
  });

  test('runs the kernels\' 64-bit twin (wasm64) natively: equal to ts in the page, 28 qubits past 4 GiB on the pool by default', async ({ page }) => {
    await openHarness(page, isolated.url);
    const inPage = await call<{ backends: string[]; maxQubits: number; backendName: string; worst: number; narrowRefuses: boolean; auto: string[] }>(page, 'wasm64InPage', 41, 12);
    expect(inPage.backends).toContain('wasm64');
    expect(inPage.maxQubits).toBe(29); // Chromium's 16 GiB limit for a 64-bit memory
    expect(inPage.auto).toEqual(['wasm', 'wasm64', 'wasm64', 'ts']);
    expect(inPage.backendName).toBe('wasm64');
    expect(inPage.worst).toBeLessThan(1e-12);
    expect(inPage.narrowRefuses).toBe(true);
    const created = await call<{ maxQubits: Record<string, number> | null }>(page, 'create', {});
    expect(created.maxQubits).toEqual({ ts: 30, wasm: 27, wasm64: 29 }); // what a worker tells the UI
    // The 28-qubit run needs a 4 GiB state in the browser: on a smaller machine, say so rather than crash it.
    const needed = 8 * 1024 ** 3;
    test.skip(freemem() < needed, `QFT(28) past 4 GiB needs ${needed / 1024 ** 3} GiB free, ${(freemem() / 1024 ** 3).toFixed(1)} GiB are`);
    // j with bits low and high: every QFT layer carries phases; the last 4096 amplitudes and the tables lie past 2^32 bytes.
    const j = 2 ** 27 + 2 ** 20 + 12345;
    const big = await call<{ backend: string; threads: number; worst: number; probes: number }>(page, 'qftOfBasis', 28, j);
    expect(big.backend).toBe('wasm64');
    expect(big.threads).toBe(2);
    expect(big.probes).toBe(30);
    expect(big.worst).toBeLessThan(1e-12);
    await call(page, 'dispose');
  });

  test('progress is monotone and ends at 1; cancel stops a 24-qubit run within 100 ms', async ({ page }) => {
    await openHarness(page, isolated.url);
    await call(page, 'create');
    const progress = await call<{ count: number; monotone: boolean; last: number }>(page, 'progress', 18);
    expect(progress.count).toBeGreaterThan(5);
    expect(progress.monotone).toBe(true);
    expect(progress.last).toBe(1);
    const cancel = await call<{ code: string; stopMs: number; afterOk: boolean }>(page, 'cancel', 24);
    expect(cancel.code).toBe('cancelled');
    expect(cancel.stopMs).toBeLessThan(100);
    expect(cancel.afterOk).toBe(true);
  });

  test('the main thread stays responsive during a 22-qubit run (no frame gap over 50 ms)', async ({ page }) => {
    await openHarness(page, isolated.url);
    await call(page, 'create');
    // Our code must never block the main thread: no long task (> 50 ms) in any attempt. Frame gaps
    // also depend on the OS scheduler (2 cores shared with other jobs here, both busy with the
    // pool), so the rAF bound must hold in one of up to three runs.
    const gaps: number[] = [];
    for (let attempt = 0; attempt < 3; attempt++) {
      const r = await call<{ worstGapMs: number; frames: number; runMs: number; threads: number; uniform: boolean; long: string[]; longTasks: number[] }>(page, 'responsiveness', 22);
      console.log(`22-qubit QFT in the pool: ${r.runMs.toFixed(0)} ms on ${r.threads} threads, ${r.frames} frames, worst gap ${r.worstGapMs.toFixed(1)} ms; gaps over 25 ms: ${r.long.join(', ') || 'none'}`);
      expect(r.uniform).toBe(true);
      expect(r.threads).toBeGreaterThan(1);
      expect(r.frames).toBeGreaterThan(3);
      expect(r.longTasks).toEqual([]);
      gaps.push(r.worstGapMs);
      if (r.worstGapMs <= 50.05) break;
    }
    // Frame times are multiples of 16.7 ms: 50.0 is three frame intervals, the most allowed.
    expect(Math.min(...gaps)).toBeLessThanOrEqual(50.05);
  });

  test('memory guard refuses with the bytes needed; a killed worker is reported, replaced, and the next run succeeds', async ({ page }) => {
    await openHarness(page, isolated.url);
    // Threshold 0: the run after a replacement must split over the new worker too.
    await call(page, 'create', { parallelMinQubits: 0, minParallelWork: 64 });
    const guard = await call<{ code: string; message: string; smallerRuns: boolean }>(page, 'memoryGuard');
    expect(guard.code).toBe('too-large');
    expect(guard.message).toMatch(/2 MiB/);
    expect(guard.smallerRuns).toBe(true);
    for (const victim of [1, 0]) {
      const k = await call<{ code: string; deaths: number[]; nextOk: boolean; diff: number; threads: number }>(page, 'killDuringRun', victim);
      expect(k.code).toBe('worker-died');
      expect(k.deaths).toEqual([victim]);
      expect(k.nextOk).toBe(true);
      expect(k.threads).toBe(2);
      expect(k.diff).toBeLessThan(1e-12);
    }
  });

  test('good and bad calls, cancels, superseded runs and killed workers all settle, and the pool still agrees with the core', async ({ page }) => {
    await openHarness(page, isolated.url);
    await call(page, 'create', { parallelMinQubits: 0, minParallelWork: 64 });
    const report = await call<{ problems: string[]; finalDiff: number; steps: number }>(page, 'fuzzSession', 20261126, 50);
    expect(report.steps).toBe(50);
    expect(report.problems).toEqual([]);
    expect(report.finalDiff).toBeLessThan(1e-12);
  });
});

test.describe('worker pool in Chromium without cross-origin isolation', () => {
  let plain: { server: ViteDevServer; url: string };

  test.beforeAll(async () => {
    plain = await startServer(false);
  });
  test.afterAll(async () => {
    await plain?.server.close();
  });

  test('falls back to one worker, says why, and still computes the same results', async ({ page }) => {
    await openHarness(page, plain.url);
    const info = await call<{ threads: number; reason: string | null; isolated: boolean; sharedMemory: boolean }>(page, 'create');
    expect(info.isolated).toBe(false);
    expect(info.threads).toBe(1);
    expect(info.sharedMemory).toBe(false);
    expect(info.reason).toBe('not cross-origin isolated');
    const eq = await call<{ worst: number; threads: number }>(page, 'randomEquality', 32, 2, 12);
    expect(eq.threads).toBe(1);
    expect(eq.worst).toBeLessThan(1e-12);
    // Nothing shared: cancel stops the worker and starts a fresh one.
    const cancel = await call<{ code: string; stopMs: number; afterOk: boolean }>(page, 'cancel', 22);
    expect(cancel.code).toBe('cancelled');
    expect(cancel.afterOk).toBe(true);
  });
});
