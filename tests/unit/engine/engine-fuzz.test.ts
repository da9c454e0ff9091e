import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../../src/engine/node.ts';
import type { SimulatorEngine } from '../../../src/engine/index.ts';
import { engineSession } from '../helpers/engine-session.ts';

/**
 * Random call sequences on the 2-thread pool (the driver is shared with the Chromium e2e test):
 * every call settles with a result or a named error, and the pool still agrees with the core.
 * SUPERPOSE_FUZZ_SEED and SUPERPOSE_FUZZ_STEPS run other or longer sessions (four seeds × 200
 * steps passed when this was written; without the engine's up-front seed check and the worker's
 * release of its followers, step 44 of the default seed hangs).
 */
describe('engine fuzzing: random call sequences on the 2-thread pool', () => {
  let engine: SimulatorEngine;

  beforeAll(async () => {
    // Small steps split, so runs of test size use the barrier protocol the bugs would be in.
    engine = createNodeEngine({ threads: 2, parallelMinQubits: 0, minParallelWork: 64 });
    await engine.info();
  });

  afterAll(() => engine?.dispose());

  it('every call settles with a result or a named error, and the pool still agrees with the core', async () => {
    const report = await engineSession(engine, {
      seed: Number(process.env.SUPERPOSE_FUZZ_SEED ?? 20261126),
      steps: Number(process.env.SUPERPOSE_FUZZ_STEPS ?? 70),
      deadlineMs: 20_000,
    });
    expect(report.problems, report.steps.join('\n')).toEqual([]);
    expect(report.finalDiff).toBeLessThan(1e-12);
  }, 300_000);
});
