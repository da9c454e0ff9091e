import { parseArgs } from 'node:util';
import { fail, toBitstring, type BackendPreference } from '../core/index.ts';
import { modelFromJSON } from '../core/optimise/model/json.ts';
import { toDiagonalProblem } from '../core/optimise/model/diagonal.ts';
import { isOptimiserName, OPTIMISER_NAMES } from '../core/optimise/optimisers/minimise.ts';
import type { MixerSpec } from '../core/optimise/qaoa/mixers.ts';
import { solveQaoa, type QaoaInitialisation } from '../core/optimise/qaoa/solve.ts';
import { CONVENTIONS_LINE, table } from './format.ts';
import { parseBytes, parseWholeNumber } from './options.ts';
import { inFile, readInputFile } from './input-file.ts';

export const QAOA_USAGE = `usage: superpose qaoa --problem <model.json> [options]

Optimises a depth-p QAOA (Farhi's convention: U_C = e^{-iγC}, U_B = e^{-iβΣX}, C maximised;
C = f for a "max" model, −f for a "min" model) and prints the angles, ⟨f⟩, the probability of an
optimal state and the best of seeded samples, next to the exact optimum (by enumeration).

options:
  --problem FILE       model JSON (binary, ising or maxcut; see README "Optimisation models")
  --p N                depth (default 1)
  --optimizer NAME     ${OPTIMISER_NAMES.join(' | ')} (default lbfgs; adam/lbfgs use adjoint gradients)
  --init NAME          ramp | fixed | interp | fourier | random (default ramp; fixed = tabled angles for regular MaxCut)
  --restarts N         extra random starts at depth p (default 0)
  --mixer NAME         x | xy-ring | xy-complete (default x)
  --xy-groups G        one-hot groups for the XY mixer, e.g. "0,1,2;3,4,5" (default: all qubits)
  --warm-start V       WS-QAOA from relaxed values in [0,1], e.g. "0.2,0.9,0.5" (Egger et al. 2021)
  --cvar ALPHA         maximise CVaR_α of C instead of ⟨C⟩ (derivative-free optimisers only)
  --shots N            samples of the final state for the best bitstring (default 1024)
  --seed S             seed (default: random, printed)
  --max-iterations N   optimiser iteration cap
  --top K              most likely outcomes to list (default 10)
  --backend B          auto | wasm | wasm64 | ts (default auto)
  --max-memory SIZE    state memory budget, e.g. 8GiB (default: 80% of free memory)
  --json               print one JSON object`;

export function qaoaCommand(argv: string[], log: (text: string) => void, defaultMaxBytes: number): number {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      problem: { type: 'string' }, p: { type: 'string' }, optimizer: { type: 'string' }, init: { type: 'string' },
      restarts: { type: 'string' }, mixer: { type: 'string' }, 'xy-groups': { type: 'string' }, 'warm-start': { type: 'string' },
      cvar: { type: 'string' }, shots: { type: 'string' }, seed: { type: 'string' }, 'max-iterations': { type: 'string' },
      top: { type: 'string' }, backend: { type: 'string' }, 'max-memory': { type: 'string' }, json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    log(QAOA_USAGE);
    return 0;
  }
  const path = values.problem ?? positionals[0];
  if (!path) fail('invalid-argument', 'qaoa needs a model file', { hint: 'superpose qaoa --problem model.json --p 2' });
  if (positionals.length > (values.problem ? 0 : 1)) fail('invalid-argument', `unexpected argument "${positionals[values.problem ? 0 : 1]}"`);
  const maxBytes = values['max-memory'] === undefined ? defaultMaxBytes : parseBytes(values['max-memory']);
  const model = readInputFile(path, modelFromJSON);
  const problem = inFile(path, () => toDiagonalProblem(model, { maxBytes }));
  const p = values.p === undefined ? 1 : parseWholeNumber(values.p, '--p', 1);
  const optimizer = values.optimizer ?? 'lbfgs';
  if (!isOptimiserName(optimizer)) fail('invalid-argument', `--optimizer must be one of ${OPTIMISER_NAMES.join(', ')}, got "${optimizer}"`);
  const init = (values.init ?? 'ramp') as QaoaInitialisation;
  if (!['ramp', 'fixed', 'interp', 'fourier', 'random'].includes(init)) fail('invalid-argument', `--init must be ramp, fixed, interp, fourier or random, got "${init}"`);
  const seed = values.seed === undefined ? Math.floor(Math.random() * 2 ** 32) : parseWholeNumber(values.seed, '--seed', 0);
  const backend = (values.backend ?? 'auto') as BackendPreference;
  if (!['auto', 'wasm', 'wasm64', 'ts'].includes(backend)) fail('invalid-argument', `--backend must be auto, wasm, wasm64 or ts, got "${backend}"`);
  let cvarAlpha: number | undefined;
  if (values.cvar !== undefined) {
    cvarAlpha = Number(values.cvar);
    if (!(cvarAlpha > 0 && cvarAlpha <= 1)) fail('invalid-argument', `--cvar must be a number in (0, 1], got "${values.cvar}"`);
  }
  const mixer = parseMixer(values.mixer, values['xy-groups'], values['warm-start']);
  const result = solveQaoa(problem, {
    p, optimizer, initialisation: init, seed, backend, maxBytes,
    ...(mixer ? { mixer } : {}),
    ...(cvarAlpha !== undefined ? { cvarAlpha } : {}),
    ...(values.restarts !== undefined ? { restarts: parseWholeNumber(values.restarts, '--restarts', 0) } : {}),
    ...(values.shots !== undefined ? { shots: parseWholeNumber(values.shots, '--shots', 1) } : {}),
    ...(values['max-iterations'] !== undefined ? { maxIterations: parseWholeNumber(values['max-iterations'], '--max-iterations', 1) } : {}),
  });

  // Exact reference from the objective vector we already hold (feasible states only when constrained).
  const sign = problem.sense === 'min' ? -1 : 1;
  let optimum = -Infinity * sign;
  for (let x = 0; x < problem.objective.length; x++) {
    if (problem.feasible && problem.feasible[x] !== 1) continue;
    if (sign * problem.objective[x]! > sign * optimum) optimum = problem.objective[x]!;
  }
  const distribution = result.distribution!;
  let optimalMass = 0, feasibleMass = 0;
  for (let x = 0; x < distribution.length; x++) {
    const feasible = !problem.feasible || problem.feasible[x] === 1;
    if (feasible) feasibleMass += distribution[x]!;
    if (feasible && problem.objective[x] === optimum) optimalMass += distribution[x]!;
  }
  const expected = result.expectedValue!;
  const ratio = problem.sense === 'max' && optimum > 0 ? expected / optimum : undefined;
  const top = values.top === undefined ? 10 : parseWholeNumber(values.top, '--top', 1);
  const outcomes = Array.from(distribution, (prob, x) => ({ x, prob })).filter((o) => o.prob > 1e-12).sort((a, b) => b.prob - a.prob || a.x - b.x).slice(0, top);

  if (values.json) {
    log(JSON.stringify({
      method: 'qaoa', problem: path, numQubits: problem.numQubits, sense: problem.sense, p, optimizer, initialisation: init, seed,
      gamma: result.extra!.gamma, beta: result.extra!.beta, expectedValue: expected, optimum, approximationRatio: ratio ?? null,
      optimalProbability: optimalMass, ...(problem.feasible ? { feasibleProbability: feasibleMass } : {}),
      bestBitstring: result.bestBitstring, bestValue: result.bestValue, evaluations: result.evaluations, wallMs: result.wallMs,
      top: outcomes.map(({ x, prob }) => ({ bitstring: toBitstring(x, problem.numQubits), value: problem.objective[x], probability: prob })),
      history: result.history, conventions: { qaoa: result.extra!.convention, bitOrder: result.extra!.bitOrder },
    }));
    return 0;
  }
  const fmt = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(6));
  log(`QAOA p = ${p} on ${path}: ${problem.numQubits} qubits, ${problem.sense}imise f; optimiser ${optimizer}, start ${init}, seed ${seed}`);
  log(`γ = [${(result.extra!.gamma as number[]).map((v) => v.toFixed(6)).join(', ')}]`);
  log(`β = [${(result.extra!.beta as number[]).map((v) => v.toFixed(6)).join(', ')}]`);
  log('');
  log(table(['quantity', 'value'], [
    ['⟨f⟩', fmt(expected)],
    ['exact optimum f*', fmt(optimum)],
    ...(ratio !== undefined ? [['approximation ratio ⟨f⟩/f*', ratio.toFixed(6)]] : []),
    ['P(optimal)', optimalMass.toFixed(6)],
    ...(problem.feasible ? [['P(feasible)', feasibleMass.toFixed(6)]] : []),
    [`best of ${result.extra!.shots} shots`, `${result.bestBitstring}  f = ${fmt(result.bestValue)}`],
    ['evaluations', String(result.evaluations)],
    ['wall time', `${result.wallMs.toFixed(0)} ms`],
  ]));
  log('');
  log(table(['bitstring', 'f', 'probability'], outcomes.map(({ x, prob }) => [toBitstring(x, problem.numQubits), fmt(problem.objective[x]!), prob.toFixed(6)])));
  log('');
  log(`${CONVENTIONS_LINE} QAOA: ${result.extra!.convention}.`);
  return 0;
}

function parseMixer(name: string | undefined, groups: string | undefined, warm: string | undefined): MixerSpec | undefined {
  if (warm !== undefined) {
    if (name !== undefined && name !== 'warm-start') fail('invalid-argument', '--warm-start replaces the mixer; drop --mixer');
    const relaxed = warm.split(',').map((s) => Number(s.trim()));
    if (relaxed.some((v) => !(v >= 0 && v <= 1))) fail('invalid-argument', `--warm-start needs numbers in [0, 1] separated by commas, got "${warm}"`);
    return { kind: 'warm-start', relaxed };
  }
  if (name === undefined || name === 'x') {
    if (groups !== undefined) fail('invalid-argument', '--xy-groups needs --mixer xy-ring or xy-complete');
    return undefined;
  }
  if (name !== 'xy-ring' && name !== 'xy-complete') fail('invalid-argument', `--mixer must be x, xy-ring or xy-complete, got "${name}"`);
  const parsed = groups?.split(';').map((g) => g.split(',').map((s) => {
    const v = Number(s.trim());
    if (!Number.isInteger(v) || s.trim() === '') fail('invalid-argument', `--xy-groups: "${s}" is not a qubit index`, { hint: 'write groups like "0,1,2;3,4,5"' });
    return v;
  }));
  return { kind: 'xy', topology: name === 'xy-ring' ? 'ring' : 'complete', ...(parsed ? { groups: parsed } : {}) };
}
