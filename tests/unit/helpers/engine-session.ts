/**
 * A seeded random session against an engine (Node worker_threads or browser workers alike):
 * good and bad calls mixed, runs cancelled or superseded while they run, workers killed mid-run,
 * sweeps. Returns the problems it saw instead of asserting, so the same driver runs in vitest and
 * in the Chromium harness page: a call that did not settle within the deadline, an error that is
 * not a SuperposeError or EngineError, a bad call that succeeded, a newer run that failed, and
 * whether the pool still computes what the core computes at the end.
 */
import { Circuit, probabilities, simulate } from '../../../src/core/index.ts';
import type { SimulatorEngine } from '../../../src/engine/index.ts';
import { randomCircuit } from './random-circuit.ts';
import { createRng, maxAbsDiff, type Rng } from './random.ts';

export interface SessionReport {
  readonly steps: readonly string[];
  readonly problems: readonly string[];
  /** Largest difference between the pool's probabilities and the core's after the session. */
  readonly finalDiff: number;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function engineSession(engine: SimulatorEngine, options: { seed: number; steps: number; deadlineMs: number }): Promise<SessionReport> {
  const rng = createRng(options.seed);
  const steps: string[] = [];
  const problems: string[] = [];

  const settle = (promise: Promise<unknown>, what: string): Promise<Outcome | null> => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), options.deadlineMs);
    });
    const settled = promise.then((value): Outcome => ({ ok: true, value }), (error: unknown): Outcome => ({ ok: false, error }));
    return Promise.race([settled, deadline]).then((outcome) => {
      clearTimeout(timer);
      if (outcome === null) problems.push(`${what}: still pending after ${options.deadlineMs} ms (a hang)`);
      return outcome;
    });
  };
  const known = (outcome: Outcome | null, what: string, mustFail = false): void => {
    if (!outcome) return;
    if (outcome.ok) {
      if (mustFail) problems.push(`${what}: a bad call succeeded`);
      return;
    }
    const name = (outcome.error as { name?: string } | null)?.name;
    if (name !== 'SuperposeError' && name !== 'EngineError') problems.push(`${what}: ${name ?? typeof outcome.error}: ${String(outcome.error)}`);
  };

  const rot = Circuit.create(3).append('h', [0]).append('rx', [1], { params: ['theta'] }).append('cx', [0, 2]).toJSON();
  for (let step = 0; step < options.steps; step++) {
    const n = 2 + Math.floor(rng() * 10);
    const action = pick(rng, ['run', 'run', 'run-bad', 'cancel', 'supersede', 'kill', 'stats', 'stats-bad', 'sweep', 'sweep-cancel'] as const);
    const what = `step ${step}: ${action} (n = ${n})`;
    steps.push(what);
    if (action === 'run') {
      const json = randomCircuit(n, 5 + Math.floor(rng() * 40), rng, { controlRate: 0.3 }).toJSON();
      known(await settle(engine.run(json, { seed: step }).promise, what), what);
    } else if (action === 'run-bad') {
      const bad = pick(rng, [
        () => engine.run(rot, { params: { theta: 'x' as never } }),
        () => engine.run(rot, { seed: Number.NaN, params: { theta: 1 } }),
        () => engine.run(rot),
        () => engine.run('{"numQubits": 2, "ops": ['),
        () => engine.run({ numQubits: 2, ops: [{ gate: 'h', qubits: [7] }] } as never),
        () => engine.run(rot, { threads: -1, params: { theta: 1 } }),
      ]);
      known(await settle(bad().promise, what), what, true);
    } else if (action === 'cancel' || action === 'supersede') {
      const big = randomCircuit(16 + Math.floor(rng() * 4), 120, rng).toJSON();
      const job = engine.run(big, { seed: step, lane: 'edit', progressIntervalMs: 0 });
      await pause(rng() * 15);
      const newer = action === 'supersede' ? engine.run(rot, { lane: 'edit', params: { theta: 0.7 }, seed: step }) : undefined;
      if (action === 'cancel') job.cancel();
      known(await settle(job.promise, what), what);
      if (newer) {
        const outcome = await settle(newer.promise, `${what}, the newer run`);
        if (outcome && !outcome.ok) problems.push(`${what}: the newer run failed: ${String(outcome.error)}`);
      }
    } else if (action === 'kill') {
      const job = engine.run(randomCircuit(18, 80, rng).toJSON(), { seed: step, threads: 2 });
      await pause(rng() * 10);
      engine.killWorker(Math.floor(rng() * 2));
      known(await settle(job.promise, what), what);
    } else if (action === 'stats' || action === 'stats-bad') {
      const calls: (() => { promise: Promise<unknown> })[] = action === 'stats'
        ? [() => engine.probabilities(), () => engine.bloch(), () => engine.sample(1 + Math.floor(rng() * 50), step), () => engine.expectations(['Z0'])]
        : [() => engine.probabilities([99]), () => engine.sample(-1, 1), () => engine.expectations([{} as never]), () => engine.bloch([-1]), () => engine.sample(5, 0.5)];
      known(await settle(pick(rng, calls)().promise, what), what, action === 'stats-bad');
    } else {
      const sets = Array.from({ length: 8 + Math.floor(rng() * 40) }, (_, i) => ({ theta: i * 0.1 }));
      const job = engine.sweep(rot, sets, ['Z1', 'X0'], { batchSize: 1 + Math.floor(rng() * 6) });
      if (action === 'sweep-cancel') {
        await pause(rng() * 5);
        job.cancel();
      }
      const outcome = await settle(job.promise, what);
      known(outcome, what);
      if (outcome?.ok && !Array.from(outcome.value as Float64Array).every(Number.isFinite)) problems.push(`${what}: a sweep value is not finite`);
    }
  }
  // The pool still works and agrees with the core.
  const check = randomCircuit(12, 60, rng, { controlRate: 0.3 });
  let finalDiff = Number.POSITIVE_INFINITY;
  const run = await settle(engine.run(check.toJSON(), { seed: 1, threads: 2 }).promise, 'the final run');
  if (run?.ok) {
    const fromPool = await settle(engine.probabilities().promise, 'the final probabilities');
    if (fromPool?.ok) finalDiff = maxAbsDiff(fromPool.value as Float64Array, probabilities(simulate(check, { seed: 1 }).state));
  } else if (run) {
    problems.push(`the final run failed: ${String(run.error)}`);
  }
  return { steps, problems, finalDiff };
}
