import { parseArgs } from 'node:util';
import { fail, freshSeed } from '../core/index.ts';
import { solveExhaustive } from '../core/optimise/classical/exhaustive.ts';
import { solveMilp } from '../core/optimise/classical/milp.ts';
import { comparisonTable, formatComparisonTable, formatNumber, referenceFromExact, type MetricsReference } from '../core/optimise/metrics.ts';
import type { BinaryModel } from '../core/optimise/model/binary-model.ts';
import { asBinaryModel, modelFromJSON } from '../core/optimise/model/json.ts';
import type { SolverResult } from '../core/optimise/result.ts';
import { getSolverMethod, SOLVER_METHODS, type SolveOptions } from '../core/optimise/solvers.ts';
import { CONVENTIONS_LINE } from './format.ts';
import { parseBytes, parseWholeNumber } from './options.ts';
import { inFile, readInputFile } from './input-file.ts';

/** Up to this many variables the reference optimum comes from enumeration (well under a second). */
const ENUMERATE_REFERENCE_UP_TO = 26;

export function solveUsage(): string {
  return `usage: superpose solve --problem <model.json> --method <name>[,<name>…] [options]

Runs optimisation methods on one model and prints the comparison table (method × metrics)
against the exact optimum.

options:
  --problem FILE       model JSON (binary, ising or maxcut; see README "Optimisation models")
  --method M           ${[...SOLVER_METHODS.keys()].join(' | ')} (repeatable, or a comma list; default exact)
  --seed S             seed for the randomised methods (default: random, printed)
  --reference R        auto | exact | milp | none: where the optimum for ratios comes from (default auto:
                       an exact method's own result, else enumeration up to ${ENUMERATE_REFERENCE_UP_TO} variables, else MILP)
  --time-limit S       MILP time limit in seconds (default 60)
  --max-memory SIZE    memory budget for state vectors (quantum methods), e.g. 8GiB
  --json               print one JSON object instead of the table`;
}

export async function solveCommand(argv: string[], log: (text: string) => void, defaultMaxBytes: number): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      problem: { type: 'string' },
      method: { type: 'string', multiple: true },
      seed: { type: 'string' },
      reference: { type: 'string' },
      'time-limit': { type: 'string' },
      'max-memory': { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    log(solveUsage());
    return 0;
  }
  const file = values.problem ?? positionals[0];
  if (file === undefined || positionals.length > (values.problem ? 0 : 1)) fail('invalid-argument', 'solve takes one model file', { hint: 'superpose solve --problem model.json --method exact,sa' });
  const methodNames = (values.method ?? ['exact']).flatMap((m) => m.split(',')).map((m) => m.trim()).filter((m) => m.length > 0);
  if (methodNames.length === 0) fail('invalid-argument', '--method needs at least one name', { hint: `known methods: ${[...SOLVER_METHODS.keys()].join(', ')}` });
  const methods = methodNames.map(getSolverMethod); // unknown names fail before any work
  const referenceMode = values.reference ?? 'auto';
  if (!['auto', 'exact', 'milp', 'none'].includes(referenceMode)) fail('invalid-argument', `--reference must be auto, exact, milp or none, got "${referenceMode}"`);
  const seed = values.seed === undefined ? freshSeed() : parseWholeNumber(values.seed, '--seed', 0);
  const timeLimitSeconds = values['time-limit'] === undefined ? 60 : positiveSeconds(values['time-limit']);
  const maxBytes = values['max-memory'] === undefined ? defaultMaxBytes : parseBytes(values['max-memory']);

  const parsed = readInputFile(file, modelFromJSON);
  const model = inFile(file, () => asBinaryModel(parsed));
  const options: SolveOptions = { seed, timeLimitSeconds, maxBytes };

  const results: SolverResult[] = [];
  for (const method of methods) results.push(await method.run(model, options));
  const reference = await findReference(model, results, referenceMode, timeLimitSeconds);
  const table = comparisonTable(results, model, reference);

  if (values.json) {
    log(
      JSON.stringify(
        {
          problem: { file, type: 'terms' in parsed ? 'ising' : 'binary', sense: model.sense, variables: model.variables.length, constraints: model.constraints.length },
          seed,
          reference,
          rows: table.rows,
          runs: results.map(({ distribution: _, ...rest }) => rest),
          conventions: [CONVENTIONS_LINE, ...table.conventions],
        },
        (_, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v),
        2,
      ),
    );
    return 0;
  }
  const n = model.variables.length;
  log(`model: ${file} — ${n} variable${n === 1 ? '' : 's'}, ${model.constraints.length} constraint${model.constraints.length === 1 ? '' : 's'}, ${model.sense === 'min' ? 'minimise' : 'maximise'} f`);
  log(describeReference(reference));
  log('');
  log(formatComparisonTable(table));
  log('');
  for (const r of results) {
    const note = runNote(r);
    if (note) log(`${r.method}: ${note}`);
  }
  log(`seed ${seed}`);
  log(CONVENTIONS_LINE);
  for (const line of table.conventions) log(line);
  return 0;
}

async function findReference(model: BinaryModel, results: readonly SolverResult[], mode: string, timeLimitSeconds: number): Promise<MetricsReference> {
  if (mode === 'none') return { sense: model.sense, optimum: undefined };
  const proved = (r: SolverResult) => r.status === 'optimal' || r.status === 'infeasible';
  // Prefer enumeration: it also knows the worst value (normalised ratio).
  const own = results.find((r) => r.method === 'exact' && proved(r)) ?? results.find((r) => r.method === 'milp' && proved(r));
  if (own && (mode === 'auto' || mode === own.method)) return referenceFromExact(own);
  const n = model.variables.length;
  if (mode === 'exact' || (mode === 'auto' && n <= ENUMERATE_REFERENCE_UP_TO)) return referenceFromExact(solveExhaustive(model));
  return referenceFromExact(await solveMilp(model, { timeLimitSeconds }));
}

function describeReference(reference: MetricsReference): string {
  if (reference.optimum === undefined) return reference.source ? `reference optimum: unknown (${reference.source} did not prove one)` : 'reference optimum: none requested';
  if (Number.isNaN(reference.optimum)) return `reference: the model is infeasible — no state satisfies every constraint (proved by ${reference.source})`;
  const worst = reference.worst === undefined ? '' : `, worst feasible ${formatNumber(reference.worst)}`;
  return `reference optimum: f_opt = ${formatNumber(reference.optimum)} (${reference.source === 'exact' ? 'exhaustive enumeration' : 'HiGHS MILP'}${worst})`;
}

function runNote(r: SolverResult): string | undefined {
  const x = r.extra ?? {};
  const parts: string[] = [];
  const schedule = x.schedule as { betaStart: number; betaEnd: number; sweeps: number; reads: number } | undefined;
  if (schedule) parts.push(`geometric β ${formatNumber(schedule.betaStart, 3)} → ${formatNumber(schedule.betaEnd, 3)}, ${schedule.sweeps} sweeps × ${schedule.reads} reads`);
  if (typeof x.restarts === 'number' && typeof x.tenure === 'number') parts.push(`${x.restarts} restarts × ${x.iterations} iterations, tenure ${x.tenure}`);
  if (typeof x.starts === 'number') parts.push(`${x.starts} starts (all-zeros first)`);
  if (typeof x.relaxationValue === 'number') parts.push(`SDP relaxation ${formatNumber(x.relaxationValue)} (rank ${x.rank}, ${x.sweeps} sweeps), expected rounded cut ${formatNumber(x.expectedRoundedCut as number)}, ${x.roundings} hyperplanes; ${x.guarantee}`);
  if (typeof x.optimalCount === 'number') parts.push(`${x.optimalCount} optimal state${x.optimalCount === 1 ? '' : 's'}${typeof x.feasibleCount === 'number' && r.status !== 'infeasible' ? ` of ${x.feasibleCount} feasible` : ''}`);
  if (typeof x.branchAndBoundNodes === 'number') parts.push(`${x.milpColumns} columns, ${x.milpRows} rows, ${x.branchAndBoundNodes} branch-and-bound nodes (the evaluations column)`);
  if (x.penaltyWeights) parts.push(`penalty weights ${JSON.stringify(x.penaltyWeights)}${x.slackVariables ? `, ${x.slackVariables} slack variables` : ''}`);
  return parts.length > 0 ? parts.join('; ') : undefined;
}

function positiveSeconds(text: string): number {
  const value = Number(text);
  if (!(Number.isFinite(value) && value > 0)) fail('invalid-argument', `--time-limit must be a number of seconds > 0, got "${text}"`);
  return value;
}
