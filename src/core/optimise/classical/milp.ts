/**
 * Exact optimum of (constrained) binary quadratic models with HiGHS' branch and cut, after a
 * standard linearisation: each product x_i·x_j becomes a variable y ∈ [0, 1] bound to the product
 * only on the side the objective pushes it (McCormick):
 *   pushed down (positive cost when minimising):  y ≥ x_i + x_j − 1
 *   pushed up   (negative cost when minimising):  y ≤ x_i,  y ≤ x_j
 * At an optimum y = x_i·x_j for binary x, so the MILP optimum is the model's optimum. (HiGHS' QP
 * path is for convex continuous problems, so it would not be exact for binaries.)
 * The WebAssembly module is loaded on first use. Relative gap 0: the optimum is proved, not
 * approximated; infeasible models are reported as infeasible.
 */
import { fail } from '../../errors.ts';
import type { BinaryModel } from '../model/binary-model.ts';
import { bitsToBitstring, bitsToIndex, isFeasible, quboEnergy } from '../model/energy.ts';
import type { SolverResult } from '../result.ts';
import { now } from './sampling.ts';

type HighsModule = typeof import('highs');
type Highs = Awaited<ReturnType<HighsModule['default']>>;

export interface MilpOptions {
  /** Stop after this many seconds (default 60) and report the best state found so far. */
  timeLimitSeconds?: number;
  /** Where the browser finds highs.wasm (bundlers), passed to the loader on first use. */
  locateFile?: (file: string) => string;
}

let highsPromise: Promise<Highs> | undefined;

/** Loads HiGHS once (lazily: the module is ~2.5 MB of WebAssembly). */
export function loadHighs(locateFile?: (file: string) => string): Promise<Highs> {
  highsPromise ??= import('highs').then((module) => module.default(locateFile ? { locateFile } : undefined));
  return highsPromise;
}

export interface LinearisedModel {
  numCols: number;
  numRows: number;
  colCost: Float64Array;
  colLower: Float64Array;
  colUpper: Float64Array;
  integrality: Int32Array;
  rowLower: Float64Array;
  rowUpper: Float64Array;
  starts: Int32Array;
  indices: Int32Array;
  values: Float64Array;
}

/** The MILP: columns x_0…x_{n−1} (binary), then one y per quadratic term; rows: constraints, then McCormick rows. */
export function linearise(model: BinaryModel): LinearisedModel {
  const n = model.variables.length;
  const q = model.objective;
  const numCols = n + q.quadratic.length;
  const colCost = new Float64Array(numCols);
  colCost.set(q.linear);
  const integrality = new Int32Array(numCols);
  integrality.fill(1, 0, n);
  const colLower = new Float64Array(numCols);
  const colUpper = new Float64Array(numCols).fill(1);
  const rows: { indices: number[]; values: number[]; lower: number; upper: number }[] = [];
  for (const c of model.constraints) {
    rows.push({
      indices: [...c.indices],
      values: [...c.coefficients],
      lower: c.kind === '<=' ? -Infinity : c.rhs,
      upper: c.kind === '>=' ? Infinity : c.rhs,
    });
  }
  const sign = model.sense === 'min' ? 1 : -1;
  q.quadratic.forEach((t, k) => {
    const y = n + k;
    colCost[y] = t.value;
    if (sign * t.value > 0) rows.push({ indices: [t.i, t.j, y], values: [1, 1, -1], lower: -Infinity, upper: 1 });
    else {
      rows.push({ indices: [y, t.i], values: [1, -1], lower: -Infinity, upper: 0 });
      rows.push({ indices: [y, t.j], values: [1, -1], lower: -Infinity, upper: 0 });
    }
  });
  const starts = new Int32Array(rows.length + 1);
  rows.forEach((r, i) => (starts[i + 1] = starts[i]! + r.indices.length));
  return {
    numCols,
    numRows: rows.length,
    colCost,
    colLower,
    colUpper,
    integrality,
    rowLower: Float64Array.from(rows, (r) => r.lower),
    rowUpper: Float64Array.from(rows, (r) => r.upper),
    starts,
    indices: Int32Array.from(rows.flatMap((r) => r.indices)),
    values: Float64Array.from(rows.flatMap((r) => r.values)),
  };
}

/** HiGHS' own errors (HighsError, HighsValidationError) are not the SuperposeError callers handle. */
function asSuperposeError<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    return fail('internal', `HiGHS could not solve the model: ${(error as Error).message}`, { hint: 'try exact (≤ 30 variables) or a heuristic (sa, tabu, greedy)' });
  }
}

/** HiGHS refuses matrix entries from 1e15 on, and reads costs and bounds from 1e20 on as infinite. */
const HIGHS_LARGEST = 1e15;

/** Refuses, naming the culprit, a number HiGHS would reject or silently read as infinite. */
function checkHighsRange(model: BinaryModel): void {
  const hint = 'scale the model down (dividing every weight by the same number keeps the same optimum), or use exact (≤ 30 variables) or a heuristic';
  const tooLarge = (v: number) => !(Math.abs(v) < HIGHS_LARGEST);
  model.constraints.forEach((c, k) => {
    if (c.coefficients.some(tooLarge) || tooLarge(c.rhs)) fail('invalid-argument', `constraint "${c.name}" has a number of size ${HIGHS_LARGEST} or more, beyond what the MILP solver (HiGHS) takes`, { where: `constraints[${k}]`, hint });
  });
  const q = model.objective;
  if (tooLarge(q.constant) || q.linear.some(tooLarge) || q.quadratic.some((t) => tooLarge(t.value))) {
    fail('invalid-argument', `the objective has a weight of size ${HIGHS_LARGEST} or more, beyond what the MILP solver (HiGHS) takes`, { where: 'objective', hint });
  }
}

export async function solveMilp(model: BinaryModel, options: MilpOptions = {}): Promise<SolverResult> {
  const timeLimit = options.timeLimitSeconds ?? 60;
  if (!(timeLimit > 0)) fail('invalid-argument', `timeLimitSeconds must be > 0, got ${timeLimit}`);
  checkHighsRange(model);
  const highs = await loadHighs(options.locateFile);
  const started = now();
  const n = model.variables.length;
  const lp = linearise(model);
  const inf = highs.infinity;
  const status = highs.constants.modelStatus;
  const outcome = asSuperposeError(() => highs.withModel(
    {
      numCols: lp.numCols,
      numRows: lp.numRows,
      sense: model.sense === 'min' ? highs.constants.objectiveSense.minimize : highs.constants.objectiveSense.maximize,
      offset: model.objective.constant,
      colCost: lp.colCost,
      colLower: lp.colLower,
      colUpper: lp.colUpper,
      rowLower: lp.rowLower.map((v) => (v === -Infinity ? -inf : v)),
      rowUpper: lp.rowUpper.map((v) => (v === Infinity ? inf : v)),
      matrix: { format: 'csr', numRows: lp.numRows, numCols: lp.numCols, starts: lp.starts, indices: lp.indices, values: lp.values },
      integrality: Array.from(lp.integrality) as (0 | 1)[],
    },
    (m) => {
      // HiGHS takes finite option values only; Infinity (no limit) is its default.
      m.options.set({ output_flag: false, mip_rel_gap: 0, ...(Number.isFinite(timeLimit) ? { time_limit: timeLimit } : {}) });
      m.run();
      const code = m.getModelStatus();
      const hasSolution = Number(m.info.get('primal_solution_status')) === 2;
      return {
        code,
        hasSolution,
        columns: hasSolution ? m.getSolution().colValue.slice(0, n) : undefined,
        objective: hasSolution ? m.getObjectiveValue() : Number.NaN,
        nodes: Number(m.info.get('mip_node_count')),
      };
    },
  ));
  const wallMs = now() - started;
  const base = { method: 'milp', sense: model.sense, wallMs, evaluations: Math.max(0, outcome.nodes) };
  const extra = { branchAndBoundNodes: outcome.nodes, highsStatus: outcome.code, milpColumns: lp.numCols, milpRows: lp.numRows };
  if (outcome.code === status.infeasible || (outcome.code === status.unboundedOrInfeasible && !outcome.hasSolution)) {
    return { ...base, bestValue: Number.NaN, bestBitstring: '', bestIndex: -1, status: 'infeasible', extra };
  }
  if (!outcome.columns) {
    if (outcome.code === status.timeLimit) return { ...base, bestValue: Number.NaN, bestBitstring: '', bestIndex: -1, status: 'no-feasible-found', extra };
    return fail('internal', `HiGHS ended with model status ${outcome.code} and no solution`);
  }
  const bits = Uint8Array.from(outcome.columns, (v) => (v > 0.5 ? 1 : 0));
  if (!isFeasible(model, bits)) fail('internal', 'HiGHS returned a state that breaks a constraint (numerical trouble: try integer coefficients)');
  const optimal = outcome.code === status.optimal;
  if (!optimal && outcome.code !== status.timeLimit) fail('internal', `HiGHS ended with model status ${outcome.code}`);
  return {
    ...base,
    bestValue: quboEnergy(model.objective, bits),
    bestBitstring: bitsToBitstring(bits),
    bestIndex: bitsToIndex(bits),
    status: optimal ? 'optimal' : 'time-limit',
    extra: { ...extra, highsObjective: outcome.objective },
  };
}
