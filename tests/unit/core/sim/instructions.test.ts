import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bruteForceApply, mulberry32, popcount, randomArray } from '../../helpers/kernel-reference.ts';
import { applyInstruction, availableBackends, classify, dense1Shape, instructionCost, StateVector, workSize, type Instruction } from '../../../../src/core/index.ts';

/**
 * mux1, the multiplexed one-qubit instruction (m0 on t where c = 0, m1 where c = 1): recognised by
 * classify in 4×4 matrices that are block-diagonal in one qubit, and run as two controlled dense1
 * calls. Checked against the brute-force application of the whole 4×4 matrix.
 */

const TOL = 1e-12;

/** The 4×4 matrix (bit 0 of its index = t, bit 1 = c) of "m0 where c = 0, m1 where c = 1". */
function multiplexedMatrix(m0: Float64Array, m1: Float64Array): Float64Array {
  const m = new Float64Array(32);
  for (const [side, block] of [[0, m0], [1, m1]] as const) {
    for (let r = 0; r < 2; r++) {
      for (let col = 0; col < 2; col++) {
        const e = 2 * (4 * (r | (side << 1)) + (col | (side << 1)));
        m[e] = block[2 * (2 * r + col)]!;
        m[e + 1] = block[2 * (2 * r + col) + 1]!;
      }
    }
  }
  return m;
}

const rx = (th: number) => new Float64Array([Math.cos(th / 2), 0, 0, -Math.sin(th / 2), 0, -Math.sin(th / 2), Math.cos(th / 2), 0]);
const ry = (th: number) => new Float64Array([Math.cos(th / 2), 0, -Math.sin(th / 2), 0, Math.sin(th / 2), 0, Math.cos(th / 2), 0]);
const IDENTITY = new Float64Array([1, 0, 0, 0, 0, 0, 1, 0]);

describe('classify: 4×4 matrices block-diagonal in one qubit', () => {
  it('gives a mux1 on the other qubit, whichever of the two listed qubits is the constant one', () => {
    const m0 = rx(0.7), m1 = ry(-1.1);
    const m = multiplexedMatrix(m0, m1); // bit 0 = qubit 5 (target), bit 1 = qubit 2 (constant)
    const instr = classify(m, [5, 2], 1 << 9, 0);
    expect(instr.type).toBe('mux1');
    if (instr.type !== 'mux1') return;
    expect([instr.t, instr.c, instr.cmask, instr.cval]).toEqual([5, 2, 1 << 9, 0]);
    expect(Array.from(instr.m0)).toEqual(Array.from(m0));
    expect(Array.from(instr.m1)).toEqual(Array.from(m1));
    // The same matrix with the qubits listed the other way round: the constant qubit is bit 0.
    const swapped = new Float64Array(32);
    const flip = (i: number) => ((i & 1) << 1) | (i >> 1);
    for (let r = 0; r < 4; r++) {
      for (let col = 0; col < 4; col++) {
        swapped[2 * (4 * flip(r) + flip(col))] = m[2 * (4 * r + col)]!;
        swapped[2 * (4 * flip(r) + flip(col)) + 1] = m[2 * (4 * r + col) + 1]!;
      }
    }
    const other = classify(swapped, [2, 5], 0, 0);
    expect(other.type === 'mux1' && [other.t, other.c]).toEqual([5, 2]);
  });

  it('gives a controlled one-qubit instruction (touching half the amplitudes) when one block is the identity', () => {
    const onOne = classify(multiplexedMatrix(IDENTITY, ry(0.4)), [0, 3], 0, 0);
    expect(onOne).toMatchObject({ type: 'dense1', t: 0, cmask: 1 << 3, cval: 1 << 3 });
    const onZero = classify(multiplexedMatrix(rx(0.4), IDENTITY), [0, 3], 1 << 6, 1 << 6);
    expect(onZero).toMatchObject({ type: 'dense1', t: 0, cmask: (1 << 3) | (1 << 6), cval: 1 << 6 });
    const X = new Float64Array([0, 0, 1, 0, 1, 0, 0, 0]);
    expect(classify(multiplexedMatrix(X, IDENTITY), [1, 0], 0, 0)).toMatchObject({ type: 'x1', t: 1, cmask: 1, cval: 0 });
  });

  it('keeps a matrix that mixes both qubits dense', () => {
    const rng = mulberry32(4);
    expect(classify(randomArray(32, rng), [0, 1], 0, 0).type).toBe('dense2');
  });

  it('costs two half passes: as much as one dense1 of the same loop, less than a 4×4 block', () => {
    const real = classify(multiplexedMatrix(ry(0.3), ry(1.3)), [0, 1], 0, 0);
    const oneReal = classify(ry(0.3), [0], 0, 0);
    expect(real.type).toBe('mux1');
    expect(instructionCost(real)).toBeCloseTo(instructionCost(oneReal), 12);
    const rng = mulberry32(8);
    const general = classify(multiplexedMatrix(randomArray(8, rng), randomArray(8, rng)), [0, 1], 0, 0);
    expect(general.type).toBe('mux1');
    expect(instructionCost(general)).toBeLessThan(instructionCost(classify(randomArray(32, rng), [0, 1], 0, 0)));
  });
});

describe.each(availableBackends())('mux1 on the %s backend', (backend) => {
  it('equals the brute-force 4×4 product with outer controls of both signs, over split work ranges', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 6 }), fc.integer({ min: 0, max: 2 ** 31 - 1 }), (n, seed) => {
        const rng = mulberry32(seed);
        const qubits = [...Array(n).keys()].sort(() => rng() - 0.5);
        const [t, c] = qubits as [number, number];
        let cmask = 0, cval = 0;
        for (const q of qubits.slice(2)) {
          if (rng() < 0.4) {
            cmask |= 1 << q;
            if (rng() < 0.5) cval |= 1 << q;
          }
        }
        const m0 = randomArray(8, rng), m1 = randomArray(8, rng);
        if (rng() < 0.3) for (let i = 1; i < 8; i += 2) m1[i] = 0; // the halves may take different loops
        const instr: Instruction = { type: 'mux1', t, c, m0, m1, cmask, cval };
        const input = randomArray(2 * 2 ** n, rng);
        const state = StateVector.fromAmplitudes(input, { backend: backend as 'ts' | 'wasm' });
        const work = workSize(instr, n);
        expect(work).toBe(2 ** (n - 2 - popcount(cmask)));
        const cut = Math.floor(rng() * (work + 1));
        applyInstruction(state.kernels, state.data, n, instr, 0, cut);
        applyInstruction(state.kernels, state.data, n, instr, cut, work);
        const expected = bruteForceApply(n, input, [t, c], multiplexedMatrix(m0, m1), cmask, cval);
        for (let i = 0; i < expected.length; i++) if (Math.abs(state.data[i]! - expected[i]!) > TOL) return false;
        return true;
      }),
      { numRuns: 200, seed: 17 },
    );
  });
});

/** A random 2×2 matrix (8 doubles) with the zero pattern of one dense1 loop. */
function matrixOfShape(shape: ReturnType<typeof dense1Shape>, rng: () => number): Float64Array {
  const m = randomArray(8, rng);
  const zero = (...indices: number[]) => indices.forEach((i) => (m[i] = 0));
  switch (shape) {
    case 'real': zero(1, 3, 5, 7); break;
    case 'diagonal': zero(2, 3, 4, 5); break;
    case 'rx': zero(1, 7, 2, 4); break;
    case 'antidiagonal': zero(0, 1, 6, 7); break;
    case 'xrx': zero(0, 6, 3, 5); break;
    case 'general': break;
  }
  return m;
}

describe('dense1 loop shapes', () => {
  it('recognises the halves a CNOT leaves after absorbing RZ (anti-diagonal) and RX (imaginary diagonal, real off-diagonal)', () => {
    const X = new Float64Array([0, 0, 1, 0, 1, 0, 0, 0]);
    const times = (a: Float64Array, b: Float64Array) => classify(multiplexedMatrix(a, b), [0, 1], 0, 0);
    const rz = new Float64Array([Math.cos(0.3), -Math.sin(0.3), 0, 0, 0, 0, Math.cos(0.3), Math.sin(0.3)]);
    const xrz = new Float64Array([0, 0, rz[6]!, rz[7]!, rz[0]!, rz[1]!, 0, 0]); // X·RZ: rows swapped
    const xrx = new Float64Array([0, -Math.sin(0.3), Math.cos(0.3), 0, Math.cos(0.3), 0, 0, -Math.sin(0.3)]); // X·RX(0.6)
    expect(dense1Shape(xrz)).toBe('antidiagonal');
    expect(dense1Shape(xrx)).toBe('xrx');
    expect(dense1Shape(rx(0.6))).toBe('rx');
    expect(dense1Shape(X)).toBe('real'); // the real loop still wins where it applies
    // Cheap loops on both halves: the mux costs what one cheap dense1 costs.
    expect(instructionCost(times(rz, xrz))).toBeCloseTo(instructionCost(classify(ry(0.2), [0], 0, 0)), 12);
  });

  describe.each(availableBackends())('%s kernels', (backend) => {
    it.each(['real', 'diagonal', 'rx', 'antidiagonal', 'xrx', 'general'] as const)('the %s loop equals the brute-force product, with controls, over split ranges', (shape) => {
      const rng = mulberry32(shape.length * 131 + 7);
      for (let trial = 0; trial < 40; trial++) {
        const n = 1 + (trial % 6);
        const m = matrixOfShape(shape, rng);
        expect(dense1Shape(m)).toBe(shape);
        const t = Math.floor(rng() * n);
        let cmask = 0, cval = 0;
        for (let q = 0; q < n; q++) {
          if (q === t || rng() < 0.6) continue;
          cmask |= 1 << q;
          if (rng() < 0.5) cval |= 1 << q;
        }
        const input = randomArray(2 * 2 ** n, rng);
        const state = StateVector.fromAmplitudes(input, { backend: backend as 'ts' | 'wasm' });
        const instr: Instruction = { type: 'dense1', t, m, cmask, cval };
        const work = workSize(instr, n);
        const cut = Math.floor(rng() * (work + 1));
        applyInstruction(state.kernels, state.data, n, instr, 0, cut);
        applyInstruction(state.kernels, state.data, n, instr, cut, work);
        const expected = bruteForceApply(n, input, [t], m, cmask, cval);
        let worst = 0;
        for (let i = 0; i < expected.length; i++) worst = Math.max(worst, Math.abs(state.data[i]! - expected[i]!));
        expect(worst).toBeLessThan(TOL);
      }
    });
  });
});
