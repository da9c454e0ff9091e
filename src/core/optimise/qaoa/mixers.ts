import { fail } from '../../errors.ts';

/**
 * QAOA mixers. Every mixer is a product of elementary terms e^{−iβ·G_k} on one or two qubits,
 * applied in a fixed order, with an initial state that is an eigenstate of the mixer Hamiltonian
 * (so that β = γ = 0 leaves it unchanged, as QAOA needs):
 *
 * - `x`: G_q = X_q on every qubit (Farhi: U_B(β) = e^{−iβΣX} = Π RX(2β)); start |+⟩^n.
 * - `xy`: G = (X_iX_j + Y_iY_j)/2 on pairs inside each group of qubits (a ring or all pairs;
 *   Hadfield et al. 2019), which preserves the Hamming weight of each group: the natural mixer for
 *   one-hot (k-hot) constraints. Start: a Dicke state of weight k per group (k = 1: a W state).
 *   Ring pairs are applied in odd–even order ((0,1),(2,3),… then (1,2),(3,4),… then the wrap pair);
 *   complete pairs in lexicographic order. Qubits outside every group get the X mixer and |+⟩.
 * - `warm-start`: WS-QAOA (Egger, Mareček, Woerner, Quantum 5, 479, 2021). From a relaxed
 *   solution c ∈ [0,1]^n (clipped to [ε, 1−ε]), θ_q = 2·asin(√c_q); start ⊗ RY(θ_q)|0⟩ (so
 *   P(x_q = 1) = c_q) and G_q = RY(θ_q) Z RY(−θ_q) = cos θ_q Z + sin θ_q X. With every c_q = 1/2
 *   this is exactly the X mixer. (Egger et al. write R_Z(−2β), i.e. our β with the opposite sign.)
 */
export type MixerSpec =
  | { readonly kind: 'x' }
  | {
      readonly kind: 'xy';
      readonly topology: 'ring' | 'complete';
      /** Groups of qubits with a fixed Hamming weight (default: one group of all qubits). */
      readonly groups?: readonly (readonly number[])[];
      /** Hamming weight of each group (default 1: one-hot). */
      readonly hammingWeight?: number;
    }
  | { readonly kind: 'warm-start'; readonly relaxed: readonly number[]; readonly epsilon?: number };

/** One factor e^{−iβG} of a mixer, G Hermitian on 1 or 2 qubits (matrix: interleaved re/im, row-major). */
export interface MixerTerm {
  readonly qubits: readonly number[];
  readonly generator: Float64Array;
  /** Whether G² = I (two eigenvalues ±1): then e^{−iβG} = cos β − i sin β G and the two-term parameter shift applies. */
  readonly involutory: boolean;
}

export interface CompiledMixer {
  readonly spec: MixerSpec;
  readonly numQubits: number;
  readonly terms: readonly MixerTerm[];
  /** True when it is the plain X mixer (the fast path applies). */
  readonly isX: boolean;
  /** Amplitudes of the initial state (interleaved), or null for |+⟩^n. */
  readonly initialState: Float64Array | null;
}

const PAULI_X = Float64Array.of(0, 0, 1, 0, 1, 0, 0, 0);
/** (XX + YY)/2 on [q0, q1]: swaps |01⟩ and |10⟩, annihilates |00⟩ and |11⟩. */
const XY_GENERATOR = (() => {
  const g = new Float64Array(32);
  g[2 * (1 * 4 + 2)] = 1;
  g[2 * (2 * 4 + 1)] = 1;
  return g;
})();

export function compileMixer(spec: MixerSpec, numQubits: number): CompiledMixer {
  switch (spec.kind) {
    case 'x':
      return { spec, numQubits, isX: true, initialState: null, terms: range(numQubits).map((q) => ({ qubits: [q], generator: PAULI_X, involutory: true })) };
    case 'xy':
      return compileXY(spec, numQubits);
    case 'warm-start':
      return compileWarmStart(spec, numQubits);
    default:
      return fail('invalid-argument', `unknown mixer "${(spec as { kind: string }).kind}"`, { hint: 'use x, xy or warm-start' });
  }
}

function compileXY(spec: Extract<MixerSpec, { kind: 'xy' }>, n: number): CompiledMixer {
  if (spec.topology !== 'ring' && spec.topology !== 'complete') fail('invalid-argument', `XY mixer topology must be "ring" or "complete", got "${spec.topology}"`);
  const groups = spec.groups ?? [range(n)];
  const weight = spec.hammingWeight ?? 1;
  const seen = new Set<number>();
  for (const [g, group] of groups.entries()) {
    if (group.length === 0) fail('invalid-argument', `XY mixer group ${g} is empty`);
    for (const q of group) {
      if (!Number.isInteger(q) || q < 0 || q >= n) fail('invalid-argument', `XY mixer group ${g} names qubit ${q}, outside 0..${n - 1}`);
      if (seen.has(q)) fail('invalid-argument', `qubit ${q} is in two XY mixer groups`, { hint: 'groups must be disjoint' });
      seen.add(q);
    }
    if (!Number.isInteger(weight) || weight < 0 || weight > group.length) fail('invalid-argument', `Hamming weight ${weight} does not fit group ${g} of ${group.length} qubits`);
  }
  const terms: MixerTerm[] = [];
  for (const group of groups) {
    for (const [a, b] of spec.topology === 'ring' ? ringPairs(group.length) : completePairs(group.length)) {
      terms.push({ qubits: [group[a]!, group[b]!], generator: XY_GENERATOR, involutory: false });
    }
  }
  const free = range(n).filter((q) => !seen.has(q));
  for (const q of free) terms.push({ qubits: [q], generator: PAULI_X, involutory: true });
  return { spec, numQubits: n, isX: false, terms, initialState: dickeProduct(n, groups, weight, free.length) };
}

/** Odd–even ordering of ring neighbours: (0,1),(2,3),… then (1,2),(3,4),… then (m−1, 0). */
export function ringPairs(m: number): [number, number][] {
  if (m < 2) return [];
  if (m === 2) return [[0, 1]];
  const pairs: [number, number][] = [];
  for (let a = 0; a + 1 < m; a += 2) pairs.push([a, a + 1]);
  for (let a = 1; a + 1 < m; a += 2) pairs.push([a, a + 1]);
  pairs.push([m - 1, 0]);
  return pairs;
}

export function completePairs(m: number): [number, number][] {
  const pairs: [number, number][] = [];
  for (let a = 0; a < m; a++) for (let b = a + 1; b < m; b++) pairs.push([a, b]);
  return pairs;
}

/** ⊗_groups Dicke(|group|, k) ⊗ |+⟩ on the remaining qubits, as interleaved amplitudes. */
function dickeProduct(n: number, groups: readonly (readonly number[])[], k: number, freeCount: number): Float64Array {
  const masks = groups.map((g) => g.reduce((m, q) => m | (1 << q), 0));
  let amplitude = 2 ** (-freeCount / 2);
  for (const g of groups) amplitude /= Math.sqrt(binomial(g.length, k));
  const data = new Float64Array(2 * 2 ** n);
  for (let x = 0; x < 2 ** n; x++) {
    let ok = true;
    for (const m of masks) if (popcount(x & m) !== k) { ok = false; break; }
    if (ok) data[2 * x] = amplitude;
  }
  return data;
}

function compileWarmStart(spec: Extract<MixerSpec, { kind: 'warm-start' }>, n: number): CompiledMixer {
  const epsilon = spec.epsilon ?? 0.25;
  if (!(epsilon >= 0 && epsilon <= 0.5)) fail('invalid-argument', `warm-start epsilon must be in [0, 0.5], got ${epsilon}`);
  if (!Array.isArray(spec.relaxed) || spec.relaxed.length !== n) fail('invalid-argument', `warm start needs a relaxed value for each of the ${n} variables, got ${spec.relaxed?.length}`);
  const thetas = spec.relaxed.map((c, q) => {
    if (!(c >= 0 && c <= 1)) fail('invalid-argument', `relaxed value of variable ${q} is ${c}, outside [0, 1]`);
    const clipped = Math.min(1 - epsilon, Math.max(epsilon, c));
    return 2 * Math.asin(Math.sqrt(clipped));
  });
  const terms: MixerTerm[] = thetas.map((theta, q) => {
    const c = Math.cos(theta), s = Math.sin(theta);
    return { qubits: [q], generator: Float64Array.of(c, 0, s, 0, s, 0, -c, 0), involutory: true };
  });
  // Product state ⊗ (cos θ/2 |0⟩ + sin θ/2 |1⟩).
  const data = new Float64Array(2 * 2 ** n);
  for (let x = 0; x < 2 ** n; x++) {
    let a = 1;
    for (let q = 0; q < n; q++) a *= (x >>> q) & 1 ? Math.sin(thetas[q]! / 2) : Math.cos(thetas[q]! / 2);
    data[2 * x] = a;
  }
  return { spec, numQubits: n, isX: false, terms, initialState: data };
}

/**
 * e^{−iβG} into `out` (2×2 or 4×4 interleaved). G² = I: cos β·I − i sin β·G. The XY generator
 * has eigenvalues {−1, 0, 0, 1} with G³ = G: e^{−iβG} = I + (cos β − 1)G² − i sin β·G.
 */
export function termUnitary(term: MixerTerm, beta: number, out: Float64Array): Float64Array {
  const dim = term.qubits.length === 1 ? 2 : 4;
  const g = term.generator;
  const c = Math.cos(beta), s = Math.sin(beta);
  out.fill(0);
  if (term.involutory) {
    for (let r = 0; r < dim; r++) {
      for (let col = 0; col < dim; col++) {
        const k = 2 * (r * dim + col);
        out[k] = (r === col ? c : 0) + s * g[k + 1]!;
        out[k + 1] = -s * g[k]!;
      }
    }
    return out;
  }
  // G² for a real symmetric generator (XY is real).
  for (let r = 0; r < dim; r++) {
    for (let col = 0; col < dim; col++) {
      let g2 = 0;
      for (let m = 0; m < dim; m++) g2 += g[2 * (r * dim + m)]! * g[2 * (m * dim + col)]!;
      const k = 2 * (r * dim + col);
      out[k] = (r === col ? 1 : 0) + (c - 1) * g2;
      out[k + 1] = -s * g[k]!;
    }
  }
  return out;
}

export function binomial(n: number, k: number): number {
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return Math.round(r);
}

function popcount(x: number): number {
  let c = 0;
  for (let v = x; v !== 0; v &= v - 1) c++;
  return c;
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}
