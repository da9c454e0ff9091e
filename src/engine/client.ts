/**
 * Main-thread client for the simulator Web Worker. All simulation runs in the worker;
 * the page only sends circuit JSON and receives (transferred) probability buffers.
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
