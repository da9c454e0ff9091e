import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Circuit, probabilities, simulate, expectationPauliSum, blochVector, marginalProbabilities, qftCircuit, SuperposeError, TS_MAX_QUBITS,
  type CircuitJSON,
} from '../../../src/core/index.ts';
import { createNodeEngine } from '../../../src/engine/node.ts';
import { EngineError, isEngineError, type ProgressEvent, type SimulatorEngine } from '../../../src/engine/index.ts';
import { randomCircuit } from '../helpers/random-circuit.ts';
import { createRng } from '../helpers/random.ts';

const TOL = 1e-12;

function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let d = 0;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i]! - b[i]!));
  return d;
}

/** A QAOA-like p=1 circuit on a ring: H layer, RZZ(2γ) on every edge, RX(2β) layer. */
function ringQaoa(n: number): CircuitJSON {
  let c = Circuit.create(n);
  for (let q = 0; q < n; q++) c = c.append('h', [q]);
  for (let q = 0; q < n; q++) c = c.append('rzz', [q, (q + 1) % n], { params: ['2*gamma'] });
  for (let q = 0; q < n; q++) c = c.append('rx', [q], { params: ['2*beta'] });
  return c.toJSON();
}

describe('simulator engine on Node worker_threads (2 workers sharing one state)', () => {
  let engine: SimulatorEngine;

  beforeAll(async () => {
    // Threshold 0 and small steps split, so even test-sized states exercise the barrier protocol.
    engine = createNodeEngine({ threads: 2, parallelMinQubits: 0, minParallelWork: 64 });
    await engine.info();
  });

  afterAll(() => engine?.dispose());

  it('reports a shared pool of 2 threads running in worker threads', async () => {
    const info = await engine.info();
    expect(info.threads).toBe(2);
    expect(info.sharedMemory).toBe(true);
    expect(info.reason).toBeUndefined();
    for (const w of info.workers) expect(w.environment).toMatch(/^node:worker_threads#\d+$/);
    expect(new Set(info.workers.map((w) => w.environment)).size).toBe(2);
    // What each backend holds here, for a UI to say so: Node 20's 64-bit memories stop at 4 GiB too.
    for (const w of info.workers) expect(w.maxQubits).toEqual({ ts: TS_MAX_QUBITS, wasm: 27, wasm64: 27 });
  });

  it('2 threads equal the in-process core (and 1 thread) to 1e-12 on random circuits, amplitude by amplitude', async () => {
    const rng = createRng(20261125);
    for (let trial = 0; trial < 6; trial++) {
      const n = 15 + (trial % 3); // 15–17 qubits: steps big enough to be cut into several chunks
      const circuit = randomCircuit(n, 40, rng, { controlRate: 0.3 });
      // wasm64: the kernels' 64-bit twin on a shared 64-bit memory (tests/unit/setup/wasm-memory64.ts).
      for (const backend of ['wasm', 'wasm64', 'ts'] as const) {
        const reference = simulate(circuit, { seed: 1, backend: 'ts' }).state.data;
        const two = await engine.run(circuit.toJSON(), { threads: 2, backend, seed: 1 }).promise;
        expect(two.backend).toBe(backend);
        expect(two.threads).toBe(2);
        expect(two.parallelSteps).toBeGreaterThan(0);
        const view = await engine.stateView().promise;
        expect(view).not.toBeNull();
        expect(maxDiff(view!, reference)).toBeLessThan(TOL);
        // Without cache blocking every step is its own barrier.
        const untiled = await engine.run(circuit.toJSON(), { threads: 2, backend, seed: 1, tiling: false }).promise;
        expect(untiled.parallelSteps).toBeGreaterThanOrEqual(two.parallelSteps);
        expect(maxDiff((await engine.stateView().promise)!, reference)).toBeLessThan(TOL);
        const one = await engine.run(circuit.toJSON(), { threads: 1, backend, seed: 1 }).promise;
        expect(one.threads).toBe(1);
        expect(one.parallelSteps).toBe(0);
        expect(maxDiff((await engine.stateView().promise)!, reference)).toBeLessThan(TOL);
      }
    }
  });

  it('slices of 2^17 items and more, which the wasm kernels run as several streams, equal the core on 2 threads (n = 21, untiled)', async () => {
    const rng = createRng(20261126);
    const circuit = randomCircuit(21, 24, rng, { controlRate: 0.2 });
    const reference = simulate(circuit, { seed: 1, backend: 'ts', tiling: false }).state.data;
    for (const backend of ['wasm', 'wasm64'] as const) {
      const two = await engine.run(circuit.toJSON(), { threads: 2, backend, seed: 1, tiling: false }).promise;
      expect(two.backend).toBe(backend);
      expect(two.threads).toBe(2);
      expect(two.parallelSteps).toBeGreaterThan(0);
      expect(maxDiff((await engine.stateView().promise)!, reference)).toBeLessThan(TOL);
    }
  });

  it('writes the product state a run begins with (a QAOA H layer) on the pool as the core does gate by gate', async () => {
    const json = ringQaoa(16);
    const params = { gamma: 0.35, beta: 0.6 };
    const circuit = Circuit.fromJSON(json);
    const reference = simulate(circuit, { params, fuse: false, backend: 'ts' }).state.data;
    for (const backend of ['wasm', 'ts'] as const) {
      await engine.run(json, { threads: 2, backend, params }).promise;
      expect(maxDiff((await engine.stateView().promise)!, reference)).toBeLessThan(TOL);
    }
  });

  it('runs mid-circuit measurement, reset and conditions like the core with the same seed', async () => {
    let c = Circuit.create(16, 2);
    for (let q = 0; q < 16; q++) c = c.append('h', [q]);
    c = c.append('cx', [0, 15]).measure(0, 0).append('x', [3], { condition: { clbits: [0], value: 1 } });
    c = c.append('ry', [5], { params: [0.7] }).reset(5).append('cx', [5, 6]).measure(6, 1).append('rz', [7], { params: [0.3] });
    for (const seed of [1, 2, 3, 4]) {
      const core = simulate(c, { seed, backend: 'ts' });
      const run = await engine.run(c.toJSON(), { seed, threads: 2 }).promise;
      expect(Array.from(run.clbits)).toEqual(Array.from(core.clbits));
      expect(run.measurements.map((m) => m.outcome)).toEqual(core.measurements.map((m) => m.outcome));
      expect(maxDiff((await engine.stateView().promise)!, core.state.data)).toBeLessThan(TOL);
    }
  });

  it('statistics of the pool state equal the core: probabilities, marginals, Pauli sums, Bloch vectors, seeded shots', async () => {
    const circuit = randomCircuit(12, 50, createRng(7));
    const core = simulate(circuit, { seed: 1 }).state;
    await engine.run(circuit.toJSON(), { seed: 1 }).promise;
    expect(maxDiff(await engine.probabilities().promise, probabilities(core))).toBeLessThan(TOL);
    expect(maxDiff(await engine.probabilities([3, 0, 7]).promise, marginalProbabilities(core, [3, 0, 7]))).toBeLessThan(TOL);
    const sum = [{ coefficient: 0.5, pauli: 'Z0 Z1' }, { coefficient: -1.25, pauli: 'X2 Y5' }];
    const [a, b] = await engine.expectations(['Z3', sum]).promise;
    expect(Math.abs(a! - expectationPauliSum(core, [{ coefficient: 1, pauli: 'Z3' }]))).toBeLessThan(TOL);
    expect(Math.abs(b! - expectationPauliSum(core, sum))).toBeLessThan(TOL);
    const bloch = await engine.bloch([0, 11]).promise;
    expect(maxDiff(bloch.flat(), [...blochVector(core, 0), ...blochVector(core, 11)])).toBeLessThan(TOL);
    const counts = await engine.sample(1000, 42).promise;
    expect([...counts.values()].reduce((x, y) => x + y, 0)).toBe(1000);
  });

  it.each([['per step', false as const, 10], ['per cache-tile group', undefined, 1]])('progress events (%s) are monotone and end at fraction 1', async (_, tiling, minEvents) => {
    const events: ProgressEvent[] = [];
    await engine.run(qftCircuit(18).toJSON(), { progressIntervalMs: 0, onProgress: (e) => events.push(e), ...(tiling === false ? { tiling } : {}) }).promise;
    await new Promise((r) => setTimeout(r, 50)); // the last report may trail the result by a message
    expect(events.length).toBeGreaterThan(minEvents);
    for (let i = 1; i < events.length; i++) {
      expect(events[i]!.fraction).toBeGreaterThanOrEqual(events[i - 1]!.fraction);
      expect(events[i]!.gatesDone).toBeGreaterThanOrEqual(events[i - 1]!.gatesDone);
    }
    const last = events.at(-1)!;
    expect(last.fraction).toBe(1);
    expect(last.gatesDone).toBe(last.totalGates);
    expect(last.etaSeconds).toBe(0);
    expect(events.every((e) => e.fraction >= 0 && e.fraction <= 1 && Number.isFinite(e.gatesPerSecond))).toBe(true);
  });

  it('cancels a running 24-qubit simulation within 100 ms, and the next run succeeds', async () => {
    let c = Circuit.create(24);
    for (let layer = 0; layer < 40; layer++) for (let q = 0; q < 24; q++) c = c.append(layer % 2 ? 'h' : 'rx', [q], layer % 2 ? {} : { params: [0.1 * q] });
    let started!: () => void;
    const running = new Promise<void>((r) => (started = r));
    const job = engine.run(c.toJSON(), { fuse: false, progressIntervalMs: 0, onProgress: () => started() });
    await running;
    const t0 = performance.now();
    job.cancel();
    const error = await job.promise.then(() => null, (e: unknown) => e);
    const stopMs = performance.now() - t0;
    expect(isEngineError(error, 'cancelled')).toBe(true);
    expect(stopMs).toBeLessThan(100);
    const after = await engine.run(Circuit.create(2).append('h', [0]).append('cx', [0, 1]).toJSON()).promise;
    expect(after.completed).toBe(true);
    expect(maxDiff(await engine.probabilities().promise, [0.5, 0, 0, 0.5])).toBeLessThan(TOL);
  });

  it('a newer request in the same lane supersedes a stale one', async () => {
    const big = qftCircuit(20).toJSON();
    const first = engine.run(big, { lane: 'live' });
    const second = engine.run(big, { lane: 'live' });
    const third = engine.run(Circuit.create(1).append('x', [0]).toJSON(), { lane: 'live' });
    await expect(first.promise).rejects.toMatchObject({ code: 'superseded' });
    await expect(second.promise).rejects.toMatchObject({ code: 'superseded' });
    await expect(third.promise).resolves.toMatchObject({ numQubits: 1, completed: true });
    expect(maxDiff(await engine.probabilities().promise, [0, 1])).toBeLessThan(TOL);
  });

  it('refuses a state over the memory budget with the bytes it needs, in the engine and in the worker', async () => {
    await engine.setMemoryBudget(1024 * 1024); // 1 MiB: 16 qubits (1 MiB) fit, 17 do not
    try {
      const error = await engine.run(qftCircuit(17).toJSON()).promise.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SuperposeError);
      expect((error as SuperposeError).code).toBe('too-large');
      expect((error as Error).message).toMatch(/2 MiB/);
      // The worker's own guard (a caller that skips the engine's check) says the same.
      const inWorker = await engine.pool.call(0, (api) => api.prepare({ circuit: { json: qftCircuit(17).toJSON() }, runId: -1, followers: 0 })).catch((e: unknown) => e);
      expect(inWorker).toBeInstanceOf(SuperposeError);
      expect((inWorker as SuperposeError).code).toBe('too-large');
      expect((inWorker as Error).message).toMatch(/2 MiB/);
      await expect(engine.run(qftCircuit(16).toJSON()).promise).resolves.toMatchObject({ completed: true });
    } finally {
      await engine.setMemoryBudget(2 * 1024 ** 3);
    }
  });

  it('runs single-precision states on 2 threads: same floats as in-process, double to 1e-6, twice the qubits per budget byte', async () => {
    const rng = createRng(4242);
    for (let trial = 0; trial < 3; trial++) {
      const circuit = randomCircuit(16, 40, rng, { controlRate: 0.3 });
      const two = await engine.run(circuit.toJSON(), { threads: 2, precision: 'single', seed: 1 }).promise;
      expect(two.precision).toBe('single');
      expect(two.backend).toBe('ts');
      expect(two.parallelSteps).toBeGreaterThan(0);
      const view = (await engine.stateView().promise)!;
      expect(view).toBeInstanceOf(Float32Array);
      expect(maxDiff(view, simulate(circuit, { seed: 1, precision: 'single' }).state.data)).toBeLessThan(TOL);
      expect(maxDiff(view, simulate(circuit, { seed: 1 }).state.data)).toBeLessThan(1e-6);
    }
    await engine.setMemoryBudget(1024 * 1024); // 16 double-precision qubits, 17 single
    try {
      await expect(engine.run(qftCircuit(17).toJSON(), { precision: 'single' }).promise).resolves.toMatchObject({ completed: true, precision: 'single' });
      await expect(engine.run(qftCircuit(17).toJSON()).promise).rejects.toMatchObject({ code: 'too-large' });
    } finally {
      await engine.setMemoryBudget(2 * 1024 ** 3);
    }
  });

  it('a worker killed mid-run is reported and replaced; the next run succeeds', async () => {
    for (const victim of [1, 0]) {
      const deaths: number[] = [];
      const off = engine.onWorkerDeath((d) => deaths.push(d.index));
      let started!: () => void;
      const running = new Promise<void>((r) => (started = r));
      const job = engine.run(qftCircuit(22).toJSON(), { threads: 2, progressIntervalMs: 0, onProgress: () => started() });
      await running;
      engine.killWorker(victim);
      const error = await job.promise.then(() => null, (e: unknown) => e);
      expect(error).toBeInstanceOf(EngineError);
      expect((error as EngineError).code).toBe('worker-died');
      expect(deaths).toEqual([victim]);
      off();
      const circuit = randomCircuit(16, 30, createRng(victim + 11));
      const run = await engine.run(circuit.toJSON(), { threads: 2, seed: 1 }).promise;
      expect(run.threads).toBe(2);
      expect(maxDiff((await engine.stateView().promise)!, simulate(circuit, { seed: 1 }).state.data)).toBeLessThan(TOL);
    }
  });

  it('sweeps a γ–β grid over the pool, streaming every result once, equal to the core', async () => {
    const n = 6;
    const json = ringQaoa(n);
    const circuit = Circuit.fromJSON(json);
    const cost = Array.from({ length: n }, (_, q) => [
      { coefficient: 0.5, pauli: '' },
      { coefficient: -0.5, pauli: `Z${q} Z${(q + 1) % n}` },
    ]).flat();
    const sets: Record<string, number>[] = [];
    for (let i = 0; i < 8; i++) for (let j = 0; j < 8; j++) sets.push({ gamma: (i * Math.PI) / 8, beta: (j * Math.PI) / 16 });
    const seen = new Map<number, number>();
    const values = await engine.sweep(json, sets, [cost, 'Z0'], { batchSize: 5, onResult: (i, v) => seen.set(i, v[0]!) }).promise;
    expect(seen.size).toBe(sets.length);
    sets.forEach((params, i) => {
      const state = simulate(circuit, { params }).state;
      const expected = expectationPauliSum(state, cost);
      expect(Math.abs(values[2 * i]! - expected)).toBeLessThan(TOL);
      expect(Math.abs(seen.get(i)! - expected)).toBeLessThan(TOL);
      expect(Math.abs(values[2 * i + 1]! - expectationPauliSum(state, [{ coefficient: 1, pauli: 'Z0' }]))).toBeLessThan(TOL);
    });
    // γ = 0: the cost layer is the identity, |+⟩ gives ⟨C⟩ = n/2 for every β.
    for (let j = 0; j < 8; j++) expect(Math.abs(values[2 * j]! - n / 2)).toBeLessThan(TOL);
  });

  it('cancels a sweep: results stop streaming, the job rejects "cancelled", and the pool works after', async () => {
    const json = ringQaoa(16);
    const sets: Record<string, number>[] = [];
    for (let i = 0; i < 2000; i++) sets.push({ gamma: i / 1000, beta: 0.3 });
    let streamed = 0;
    let first!: () => void;
    const started = new Promise<void>((r) => (first = r));
    const job = engine.sweep(json, sets, ['Z0 Z1'], {
      batchSize: 4,
      onResult: () => {
        streamed++;
        first();
      },
    });
    await started;
    job.cancel();
    await expect(job.promise).rejects.toMatchObject({ code: 'cancelled' });
    const atCancel = streamed;
    await new Promise((r) => setTimeout(r, 100));
    expect(streamed).toBe(atCancel);
    expect(streamed).toBeLessThan(sets.length);
    const values = await engine.sweep(json, sets.slice(0, 4), ['Z0 Z1']).promise;
    expect(values.every((v) => Number.isFinite(v))).toBe(true);
  });

  it('refuses bad arguments with a SuperposeError that names them: no TypeError, no silent default, no hang', async () => {
    const bell = Circuit.create(2).append('h', [0]).append('cx', [0, 1]).toJSON();
    const rot = Circuit.create(1).append('rx', [0], { params: ['theta'] }).toJSON();
    await engine.run(bell, { seed: 1 }).promise;
    const cases: [string, () => { promise: Promise<unknown> }, RegExp][] = [
      ['run(null)', () => engine.run(null as never), /a circuit must be a JSON object or its text, got null/],
      ['run([])', () => engine.run([] as never), /got an array/],
      ['run, threads 0', () => engine.run(bell, { threads: 0 }), /threads must be a whole number ≥ 1, got 0/],
      ['run, seed NaN', () => engine.run(bell, { seed: Number.NaN }), /seed must be a whole number, got NaN/],
      ['run, a parameter bound to a string', () => engine.run(rot, { params: { theta: 'x' as never } }), /parameter theta is bound to "x", not a number/],
      ['sample, seed 1.5', () => engine.sample(10, 1.5), /seed must be a whole number, got 1\.5/],
      ['expectations, not an array', () => engine.expectations('Z0' as never), /observables must be an array, got string/],
      ['expectations, null', () => engine.expectations([null as never]), /observables\[0\] must be a Pauli string or an array of terms, got null/],
      ['expectations, a bad term', () => engine.expectations([[{ coefficient: 'a', pauli: 'Z0' }] as never]), /observables\[0\]\[0\] must be \{ coefficient: number, pauli: string \}/],
      ['sweep, batchSize 0 (would loop for ever)', () => engine.sweep(rot, [{ theta: 1 }], ['Z0'], { batchSize: 0 }), /batchSize must be a whole number ≥ 1, got 0/],
      ['sweep, workers 1.5', () => engine.sweep(rot, [{ theta: 1 }], ['Z0'], { workers: 1.5 }), /workers must be a whole number ≥ 1, got 1\.5/],
      ['sweep, paramSets null', () => engine.sweep(rot, null as never, ['Z0']), /paramSets must be an array/],
      ['sweep, a parameter set that is a number', () => engine.sweep(rot, [3 as never], ['Z0']), /paramSets\[0\] must be an object/],
    ];
    for (const [name, call, pattern] of cases) {
      const error = await call().promise.then(() => new Error(`${name}: no error`), (e: unknown) => e);
      expect(error, name).toBeInstanceOf(SuperposeError);
      expect((error as Error).message, name).toMatch(pattern);
    }
    expect(() => engine.killWorker(7)).toThrow(/worker 7 does not exist: the pool has workers 0…1/);
    // The engine still works, and still has the last good state.
    const probs = [...(await engine.probabilities().promise)];
    expect(probs.length).toBe(4);
    probs.forEach((p, i) => expect(p).toBeCloseTo(i === 0 || i === 3 ? 0.5 : 0, 12));
  });

  it('refuses engine options that would hang or quietly mean something else, before any worker starts', () => {
    const cases: [Parameters<typeof createNodeEngine>[0], RegExp][] = [
      [{ threads: 0 }, /threads must be a whole number 1…\d+, got 0/],
      [{ threads: 1000 }, /threads must be a whole number 1…\d+, got 1000/], // 1000 Node workers on this machine: minutes and gigabytes
      [{ threads: 4, maxThreads: 2 }, /threads must be a whole number 1…2, got 4/],
      [{ memoryBudget: Number.NaN }, /memoryBudget must be a positive number of bytes, got NaN/],
      [{ memoryBudget: -5 }, /memoryBudget must be a positive number/],
      [{ parallelMinQubits: -3 }, /parallelMinQubits must be a whole number ≥ 0, got -3/],
      [{ minParallelWork: Number.NaN }, /minParallelWork must be a number ≥ 0, got NaN/], // NaN would never split a step
    ];
    for (const [options, pattern] of cases) {
      let caught: unknown;
      try {
        createNodeEngine(options).dispose();
      } catch (error) {
        caught = error;
      }
      expect(caught, JSON.stringify(options)).toBeInstanceOf(SuperposeError);
      expect((caught as Error).message).toMatch(pattern);
    }
  });

  it('a leader that fails before its run releases the follower already waiting for it (no hang), and the pool works after', async () => {
    // The engine refuses a bad seed up front; here the worker API is driven directly, as a
    // leader error the engine could not foresee would reach it.
    const runId = 900_001;
    const prepared = await engine.pool.call(0, (api) => api.prepare({ circuit: { json: qftCircuit(12).toJSON() }, runId, followers: 1 }));
    expect(prepared.follow).toBeDefined();
    const follower = engine.pool.call(1, (api) => api.follow(prepared.follow!));
    const leader = engine.pool.call(0, (api) => api.execute({ runId, followers: 1, seed: Number.NaN, minParallelWork: 64 }));
    await expect(leader).rejects.toThrow(/seed must be a whole number, got NaN/);
    const followed = await Promise.race([follower, new Promise((resolve) => setTimeout(() => resolve('still waiting after 5 s'), 5000))]);
    expect(followed).toMatchObject({ aborted: true });
    const summary = await engine.run(qftCircuit(12).toJSON(), { threads: 2, seed: 3 }).promise;
    expect(summary).toMatchObject({ completed: true, threads: 2 });
  });

  it('rejects invalid circuit JSON with the core error', async () => {
    await expect(engine.run({ numQubits: 2, ops: [{ kind: 'gate', gate: 'nope', qubits: [0] }] } as never).promise).rejects.toThrow(/nope/);
    // Circuit text that does not parse is refused where it is loaded, at line:column.
    expect(() => engine.load('{"numQubits": 2,\n "ops": [}')).toThrow(/^2:10: the circuit is not valid JSON: /);
  });
});
