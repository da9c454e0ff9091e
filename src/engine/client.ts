/**
 * The smallest client: one simulator Web Worker, for a page that needs a single quick run (the
 * Bell demo). Everything else — the worker pool, queue, cancel, progress, sweeps — is the
 * engine: `createBrowserEngine()` in ./browser.ts.
 */
import * as Comlink from 'comlink';
import type { SimulatorApi } from '../../workers/api.ts';

export type { RunCircuitOptions, RunCircuitResult, SimulatorApi } from '../../workers/api.ts';

export interface SimulatorClient {
  api: Comlink.Remote<SimulatorApi>;
  /** Releases the comlink proxy and stops the worker. */
  terminate(): void;
}

export function createSimulatorClient(): SimulatorClient {
  const worker = new Worker(new URL('../../workers/sim.worker.ts', import.meta.url), {
    type: 'module',
    name: 'superpose-sim',
  });
  const api = Comlink.wrap<SimulatorApi>(worker);
  return {
    api,
    terminate() {
      api[Comlink.releaseProxy]();
      worker.terminate();
    },
  };
}
