import type { Endpoint } from 'comlink';

/**
 * One spawned worker as the pool sees it, whatever the environment (a browser module worker or
 * a Node worker thread): a comlink endpoint, a way to stop it, and a promise that settles with
 * a reason when it dies (crash, out of memory, exit, or our own terminate).
 */
export interface WorkerHandle {
  readonly endpoint: Endpoint;
  /** Stops the worker; `died` then resolves with 'terminated'. */
  terminate(): void;
  readonly died: Promise<string>;
}

export type WorkerFactory = (index: number) => WorkerHandle;
