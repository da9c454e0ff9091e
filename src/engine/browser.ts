/**
 * The engine in a browser: module Web Workers. Threads share one state only when the page is
 * cross-origin isolated (SharedArrayBuffer); otherwise one worker runs everything and
 * `info()` says why, for the UI.
 */
import { SimulatorEngine, type EngineOptions } from './engine.ts';
import type { WorkerFactory } from './worker-handle.ts';

/** Default state budget in a tab (settable: SimulatorEngine.setMemoryBudget). */
export const BROWSER_DEFAULT_BUDGET = 2 * 1024 ** 3;

export const browserWorkerFactory: WorkerFactory = (index) => {
  const worker = new Worker(new URL('../../workers/sim.worker.ts', import.meta.url), { type: 'module', name: `superpose-sim-${index}` });
  let settle!: (reason: string) => void;
  const died = new Promise<string>((resolve) => (settle = resolve));
  // A Web Worker reports a crash (or an error it did not catch) as an 'error' event; we treat
  // either as death and replace it. terminate() fires nothing, so we settle it ourselves.
  worker.addEventListener('error', (event) => {
    event.preventDefault();
    worker.terminate();
    settle(`crashed (${event.message || 'unknown error'})`);
  });
  worker.addEventListener('messageerror', () => {
    worker.terminate();
    settle('sent a message that could not be read');
  });
  return {
    endpoint: worker,
    terminate() {
      worker.terminate();
      settle('was terminated');
    },
    died,
  };
};

export function isCrossOriginIsolated(): boolean {
  return globalThis.crossOriginIsolated === true && typeof SharedArrayBuffer === 'function';
}

export interface BrowserEngineOptions extends Partial<Omit<EngineOptions, 'factory' | 'shared' | 'reason'>> {}

export function createBrowserEngine(options: BrowserEngineOptions = {}): SimulatorEngine {
  const isolated = isCrossOriginIsolated();
  const cores = typeof navigator !== 'undefined' && navigator.hardwareConcurrency ? navigator.hardwareConcurrency : 2;
  return new SimulatorEngine({
    factory: browserWorkerFactory,
    threads: isolated ? (options.threads ?? cores) : 1,
    maxThreads: options.maxThreads ?? 4 * cores,
    shared: isolated,
    ...(isolated ? {} : { reason: 'not cross-origin isolated' }),
    memoryBudget: options.memoryBudget ?? BROWSER_DEFAULT_BUDGET,
    ...(options.parallelMinQubits !== undefined ? { parallelMinQubits: options.parallelMinQubits } : {}),
    ...(options.minParallelWork !== undefined ? { minParallelWork: options.minParallelWork } : {}),
  });
}
