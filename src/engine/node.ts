/**
 * The engine on Node worker_threads (CLI, batch runs, tests). Not imported by the page.
 */
import { availableParallelism, freemem } from 'node:os';
import { Worker } from 'node:worker_threads';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import type { Endpoint } from 'comlink';
import { SimulatorEngine, type EngineOptions } from './engine.ts';
import type { WorkerFactory, WorkerHandle } from './worker-handle.ts';

const NODE_WORKER_URL = new URL('../../workers/node-worker.mjs', import.meta.url);

/** Node's budget for a state: 80% of the memory free now (as the CLI's default). */
export function nodeMemoryBudget(): number {
  return Math.floor(freemem() * 0.8);
}

export const nodeWorkerFactory: WorkerFactory = (index) => {
  const worker = new Worker(NODE_WORKER_URL, { name: `superpose-sim-${index}` });
  let terminatedByUs = false;
  const died = new Promise<string>((resolve) => {
    worker.once('error', (error) => resolve(`crashed (${error.message})`));
    worker.once('exit', (code) => resolve(terminatedByUs ? 'was terminated' : `exited with code ${code}`));
  });
  const handle: WorkerHandle = {
    endpoint: nodeEndpoint(worker) as Endpoint,
    terminate() {
      terminatedByUs = true;
      void worker.terminate();
    },
    died,
  };
  return handle;
};

export interface NodeEngineOptions extends Partial<Omit<EngineOptions, 'factory' | 'shared'>> {}

/** A pool of `threads` worker threads (default: the machine's parallelism) sharing one state. */
export function createNodeEngine(options: NodeEngineOptions = {}): SimulatorEngine {
  return new SimulatorEngine({
    factory: nodeWorkerFactory,
    threads: options.threads ?? availableParallelism(),
    maxThreads: options.maxThreads ?? 4 * availableParallelism(),
    shared: true,
    memoryBudget: options.memoryBudget ?? nodeMemoryBudget(),
    ...(options.parallelMinQubits !== undefined ? { parallelMinQubits: options.parallelMinQubits } : {}),
    ...(options.minParallelWork !== undefined ? { minParallelWork: options.minParallelWork } : {}),
  });
}
