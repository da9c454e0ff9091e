/**
 * Child process of the scale benchmark, Chromium side: serves bench/pages/scale.html with Vite's
 * dev server (cross-origin isolated, as bench/threads.ts does for QFT(22)), opens it in headless
 * Chromium through Playwright and runs one scale case in the page's worker pool, with the memory
 * budget raised to what the case needs. Peak memory is the renderer's VmHWM from /proc (the page
 * and its dedicated workers live in one renderer process).
 *   node --import tsx bench/lib/scale-browser-child.ts '{"n":28,"budget":...,"threads":2,"passRepeats":3,"qftRepeats":1}'
 * Prints `RESULT <json>`, or `ERROR <message>`: the engine's refusal, Chromium refusing the
 * allocation, or the renderer crashing.
 */
import { join } from 'node:path';
import { startHarnessServer } from '../../tests/e2e/harness-server.ts';
import { CHROMIUM_ARGS, findChromium } from '../../tests/e2e/find-browser.ts';
import { processTree, type ProcMemory } from './proc-memory.ts';
import type { ScalePageOutcome } from '../pages/scale-page.ts';
import type { ScaleRunOptions } from './scale-run.ts';

type Request = ScaleRunOptions & { readonly budget: number };
const request = JSON.parse(process.argv[2] ?? '{}') as Request;
const say = (m: string) => process.stderr.write(`  [chromium] ${m}\n`);

const renderers = (): ProcMemory[] => processTree(process.pid).filter((p) => p.cmdline.includes('--type=renderer'));

async function main(): Promise<void> {
  const { executablePath } = findChromium();
  const { chromium } = await import('@playwright/test');
  const { server, url } = await startHarnessServer('bench/pages/scale.html', { cacheDir: 'node_modules/.vite-bench-scale', root: join(import.meta.dirname, '../..') });
  const browser = await chromium.launch({ executablePath, args: [...CHROMIUM_ARGS] });
  try {
    const page = await browser.newPage();
    page.on('console', (message) => {
      if (message.text().startsWith('[scale] ')) say(message.text().slice(8));
    });
    let crashed = false;
    page.on('crash', () => (crashed = true));
    await page.goto(url);
    await page.waitForFunction(() => document.body.dataset.ready === 'true', undefined, { timeout: 120_000 });
    const before = new Map(renderers().map((p) => [p.pid, p.rss]));
    let outcome: ScalePageOutcome;
    try {
      outcome = await page.evaluate((options) => (globalThis as unknown as { superposeScale: { run(o: Request): Promise<ScalePageOutcome> } }).superposeScale.run(options), request);
    } catch (error) {
      const detail = crashed ? 'the renderer process crashed (out of memory?)' : (error as Error).message.split('\n')[0];
      process.stdout.write(`ERROR Chromium ${browser.version()}: ${detail}\n`);
      return;
    }
    // The page's renderer is the one whose peak grew the most over its resident size before the run.
    const after = renderers();
    const grown = after.map((p) => ({ p, extra: p.peak - (before.get(p.pid) ?? 0) })).sort((a, b) => b.extra - a.extra)[0];
    const memory = grown ? { baseline: before.get(grown.p.pid) ?? 0, peak: grown.p.peak, rendererPid: grown.p.pid } : {};
    const environment = `Chromium ${browser.version()}`;
    if (!outcome.ok) {
      process.stdout.write(`ERROR ${environment}${outcome.isolated ? '' : ' (not cross-origin isolated)'}: ${outcome.code ? `${outcome.code}: ` : ''}${outcome.message}\n`);
      return;
    }
    process.stdout.write(`RESULT ${JSON.stringify({ ...outcome.result, environment, isolated: outcome.isolated, ...memory })}\n`);
  } finally {
    await browser.close();
    await server.close();
  }
}

try {
  await main();
} catch (error) {
  process.stdout.write(`ERROR ${(error as Error).message.split('\n')[0]}\n`);
}
process.exit(0);
