import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Circuit, type Op } from '../../../../src/core/circuit/circuit.ts';
import { availableBackends, compileProgram, fidelity, instructionCost, qftCircuit, simulate, StateVector } from '../../../../src/core/index.ts';
import { popcount } from '../../../../src/core/sim/kernels.ts';
import { WASM_MAX_TABLE_QUBITS } from '../../../../src/core/sim/wasm/backend.ts';
import { createRng, maxAbsDiff, randomState } from '../../helpers/random.ts';
import { randomCircuit } from '../../helpers/random-circuit.ts';

describe.each(availableBackends())('fusion and stability (%s backend)', (backend) => {
  const opts = { backend: backend as 'ts' | 'wasm', seed: 1 };

  it('fused equals unfused on random circuits over the whole gate set', () => {
    const rng = createRng(7);
    for (let trial = 0; trial < 40; trial++) {
      const n = 2 + (trial % 7);
      const circuit = randomCircuit(n, 60, rng, { controlRate: 0.2 });
      const input = randomState(n, rng);
      const a = StateVector.fromAmplitudes(input, opts);
      const b = StateVector.fromAmplitudes(input, opts);
      const fused = simulate(circuit, { ...opts, initialState: a, fuse: true });
      const plain = simulate(circuit, { ...opts, initialState: b, fuse: false });
      expect(maxAbsDiff(a.data, b.data)).toBeLessThan(1e-12);
      expect(fused.passes).toBeLessThanOrEqual(plain.passes);
    }
  });

  it('fused equals unfused (property-based, fast-check)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 40 }), fc.integer({ min: 0, max: 2 ** 31 - 1 }), (n, m, seed) => {
        const rng = createRng(seed);
        const circuit = randomCircuit(n, m, rng, { controlRate: 0.3 });
        const a = simulate(circuit, { ...opts, fuse: true }).state;
        const b = simulate(circuit, { ...opts, fuse: false }).state;
        return maxAbsDiff(a.data, b.data) < 1e-12;
      }),
      { numRuns: 150, seed: 42 },
    );
  });

  it('diagonal runs merged into table passes equal one gate at a time (fast-check, controls of both signs)', () => {
    const diagonalGates = ['rz', 'cz', 'cp', 'crz', 'rzz', 'z', 's', 'sdg', 't', 'p', 'ccz', 'u1', 'h'];
    fc.assert(
      fc.property(fc.integer({ min: 3, max: 11 }), fc.integer({ min: 1, max: 60 }), fc.integer({ min: 0, max: 2 ** 31 - 1 }), (n, m, seed) => {
        const rng = createRng(seed);
        const circuit = randomCircuit(n, m, rng, { controlRate: 0.3, gates: diagonalGates });
        const input = randomState(n, rng);
        const a = simulate(circuit, { ...opts, fuse: true, initialState: StateVector.fromAmplitudes(input, opts) }).state;
        const b = simulate(circuit, { ...opts, fuse: false, initialState: StateVector.fromAmplitudes(input, opts) }).state;
        return maxAbsDiff(a.data, b.data) < 1e-12;
      }),
      { numRuns: 120, seed: 9 },
    );
  });

  it('controlled phases with common controls, merged past the table limit into phase products, equal one gate at a time (fast-check, controls of both signs)', () => {
    let products = 0;
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 12 }), fc.integer({ min: 1, max: 40 }), fc.integer({ min: 0, max: 2 ** 31 - 1 }), (n, m, seed) => {
        const rng = createRng(seed);
        // A control set (each qubit a control, negative control or free) most gates share; the
        // others have the same control qubits with one sign flipped (not one product with the first).
        const controls: number[] = [], negControls: number[] = [];
        for (let q = 0; q < n; q++) {
          const r = rng();
          if (r < 0.15) controls.push(q);
          else if (r < 0.25) negControls.push(q);
        }
        const flipped = controls.length > 0
          ? { controls: controls.slice(1), negControls: [...negControls, controls[0]!] }
          : { controls: negControls.slice(0, 1), negControls: negControls.slice(1) };
        const cores = [{ controls, negControls }, flipped];
        const ops: Op[] = [];
        for (let i = 0; i < m; i++) {
          const core = cores[rng() < 0.8 ? 0 : 1]!;
          const free = [...Array(n).keys()].filter((q) => !core.controls.includes(q) && !core.negControls.includes(q));
          if (free.length === 0) continue;
          const t = free[Math.floor(rng() * free.length)]!;
          const angle = (2 * rng() - 1) * Math.PI;
          const r = rng();
          if (r < 0.1) ops.push({ kind: 'gate', gate: 'rz', qubits: [t], params: [angle] }); // breaks a product
          else if (r < 0.2) ops.push({ kind: 'gate', gate: 'h', qubits: [t] });
          else ops.push({ kind: 'gate', gate: 'p', qubits: [t], params: [angle], ...(core.controls.length ? { controls: core.controls } : {}), ...(core.negControls.length ? { negControls: core.negControls } : {}) });
        }
        const circuit = Circuit.create(n).withOps(ops);
        const fusion = { maxDiagonalQubits: 2 + (seed % 4) };
        products += compileProgram(circuit, fusion).steps.filter((st) => st.kind === 'unitary' && st.instr.type === 'phaseProduct').length;
        const input = randomState(n, rng);
        const a = simulate(circuit, { ...opts, fusion, initialState: StateVector.fromAmplitudes(input, opts) }).state;
        const b = simulate(circuit, { ...opts, fuse: false, initialState: StateVector.fromAmplitudes(input, opts) }).state;
        return maxAbsDiff(a.data, b.data) < 1e-12;
      }),
      { numRuns: 150, seed: 11 },
    );
    expect(products).toBeGreaterThan(20);
  });

  it('CNOTs absorbed into multiplexed passes equal one gate at a time (fast-check, controls of both signs)', () => {
    const gates = ['rx', 'ry', 'rz', 'h', 'x', 'sx', 'cx', 'cz', 'cy', 'crx', 'cry', 'rzx', 'u'];
    let multiplexed = 0;
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 7 }), fc.integer({ min: 1, max: 50 }), fc.integer({ min: 0, max: 2 ** 31 - 1 }), (n, m, seed) => {
        const rng = createRng(seed);
        const circuit = randomCircuit(n, m, rng, { controlRate: 0.3, gates });
        const program = compileProgram(circuit);
        multiplexed += program.steps.filter((s) => s.kind === 'unitary' && s.instr.type === 'mux1').length;
        const input = randomState(n, rng);
        const a = simulate(circuit, { ...opts, fuse: true, initialState: StateVector.fromAmplitudes(input, opts) }).state;
        const b = simulate(circuit, { ...opts, fuse: false, initialState: StateVector.fromAmplitudes(input, opts) }).state;
        return maxAbsDiff(a.data, b.data) < 1e-12;
      }),
      { numRuns: 150, seed: 23 },
    );
    expect(multiplexed).toBeGreaterThan(50); // the property did exercise mux1
  });

  it('swaps turned into relabellings (runs from |0…0⟩) give the unfused state (fast-check, swap-heavy, controls of both signs, barriers)', () => {
    const gates = ['swap', 'swap', 'swap', 'h', 'rx', 'ry', 'u', 'cx', 'cp', 'rzz', 'ccx', 'cswap', 'iswap', 'unitary'];
    let elided = 0;
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 7 }), fc.integer({ min: 1, max: 40 }), fc.integer({ min: 0, max: 2 ** 31 - 1 }), (n, m, seed) => {
        const rng = createRng(seed);
        const random = randomCircuit(n, m, rng, { controlRate: 0.25, gates: gates.filter((g) => g !== 'unitary') });
        // a barrier on a few qubits in the middle: it, too, must follow the relabelling
        const ops: Op[] = [...random.ops];
        ops.splice(m >> 1, 0, { kind: 'barrier', qubits: [0, n - 1] });
        const circuit = Circuit.fromOps(n, 0, ops);
        const plainSwaps = circuit.ops.filter((op) => op.kind === 'gate' && op.gate === 'swap' && !op.controls && !op.negControls).length;
        const relabelled = compileProgram(circuit, { fromZeroState: true });
        const kept = compileProgram(circuit, { fromZeroState: false });
        expect(relabelled.passes).toBeLessThanOrEqual(kept.passes);
        elided += plainSwaps;
        const a = simulate(circuit, { ...opts, fuse: true }).state;
        const b = simulate(circuit, { ...opts, fuse: false }).state;
        return maxAbsDiff(a.data, b.data) < 1e-12;
      }),
      { numRuns: 150, seed: 31 },
    );
    expect(elided).toBeGreaterThan(100); // the property did exercise the relabelling
  });

  it('keeps the swaps on a given initial state; relabels them around measurements, whose records name the circuit’s qubits', () => {
    const rng = createRng(5);
    const circuit = Circuit.create(3, 1).append('h', [0]).append('swap', [0, 2]).append('ry', [2], { params: [0.4] }).append('swap', [1, 2]);
    const input = randomState(3, rng);
    const a = simulate(circuit, { ...opts, initialState: StateVector.fromAmplitudes(input, opts) }).state;
    const b = simulate(circuit, { ...opts, fuse: false, initialState: StateVector.fromAmplitudes(input, opts) }).state;
    expect(maxAbsDiff(a.data, b.data)).toBeLessThan(1e-12);
    // measured between the swaps: qubit 2 then holds what the first swap carried there from qubit 0
    // (|+⟩, then RY), which the relabelled run keeps on another qubit of the state
    const measured = Circuit.create(3, 1).append('h', [0]).append('swap', [0, 2]).append('ry', [2], { params: [0.4] }).measure(2, 0).append('swap', [1, 2]);
    const steps = compileProgram(measured, { fromZeroState: true }).steps;
    expect(steps.filter((s) => s.kind === 'unitary' && s.instr.type === 'swap2')).toHaveLength(0);
    const step = steps.find((s) => s.kind === 'measure')!;
    expect(step).toMatchObject({ kind: 'measure', circuitQubit: 2 });
    expect(step.kind === 'measure' && step.qubit).not.toBe(2);
    for (let seed = 1; seed <= 6; seed++) {
      const run = simulate(measured, { ...opts, seed });
      const plain = simulate(measured, { ...opts, seed, fuse: false });
      expect(run.measurements).toHaveLength(1);
      expect(run.measurements[0]!.qubit).toBe(2);
      expect(run.measurements[0]!.outcome).toBe(plain.measurements[0]!.outcome);
      expect(run.measurements[0]!.probability).toBeCloseTo(plain.measurements[0]!.probability, 12);
      expect(maxAbsDiff(run.state.data, plain.state.data)).toBeLessThan(1e-12);
    }
  });

  it('relabelled swaps around mid-circuit measurements, resets and conditioned gates give the same outcomes, records and state (fast-check)', () => {
    const gates = ['swap', 'swap', 'h', 'rx', 'ry', 'cx', 'cp', 'cswap', 'u'];
    let relabelledMeasurements = 0;
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 6 }), fc.integer({ min: 2, max: 30 }), fc.integer({ min: 0, max: 2 ** 31 - 1 }), (n, m, seed) => {
        const rng = createRng(seed);
        const ops: Op[] = [...randomCircuit(n, m, rng, { controlRate: 0.2, gates }).ops];
        // sprinkle measurements, resets and gates conditioned on their bits
        for (let k = 0; k < 3; k++) {
          const at = Math.floor(rng() * (ops.length + 1));
          const q = Math.floor(rng() * n);
          const roll = rng();
          const op: Op = roll < 0.5 ? { kind: 'measure', qubit: q, clbit: k % 2 }
            : roll < 0.75 ? { kind: 'reset', qubit: q }
            : { kind: 'gate', gate: rng() < 0.5 ? 'x' : 'swap', qubits: rng() < 0.5 || n < 2 ? [q] : [q, (q + 1) % n], condition: { clbits: [k % 2], value: 1 } };
          if (op.kind === 'gate' && op.gate === 'x' && op.qubits.length > 1) continue;
          if (op.kind === 'gate' && op.gate === 'swap' && op.qubits.length < 2) continue;
          ops.splice(at, 0, op);
        }
        ops.push({ kind: 'measure', qubit: n - 1, clbit: 0 });
        const circuit = Circuit.fromOps(n, 2, ops);
        relabelledMeasurements += compileProgram(circuit, { fromZeroState: true }).steps.filter((s) => (s.kind === 'measure' || s.kind === 'reset') && s.circuitQubit !== undefined).length;
        const runSeed = seed % 1000;
        const a = simulate(circuit, { ...opts, seed: runSeed });
        const b = simulate(circuit, { ...opts, seed: runSeed, fuse: false });
        expect(a.measurements.map((r) => [r.op, r.qubit, r.clbit, r.outcome])).toEqual(b.measurements.map((r) => [r.op, r.qubit, r.clbit, r.outcome]));
        a.measurements.forEach((r, i) => expect(Math.abs(r.probability - b.measurements[i]!.probability)).toBeLessThan(1e-9));
        expect([...a.clbits]).toEqual([...b.clbits]);
        return maxAbsDiff(a.state.data, b.state.data) < 1e-10;
      }),
      { numRuns: 150, seed: 37 },
    );
    expect(relabelledMeasurements).toBeGreaterThan(40); // the property did move measurements and resets
  });

  it('the norm stays 1 to 1e-12 over 10,000 random gates on 12 qubits', () => {
    const rng = createRng(99);
    const circuit = randomCircuit(12, 10_000, rng, { controlRate: 0.2 });
    const { state } = simulate(circuit, { ...opts, fuse: false });
    expect(Math.abs(state.norm2() - 1)).toBeLessThan(1e-12);
    const fused = simulate(circuit, { ...opts, fuse: true }).state;
    expect(Math.abs(fused.norm2() - 1)).toBeLessThan(1e-12);
    expect(1 - fidelity(state, fused)).toBeLessThan(1e-11);
  });
});

describe('the fusion pass', () => {
  it('merges a layer of single-qubit rotations and a CNOT brickwork into at most half the passes', () => {
    const rng = createRng(3);
    let circuit = Circuit.create(12);
    for (let layer = 0; layer < 20; layer++) {
      for (let q = 0; q < 12; q++) circuit = circuit.append(['rx', 'ry', 'rz'][Math.floor(rng() * 3)]!, [q], { params: [rng()] });
      for (let q = layer % 2; q + 1 < 12; q += 2) circuit = circuit.append('cx', [q, q + 1]);
    }
    const greedy = compileProgram(circuit, { fuse: true, costModel: false }).passes;
    const plain = compileProgram(circuit, { fuse: false }).passes;
    expect(plain).toBe(circuit.ops.length);
    expect(plain / greedy).toBeGreaterThanOrEqual(2);
    // The default fuses only where the estimated cost does not rise: between the two, and cheaper than both.
    const program = compileProgram(circuit, { fuse: true });
    expect(program.passes).toBeLessThan(plain);
    expect(program.passes).toBeGreaterThanOrEqual(greedy);
    const cost = (p: ReturnType<typeof compileProgram>) => p.steps.reduce((sum, s) => sum + (s.kind === 'unitary' ? instructionCost(s.instr) : 0), 0);
    expect(cost(program)).toBeLessThan(cost(compileProgram(circuit, { fuse: false })));
    expect(cost(program)).toBeLessThan(cost(compileProgram(circuit, { fuse: true, costModel: false })));
  });

  it('absorbs a CNOT and the rotations on its target into one multiplexed pass', () => {
    const circuit = Circuit.create(3).append('ry', [2], { params: [0.4] }).append('cx', [0, 2]).append('ry', [2], { params: [-1.2] });
    const program = compileProgram(circuit);
    expect(program.passes).toBe(1);
    expect(program.steps[0]).toMatchObject({ kind: 'unitary', instr: { type: 'mux1', t: 2, c: 0, cmask: 0, cval: 0 } });
    // A rotation on the control mixes both halves: no multiplexed pass holds it.
    const onControl = compileProgram(Circuit.create(2).append('rx', [0], { params: [0.4] }).append('cx', [0, 1]));
    expect(onControl.passes).toBe(2);
    expect(onControl.steps.map((s) => s.kind === 'unitary' && s.instr.type)).toEqual(['dense1', 'x1']);
  });

  it('runs a rotation layer + CNOT brickwork as about one multiplexed pass per CNOT', () => {
    const rng = createRng(5);
    let circuit = Circuit.create(12);
    let cnots = 0;
    for (let layer = 0; layer < 20; layer++) {
      for (let q = 0; q < 12; q++) circuit = circuit.append(['rx', 'ry', 'rz'][Math.floor(rng() * 3)]!, [q], { params: [rng() * 6 - 3] });
      for (let q = layer % 2; q + 1 < 12; q += 2, cnots++) circuit = circuit.append('cx', [q, q + 1]);
    }
    const program = compileProgram(circuit);
    const count = (type: string) => program.steps.filter((s) => s.kind === 'unitary' && s.instr.type === type).length;
    // Each CNOT takes its target's rotations of both neighbouring layers; only the edge qubits keep a few passes.
    expect(count('mux1')).toBeGreaterThanOrEqual(cnots - 2);
    expect(count('x1')).toBeLessThanOrEqual(2);
    expect(program.passes).toBeLessThan(circuit.ops.length / 2.5);
  });

  it('keeps a QAOA cost layer (RZZ ring between H and RX layers) in one diagonal table pass, not in multiplexed passes', () => {
    // Each RZZ could join its neighbouring H as a complex mux1, but in one table with the other RZZs it costs next to nothing.
    let circuit = Circuit.create(8);
    for (let q = 0; q < 8; q++) circuit = circuit.append('h', [q]);
    for (let q = 0; q < 8; q++) circuit = circuit.append('rzz', [q, (q + 1) % 8], { params: [0.8] });
    for (let q = 0; q < 8; q++) circuit = circuit.append('rx', [q], { params: [0.6] });
    const instrs = compileProgram(circuit).steps.flatMap((s) => (s.kind === 'unitary' ? [s.instr] : []));
    expect(instrs.filter((i) => i.type === 'mux1')).toHaveLength(0);
    const tables = instrs.filter((i) => i.type === 'diag');
    expect(tables).toHaveLength(1);
    expect(tables[0]!.type === 'diag' && Array.from(tables[0]!.qubits).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    // On 16 qubits the ring needs two tables, each within the wasm table kernel (9 qubits), equal to the gates one by one.
    let ring = Circuit.create(16);
    for (let q = 0; q < 16; q++) ring = ring.append('h', [q]);
    for (let q = 0; q < 16; q++) ring = ring.append('rzz', [q, (q + 1) % 16], { params: [0.8] });
    const ringTables = compileProgram(ring).steps.flatMap((s) => (s.kind === 'unitary' && s.instr.type === 'diag' ? [s.instr] : []));
    expect(ringTables.length).toBeGreaterThanOrEqual(2);
    for (const t of ringTables) expect(t.qubits.length + popcount(t.cmask & 63)).toBeLessThanOrEqual(WASM_MAX_TABLE_QUBITS);
    expect(maxAbsDiff(simulate(ring, { seed: 1 }).state.data, simulate(ring, { seed: 1, fuse: false }).state.data)).toBeLessThan(1e-12);
  });

  it('runs a controlled RZX (block-diagonal in its Z qubit) as one mux1 with an outer control', () => {
    const theta = 0.9;
    const circuit = Circuit.create(4).append('rzx', [3, 1], { params: [theta], negControls: [0] });
    const program = compileProgram(circuit);
    expect(program.steps[0]).toMatchObject({ kind: 'unitary', instr: { type: 'mux1', t: 1, c: 3, cmask: 1, cval: 0 } });
    // exp(−iθ Z⊗X/2) = RX(θ) on qubit 1 where qubit 3 is 0, RX(−θ) where it is 1; only where qubit 0 is 0.
    const input = randomState(4, createRng(2));
    const expected = Float64Array.from(input);
    const cos = Math.cos(theta / 2), sin = Math.sin(theta / 2);
    for (let i = 0; i < 16; i++) {
      if (i & 1 || i & 2) continue; // visit each pair on qubit 1 once, from its bit-1 = 0 member, with qubit 0 = 0
      const j = i | 2;
      const s = i & 8 ? -sin : sin;
      const [ar, ai, br, bi] = [input[2 * i]!, input[2 * i + 1]!, input[2 * j]!, input[2 * j + 1]!];
      expected[2 * i] = cos * ar + s * bi;
      expected[2 * i + 1] = cos * ai - s * br;
      expected[2 * j] = cos * br + s * ai;
      expected[2 * j + 1] = cos * bi - s * ar;
    }
    for (const backend of availableBackends()) {
      const state = simulate(circuit, { backend: backend as 'ts' | 'wasm', initialState: StateVector.fromAmplitudes(input, { backend: backend as 'ts' | 'wasm' }) }).state;
      expect(maxAbsDiff(state.data, expected)).toBeLessThan(1e-12);
    }
  });

  it('merges the controlled phases of a QFT layer into diagonal passes that touch half the state', () => {
    const circuit = Circuit.create(8).withOps(Array.from({ length: 7 }, (_, k) => ({ kind: 'gate' as const, gate: 'cp', qubits: [k, 7], params: [Math.PI / 2 ** (7 - k)] })));
    const program = compileProgram(circuit);
    expect(program.passes).toBe(1);
    const step = program.steps[0]!;
    // A table pass, or (estimated cheaper since the phase-product kernel) a phase product.
    expect(step.kind === 'unitary' && step.instr.type).toBe('phaseProduct');
    if (step.kind === 'unitary' && (step.instr.type === 'diag' || step.instr.type === 'phaseProduct')) {
      expect(step.instr.cmask).toBe(1 << 7); // qubit 7 factored out as a control
      expect(step.instr.qubits.length).toBe(7);
    }
    const a = simulate(circuit, { fuse: true, initialState: StateVector.fromAmplitudes(randomState(8, createRng(1))) }).state;
    const b = simulate(circuit, { fuse: false, initialState: StateVector.fromAmplitudes(randomState(8, createRng(1))) }).state;
    expect(maxAbsDiff(a.data, b.data)).toBeLessThan(1e-12);
  });

  it('runs a QFT layer on 12 or more qubits as one phase-product pass over half the state', () => {
    const n = 16;
    const k = 15;
    const circuit = Circuit.create(n).withOps(Array.from({ length: k }, (_, m) => ({ kind: 'gate' as const, gate: 'cp', qubits: [m, k], params: [Math.PI / 2 ** (k - m)] })));
    const program = compileProgram(circuit);
    expect(program.passes).toBe(1);
    const step = program.steps[0]!;
    expect(step.kind === 'unitary' && step.instr.type).toBe('phaseProduct');
    if (step.kind === 'unitary' && step.instr.type === 'phaseProduct') {
      expect(step.instr.cmask).toBe(1 << k);
      expect(step.instr.cval).toBe(1 << k);
      expect([...step.instr.qubits]).toEqual([...Array(k).keys()]);
    }
    for (const backend of availableBackends() as ('ts' | 'wasm')[]) {
      const a = simulate(circuit, { backend, initialState: StateVector.fromAmplitudes(randomState(n, createRng(2)), { backend }) }).state;
      const b = simulate(circuit, { backend, fuse: false, initialState: StateVector.fromAmplitudes(randomState(n, createRng(2)), { backend }) }).state;
      expect(maxAbsDiff(a.data, b.data)).toBeLessThan(1e-12);
    }
  });

  it('runs a real rotation with controlled phases above it as one sweep, whichever side the phases take (each wasm loop, the ts H loop)', () => {
    // RY or H on qubit t, then phases controlled by t = 1 (or by t = 0, a negative control) on
    // qubits from bit 6 up (one factor per run), or also below it (a low factor per amplitude).
    const n = 12;
    const cases = [
      { gate: 'ry', params: [0.9], phaseQubits: [8, 10, 11], negative: false }, // no low factors, general 2×2
      { gate: 'h', params: [], phaseQubits: [8, 10, 11], negative: false }, // H-shaped
      { gate: 'h', params: [], phaseQubits: [8, 10, 11], negative: true }, // H, phases on the |0⟩ side
      { gate: 'ry', params: [0.9], phaseQubits: [2, 8, 11], negative: false }, // low factors
    ];
    for (const t of [3, 7]) {
      for (const c of cases) {
        let circuit = Circuit.create(n).append(c.gate, [t], c.params.length ? { params: c.params } : {});
        c.phaseQubits.forEach((q, j) => {
          circuit = circuit.append('p', [q], { params: [0.3 + j], ...(c.negative ? { negControls: [t] } : { controls: [t] }) });
        });
        const program = compileProgram(circuit);
        expect(program.steps.map((s) => (s.kind === 'unitary' ? s.instr.type : s.kind))).toEqual(['dense1Phased']);
        for (const backend of availableBackends() as ('ts' | 'wasm')[]) {
          const a = simulate(circuit, { backend, initialState: StateVector.fromAmplitudes(randomState(n, createRng(t)), { backend }) }).state;
          const b = simulate(circuit, { backend, fuse: false, initialState: StateVector.fromAmplitudes(randomState(n, createRng(t)), { backend }) }).state;
          expect(maxAbsDiff(a.data, b.data)).toBeLessThan(1e-12);
        }
      }
    }
  });

  it('runs a QFT layer as one sweep (H and its controlled phases) where its phases have low qubits, in either qubit order', () => {
    const n = 14;
    const reversed = Circuit.create(n).withOps(Array.from({ length: n }, (_, q) => [
      { kind: 'gate' as const, gate: 'h', qubits: [q] },
      ...Array.from({ length: n - 1 - q }, (_, j) => ({ kind: 'gate' as const, gate: 'cp', qubits: [q, q + 1 + j], params: [Math.PI / 2 ** (j + 1)] })),
    ]).flat());
    // Layers 3…13 of the usual order; in reversed order layers 0…11 (the layer on qubit 12 has one
    // phase, a multiplexed pass with qubit 13's H). From qubit 6 up a reversed layer's phases are
    // one factor per run of 64, a loop of its own in the wasm kernel.
    for (const [circuit, layers] of [[qftCircuit(n, { swaps: false }), n - 3], [reversed, n - 2]] as const) {
      const program = compileProgram(circuit);
      const sweeps = program.steps.filter((s) => s.kind === 'unitary' && s.instr.type === 'dense1Phased');
      expect(sweeps.length).toBe(layers);
      for (const backend of availableBackends() as ('ts' | 'wasm')[]) {
        const a = simulate(circuit, { backend, initialState: StateVector.fromAmplitudes(randomState(n, createRng(3)), { backend }) }).state;
        const b = simulate(circuit, { backend, fuse: false, initialState: StateVector.fromAmplitudes(randomState(n, createRng(3)), { backend }) }).state;
        expect(maxAbsDiff(a.data, b.data)).toBeLessThan(1e-12);
      }
    }
  });

  it('never fuses across a measurement, reset or barrier', () => {
    const circuit = Circuit.create(1, 1).append('h', [0]).measure(0, 0).append('h', [0]).reset(0).append('x', [0]).barrier().append('x', [0]);
    const kinds = compileProgram(circuit).steps.map((s) => s.kind);
    expect(kinds).toEqual(['unitary', 'measure', 'unitary', 'reset', 'unitary', 'unitary']);
    // Nor runs a QFT layer's phases inside its H across a barrier.
    const layer = (barrier: boolean) => {
      let c = Circuit.create(8).append('h', [7]);
      if (barrier) c = c.barrier();
      for (let m = 0; m < 7; m++) c = c.append('cp', [m, 7], { params: [Math.PI / 2 ** (7 - m)] });
      return compileProgram(c).steps.map((s) => (s.kind === 'unitary' ? s.instr.type : s.kind));
    };
    expect(layer(false)).toEqual(['dense1Phased']);
    expect(layer(true)).toEqual(['dense1', 'phaseProduct']);
  });

  it('keeps fused diagonal runs on the diagonal kernel and drops blocks that cancel', () => {
    const diag = Circuit.create(2).append('rz', [0], { params: [0.3] }).append('cz', [0, 1]).append('rzz', [0, 1], { params: [0.2] });
    const program = compileProgram(diag);
    expect(program.passes).toBe(1);
    expect(program.steps[0]!.kind === 'unitary' && program.steps[0]!.instr.type).toBe('diag');
    const cancel = Circuit.create(2).append('cx', [0, 1]).append('cx', [0, 1]);
    expect(compileProgram(cancel).passes).toBe(0);
  });

  it('does not fuse a conditioned gate (it depends on a classical bit at run time)', () => {
    const circuit = Circuit.create(2, 1).append('h', [0]).append('x', [1], { condition: { clbits: [0], value: 1 } }).append('h', [1]);
    expect(compileProgram(circuit).steps.map((s) => s.kind)).toEqual(['unitary', 'conditional', 'unitary']);
  });
});

describe('swaps as relabellings', () => {
  it('runs QFT(n) from |0…0⟩ without its closing swap passes, in the circuit’s own qubit order', () => {
    for (const n of [5, 12]) {
      const circuit = qftCircuit(n);
      const program = compileProgram(circuit, { fromZeroState: true });
      const swaps = (p: typeof program) => p.steps.filter((s) => s.kind === 'unitary' && s.instr.type === 'swap2').length;
      expect(swaps(program)).toBe(0);
      expect(swaps(compileProgram(circuit))).toBe(Math.floor(n / 2));
      // (and the layers, now in the other qubit order, fuse at least as well)
      expect(program.passes).toBeLessThanOrEqual(compileProgram(circuit).passes - Math.floor(n / 2));
      // QFT|0…0⟩ is uniform, so check a state that tells the qubits apart: QFT of |x⟩ prepared by X gates
      const x = 0b10110 & (2 ** n - 1);
      let prepared = Circuit.create(n);
      for (let q = 0; q < n; q++) if ((x >> q) & 1) prepared = prepared.append('x', [q]);
      const full = Circuit.fromOps(n, 0, [...prepared.ops, ...circuit.ops]);
      const { state } = simulate(full, { seed: 1 });
      for (let k = 0; k < 2 ** n; k += 1 + (k >> 3)) {
        const phase = (2 * Math.PI * x * k) / 2 ** n;
        expect(state.data[2 * k]).toBeCloseTo(Math.cos(phase) / Math.sqrt(2 ** n), 12);
        expect(state.data[2 * k + 1]).toBeCloseTo(Math.sin(phase) / Math.sqrt(2 ** n), 12);
      }
    }
  });

  it('leaves controlled and conditioned swaps alone', () => {
    const circuit = Circuit.create(3).append('swap', [0, 1], { controls: [2] }).append('swap', [1, 2], { negControls: [0] }).append('cswap', [0, 1, 2]);
    const program = compileProgram(circuit, { fromZeroState: true, fuse: false });
    expect(program.steps).toHaveLength(3);
  });
});

describe('the product state a run from |0…0⟩ begins with', () => {
  it('writes the first one-qubit gates of every qubit in one step, equal to the gates one by one (every dense1 loop shape)', () => {
    // Per qubit a different shape of ⟨·|v⟩: real (H, RY), X (anti-diagonal), a phase on |0⟩ (RZ:
    // diagonal), RX (imaginary off-diagonal), S·X (imaginary diagonal after X), a general U; one
    // qubit left alone; then entangling gates, a barrier and a global phase.
    const gates: [string, number, number[]][] = [['h', 0, []], ['ry', 1, [0.7]], ['x', 2, []], ['rz', 3, [0.9]], ['rx', 4, [1.3]], ['x', 5, []], ['s', 5, []], ['u', 6, [0.4, 1.1, -0.6]]];
    for (const backend of availableBackends() as ('ts' | 'wasm')[]) {
      let circuit = Circuit.create(9);
      for (const [g, q, params] of gates) circuit = circuit.append(g, [q], params.length ? { params } : {});
      circuit = circuit.append('cx', [0, 8]).append('rzz', [1, 2], { params: [0.3] }).barrier().append('h', [3]).append('gphase', [], { params: [0.2] });
      const program = compileProgram(circuit, { fromZeroState: true });
      const first = program.steps[0]!;
      expect(first.kind).toBe('product');
      expect(first.kind === 'product' && Array.from(first.qubits)).toEqual([0, 1, 2, 3, 4, 5, 6]); // qubits 7, 8 stay |0⟩ (CX acts on 8 later)
      expect(program.passes).toBeLessThan(compileProgram(circuit).passes);
      const a = simulate(circuit, { backend, seed: 1 }).state;
      const b = simulate(circuit, { backend, seed: 1, fuse: false }).state;
      expect(maxAbsDiff(a.data, b.data)).toBeLessThan(1e-12);
    }
  });

  it('stops at a qubit’s first multi-qubit gate, controlled gate, barrier, measurement or condition', () => {
    const circuit = Circuit.create(4, 1)
      .append('h', [0]).append('h', [1]).append('cx', [0, 1]).append('h', [0]) // qubit 0: only the first H
      .append('ry', [2], { params: [0.5] }).barrier([2]).append('ry', [2], { params: [0.5] }) // qubit 2: only before the barrier
      .append('x', [3], { controls: [1] }).append('h', [3]) // qubit 3: touched by a controlled gate first
      .measure(1, 0);
    const program = compileProgram(circuit, { fromZeroState: true });
    const first = program.steps[0]!;
    expect(first.kind === 'product' && [...first.ops]).toEqual([0, 1, 4]);
    for (const seed of [1, 2, 3]) {
      const a = simulate(circuit, { seed });
      const b = simulate(circuit, { seed, fuse: false });
      expect(a.measurements.map((r) => r.outcome)).toEqual(b.measurements.map((r) => r.outcome));
      expect(maxAbsDiff(a.state.data, b.state.data)).toBeLessThan(1e-12);
    }
  });

  it('is used where it saves passes (a QAOA H layer, the QFT of a dense state), not in a QFT from |0…0⟩', () => {
    const n = 12;
    let qaoa = Circuit.create(n);
    for (let q = 0; q < n; q++) qaoa = qaoa.append('h', [q]);
    for (let q = 0; q < n; q++) qaoa = qaoa.append('rzz', [q, (q + 1) % n], { params: [0.8] });
    for (let q = 0; q < n; q++) qaoa = qaoa.append('rx', [q], { params: [0.6] });
    const q1 = compileProgram(qaoa, { fromZeroState: true });
    expect(q1.steps[0]!.kind).toBe('product');
    expect(q1.passes).toBeLessThanOrEqual(compileProgram(qaoa).passes - (n - 1));
    const qft = compileProgram(qftCircuit(n), { fromZeroState: true });
    expect(qft.steps.some((s) => s.kind === 'product')).toBe(false);
    for (const backend of availableBackends() as ('ts' | 'wasm')[]) {
      expect(maxAbsDiff(simulate(qaoa, { backend }).state.data, simulate(qaoa, { backend, fuse: false }).state.data)).toBeLessThan(1e-12);
    }
  });

  it('the choice is remembered per circuit, and a program depends only on the circuit and the values bound, not on what was compiled before', () => {
    const n = 10;
    const build = () => {
      let c = Circuit.create(n);
      for (let q = 0; q < n; q++) c = c.append('h', [q]);
      for (let q = 0; q < n; q++) c = c.append('rzz', [q, (q + 1) % n], { params: ['2*gamma'] });
      for (let q = 0; q < n; q++) c = c.append('rx', [q], { params: ['2*beta'] });
      return c;
    };
    const shape = (p: ReturnType<typeof compileProgram>) => p.steps.map((s) => s.kind).join(',');
    // One circuit compiled at many angles, including ones that make gates trivial (γ = 0: RZZ is
    // the identity), against a fresh copy compiled at each angle first.
    const shared = build();
    for (const [gamma, beta] of [[0, 0.3], [0.4, 0.3], [0.4, 0], [Math.PI, 0.1], [0.7, 1.1]] as const) {
      const params = { gamma, beta };
      const again = compileProgram(shared, { fromZeroState: true, params });
      const first = compileProgram(build(), { fromZeroState: true, params });
      expect(shape(again), `γ = ${gamma}, β = ${beta}`).toBe(shape(first));
      expect(again.passes).toBe(first.passes);
      const a = simulate(shared, { params, seed: 1 }).state.data;
      const b = simulate(build(), { params, seed: 1 }).state.data;
      expect(Array.from(a)).toEqual(Array.from(b)); // bit for bit
    }
    expect(compileProgram(shared, { fromZeroState: true, params: { gamma: 0.4, beta: 0.3 } }).steps[0]!.kind).toBe('product');
    // A circuit without parameters: the remembered choice is the one that had fewer passes.
    const rng = createRng(31);
    for (let trial = 0; trial < 10; trial++) {
      const circuit = randomCircuit(8, 40, rng);
      const once = compileProgram(circuit, { fromZeroState: true });
      const twice = compileProgram(circuit, { fromZeroState: true });
      expect(twice.passes).toBe(once.passes);
      expect(shape(twice)).toBe(shape(once));
    }
  });
});
