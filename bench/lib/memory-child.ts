/**
 * Child-process entry for the memory group: a fresh process measures its RSS, allocates an
 * n-qubit state on one backend and runs one QFT layer (H on the top qubit, then its controlled
 * phases), then reports the peak RSS (getrusage maxRSS) above the baseline.
 *   node --import tsx bench/lib/memory-child.ts '{"n":24,"backend":"wasm"}'
 */
import { Circuit, simulate, stateBytes, type Op } from '../../src/core/index.ts';

const { n, backend } = JSON.parse(process.argv[2] ?? '{}') as { n: number; backend: 'ts' | 'wasm' };

// Warm up everything but the state (module loading, compilation of a tiny circuit).
simulate(Circuit.create(2).append('h', [1]).append('cp', [0, 1], { params: [0.5] }), { backend, seed: 1 });
const baseline = process.memoryUsage().rss;
const maxBefore = process.resourceUsage().maxRSS * 1024;

const ops: Op[] = [{ kind: 'gate', gate: 'h', qubits: [n - 1] }];
for (let m = n - 2; m >= 0; m--) ops.push({ kind: 'gate', gate: 'cp', qubits: [m, n - 1], params: [Math.PI / 2 ** (n - 1 - m)] });
const result = simulate(Circuit.create(n).withOps(ops), { backend, seed: 1, maxBytes: 2 * stateBytes(n) + 2 ** 20 });
const peak = process.resourceUsage().maxRSS * 1024;
const check = result.state.norm2();
process.stdout.write(`RESULT ${JSON.stringify({ n, backend: result.backendName, baseline, maxBefore, peak, extra: peak - Math.max(baseline, 0), stateBytes: stateBytes(n), norm: check })}\n`);
