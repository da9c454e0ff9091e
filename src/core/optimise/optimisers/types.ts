/**
 * Optimisers minimise. (QAOA maximises ⟨C⟩: its drivers minimise −⟨C⟩ and flip the sign back.)
 * Every run records its history (parameters and objective per iteration) and counts objective
 * and gradient evaluations; the same inputs and seed give the same run.
 */
export type ObjectiveFunction = (x: Float64Array) => number;

/** Fills `gradient` with ∇f(x) and returns f(x) (an adjoint pass gives both for one forward run). */
export type ValueAndGradient = (x: Float64Array, gradient: Float64Array) => number;

export interface OptimiserHistoryEntry {
  readonly iteration: number;
  readonly params: readonly number[];
  readonly value: number;
}

export interface OptimiseResult {
  readonly optimiser: string;
  readonly x: Float64Array;
  readonly value: number;
  readonly iterations: number;
  /** Objective evaluations (value-only calls). */
  readonly evaluations: number;
  /** Value-and-gradient calls. */
  readonly gradientEvaluations: number;
  readonly converged: boolean;
  readonly message: string;
  readonly history: readonly OptimiserHistoryEntry[];
  readonly seed?: number;
}

export interface OptimiseOptions {
  /** Iteration cap (default depends on the method). */
  readonly maxIterations?: number;
  /** Cap on objective evaluations, gradient calls included (default: none). */
  readonly maxEvaluations?: number;
  /** Convergence tolerance on the objective (default 1e-10). */
  readonly tolerance?: number;
  /** Convergence tolerance on the gradient's largest component, gradient methods (default 1e-8). */
  readonly gradientTolerance?: number;
  /** Seed of stochastic methods (SPSA). */
  readonly seed?: number;
  /** Initial step or simplex size (Nelder–Mead, Powell), learning rate (Adam). */
  readonly step?: number;
  /** Keep the history (default true). */
  readonly recordHistory?: boolean;
}

export interface OptimiseProblem {
  readonly f: ObjectiveFunction;
  readonly valueAndGradient?: ValueAndGradient;
}

/** Counts calls and keeps the history; shared by every optimiser. */
export class Tracker {
  evaluations = 0;
  gradientEvaluations = 0;
  readonly history: OptimiserHistoryEntry[] = [];
  constructor(private readonly problem: OptimiseProblem, private readonly options: OptimiseOptions) {}

  f(x: Float64Array): number {
    this.evaluations++;
    return this.problem.f(x);
  }

  fg(x: Float64Array, gradient: Float64Array): number {
    if (!this.problem.valueAndGradient) throw new Error('this optimiser needs a gradient');
    this.gradientEvaluations++;
    return this.problem.valueAndGradient(x, gradient);
  }

  get budgetLeft(): boolean {
    const cap = this.options.maxEvaluations;
    return cap === undefined || this.evaluations + this.gradientEvaluations < cap;
  }

  record(iteration: number, x: Float64Array, value: number): void {
    if (this.options.recordHistory !== false) this.history.push({ iteration, params: Array.from(x), value });
  }

  result(optimiser: string, x: Float64Array, value: number, iterations: number, converged: boolean, message: string, seed?: number): OptimiseResult {
    return {
      optimiser, x: Float64Array.from(x), value, iterations, converged, message,
      evaluations: this.evaluations, gradientEvaluations: this.gradientEvaluations, history: this.history,
      ...(seed !== undefined ? { seed } : {}),
    };
  }
}
