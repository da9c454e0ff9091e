import { fail } from '../../errors.ts';
import { chooseBackend, type BackendPreference } from '../../sim/backends.ts';
import { checkStateFits, StateVector } from '../../sim/state.ts';
import type { DiagonalProblem } from '../types.ts';
import { buildCostLevels, levelDistribution, type CostLevels } from './cost-levels.ts';
import { compileMixer, termUnitary, type CompiledMixer, type MixerSpec } from './mixers.ts';
import { imaginaryOverlap1, imaginaryOverlap2, imaginaryOverlapXAll } from './overlaps.ts';
import { applyCostPhase, imaginaryCostOverlap, multiplyByCost, undoCostPhaseWithOverlap, writeUniformPhased } from './phase.ts';
import { MixPost, QaoaWasmWorkspace } from './wasm/workspace.ts';

/**
 * QAOA of depth p in Farhi's convention on a diagonal problem:
 *
 *   |γ, β⟩ = U_B(β_p) U_C(γ_p) ⋯ U_B(β_1) U_C(γ_1) |s⟩,  U_C(γ) = e^{−iγC},  U_B(β) = e^{−iβB},
 *
 * with C maximised: C = f for a 'max' problem (MaxCut's cut value), C = −f for a 'min' problem.
 * Parameters are one flat vector [γ_1 … γ_p, β_1 … β_p].
 *
 * Fast path: C(x) is precomputed for every basis state once (and its distinct values, see
 * CostLevels), so a cost layer is one phase pass over the state, and the X mixer is n single-qubit
 * RX(2β) kernel passes; |+⟩^n and the first cost layer are written in one pass. The state is
 * allocated once and reused by every evaluation. On the wasm backend the X mixer runs through
 * the QAOA kernels instead (wasm/workspace.ts): four qubits per pass, the cost layer and ⟨C⟩
 * fused into the last pass of each layer, and a fused adjoint step over ψ and λ.
 */
export interface QaoaOptions {
  readonly p: number;
  readonly mixer?: MixerSpec;
  readonly backend?: BackendPreference;
  readonly maxBytes?: number;
}

/** An extra e^{−iα·G} inserted after one layer's cost or mixer term (parameter-shift rules). */
interface Shift {
  readonly layer: number;
  readonly stage: 'cost' | 'mixer';
  readonly term: number;
  readonly angle: number;
}

/** One term of C in Pauli form: weight·Z_i (j = −1) or weight·Z_iZ_j. */
export interface CostTerm {
  readonly i: number;
  readonly j: number;
  readonly weight: number;
}

/** C(x) = f(x) for 'max', −f(x) for 'min' (a fresh array). */
export function qaoaCostVector(problem: DiagonalProblem): Float64Array {
  const sign = problem.sense === 'min' ? -1 : 1;
  return problem.objective.map((v) => sign * v);
}

export function validateDiagonalProblem(problem: DiagonalProblem): void {
  const n = problem.numQubits;
  if (!Number.isInteger(n) || n < 1) fail('invalid-argument', `a problem needs at least one variable, got numQubits = ${n}`);
  if (n > 30) fail('too-large', `${n} variables need a ${n}-qubit state (16·2^${n} bytes); QAOA simulates at most 30`, { hint: 'reduce the problem (e.g. recursive QAOA) or export the circuit' });
  if (problem.objective.length !== 2 ** n) fail('invalid-argument', `the objective has ${problem.objective.length} entries; ${n} variables need 2^${n} = ${2 ** n}`);
  if (problem.sense !== 'min' && problem.sense !== 'max') fail('invalid-argument', `sense must be "min" or "max", got "${problem.sense}"`);
  if (problem.ising.numSpins !== n) fail('invalid-argument', `the Ising form has ${problem.ising.numSpins} spins for ${n} variables`);
}

export class Qaoa {
  readonly problem: DiagonalProblem;
  readonly numQubits: number;
  readonly p: number;
  /** C(x), maximised. */
  readonly cost: Float64Array;
  readonly levels: CostLevels;
  readonly mixer: CompiledMixer;
  /** C's Pauli terms (linear then quadratic), weights already signed for maximisation; constant dropped. */
  readonly costTerms: readonly CostTerm[];
  /** Circuit executions (state preparations) so far, gradients included. */
  evaluations = 0;
  private psi: StateVector;
  private readonly maxBytes: number | undefined;
  /** The wasm fast path (X mixer on the wasm backend), or undefined: the TypeScript path. */
  private workspace: QaoaWasmWorkspace | undefined;
  private lambda: StateVector | undefined;
  private readonly phaseTable: Float64Array;
  private readonly matrix1 = new Float64Array(8);
  private readonly matrix2 = new Float64Array(32);
  private readonly distribution: Float64Array<ArrayBufferLike>;

  private constructor(problem: DiagonalProblem, options: QaoaOptions) {
    validateDiagonalProblem(problem);
    if (!Number.isInteger(options.p) || options.p < 1) fail('invalid-argument', `QAOA depth p must be a whole number ≥ 1, got ${options.p}`);
    this.problem = problem;
    this.numQubits = problem.numQubits;
    this.p = options.p;
    this.maxBytes = options.maxBytes;
    this.cost = qaoaCostVector(problem);
    this.levels = buildCostLevels(this.cost);
    this.phaseTable = new Float64Array(2 * this.levels.values.length);
    this.distribution = new Float64Array(this.levels.values.length);
    this.mixer = compileMixer(options.mixer ?? { kind: 'x' }, problem.numQubits);
    const n = problem.numQubits;
    if (this.mixer.isX && chooseBackend(n, options.backend).name === 'wasm' && QaoaWasmWorkspace.supports(n, this.levels.values.length, 1)) {
      this.workspace = QaoaWasmWorkspace.create(n, this.levels, 1, options.maxBytes);
      this.psi = this.workspace.psi;
    } else {
      this.psi = StateVector.zero(n, {
        ...(options.backend ? { backend: options.backend } : {}),
        ...(options.maxBytes !== undefined ? { maxBytes: options.maxBytes } : {}),
      });
    }
    const sign = problem.sense === 'min' ? -1 : 1;
    const terms: CostTerm[] = [];
    problem.ising.linear.forEach((h, i) => { if (h !== 0) terms.push({ i, j: -1, weight: sign * h }); });
    for (const { i, j, J } of problem.ising.quadratic) if (J !== 0) terms.push({ i, j, weight: sign * J });
    this.costTerms = terms;
  }

  static create(problem: DiagonalProblem, options: QaoaOptions): Qaoa {
    return new Qaoa(problem, options);
  }

  get numParams(): number {
    return 2 * this.p;
  }

  /** The state of the last evaluation (owned by this object: copy it to keep it). */
  get state(): StateVector {
    return this.psi;
  }

  /** Prepares |γ, β⟩ in the internal state and returns it. */
  run(params: ArrayLike<number>): StateVector {
    this.forward(params, undefined);
    return this.psi;
  }

  /** ⟨γ, β| C |γ, β⟩. */
  expectation(params: ArrayLike<number>): number {
    if (this.workspace) {
      this.checkParams(params);
      this.evaluations++;
      return this.workspace.forward(params, this.p, MixPost.Expectation);
    }
    this.forward(params, undefined);
    return this.currentExpectation();
  }

  /**
   * CVaR_α of C (Barkoutsos et al., Quantum 4, 256, 2020): the mean of C over the best α-fraction
   * of the outcome distribution (α = 1: the expectation; α → 0: the best outcome with support).
   */
  cvar(params: ArrayLike<number>, alpha: number): number {
    this.forward(params, undefined);
    return this.currentCvar(alpha);
  }

  /** Probability of each distinct value of C (ascending values: `levels.values`) in the current state. */
  currentDistribution(): Float64Array {
    return levelDistribution(this.psi.doubleData(), this.levels, this.distribution);
  }

  currentExpectation(): number {
    if (this.workspace) return this.workspace.expectation();
    const mass = this.currentDistribution();
    const values = this.levels.values;
    let sum = 0;
    for (let l = 0; l < values.length; l++) sum += mass[l]! * values[l]!;
    return sum;
  }

  currentCvar(alpha: number): number {
    if (!(alpha > 0 && alpha <= 1)) fail('invalid-argument', `CVaR alpha must be in (0, 1], got ${alpha}`);
    const mass = this.currentDistribution();
    const values = this.levels.values;
    let taken = 0, sum = 0;
    for (let l = values.length - 1; l >= 0 && taken < alpha; l--) {
      const m = Math.min(mass[l]!, alpha - taken);
      sum += m * values[l]!;
      taken += m;
    }
    return sum / taken;
  }

  /** Probability of sampling a basis state with the largest C (the optimum of the problem). */
  currentOptimumProbability(): number {
    const mass = this.currentDistribution();
    return mass[mass.length - 1]!;
  }

  /**
   * d⟨C⟩/d(γ, β) by adjoint differentiation: one forward run, then a walk back through the layers
   * with one extra state λ = U†Cψ, undoing each layer on ψ and λ and reading 2·Im⟨λ|G|ψ⟩ at
   * each generator G. Cost: about three evaluations, whatever p.
   */
  gradient(params: ArrayLike<number>, out: Float64Array = new Float64Array(this.numParams)): Float64Array {
    this.valueAndGradient(params, out);
    return out;
  }

  /** Fills `out` with d⟨C⟩/d(γ, β) (adjoint) and returns ⟨C⟩. The internal state is left undone: call run() to see |γ, β⟩. */
  valueAndGradient(params: ArrayLike<number>, out: Float64Array): number {
    if (this.workspace && !this.workspace.lambda && QaoaWasmWorkspace.supports(this.numQubits, this.levels.values.length, 2)) {
      // λ must share ψ's memory for the fused kernels: one new memory with room for both.
      checkStateFits(this.numQubits, this.maxBytes);
      this.workspace = QaoaWasmWorkspace.create(this.numQubits, this.levels, 2, this.maxBytes);
      this.psi = this.workspace.psi;
    }
    if (this.workspace?.lambda) {
      this.checkParams(params);
      this.evaluations++;
      return this.workspace.valueAndGradient(params, this.p, out);
    }
    this.forward(params, undefined);
    const value = this.currentExpectation();
    const psi = this.psi;
    // The adjoint state: a second state of the same size (refused up front if it would not fit).
    const lambda = (this.lambda ??= StateVector.zero(this.numQubits, { backend: psi.backendName, ...(this.maxBytes !== undefined ? { maxBytes: this.maxBytes } : {}) }));
    const levels = this.levels;
    multiplyByCost(lambda.doubleData(), psi.doubleData(), levels);
    const p = this.p;
    const half = 2 ** (this.numQubits - 1), quarter = 2 ** (this.numQubits - 2);
    for (let layer = p - 1; layer >= 0; layer--) {
      const gamma = params[layer]!, beta = params[p + layer]!;
      let dBeta = 0;
      const terms = this.mixer.terms;
      // X mixer: the terms commute, so Σ_q Im⟨λ|X_q|ψ⟩ is read once, four qubits per pass.
      if (this.mixer.isX) dBeta = imaginaryOverlapXAll(lambda.doubleData(), psi.doubleData(), this.numQubits);
      for (let t = terms.length - 1; t >= 0; t--) {
        const term = terms[t]!;
        if (term.qubits.length === 1) {
          const q = term.qubits[0]!;
          if (!this.mixer.isX) dBeta += imaginaryOverlap1(lambda.doubleData(), psi.doubleData(), q, term.generator);
          termUnitary(term, -beta, this.matrix1);
          psi.kernels.dense1(psi.data, q, this.matrix1, 0, 0, 0, half);
          lambda.kernels.dense1(lambda.data, q, this.matrix1, 0, 0, 0, half);
        } else {
          const [q0, q1] = term.qubits as [number, number];
          dBeta += imaginaryOverlap2(lambda.doubleData(), psi.doubleData(), q0, q1, term.generator);
          termUnitary(term, -beta, this.matrix2);
          psi.kernels.dense2(psi.data, q0, q1, this.matrix2, 0, 0, 0, quarter);
          lambda.kernels.dense2(lambda.data, q0, q1, this.matrix2, 0, 0, 0, quarter);
        }
      }
      out[p + layer] = 2 * dBeta;
      out[layer] = 2 * (layer > 0 ? undoCostPhaseWithOverlap(lambda.doubleData(), psi.doubleData(), levels, gamma, this.phaseTable) : imaginaryCostOverlap(lambda.doubleData(), psi.doubleData(), levels));
    }
    return value;
  }

  /**
   * d⟨C⟩/d(γ, β) by the two-term parameter-shift rule applied to every elementary gate: a gate
   * e^{−iφG} with G² = I has dE/dφ = E(φ + π/4) − E(φ − π/4). The cost layer e^{−iγC} is split
   * into its Pauli terms e^{−iγ w_k Z…} (dE/dγ = Σ_k w_k·dE/dφ_k): exact for any real weights,
   * which a shift rule on γ itself is not (C's spectrum need not be integer, and the general rule
   * needs one pair of evaluations per distinct eigenvalue gap). Cost: 2·(terms + mixer terms)
   * evaluations per layer. XY mixer terms have three eigenvalues: use the adjoint gradient.
   */
  parameterShiftGradient(params: ArrayLike<number>, out = new Float64Array(this.numParams)): Float64Array {
    const s = Math.PI / 4;
    for (const term of this.mixer.terms) {
      if (!term.involutory) fail('invalid-argument', 'the parameter-shift rule needs generators with two eigenvalues; the XY mixer has three', { hint: 'use the adjoint gradient' });
    }
    for (let layer = 0; layer < this.p; layer++) {
      let dGamma = 0;
      this.costTerms.forEach((term, k) => {
        const plus = this.shiftedExpectation(params, { layer, stage: 'cost', term: k, angle: s });
        const minus = this.shiftedExpectation(params, { layer, stage: 'cost', term: k, angle: -s });
        dGamma += term.weight * (plus - minus);
      });
      let dBeta = 0;
      this.mixer.terms.forEach((_, k) => {
        const plus = this.shiftedExpectation(params, { layer, stage: 'mixer', term: k, angle: s });
        const minus = this.shiftedExpectation(params, { layer, stage: 'mixer', term: k, angle: -s });
        dBeta += plus - minus;
      });
      out[layer] = dGamma;
      out[this.p + layer] = dBeta;
    }
    return out;
  }

  private shiftedExpectation(params: ArrayLike<number>, shift: Shift): number {
    this.forward(params, shift);
    return this.currentExpectation();
  }

  private checkParams(params: ArrayLike<number>): void {
    const p = this.p;
    if (params.length !== 2 * p) fail('invalid-argument', `QAOA with p = ${p} takes ${2 * p} parameters [γ_1…γ_p, β_1…β_p], got ${params.length}`);
    for (let k = 0; k < params.length; k++) {
      if (!Number.isFinite(params[k]!)) {
        const [gamma, index] = k < p ? ['γ', k + 1] : ['β', k - p + 1];
        fail('invalid-argument', `QAOA parameter ${k} (${gamma}_${index}) is ${params[k]}`, {
          hint: 'an optimiser step that overflows usually means cost values far from 1 in size (γ multiplies the cost): divide every weight of the model by the same number, which keeps the same optimum',
        });
      }
    }
  }

  private forward(params: ArrayLike<number>, shift: Shift | undefined): void {
    const p = this.p;
    this.checkParams(params);
    this.evaluations++;
    if (this.workspace && !shift) {
      this.workspace.forward(params, p, MixPost.None);
      return;
    }
    const psi = this.psi, data = psi.doubleData(), kernels = psi.kernels;
    const half = 2 ** (this.numQubits - 1), quarter = 2 ** (this.numQubits - 2);
    const terms = this.mixer.terms;
    for (let layer = 0; layer < p; layer++) {
      const gamma = params[layer]!, beta = params[p + layer]!;
      if (layer === 0 && this.mixer.initialState === null) {
        writeUniformPhased(data, this.levels, 2 ** (-this.numQubits / 2), gamma, this.phaseTable);
      } else {
        if (layer === 0) data.set(this.mixer.initialState!);
        applyCostPhase(data, this.levels, gamma, this.phaseTable);
      }
      if (shift && shift.layer === layer && shift.stage === 'cost') this.applyCostTermRotation(shift.term, shift.angle);
      if (this.mixer.isX) {
        const c = Math.cos(beta), s = Math.sin(beta), m = this.matrix1;
        m[0] = c; m[1] = 0; m[2] = 0; m[3] = -s; m[4] = 0; m[5] = -s; m[6] = c; m[7] = 0;
        for (let q = 0; q < this.numQubits; q++) kernels.dense1(data, q, m, 0, 0, 0, half);
        if (shift && shift.layer === layer && shift.stage === 'mixer') this.applyMixerTerm(shift.term, shift.angle, half, quarter);
      } else {
        for (let t = 0; t < terms.length; t++) {
          this.applyMixerTerm(t, beta, half, quarter);
          if (shift && shift.layer === layer && shift.stage === 'mixer' && shift.term === t) this.applyMixerTerm(t, shift.angle, half, quarter);
        }
      }
    }
  }

  private applyMixerTerm(t: number, beta: number, half: number, quarter: number): void {
    const term = this.mixer.terms[t]!;
    const psi = this.psi;
    if (term.qubits.length === 1) {
      psi.kernels.dense1(psi.data, term.qubits[0]!, termUnitary(term, beta, this.matrix1), 0, 0, 0, half);
    } else {
      psi.kernels.dense2(psi.data, term.qubits[0]!, term.qubits[1]!, termUnitary(term, beta, this.matrix2), 0, 0, 0, quarter);
    }
  }

  /** e^{−iα Z_i} or e^{−iα Z_iZ_j} for cost term k. */
  private applyCostTermRotation(k: number, alpha: number): void {
    const { i, j } = this.costTerms[k]!;
    const c = Math.cos(alpha), s = Math.sin(alpha);
    const psi = this.psi;
    if (j < 0) {
      psi.kernels.diag(psi.data, Int32Array.of(i), Float64Array.of(c, -s, c, s), 0, 0, 0, psi.length);
    } else {
      psi.kernels.diag(psi.data, Int32Array.of(i, j), Float64Array.of(c, -s, c, s, c, s, c, -s), 0, 0, 0, psi.length);
    }
  }
}
