// Node worker_threads side of the simulator API (loaded by node-worker.mjs).
import { parentPort, threadId } from 'node:worker_threads';
import * as Comlink from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { setExecutionContext, simulatorApi } from './api.ts';

if (!parentPort) {
  throw new Error('workers/node-entry.ts must run inside a worker thread (start workers/node-worker.mjs)');
}

setExecutionContext({ environment: `node:worker_threads#${threadId}`, inWorker: true });
Comlink.expose(simulatorApi, nodeEndpoint(parentPort));
