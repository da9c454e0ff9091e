import { toBitstring } from '../../conventions.ts';
import type { BinaryModel } from '../model/binary-model.ts';
import { toDiagonalProblem } from '../model/diagonal.ts';
import { isFeasible, indexToBits, quboEnergyOfIndex } from '../model/energy.ts';
import { solveQaoa } from '../qaoa/solve.ts';
import type { SolverResult } from '../result.ts';
import { registerSolverMethod, type SolveOptions } from '../solvers.ts';
import type { DiagonalProblem } from '../types.ts';
import { groverAdaptiveSearch } from './grover-adaptive-search.ts';
import { recursiveQaoa } from './rqaoa.ts';

/**
 * The quantum methods of `superpose solve`: each runs on the model's diagonal problem (penalties
 * and slack qubits included) and reports in the model's own terms: the best state's model
 * variables (slack bits dropped), its penalty-free objective and feasibility. ⟨f⟩ stays the
 * expectation of what the method optimised (penalties included), as the comparison table states.
 */
function adapt(model: BinaryModel, options: SolveOptions, run: (problem: DiagonalProblem) => SolverResult): SolverResult {
  const started = performance.now();
  const problem = toDiagonalProblem(model, options.maxBytes !== undefined ? { maxBytes: options.maxBytes } : {});
  const result = run(problem);
  const n = model.variables.length;
  const own = 2 ** n;
  const index = result.bestIndex % own;
  const feasible = model.constraints.length === 0 || isFeasible(model, indexToBits(index, n));
  return {
    ...result,
    bestIndex: feasible ? index : -1,
    bestBitstring: feasible ? toBitstring(index, n) : '',
    bestValue: feasible ? quboEnergyOfIndex(model.objective, index) : NaN,
    status: feasible ? 'feasible' : 'no-feasible-found',
    wallMs: performance.now() - started,
    extra: { ...result.extra, qubits: problem.numQubits },
  };
}

export function registerQuantumSolverMethods(): void {
  registerSolverMethod({
    name: 'qaoa',
    description: 'QAOA p = 2, L-BFGS with adjoint gradients from the linear ramp + 2 random restarts; best of 1024 shots',
    exact: false,
    run: (m, o) => adapt(m, o, (problem) => solveQaoa(problem, { p: 2, restarts: 2, seed: o.seed, ...(o.maxBytes !== undefined ? { maxBytes: o.maxBytes } : {}) })),
  });
  registerSolverMethod({
    name: 'rqaoa',
    description: 'recursive QAOA (p = 1 per step, Bravyi et al. 2020), exact enumeration at 8 spins',
    exact: false,
    run: (m, o) => adapt(m, o, (problem) => recursiveQaoa(problem, { seed: o.seed })),
  });
  registerSolverMethod({
    name: 'gas',
    description: 'Grover adaptive search (threshold oracle on the objective vector, λ = 8/7)',
    exact: false,
    run: (m, o) => adapt(m, o, (problem) => groverAdaptiveSearch(problem, { seed: o.seed, ...(o.maxBytes !== undefined ? { maxBytes: o.maxBytes } : {}) })),
  });
}

registerQuantumSolverMethods();
