/**
 * Page for the Chromium rows of the scale benchmark (bench/lib/scale-browser-child.ts serves it
 * with Vite's dev server, cross-origin isolated): the browser engine with the budget the bench
 * asks for, running one scale case. Only numbers cross to Playwright.
 */
import { createBrowserEngine } from '../../src/engine/browser.ts';
import { runScaleCase, type ScaleRunOptions, type ScaleRunResult } from '../lib/scale-run.ts';

export type ScalePageOutcome =
  | { readonly ok: true; readonly result: ScaleRunResult; readonly isolated: boolean; readonly log: string[] }
  | { readonly ok: false; readonly code: string | null; readonly message: string; readonly isolated: boolean; readonly log: string[] };

const api = {
  async run(options: ScaleRunOptions & { budget: number }): Promise<ScalePageOutcome> {
    const isolated = globalThis.crossOriginIsolated === true;
    const log: string[] = [];
    const engine = createBrowserEngine({ threads: options.threads, memoryBudget: options.budget });
    try {
      const info = await engine.info();
      log.push(`pool: ${info.threads} threads, shared memory ${info.sharedMemory}, budget ${(info.memoryBudget / 2 ** 30).toFixed(2)} GiB`);
      const result = await runScaleCase(engine, options, (m) => {
        log.push(m);
        console.log(`[scale] ${m}`); // relayed live by the child
      });
      return { ok: true, result, isolated, log };
    } catch (error) {
      const e = error as { code?: string; message?: string };
      return { ok: false, code: e.code ?? null, message: e.message ?? String(error), isolated, log };
    } finally {
      engine.dispose();
    }
  },
};

(globalThis as unknown as { superposeScale: typeof api }).superposeScale = api;
document.body.dataset.ready = 'true';
