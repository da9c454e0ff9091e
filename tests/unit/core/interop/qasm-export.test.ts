import { describe, expect, it } from 'vitest';
import { Circuit, type Op } from '../../../../src/core/circuit/circuit.ts';
import { fromQasm, toQasm2, toQasm3 } from '../../../../src/core/interop/index.ts';
import { gateNames } from '../../../../src/core/gates/catalogue.ts';
import { fidelity, innerProduct } from '../../../../src/core/observe/overlap.ts';
import { simulate } from '../../../../src/core/sim/simulate.ts';
import { randomGateOp } from '../../helpers/random-circuit.ts';
import { createRng, pickDistinct, randomState, type Rng } from '../../helpers/random.ts';
import { distance, unitaryOf } from './unitary.ts';

/** A random k-qubit unitary: Gram–Schmidt on the columns of a random complex matrix. */
function randomUnitary(k: number, rng: Rng): [number, number][][] {
  const d = 2 ** k;
  const cols = Array.from({ length: d }, () => Array.from(randomState(k, rng)));
  for (let c = 0; c < d; c++) {
    for (let p = 0; p < c; p++) {
      let re = 0, im = 0;
      for (let i = 0; i < d; i++) {
        re += cols[p]![2 * i]! * cols[c]![2 * i]! + cols[p]![2 * i + 1]! * cols[c]![2 * i + 1]!;
        im += cols[p]![2 * i]! * cols[c]![2 * i + 1]! - cols[p]![2 * i + 1]! * cols[c]![2 * i]!;
      }
      for (let i = 0; i < d; i++) {
        cols[c]![2 * i] -= re * cols[p]![2 * i]! - im * cols[p]![2 * i + 1]!;
        cols[c]![2 * i + 1] -= re * cols[p]![2 * i + 1]! + im * cols[p]![2 * i]!;
      }
    }
    const n = Math.hypot(...cols[c]!);
    for (let i = 0; i < 2 * d; i++) cols[c]![i]! /= n;
  }
  return Array.from({ length: d }, (_, r) => Array.from({ length: d }, (_, c) => [cols[c]![2 * r]!, cols[c]![2 * r + 1]!] as [number, number]));
}

/** Random circuits over the whole catalogue, extra positive/negative controls and custom unitaries. */
function randomOps(n: number, count: number, rng: Rng): Op[] {
  const ops: Op[] = [];
  for (let i = 0; i < count; i++) {
    if (rng() < 0.1) {
      const k = 1 + Math.floor(rng() * 2);
      const qubits = pickDistinct(k + (rng() < 0.5 ? 1 : 0), n, rng);
      const controls = qubits.slice(k);
      ops.push({ kind: 'gate', gate: 'unitary', qubits: qubits.slice(0, k), matrix: randomUnitary(k, rng), ...(controls.length ? { controls } : {}) });
    } else ops.push(randomGateOp(n, rng, { controlRate: 0.35 }));
  }
  return ops;
}

describe('round trips circuit → OpenQASM → circuit', () => {
  it('covers the whole gate set in the random circuits', () => {
    const rng = createRng(11);
    const seen = new Set<string>();
    for (let t = 0; t < 60; t++) for (const op of randomOps(5, 30, rng)) if (op.kind === 'gate') seen.add(op.gate);
    for (const g of [...gateNames(), 'unitary']) expect(seen, g).toContain(g);
  });

  it('OpenQASM 3 gives the same state (exactly, global phase included) and OpenQASM 2 the same state up to global phase', () => {
    const rng = createRng(2024);
    let worst3 = 0, worst2 = 0;
    for (let t = 0; t < 60; t++) {
      const n = 2 + Math.floor(rng() * 4);
      const circuit = Circuit.fromOps(n, 0, randomOps(n, 25, rng));
      const run = (c: Circuit) => simulate(c, { backend: 'ts' }).state;
      const reference = run(circuit);
      const [re, im] = innerProduct(reference, run(fromQasm(toQasm3(circuit))));
      worst3 = Math.max(worst3, Math.hypot(re - 1, im));
      worst2 = Math.max(worst2, 1 - fidelity(reference, run(fromQasm(toQasm2(circuit)))));
    }
    expect(worst3).toBeLessThan(1e-12);
    expect(worst2).toBeLessThan(1e-12);
  });

  it('controlled gates keep their exact phase in OpenQASM 2 (whole unitaries, one extra control)', () => {
    const rng = createRng(77);
    for (let t = 0; t < 25; t++) {
      const op = randomGateOp(4, rng, { controlRate: 1 });
      const circuit = Circuit.fromOps(4, 0, [op]);
      const back = fromQasm(toQasm2(circuit));
      // Extra controls turn a gate's global phase into a relative one: the whole unitary must agree up to one overall phase.
      expect(distanceUpToGlobal(unitaryOf(back), unitaryOf(circuit)), JSON.stringify(op)).toBeLessThan(1e-12);
    }
  });

  it('conditions, measurements, resets and barriers survive both formats', () => {
    let c = Circuit.create(3, 3).append('h', [0]).append('cx', [0, 1]).measure(0, 0).measure(1, 1);
    c = c.append('x', [2], { condition: { clbits: [0, 1], value: 3 } }).reset(0).barrier([0, 1, 2]);
    c = c.append('h', [0], { condition: { clbits: [2], value: 0 } }).measure(2, 2);
    for (const text of [toQasm3(c), toQasm2(c)]) {
      const back = fromQasm(text);
      expect(back.ops.map((op) => op.kind)).toEqual(c.ops.map((op) => op.kind));
      for (let seed = 0; seed < 8; seed++) {
        expect([...simulate(back, { seed }).clbits]).toEqual([...simulate(c, { seed }).clbits]);
      }
    }
  });

  it('free parameters become input float[64] in OpenQASM 3 and bind the same way after the round trip', () => {
    const c = Circuit.create(2).append('rx', [0], { params: ['2*theta + pi/4'] }).append('rzz', [0, 1], { params: ['gamma^2 - sin(theta)'] }).append('crz', [0, 1], { params: ['-gamma/3'] });
    const text = toQasm3(c);
    expect(text).toMatch(/input float\[64\] gamma;/);
    expect(text).toMatch(/input float\[64\] theta;/);
    expect(text).toMatch(/gamma \*\* 2/);
    const back = fromQasm(text);
    expect(back.parameters()).toEqual(['gamma', 'theta']);
    for (const params of [{ theta: 0.3, gamma: -1.2 }, { theta: 2.1, gamma: 0.4 }]) {
      const [re, im] = innerProduct(simulate(c, { params }).state, simulate(back, { params }).state);
      expect(Math.hypot(re - 1, im)).toBeLessThan(1e-12);
    }
    expect(() => toQasm2(c)).toThrow(/no free parameters: bind gamma, theta/);
    const bound = fromQasm(toQasm2(c, { params: { theta: 0.3, gamma: -1.2 } }));
    expect(1 - fidelity(simulate(c, { params: { theta: 0.3, gamma: -1.2 } }).state, simulate(bound).state)).toBeLessThan(1e-12);
  });

  it('renames parameters that would clash with OpenQASM 3 keywords or registers', () => {
    const c = Circuit.create(1).append('rx', [0], { params: ['q + 2*input'] }).append('rz', [0], { params: ['lambda'] });
    const back = fromQasm(toQasm3(c));
    expect(back.parameters()).toEqual(['lambda', 'param_input', 'param_q']);
    const params = { q: 0.3, input: -0.7, lambda: 1.1 };
    const [re, im] = innerProduct(simulate(c, { params }).state, simulate(back, { params: { param_q: 0.3, param_input: -0.7, lambda: 1.1 } }).state);
    expect(Math.hypot(re - 1, im)).toBeLessThan(1e-12);
  });

  it('writes exact angles: π multiples as pi, other numbers so they read back bit for bit', () => {
    const angles = [Math.PI / 2, -Math.PI / 4, 0.1 + 0.2, 1e-17, -3.5e21, 2 * Math.PI, 5 * Math.PI / 8];
    let c = Circuit.create(1);
    for (const a of angles) c = c.append('rz', [0], { params: [a] });
    for (const text of [toQasm2(c), toQasm3(c)]) {
      const back = fromQasm(text);
      expect(back.ops.map((op) => (op.kind === 'gate' ? op.params![0] : 0))).toEqual(angles);
    }
    expect(toQasm2(c)).toMatch(/rz\(pi\/2\) q\[0\];/);
  });

  it('multi-qubit custom unitaries decompose exactly (2 and 3 qubits, with controls)', () => {
    const rng = createRng(5);
    for (const [k, extra] of [[2, 0], [3, 0], [2, 1]] as const) {
      const qubits = pickDistinct(k + extra, 4, rng);
      const circuit = Circuit.fromOps(4, 0, [{ kind: 'gate', gate: 'unitary', qubits: qubits.slice(0, k), matrix: randomUnitary(k, rng), ...(extra ? { negControls: qubits.slice(k) } : {}) }]);
      expect(distance(unitaryOf(fromQasm(toQasm3(circuit))), unitaryOf(circuit))).toBeLessThan(1e-12);
      expect(distanceUpToGlobal(unitaryOf(fromQasm(toQasm2(circuit))), unitaryOf(circuit))).toBeLessThan(1e-12);
    }
  });

  it('refuses what it cannot write with the op named', () => {
    const c = Circuit.create(2, 3).measure(0, 0).append('x', [1], { condition: { clbits: [0, 2], value: 1 } });
    expect(() => toQasm2(c)).toThrow(/op 1.*not consecutive/);
    const symbolic = Circuit.create(3).append('u', [2], { params: ['a', 'b', 'c'], controls: [0, 1] });
    expect(() => toQasm2(symbolic)).toThrow(/OpenQASM 2 has no free parameters: bind a, b, c/);
    expect(fromQasm(toQasm3(symbolic)).ops[0]).toMatchObject({ gate: 'u', controls: [0, 1] });
  });
});

function distanceUpToGlobal(a: Float64Array, b: Float64Array): number {
  let k = 0;
  for (let i = 0; i < b.length; i += 2) if (Math.hypot(b[i]!, b[i + 1]!) > Math.hypot(b[k]!, b[k + 1]!)) k = i;
  const br = b[k]!, bi = b[k + 1]!, n = br * br + bi * bi;
  const pr = (a[k]! * br + a[k + 1]! * bi) / n, pi = (a[k + 1]! * br - a[k]! * bi) / n;
  let worst = 0;
  for (let i = 0; i < a.length; i += 2) worst = Math.max(worst, Math.hypot(a[i]! - (b[i]! * pr - b[i + 1]! * pi), a[i + 1]! - (b[i]! * pi + b[i + 1]! * pr)));
  return worst;
}
