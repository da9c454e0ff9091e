import { parseArgs } from 'node:util';
import {
  BIT_ORDER_NOTE, countsToBitstrings, expectationPauli, fail, hasOnlyTerminalMeasurements, probabilities, runShots, simulate,
  toBitstring,
  type BackendPreference, type Precision,
} from '../core/index.ts';
import { loadCircuit } from './convert.ts';
import { simulateOnPool } from '../engine/node-simulate.ts';
import { CONVENTIONS_LINE, probabilityRows, table } from './format.ts';
import { parseBytes, parseParamBindings, parseWholeNumber } from './options.ts';

export const RUN_USAGE = `usage: superpose run <circuit.json | circuit.qasm> [options]

Simulates a circuit (Superpose JSON, OpenQASM 2/3 or Quirk JSON) and prints its probabilities (and counts with --shots).

options:
  --shots N            sample N shots (seeded; the same seed gives the same counts)
  --seed S             seed for sampling and mid-circuit measurements (default: random, printed)
  --param name=value   bind a free parameter (repeatable), e.g. --param theta=0.3
  --observable P       print ⟨P⟩ for a Pauli string, "Z0 Z1" or "IZZ" (repeatable)
  --top K              show the K most likely outcomes (default 32)
  --backend B          auto | wasm | wasm64 | ts (default auto)
  --precision P        double | single (default double; single halves the memory — one more qubit —
                       runs the TypeScript kernels, amplitudes good to ≈ 1e-6; see README "Precision")
  --max-memory SIZE    memory budget for the state, e.g. 8GiB (default: 80% of free memory)
  --no-fuse            apply gates one by one (no fusion)
  --threads K          simulate on K worker threads sharing one state (default: in-process, one thread)
  --json               print one JSON object instead of tables`;

export async function runCommand(argv: string[], log: (text: string) => void, defaultMaxBytes: number): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      shots: { type: 'string' },
      seed: { type: 'string' },
      param: { type: 'string', multiple: true },
      observable: { type: 'string', multiple: true },
      top: { type: 'string' },
      backend: { type: 'string' },
      precision: { type: 'string' },
      'max-memory': { type: 'string' },
      'no-fuse': { type: 'boolean' },
      threads: { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    log(RUN_USAGE);
    return 0;
  }
  if (positionals.length !== 1) fail('invalid-argument', `run takes one circuit file, got ${positionals.length}`, { hint: 'superpose run circuit.json --shots 1000' });
  const file = positionals[0]!;
  // .qasm (OpenQASM 2/3), Superpose JSON or Quirk JSON, by extension and content.
  const circuit = loadCircuit(file);
  const shots = values.shots === undefined ? undefined : parseWholeNumber(values.shots, '--shots', 1);
  const seed = values.seed === undefined ? Math.floor(Math.random() * 2 ** 32) : parseWholeNumber(values.seed, '--seed', 0);
  const top = values.top === undefined ? 32 : parseWholeNumber(values.top, '--top', 1);
  const params = parseParamBindings(values.param ?? []);
  const backend = (values.backend ?? 'auto') as BackendPreference;
  if (!['auto', 'wasm', 'wasm64', 'ts'].includes(backend)) fail('invalid-argument', `--backend must be auto, wasm, wasm64 or ts, got "${backend}"`);
  const precision = (values.precision ?? 'double') as Precision;
  if (!['double', 'single'].includes(precision)) fail('invalid-argument', `--precision must be double or single, got "${precision}"`, { hint: 'single halves the memory of the state' });
  const maxBytes = values['max-memory'] === undefined ? defaultMaxBytes : parseBytes(values['max-memory']);

  // With only terminal measurements, show the distribution they sample, not one collapsed outcome.
  const terminal = hasOnlyTerminalMeasurements(circuit);
  const shown = terminal ? circuit.prefix(0).withOps(circuit.ops.filter((op) => op.kind !== 'measure')) : circuit;
  const started = performance.now();
  const threads = values.threads === undefined ? undefined : parseWholeNumber(values.threads, '--threads', 1);
  const result = threads === undefined
    ? simulate(shown, { params, seed, backend, precision, maxBytes, fuse: !values['no-fuse'] })
    : await simulateOnPool(shown, { threads, params, seed, backend, precision, maxBytes, fuse: !values['no-fuse'] });
  // On a pool: the simulation's own time, not the workers' start-up.
  const elapsedMs = 'threads' in result ? result.elapsedMs : performance.now() - started;
  const probs = probabilities(result.state);
  const observables = (values.observable ?? []).map((pauli) => ({ pauli, value: expectationPauli(result.state, pauli) }));
  const hasMidMeasurement = !terminal;
  const shotResult = shots === undefined ? undefined : runShots(circuit, { shots, seed, params, backend, precision, maxBytes });

  if (values.json) {
    const nonzero: Record<string, number> = {};
    probs.forEach((p, i) => {
      if (p > 1e-15) nonzero[toBitstring(i, circuit.numQubits)] = p;
    });
    log(JSON.stringify({
      numQubits: circuit.numQubits,
      numClbits: circuit.numClbits,
      bitOrder: BIT_ORDER_NOTE,
      seed,
      backend: result.backendName,
      precision: result.precision,
      threads: threads ?? 1,
      passes: result.passes,
      elapsedMs: Math.round(elapsedMs * 1000) / 1000,
      probabilities: nonzero,
      note: hasMidMeasurement ? 'probabilities are of one trajectory (mid-circuit measurements collapse the state)' : 'probabilities are of the state before the final measurements',
      ...(shotResult ? { shots, counts: countsToBitstrings(shotResult.counts, shotResult.width), countsOf: shotResult.register, method: shotResult.method } : {}),
      observables,
    }, null, 2));
    return 0;
  }
  log(`${circuit.numQubits} qubits, ${circuit.ops.length} ops → ${result.passes} passes on the ${result.backendName} backend${result.precision === 'single' ? ' in single precision' : ''}${threads ? ` (${threads} worker threads)` : ''} in ${elapsedMs.toFixed(1)} ms (seed ${seed})`);
  log(CONVENTIONS_LINE);
  if (hasMidMeasurement) log('The circuit measures, resets or branches mid-way: the probabilities below are of one trajectory.');
  else if (circuit.ops.some((op) => op.kind === 'measure')) log('Probabilities are of the state just before the final measurements.');
  const { rows, omitted } = probabilityRows(probs, circuit.numQubits, top);
  log('');
  log(table(['outcome', 'index', 'probability'], rows));
  if (omitted > 0) log(`… ${omitted} more outcomes with non-zero probability (--top to show more)`);
  if (shotResult) {
    log('');
    log(`${shots} shots of the ${shotResult.register === 'clbits' ? 'classical register' : 'qubits'} (${shotResult.method === 'final-state' ? 'sampled from the final state' : 'one simulation per shot'}):`);
    const counts = Object.entries(countsToBitstrings(shotResult.counts, shotResult.width)).slice(0, top);
    log(table(['outcome', 'count'], counts.map(([k, v]) => [k, String(v)])));
  }
  if (observables.length > 0) {
    log('');
    log(table(['observable', 'expectation'], observables.map((o) => [o.pauli, o.value.toFixed(10)])));
  }
  return 0;
}
