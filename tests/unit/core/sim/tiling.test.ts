import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Circuit } from '../../../../src/core/circuit/circuit.ts';
import {
  availableBackends,
  compileProgram,
  involvedMask,
  planTileGroups,
  programSegments,
  simulate,
  StateVector,
  type Instruction,
} from '../../../../src/core/index.ts';
import { qftCircuit } from '../../../../src/core/library/index.ts';
import { createRng, maxAbsDiff, randomState } from '../../helpers/random.ts';
import { randomCircuit } from '../../helpers/random-circuit.ts';

function unitaryInstrs(circuit: Circuit, fuse = true): Instruction[] {
  return compileProgram(circuit, { fuse }).steps.flatMap((s) => (s.kind === 'unitary' ? [s.instr] : []));
}

describe('tile planning', () => {
  it('keeps every qubit’s instructions in order and each group inside its tile qubits', () => {
    fc.assert(
      fc.property(fc.integer({ min: 3, max: 10 }), fc.integer({ min: 1, max: 80 }), fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.integer({ min: 0, max: 4 }), fc.integer({ min: 1, max: 3 }), (n, m, seed, lowBits, maxHigh) => {
        const instrs = unitaryInstrs(randomCircuit(n, m, createRng(seed), { controlRate: 0.3 }));
        const groups = planTileGroups(instrs, n, { lowBits, maxHigh });
        const flat = groups.flatMap((g) => g.instrs);
        if (flat.length !== instrs.length || new Set(flat).size !== instrs.length) return false;
        for (let q = 0; q < n; q++) {
          const original = instrs.filter((i) => involvedMask(i) & (1 << q));
          const planned = flat.filter((i) => involvedMask(i) & (1 << q));
          if (original.some((instr, k) => planned[k] !== instr)) return false;
        }
        return groups.every((g) => {
          // Over maxHigh only for an instruction too big for any group, and then alone.
          if (g.high.length > maxHigh && g.instrs.length !== 1) return false;
          // Diagonals work on any index range, so they may sit in a group whose tile does not hold their qubits.
          return g.instrs.every((i) => i.type === 'diag' || (involvedMask(i) & ~g.tileMask) === 0);
        });
      }),
      { numRuns: 300, seed: 5 },
    );
  });

  it('gives QFT(20) a few tiled groups, not a whole-state group per merged diagonal', () => {
    // Regression: a merged controlled-phase layer spans 7 high qubits; it used to open a group to all
    // of them, and every later instruction then ran as one pass over the whole state.
    const groups = planTileGroups(unitaryInstrs(qftCircuit(20)), 20);
    expect(groups.length).toBeLessThanOrEqual(8);
    for (const g of groups) {
      expect(g.high.length <= 3 || g.instrs.length === 1).toBe(true);
      expect(g.tiles).toBeGreaterThan(1);
    }
  });

  it('cuts QFT(16) to far fewer groups than steps', () => {
    const instrs = unitaryInstrs(qftCircuit(16), false);
    const groups = planTileGroups(instrs, 16, { lowBits: 10, maxHigh: 3 });
    expect(instrs.length).toBeGreaterThan(100);
    expect(groups.length).toBeLessThan(instrs.length / 4);
  });
});


describe.each(availableBackends())('tiled execution (%s backend)', (backend) => {
  const opts = { backend: backend as 'ts' | 'wasm', seed: 3 };

  it('equals one pass per step on random circuits over the whole gate set', () => {
    const rng = createRng(11);
    for (let trial = 0; trial < 30; trial++) {
      const n = 5 + (trial % 6);
      const circuit = randomCircuit(n, 80, rng, { controlRate: 0.3 });
      const input = randomState(n, rng);
      const lowBits = trial % 4;
      const maxHigh = 1 + (trial % 3);
      for (const fuse of [true, false]) {
        const a = StateVector.fromAmplitudes(input, opts);
        const b = StateVector.fromAmplitudes(input, opts);
        simulate(circuit, { ...opts, fuse, initialState: a, tiling: { lowBits, maxHigh } });
        simulate(circuit, { ...opts, fuse, initialState: b, tiling: false });
        expect(maxAbsDiff(a.data, b.data)).toBeLessThan(1e-12);
      }
    }
  });

  it('runs multiplexed passes (CNOT brickwork with rotations) tile by tile, control and target on either side of the tile edge', () => {
    const rng = createRng(21);
    const n = 9;
    let circuit = Circuit.create(n);
    for (let layer = 0; layer < 6; layer++) {
      for (let q = 0; q < n; q++) circuit = circuit.append(['rx', 'ry', 'rz'][Math.floor(rng() * 3)]!, [q], { params: [rng() * 6 - 3] });
      for (let q = layer % 2; q + 1 < n; q += 2) circuit = circuit.append('cx', layer % 4 < 2 ? [q, q + 1] : [q + 1, q]);
    }
    expect(unitaryInstrs(circuit).filter((i) => i.type === 'mux1').length).toBeGreaterThan(20);
    const input = randomState(n, rng);
    const b = StateVector.fromAmplitudes(input, opts);
    simulate(circuit, { ...opts, initialState: b, tiling: false });
    for (const [lowBits, maxHigh] of [[0, 1], [3, 1], [4, 2], [5, 3]] as const) {
      const a = StateVector.fromAmplitudes(input, opts);
      simulate(circuit, { ...opts, initialState: a, tiling: { lowBits, maxHigh } });
      expect(maxAbsDiff(a.data, b.data)).toBeLessThan(1e-12);
    }
  });

  it('equals one pass per step with mid-circuit measurement and conditions', () => {
    const rng = createRng(12);
    const base = randomCircuit(7, 40, rng, { controlRate: 0.2 });
    const circuit = Circuit.fromOps(7, 2, [
      ...base.ops.slice(0, 20),
      { kind: 'measure', qubit: 3, clbit: 0 },
      ...base.ops.slice(20),
      { kind: 'gate', gate: 'x', qubits: [6], condition: { clbits: [0], value: 1 } },
      { kind: 'reset', qubit: 1 },
      ...base.ops.slice(0, 10),
    ]);
    const a = simulate(circuit, { ...opts, tiling: { lowBits: 2, maxHigh: 2 } });
    const b = simulate(circuit, { ...opts, tiling: false });
    expect(a.measurements.map((m) => m.outcome)).toEqual(b.measurements.map((m) => m.outcome));
    a.measurements.forEach((m, i) => expect(m.probability).toBeCloseTo(b.measurements[i]!.probability, 12));
    expect(maxAbsDiff(a.state.data, b.state.data)).toBeLessThan(1e-12);
  });

  it('reports progress monotonically up to the step count and can stop between groups', () => {
    const circuit = qftCircuit(9);
    const program = compileProgram(circuit, { fromZeroState: true }); // as simulate compiles a run from |0…0⟩
    const seen: number[] = [];
    simulate(circuit, { ...opts, tiling: { lowBits: 4, maxHigh: 1 }, onProgress: (done) => void seen.push(done) });
    expect(seen.at(-1)).toBe(program.steps.length);
    expect(seen.every((v, i) => i === 0 || v > seen[i - 1]!)).toBe(true);
    const segments = programSegments(program, { lowBits: 4, maxHigh: 1 });
    expect(segments.some((s) => s.kind === 'tiled' && s.groups.length > 1)).toBe(true);
    const stopped = simulate(circuit, { ...opts, tiling: { lowBits: 4, maxHigh: 1 }, onProgress: () => false });
    expect(stopped.completed).toBe(false);
  });
});
