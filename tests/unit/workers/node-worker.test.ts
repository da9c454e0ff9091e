import { Worker } from 'node:worker_threads';
import * as Comlink from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Circuit } from '../../../src/core/index.ts';
import type { SimulatorApi } from '../../../workers/api.ts';

describe('Node worker (workers/node-worker.mjs over comlink)', () => {
  let worker: Worker;
  let api: Comlink.Remote<SimulatorApi>;

  beforeAll(() => {
    worker = new Worker(new URL('../../../workers/node-worker.mjs', import.meta.url));
    api = Comlink.wrap<SimulatorApi>(nodeEndpoint(worker));
  });

  afterAll(async () => {
    api?.[Comlink.releaseProxy]();
    await worker?.terminate();
  });

  it('answers ping from a worker thread', async () => {
    expect(await api.ping()).toMatch(/^pong from node:worker_threads#\d+$/);
  });

  it('runs a Bell circuit and returns [0.5, 0, 0, 0.5]', async () => {
    const json = Circuit.create(2).append('h', [0]).append('cx', [0, 1]).toJSON();
    const result = await api.runCircuit(json, { seed: 1 });

    expect(result.numQubits).toBe(2);
    expect(result.probabilities).toBeInstanceOf(Float64Array);
    expect(result.probabilities).toHaveLength(4);
    const expected = [0.5, 0, 0, 0.5];
    result.probabilities.forEach((p, i) => expect(Math.abs(p - expected[i]!)).toBeLessThan(1e-12));
    expect(['wasm', 'ts']).toContain(result.backend);
    expect(result.bitOrder).toMatch(/qubit 0/);
    expect(result.inWorker).toBe(true);
  });

  it('rejects invalid circuit JSON with a clear error', async () => {
    await expect(api.runCircuit({ bogus: true } as never)).rejects.toThrow(/\w+/);
  });
});
