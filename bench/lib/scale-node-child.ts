/**
 * Child process of the scale benchmark, Node side: a worker_threads pool with an explicit memory
 * budget runs one scale case (bench/lib/scale-run.ts); the peak RSS of this process (getrusage
 * maxRSS: the main thread and every worker thread) is reported above the baseline taken once the
 * pool is up, as bench/lib/memory-child.ts does for one thread.
 *   node --import tsx bench/lib/scale-node-child.ts '{"n":28,"budget":4831838208,"threads":2,"passRepeats":3,"qftRepeats":1}'
 * Prints `RESULT <json>`, or `ERROR <message>` when the engine refuses or fails.
 */
import { createNodeEngine } from '../../src/engine/node.ts';
import { runScaleCase, type ScaleRunOptions } from './scale-run.ts';

type Request = ScaleRunOptions & { readonly budget: number };

const request = JSON.parse(process.argv[2] ?? '{}') as Request;
const engine = createNodeEngine({ threads: request.threads, memoryBudget: request.budget });
try {
  await engine.info(); // the workers are up: their start-up is part of the baseline, not of the state
  const baseline = process.memoryUsage().rss;
  const result = await runScaleCase(engine, request, (m) => process.stderr.write(`  [node] ${m}\n`));
  const peak = process.resourceUsage().maxRSS * 1024;
  process.stdout.write(`RESULT ${JSON.stringify({ ...result, environment: `Node ${process.version}`, baseline, peak })}\n`);
} catch (error) {
  const e = error as { code?: string; message?: string };
  process.stdout.write(`ERROR ${e.code ? `${e.code}: ` : ''}${e.message ?? String(error)}\n`);
} finally {
  engine.dispose();
}
process.exit(0);
