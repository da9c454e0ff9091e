/**
 * Shared shapes of the optimisation lab. Models (QUBO, Ising, constrained) live in `model/`,
 * quantum algorithms in `qaoa/` and friends, classical baselines in `classical/`.
 *
 * Variable i is qubit i: bit i of a basis index x (qubit 0 = least-significant bit).
 * Spin convention: s_i = +1 for bit 0 and −1 for bit 1, i.e. s = Z eigenvalue, x = (1 − s)/2.
 */

/** E(s) = constant + Σ_i linear[i]·s_i + Σ_k J_k·s_{i_k}·s_{j_k}, with i_k < j_k. */
export interface IsingTerms {
  readonly numSpins: number;
  readonly constant: number;
  readonly linear: Float64Array;
  readonly quadratic: readonly IsingCoupling[];
}

export interface IsingCoupling {
  readonly i: number;
  readonly j: number;
  readonly J: number;
}

/** Whether the objective is minimised (energies) or maximised (MaxCut's cut value, Farhi's C). */
export type Sense = 'min' | 'max';

/**
 * What a diagonal algorithm (QAOA, Grover adaptive search, exhaustive search) needs:
 * the objective of every basis state and, for gate-level circuits, its Ising form.
 * `objective[x]` = f(x) for basis index x; QAOA maximises C = f when sense is 'max', C = −f when 'min'.
 */
export interface DiagonalProblem {
  readonly numQubits: number;
  readonly sense: Sense;
  readonly objective: Float64Array;
  readonly ising: IsingTerms;
  /** For constrained models: feasible[x] = 1 when x satisfies every constraint. */
  readonly feasible?: Uint8Array;
}
