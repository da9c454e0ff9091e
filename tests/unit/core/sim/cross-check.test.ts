/**
 * Cross-check against an independent simulator: the npm package `quantum-circuit` (0.9.250),
 * through the adapter in tests/unit/helpers/peers/quantum-circuit.ts.
 *
 * Seeded random circuits of 2–10 qubits over the whole gate catalogue (every name in
 * gateNames()), with extra positive and negative controls and custom `unitary` ops (quantum-circuit
 * accepts custom matrices in its per-instance gate table), from |0…0⟩ and from random states.
 * Every available backend, fused and unfused, must agree with the peer: probabilities to 1e-10,
 * fidelity |⟨a|b⟩|² ≥ 1 − 1e-10, and amplitudes to 1e-10 once the global phase is removed.
 * The adapter also carries uncontrolled global phases exactly, so amplitudes must agree to 1e-10
 * even without removing a phase.
 *
 * Gates the adapter decomposes or expresses otherwise (quantum-circuit has no direct equivalent):
 *   gphase (tracked as a scalar; controlled: u1 on a control), u0 (id), cu (cu3 + u1 on the
 *   control), rzx (h·cx·rz·cx·h), ecr (rzx(π/4)·x·rzx(−π/4)), ccz (h·ccx·h), c3x / c4x / c3sqrtx
 *   (custom controlled matrices of its x / srn), rccx and rc3x (qelib1 sequences), rxx / ryy
 *   (its xx(θ/2) / yy(θ/2): its angle has no 1/2), negative controls (x before and after),
 *   extra controls on any gate (custom controlled matrix of its own gate matrix), unitary
 *   (custom matrix, wires reversed: its first wire is the most significant bit).
 */
import { describe, expect, it } from 'vitest';
import { Circuit, type ComplexEntry, type GateOp } from '../../../../src/core/circuit/circuit.ts';
import { gateDefinition, gateNames } from '../../../../src/core/gates/catalogue.ts';
import { availableBackends, probabilities, simulate, StateVector } from '../../../../src/core/index.ts';
import { QC_DECOMPOSED, runOnQuantumCircuit } from '../../helpers/peers/quantum-circuit.ts';
import { createRng, pickDistinct, randomState, type Rng } from '../../helpers/random.ts';

const TOLERANCE = 1e-10;
const NUM_CIRCUITS = 60;
const ALL_GATES = [...gateNames(), 'unitary'];

/** A Haar-ish random unitary on k qubits: Gram–Schmidt on Gaussian columns. */
function randomUnitary(k: number, rng: Rng): ComplexEntry[][] {
  const d = 2 ** k;
  const gauss = () => Math.sqrt(-2 * Math.log(Math.max(rng(), 1e-300))) * Math.cos(2 * Math.PI * rng());
  const cols: [number, number][][] = [];
  for (let c = 0; c < d; c++) {
    let v: [number, number][] = Array.from({ length: d }, () => [gauss(), gauss()]);
    for (let pass = 0; pass < 2; pass++) {
      for (const u of cols) {
        // v −= ⟨u|v⟩ u
        let re = 0, im = 0;
        for (let i = 0; i < d; i++) {
          re += u[i]![0] * v[i]![0] + u[i]![1] * v[i]![1];
          im += u[i]![0] * v[i]![1] - u[i]![1] * v[i]![0];
        }
        v = v.map(([a, b], i) => [a - (re * u[i]![0] - im * u[i]![1]), b - (re * u[i]![1] + im * u[i]![0])]);
      }
    }
    const norm = Math.sqrt(v.reduce((s, [a, b]) => s + a * a + b * b, 0));
    cols.push(v.map(([a, b]) => [a / norm, b / norm]));
  }
  return Array.from({ length: d }, (_, r) => Array.from({ length: d }, (_, c): ComplexEntry => [cols[c]![r]![0], cols[c]![r]![1]]));
}

interface Coverage {
  plain: Set<string>;
  controlled: Set<string>;
}

function randomOp(name: string, n: number, rng: Rng, coverage: Coverage): GateOp {
  const k = name === 'unitary' ? 1 + Math.floor(rng() * Math.min(3, n)) : gateDefinition(name)!.numQubits;
  const free = n - k;
  const numExtra = free > 0 && rng() < 0.35 ? 1 + Math.floor(rng() * Math.min(2, free)) : 0;
  const picked = pickDistinct(k + numExtra, n, rng);
  const extra = picked.slice(k);
  const controls = extra.filter(() => rng() < 0.5);
  const negControls = extra.filter((q) => !controls.includes(q));
  const numParams = name === 'unitary' ? 0 : gateDefinition(name)!.numParams;
  const params = Array.from({ length: numParams }, () => (rng() - 0.5) * 4 * Math.PI);
  (numExtra > 0 ? coverage.controlled : coverage.plain).add(name);
  return {
    kind: 'gate',
    gate: name,
    qubits: picked.slice(0, k),
    ...(params.length ? { params } : {}),
    ...(controls.length ? { controls } : {}),
    ...(negControls.length ? { negControls } : {}),
    ...(name === 'unitary' ? { matrix: randomUnitary(k, rng) } : {}),
  };
}

/** Circuit i: n = 2 + (i mod 9) qubits; gates drawn round-robin from a shuffled catalogue so every name recurs. */
function buildCases(seed: number, coverage: Coverage) {
  const rng = createRng(seed);
  const deck: string[] = [];
  const draw = (n: number): string => {
    for (let tries = 0; tries < 2 * ALL_GATES.length; tries++) {
      if (deck.length === 0) deck.push(...pickDistinct(ALL_GATES.length, ALL_GATES.length, rng).map((i) => ALL_GATES[i]!));
      const name = deck.pop()!;
      const k = name === 'unitary' ? 1 : gateDefinition(name)!.numQubits;
      if (k <= n) return name;
      deck.unshift(name); // too wide for this register: keep it for a larger circuit
    }
    return 'h';
  };
  return Array.from({ length: NUM_CIRCUITS }, (_, i) => {
    const n = 2 + (i % 9);
    const numOps = 15 + Math.floor(rng() * 20);
    const ops = Array.from({ length: numOps }, () => randomOp(draw(n), n, rng, coverage));
    const initial = i % 2 === 1 ? randomState(n, rng) : undefined;
    return { index: i, n, circuit: Circuit.fromOps(n, 0, ops), initial };
  });
}

/** The three agreements asked of two states (plus exact agreement: the adapter keeps global phase). */
function compareStates(ours: ArrayLike<number>, peer: Float64Array, probs: Float64Array) {
  let probDiff = 0, exactDiff = 0;
  let re = 0, im = 0, normA = 0, normB = 0;
  for (let i = 0; i < peer.length; i += 2) {
    const ar = ours[i]!, ai = ours[i + 1]!, br = peer[i]!, bi = peer[i + 1]!;
    probDiff = Math.max(probDiff, Math.abs(probs[i / 2]! - (br * br + bi * bi)));
    exactDiff = Math.max(exactDiff, Math.abs(ar - br), Math.abs(ai - bi));
    re += br * ar + bi * ai; // ⟨peer|ours⟩
    im += br * ai - bi * ar;
    normA += ar * ar + ai * ai;
    normB += br * br + bi * bi;
  }
  const overlap = Math.hypot(re, im);
  const fidelity = (overlap * overlap) / (normA * normB);
  // ours ≈ e^{iφ} peer with e^{iφ} = ⟨peer|ours⟩ / |⟨peer|ours⟩|
  const pr = overlap > 0 ? re / overlap : 1, pi = overlap > 0 ? im / overlap : 0;
  let phaseDiff = 0;
  for (let i = 0; i < peer.length; i += 2) {
    const br = peer[i]! * pr - peer[i + 1]! * pi, bi = peer[i]! * pi + peer[i + 1]! * pr;
    phaseDiff = Math.max(phaseDiff, Math.abs(ours[i]! - br), Math.abs(ours[i + 1]! - bi));
  }
  return { probDiff, fidelity, phaseDiff, exactDiff };
}

function expectAgreement(ours: StateVector, peer: Float64Array, label: string): void {
  const r = compareStates(ours.data, peer, probabilities(ours));
  expect(r.probDiff, `${label}: probabilities`).toBeLessThanOrEqual(TOLERANCE);
  expect(r.fidelity, `${label}: fidelity`).toBeGreaterThanOrEqual(1 - TOLERANCE);
  expect(r.phaseDiff, `${label}: amplitudes up to a global phase`).toBeLessThanOrEqual(TOLERANCE);
  expect(r.exactDiff, `${label}: amplitudes (global phase tracked by the adapter)`).toBeLessThanOrEqual(TOLERANCE);
}

function runOurs(circuit: Circuit, backend: string, fuse: boolean, initial?: Float64Array): StateVector {
  const opts = { backend: backend as 'ts' | 'wasm' };
  const initialState = initial ? StateVector.fromAmplitudes(initial, opts) : undefined;
  return simulate(circuit, { ...opts, fuse, seed: 1, ...(initialState ? { initialState } : {}) }).state;
}

const backends = availableBackends();

describe('cross-check against quantum-circuit (independent simulator)', () => {
  it('every gate alone, with and without extra (negative) controls, from random states', () => {
    const rng = createRng(20261125);
    for (const name of ALL_GATES) {
      for (const numExtra of [0, 1, 2]) {
        const k = name === 'unitary' ? 2 : gateDefinition(name)!.numQubits;
        const n = k + numExtra + 1;
        const coverage: Coverage = { plain: new Set(), controlled: new Set() };
        let op = randomOp(name, n, rng, coverage);
        // Force the number of extra controls; mix positive and negative ones.
        const all = pickDistinct(n, n, rng);
        const extra = all.slice(k, k + numExtra);
        op = {
          ...op,
          qubits: all.slice(0, k),
          ...(name === 'unitary' ? { matrix: randomUnitary(k, rng) } : {}),
          controls: extra.slice(0, Math.ceil(numExtra / 2)),
          negControls: extra.slice(Math.ceil(numExtra / 2)),
        };
        const circuit = Circuit.create(n).withOp(op);
        const initial = randomState(n, rng);
        const peer = runOnQuantumCircuit(circuit, { initialState: initial });
        for (const backend of backends) {
          expectAgreement(runOurs(circuit, backend, false, initial), peer, `${name} + ${numExtra} controls on ${backend}`);
        }
      }
    }
  });

  const coverage: Coverage = { plain: new Set(), controlled: new Set() };
  const cases = buildCases(7_150_001, coverage);

  it.each(cases.map((c) => [c.index, c.n, c.circuit.ops.length, c.initial ? 'random state' : '|0…0⟩', c] as const))(
    'random circuit %i: %i qubits, %i ops, from %s',
    (_i, _n, _m, _from, c) => {
      const peer = runOnQuantumCircuit(c.circuit, c.initial ? { initialState: c.initial } : {});
      for (const backend of backends) {
        for (const fuse of [true, false]) {
          expectAgreement(runOurs(c.circuit, backend, fuse, c.initial), peer, `circuit ${c.index} on ${backend}, fuse=${fuse}`);
        }
      }
    },
  );

  it('the random circuits cover the whole gate set, with and without extra controls', () => {
    expect(cases.length).toBeGreaterThanOrEqual(50);
    expect(ALL_GATES.filter((g) => !coverage.plain.has(g))).toEqual([]);
    // Every gate that leaves a free qubit in a 10-qubit register also appears with extra controls.
    expect(ALL_GATES.filter((g) => !coverage.controlled.has(g))).toEqual([]);
    expect(QC_DECOMPOSED.every((g) => ALL_GATES.includes(g))).toBe(true);
  });
});
