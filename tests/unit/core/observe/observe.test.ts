import { describe, expect, it } from 'vitest';
import { complex, conj, matrix, multiply, kron, type Matrix as MathMatrix, type Complex } from 'mathjs';
import {
  availableBackends, blochVector, expectationDiagonal, expectationPauli, expectationPauliSum, fidelity, innerProduct,
  marginalProbabilities, probabilities, probabilityOfOne, sampleShots, StateVector,
} from '../../../../src/core/index.ts';
import { createRng, randomState } from '../../helpers/random.ts';

const PAULI: Record<string, number[][] | Complex[][]> = {
  I: [[1, 0], [0, 1]],
  X: [[0, 1], [1, 0]],
  Y: [[complex(0, 0), complex(0, -1)], [complex(0, 1), complex(0, 0)]],
  Z: [[1, 0], [0, -1]],
};

/** ⟨ψ|P|ψ⟩ with P built as a mathjs Kronecker product (label: qubit 0 rightmost). */
function oracleExpectation(label: string, data: ArrayLike<number>): number {
  let op: MathMatrix = matrix([[1]]);
  for (const letter of label) op = kron(op, matrix(PAULI[letter]!)) as MathMatrix;
  const d = data.length / 2;
  const psi = matrix(Array.from({ length: d }, (_, i) => [complex(data[2 * i]!, data[2 * i + 1]!)]));
  const bra = matrix([Array.from({ length: d }, (_, i) => conj(complex(data[2 * i]!, data[2 * i + 1]!)) as Complex)]);
  const value = (multiply(bra, multiply(op, psi)) as MathMatrix).toArray() as unknown as (Complex | number)[][];
  const v = value[0]![0]!;
  return typeof v === 'number' ? v : v.re;
}

describe.each(availableBackends())('observables (%s backend)', (backend) => {
  const rng = createRng(123);
  const make = (n: number) => StateVector.fromAmplitudes(randomState(n, rng), { backend: backend as 'ts' | 'wasm' });

  it('Pauli-string expectations equal a Kronecker-product oracle, dense and sparse forms', () => {
    const n = 4;
    for (let trial = 0; trial < 30; trial++) {
      const state = make(n);
      const label = Array.from({ length: n }, () => 'IXYZ'[Math.floor(rng() * 4)]!).join('');
      const sparse = [...label].reverse().map((l, q) => (l === 'I' ? '' : `${l}${q}`)).filter(Boolean).join(' ');
      const expected = oracleExpectation(label, state.data);
      expect(expectationPauli(state, label)).toBeCloseTo(expected, 12);
      if (sparse) expect(expectationPauli(state, sparse)).toBeCloseTo(expected, 12);
    }
    const state = make(n);
    const terms = [{ coefficient: 0.5, pauli: 'Z0 Z1' }, { coefficient: -1.25, pauli: 'XIYI' }];
    expect(expectationPauliSum(state, terms)).toBeCloseTo(0.5 * oracleExpectation('IIZZ', state.data) - 1.25 * oracleExpectation('XIYI', state.data), 12);
    expect(() => expectationPauli(state, 'Q0')).toThrow(/cannot read/);
    expect(() => expectationPauli(state, 'XX')).toThrow(/2 letters for 4 qubits/);
    expect(() => expectationPauli(state, 'Z9')).toThrow(/outside/);
  });

  it('diagonal observables, marginals and single-qubit probabilities agree with the full distribution', () => {
    const n = 5;
    const state = make(n);
    const p = probabilities(state);
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 14);
    const diag = Float64Array.from({ length: 2 ** n }, () => rng() * 10 - 5);
    expect(expectationDiagonal(state, diag)).toBeCloseTo(p.reduce((s, pi, i) => s + pi * diag[i]!, 0), 12);
    const qubits = [3, 0];
    const marginal = marginalProbabilities(state, qubits);
    const expected = new Float64Array(4);
    p.forEach((pi, i) => { expected[((i >> 3) & 1) | (((i >> 0) & 1) << 1)] += pi; });
    for (let j = 0; j < 4; j++) expect(marginal[j]).toBeCloseTo(expected[j]!, 14);
    for (let q = 0; q < n; q++) {
      expect(probabilityOfOne(state, q)).toBeCloseTo(p.reduce((s, pi, i) => s + (((i >> q) & 1) ? pi : 0), 0), 14);
    }
    // From qubit 6 up (runs of ≥ 64 amplitudes) the runs are summed by the backend's kernel.
    const wide = make(9);
    const pw = probabilities(wide);
    for (let q = 0; q < 9; q++) {
      expect(probabilityOfOne(wide, q)).toBeCloseTo(pw.reduce((s, pi, i) => s + (((i >> q) & 1) ? pi : 0), 0), 14);
    }
  });

  it('Bloch vectors: z from probabilities, x and y from ⟨X⟩ and ⟨Y⟩, length ≤ 1', () => {
    const n = 4;
    const state = make(n);
    for (let q = 0; q < n; q++) {
      const [x, y, z] = blochVector(state, q);
      expect(x).toBeCloseTo(expectationPauli(state, `X${q}`), 13);
      expect(y).toBeCloseTo(expectationPauli(state, `Y${q}`), 13);
      expect(z).toBeCloseTo(expectationPauli(state, `Z${q}`), 13);
      expect(Math.hypot(x, y, z)).toBeLessThanOrEqual(1 + 1e-12);
    }
  });

  it('over many loop chunks (10 qubits): probabilities, marginals, diagonal and Pauli expectations, Bloch vectors and overlaps against per-amplitude sums', () => {
    const n = 10, size = 2 ** n;
    const state = make(n), other = make(n);
    const a = state.data, b = other.data;
    const naive = Array.from({ length: size }, (_, i) => a[2 * i]! ** 2 + a[2 * i + 1]! ** 2);
    const p = probabilities(state);
    for (let i = 0; i < size; i++) expect(p[i]).toBe(naive[i]);
    const diag = Float64Array.from({ length: size }, () => rng() * 10 - 5);
    expect(expectationDiagonal(state, diag)).toBeCloseTo(naive.reduce((s, pi, i) => s + pi * diag[i]!, 0), 12);
    const marginal = marginalProbabilities(state, [9, 2, 5]);
    const expectedMarginal = new Float64Array(8);
    naive.forEach((pi, i) => { expectedMarginal[((i >> 9) & 1) | (((i >> 2) & 1) << 1) | (((i >> 5) & 1) << 2)] += pi; });
    for (let j = 0; j < 8; j++) expect(marginal[j]).toBeCloseTo(expectedMarginal[j]!, 14);
    // ⟨P⟩ by applying P letter by letter to a copy (X swaps, Z signs, Y both and a factor i), then ⟨ψ|Pψ⟩.
    for (const label of ['X0 Z9', 'Y3 Y8 Z1', 'Z0 Z1 Z2 Z3 Z4 Z5 Z6 Z7 Z8 Z9', 'X9 Y0']) {
      let v = Float64Array.from(a);
      for (const [, letter, qs] of label.matchAll(/([XYZ])(\d+)/g)) {
        const q = Number(qs), w = new Float64Array(v.length);
        for (let i = 0; i < size; i++) {
          const bit = (i >> q) & 1, j = letter === 'Z' ? i : i ^ (1 << q);
          const [re, im] = [v[2 * i]!, v[2 * i + 1]!];
          // X|b⟩ = |1−b⟩, Z|b⟩ = (−1)^b|b⟩, Y|b⟩ = i(−1)^b|1−b⟩
          const sign = letter === 'X' ? 1 : bit ? -1 : 1;
          w[2 * j] = letter === 'Y' ? -sign * im : sign * re;
          w[2 * j + 1] = letter === 'Y' ? sign * re : sign * im;
        }
        v = w;
      }
      let expected = 0;
      for (let i = 0; i < size; i++) expected += a[2 * i]! * v[2 * i]! + a[2 * i + 1]! * v[2 * i + 1]!;
      expect(expectationPauli(state, label)).toBeCloseTo(expected, 12);
    }
    for (const q of [0, 4, 9]) {
      const [x, y, z] = blochVector(state, q);
      let rho00 = 0, rho11 = 0, re01 = 0, im01 = 0;
      for (let i = 0; i < size; i++) {
        if ((i >> q) & 1) continue;
        const j = i | (1 << q);
        rho00 += naive[i]!;
        rho11 += naive[j]!;
        re01 += a[2 * i]! * a[2 * j]! + a[2 * i + 1]! * a[2 * j + 1]!;
        im01 += a[2 * i + 1]! * a[2 * j]! - a[2 * i]! * a[2 * j + 1]!;
      }
      expect(x).toBeCloseTo(2 * re01, 13);
      expect(y).toBeCloseTo(-2 * im01, 13);
      expect(z).toBeCloseTo(rho00 - rho11, 13);
    }
    let re = 0, im = 0;
    for (let i = 0; i < size; i++) {
      re += a[2 * i]! * b[2 * i]! + a[2 * i + 1]! * b[2 * i + 1]!;
      im += a[2 * i]! * b[2 * i + 1]! - a[2 * i + 1]! * b[2 * i]!;
    }
    const [ipRe, ipIm] = innerProduct(state, other);
    expect(ipRe).toBeCloseTo(re, 13);
    expect(ipIm).toBeCloseTo(im, 13);
  });

  it('sampling over many loop chunks: outcomes far apart, the last draw mid-chunk', () => {
    const amplitudes = new Float64Array(2 * 1024);
    amplitudes[2 * 5] = Math.sqrt(0.3);
    amplitudes[2 * 900 + 1] = Math.sqrt(0.7);
    const state = StateVector.fromAmplitudes(amplitudes, { backend: backend as 'ts' | 'wasm' });
    const shots = 20_000;
    const counts = sampleShots(state, shots, 7);
    expect([...counts.keys()].sort((x, y) => x - y)).toEqual([5, 900]);
    expect(counts.get(5)! + counts.get(900)!).toBe(shots);
    // Binomial(20000, 0.3): σ ≈ 65; 5σ.
    expect(Math.abs(counts.get(5)! - 0.3 * shots)).toBeLessThan(5 * Math.sqrt(shots * 0.3 * 0.7));
  });

  it('refuses observables that are not Pauli strings or term lists, and seeds that are not whole numbers', () => {
    const state = StateVector.zero(2, { backend: backend as 'ts' | 'wasm' });
    expect(() => expectationPauliSum(state, null as never)).toThrow(/observable must be a Pauli string or an array of terms, got null/);
    expect(() => expectationPauliSum(state, [{ pauli: 'Z0' }] as never)).toThrow(/observable\[0\] must be \{ coefficient: number, pauli: string \}/);
    expect(() => expectationPauliSum(state, [{ coefficient: Number.NaN, pauli: 'Z0' }])).toThrow(/observable\[0\]: coefficient of "Z0" is NaN/);
    expect(expectationPauliSum(state, [{ coefficient: 2, pauli: 'Z0' }, { coefficient: -1, pauli: 'Z1' }])).toBe(1);
    expect(() => sampleShots(state, 4, Number.NaN)).toThrow(/seed must be a whole number, got NaN/);
  });

  it('inner product and fidelity: ⟨a|a⟩ = 1, conjugate symmetry, orthogonal basis states', () => {
    const a = make(3), b = make(3);
    expect(fidelity(a, a)).toBeCloseTo(1, 14);
    const ab = innerProduct(a, b), ba = innerProduct(b, a);
    expect(ab[0]).toBeCloseTo(ba[0], 14);
    expect(ab[1]).toBeCloseTo(-ba[1], 14);
    let re = 0, im = 0;
    for (let i = 0; i < 8; i++) {
      const [ar, ai] = a.amplitude(i), [br, bi] = b.amplitude(i);
      re += ar * br + ai * bi;
      im += ar * bi - ai * br;
    }
    expect(ab[0]).toBeCloseTo(re, 14);
    expect(ab[1]).toBeCloseTo(im, 14);
    const e0 = StateVector.zero(3), e1 = StateVector.zero(3);
    e1.setBasis(5);
    expect(fidelity(e0, e1)).toBe(0);
  });
});
