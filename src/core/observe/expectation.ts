import { fail } from '../errors.ts';
import { LOOP_CHUNK } from '../sim/kernels.ts';
import type { StateVector } from '../sim/state.ts';

/** A weighted Pauli string, e.g. { coefficient: 0.5, pauli: 'Z0 Z1' } or Qiskit-style 'IZZ'. */
export interface PauliTerm {
  readonly coefficient: number;
  readonly pauli: string;
}

export interface PauliMasks {
  readonly xMask: number;
  readonly zMask: number;
  readonly yCount: number;
}

/**
 * Parses a Pauli string in either form: sparse ('X0 Y3 Z4', qubit indices explicit) or dense
 * ('XIZ', one letter per qubit, qubit 0 rightmost as in Qiskit labels).
 */
export function parsePauli(text: string, numQubits: number): PauliMasks {
  let xMask = 0, zMask = 0, yCount = 0;
  const trimmed = text.trim();
  const add = (letter: string, q: number) => {
    if (q < 0 || q >= numQubits) fail('invalid-argument', `Pauli "${text}" names qubit ${q}, outside 0..${numQubits - 1}`);
    if (((xMask | zMask) >>> q) & 1) fail('invalid-argument', `Pauli "${text}" names qubit ${q} twice`);
    switch (letter.toUpperCase()) {
      case 'I': return;
      case 'X': xMask |= 1 << q; return;
      case 'Z': zMask |= 1 << q; return;
      case 'Y': xMask |= 1 << q; zMask |= 1 << q; yCount++; return;
      default: fail('invalid-argument', `"${letter}" in Pauli "${text}" is not one of I, X, Y, Z`);
    }
  };
  if (trimmed === '' || /^[IXYZ]+$/i.test(trimmed)) {
    if (trimmed.length > 0 && trimmed.length !== numQubits) {
      fail('invalid-argument', `dense Pauli "${text}" has ${trimmed.length} letters for ${numQubits} qubits`, {
        hint: 'give one letter per qubit (qubit 0 rightmost) or the sparse form "Z0 Z1"',
      });
    }
    for (let i = 0; i < trimmed.length; i++) add(trimmed[trimmed.length - 1 - i]!, i);
  } else {
    for (const token of trimmed.split(/[\s*]+/)) {
      const match = /^([IXYZ])(\d+)$/i.exec(token);
      if (!match) fail('invalid-argument', `cannot read "${token}" in Pauli "${text}"`, { hint: 'write terms like X0 Z3' });
      add(match[1]!, Number(match[2]));
    }
  }
  return { xMask, zMask, yCount };
}

/** ⟨ψ|P|ψ⟩ for one Pauli string, in one pass with no allocation. */
export function expectationPauli(state: StateVector, pauli: string | PauliMasks): number {
  const { xMask, zMask, yCount } = typeof pauli === 'string' ? parsePauli(pauli, state.numQubits) : pauli;
  const data = state.data;
  // P|j⟩ = i^{#Y} (−1)^{|j ∧ zMask|} |j ⊕ xMask⟩, so ⟨P⟩ = Σ_j conj(ψ_{j⊕x}) i^{#Y} (−1)^{…} ψ_j.
  let re = 0, im = 0;
  for (let j = 0; j < state.length;) {
    for (const stop = Math.min(state.length, j + LOOP_CHUNK); j < stop; j++) {
      const k = j ^ xMask;
      const ar = data[2 * k]!, ai = -data[2 * k + 1]!;
      const br = data[2 * j]!, bi = data[2 * j + 1]!;
      const sign = parity(j & zMask) ? -1 : 1;
      re += sign * (ar * br - ai * bi);
      im += sign * (ar * bi + ai * br);
    }
  }
  switch (yCount & 3) {
    case 0: return re;
    case 1: return -im;
    case 2: return -re;
    default: return im;
  }
}

/** Σ_k c_k ⟨P_k⟩. */
export function expectationPauliSum(state: StateVector, terms: readonly PauliTerm[]): number {
  let total = 0;
  for (const term of toPauliTerms(terms)) total += term.coefficient * expectationPauli(state, term.pauli);
  return total;
}

/**
 * An observable as Pauli terms: a Pauli string ('Z0 Z1', 'IZZ') or an array of
 * { coefficient, pauli }. Anything else (from a UI message or a file) is refused, saying what.
 */
export function toPauliTerms(observable: unknown, where = 'observable'): readonly PauliTerm[] {
  if (typeof observable === 'string') return [{ coefficient: 1, pauli: observable }];
  const hint = 'an observable is a Pauli string ("Z0 Z1") or [{ "coefficient": 0.5, "pauli": "Z0 Z1" }, …]';
  if (!Array.isArray(observable)) fail('invalid-argument', `${where} must be a Pauli string or an array of terms, got ${observable === null ? 'null' : typeof observable}`, { hint });
  observable.forEach((term: unknown, i) => {
    const t = term as Partial<PauliTerm> | null;
    if (t === null || typeof t !== 'object' || typeof t.pauli !== 'string' || typeof t.coefficient !== 'number') {
      fail('invalid-argument', `${where}[${i}] must be { coefficient: number, pauli: string }`, { hint });
    }
    if (!Number.isFinite(t.coefficient)) fail('invalid-argument', `${where}[${i}]: coefficient of "${t.pauli}" is ${t.coefficient}`);
  });
  return observable as readonly PauliTerm[];
}

/** Σ_i |ψ_i|² d_i for a diagonal observable d given per basis state. */
export function expectationDiagonal(state: StateVector, diagonal: Float64Array): number {
  if (diagonal.length !== state.length) {
    fail('invalid-argument', `the diagonal has ${diagonal.length} entries; a ${state.numQubits}-qubit state needs ${state.length}`);
  }
  const data = state.data;
  let s0 = 0, s1 = 0;
  let i = 0;
  while (i + 1 < diagonal.length) {
    for (const stop = Math.min(diagonal.length - 1, i + LOOP_CHUNK); i < stop; i += 2) {
      s0 += (data[2 * i]! * data[2 * i]! + data[2 * i + 1]! * data[2 * i + 1]!) * diagonal[i]!;
      s1 += (data[2 * i + 2]! * data[2 * i + 2]! + data[2 * i + 3]! * data[2 * i + 3]!) * diagonal[i + 1]!;
    }
  }
  if (i < diagonal.length) s0 += (data[2 * i]! * data[2 * i]! + data[2 * i + 1]! * data[2 * i + 1]!) * diagonal[i]!;
  return s0 + s1;
}

function parity(x: number): boolean {
  let v = x;
  v ^= v >>> 16;
  v ^= v >>> 8;
  v ^= v >>> 4;
  v ^= v >>> 2;
  v ^= v >>> 1;
  return (v & 1) === 1;
}
