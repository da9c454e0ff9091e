// Node worker_threads entry. Node 20 cannot start a worker from a .ts file, even under
// tsx, so this small .mjs registers tsx in the worker thread and then loads the TS entry.
//
//   import { Worker } from 'node:worker_threads';
//   const worker = new Worker(new URL('./node-worker.mjs', import.meta.url));
//   const api = Comlink.wrap(nodeEndpoint(worker));
import { register } from 'tsx/esm/api';

register();
await import('./node-entry.ts');
