/**
 * Observables compiled once per batch. A Pauli sum of Z and I terms only (a QAOA cost, an Ising
 * energy) is diagonal: its 2^n values are tabulated once, and then each evaluation is a single
 * pass, Σ |a_i|² d_i, instead of one pass per term.
 */
import { expectationDiagonal, expectationPauliSum, parsePauli, popcount, type PauliTerm, type StateVector } from '../src/core/index.ts';

export type CompiledObservable =
  | { readonly kind: 'diagonal'; readonly values: Float64Array }
  | { readonly kind: 'pauli'; readonly terms: readonly PauliTerm[] };

/** Largest state for which a diagonal table (8·2^n bytes) is built. */
const MAX_DIAGONAL_QUBITS = 24;

export function compileObservable(terms: readonly PauliTerm[], numQubits: number): CompiledObservable {
  if (numQubits > MAX_DIAGONAL_QUBITS) return { kind: 'pauli', terms };
  const parsed = terms.map((t) => ({ coefficient: t.coefficient, masks: parsePauli(t.pauli, numQubits) }));
  if (parsed.some((t) => t.masks.xMask !== 0 || !Number.isFinite(t.coefficient))) return { kind: 'pauli', terms };
  const size = 2 ** numQubits;
  const values = new Float64Array(size);
  for (const { coefficient, masks } of parsed) {
    const z = masks.zMask;
    for (let i = 0; i < size; i++) values[i]! += popcount(i & z) & 1 ? -coefficient : coefficient;
  }
  return { kind: 'diagonal', values };
}

export function evaluateObservable(state: StateVector, observable: CompiledObservable): number {
  return observable.kind === 'diagonal' ? expectationDiagonal(state, observable.values) : expectationPauliSum(state, observable.terms);
}
