/**
 * Objective of one state: bits as 0/1 values, or a basis index (bit i = variable i).
 */
import type { IsingTerms } from '../types.ts';
import type { BinaryModel, BinaryQuadratic, LinearConstraint } from './binary-model.ts';

/** f(x) for x given as 0/1 values (index i = variable i). */
export function quboEnergy(q: BinaryQuadratic, bits: ArrayLike<number>): number {
  let e = q.constant;
  for (let i = 0; i < q.numVariables; i++) if (bits[i]) e += q.linear[i]!;
  for (const t of q.quadratic) if (bits[t.i] && bits[t.j]) e += t.value;
  return e;
}

/** f(x) for the basis index x (at most 53 variables). */
export function quboEnergyOfIndex(q: BinaryQuadratic, index: number): number {
  return quboEnergy(q, indexToBits(index, q.numVariables));
}

/** E(s) for spins s_i ∈ {−1, +1}. */
export function isingEnergy(terms: IsingTerms, spins: ArrayLike<number>): number {
  let e = terms.constant;
  for (let i = 0; i < terms.numSpins; i++) e += terms.linear[i]! * spins[i]!;
  for (const c of terms.quadratic) e += c.J * spins[c.i]! * spins[c.j]!;
  return e;
}

/** E for the basis index x with s_i = 1 − 2·x_i (s = Z eigenvalue). */
export function isingEnergyOfIndex(terms: IsingTerms, index: number): number {
  const bits = indexToBits(index, terms.numSpins);
  const spins = Array.from(bits, (b) => 1 - 2 * b);
  return isingEnergy(terms, spins);
}

/** Σ a_k x_k of a constraint. */
export function constraintActivity(c: LinearConstraint, bits: ArrayLike<number>): number {
  let lhs = 0;
  for (let k = 0; k < c.indices.length; k++) if (bits[c.indices[k]!]) lhs += c.coefficients[k]!;
  return lhs;
}

/** Comparison tolerance for constraint activities: integer data stays exact, sums of decimals get slack. */
export const CONSTRAINT_TOLERANCE = 1e-9;

export function satisfies(c: LinearConstraint, bits: ArrayLike<number>): boolean {
  return compare(c, constraintActivity(c, bits));
}

export function compare(c: LinearConstraint, lhs: number): boolean {
  const tol = CONSTRAINT_TOLERANCE * Math.max(1, Math.abs(c.rhs));
  if (c.kind === '==') return Math.abs(lhs - c.rhs) <= tol;
  if (c.kind === '<=') return lhs <= c.rhs + tol;
  return lhs >= c.rhs - tol;
}

export function isFeasible(model: BinaryModel, bits: ArrayLike<number>): boolean {
  for (const c of model.constraints) if (!satisfies(c, bits)) return false;
  return true;
}

/** Names of the constraints a state breaks. */
export function violatedConstraints(model: BinaryModel, bits: ArrayLike<number>): string[] {
  return model.constraints.filter((c) => !satisfies(c, bits)).map((c) => c.name);
}

export function indexToBits(index: number, width: number): Uint8Array {
  const bits = new Uint8Array(width);
  let rest = index;
  for (let i = 0; i < width && rest > 0; i++) {
    bits[i] = rest % 2;
    rest = Math.floor(rest / 2);
  }
  return bits;
}

/** Σ bits[i]·2^i; NaN past 53 bits, where a double cannot hold every index. */
export function bitsToIndex(bits: ArrayLike<number>, width = bits.length): number {
  if (width > 53) return Number.NaN;
  let index = 0;
  for (let i = width - 1; i >= 0; i--) index = index * 2 + (bits[i] ? 1 : 0);
  return index;
}

/** 0/1 values → bitstring with variable 0 rightmost. */
export function bitsToBitstring(bits: ArrayLike<number>, width = bits.length): string {
  let s = '';
  for (let i = width - 1; i >= 0; i--) s += bits[i] ? '1' : '0';
  return s;
}

/** Bitstring with variable 0 rightmost → 0/1 values. */
export function bitstringToBits(bitstring: string): Uint8Array {
  const n = bitstring.length;
  const bits = new Uint8Array(n);
  for (let i = 0; i < n; i++) bits[i] = bitstring[n - 1 - i] === '1' ? 1 : 0;
  return bits;
}
