/**
 * Benchmark adapter for jsqubits 2.1.2: an immutable sparse state (every gate allocates a new
 * one). Bit order: bit q of a basis index = qubit q, as ours. Gates: hadamard, rotateX/Y/Z (same
 * matrices as our rx/ry/rz), controlledR(c, t, λ) = cp(λ), cnot, swap. No RZZ: CNOT–RZ–CNOT.
 * It drops amplitudes with |a| ≤ 1e-7 (QState.roundToZero), so results are compared at 1e-6.
 * It can start from given amplitudes (new QState(n, amplitudes)); the benchmarks start from |0…0⟩.
 */
import { performance } from 'node:perf_hooks';
import type { GateOp } from '../../src/core/index.ts';
import { answerFromAmplitudes } from '../lib/circuits.ts';
import { median } from '../lib/timing.ts';
import type { Peer } from './types.ts';

interface JsqComplex {
  real: number;
  imaginary: number;
}
interface JsqState {
  hadamard(t: number): JsqState;
  rotateX(t: number, a: number): JsqState;
  rotateY(t: number, a: number): JsqState;
  rotateZ(t: number, a: number): JsqState;
  controlledR(c: number, t: number, a: number): JsqState;
  cnot(c: number, t: number): JsqState;
  swap(a: number, b: number): JsqState;
  each(visit: (component: { index: string; amplitude: JsqComplex }) => unknown): void;
}
interface Jsq {
  (bits: string): JsqState;
}

async function load(): Promise<Jsq> {
  const specifier = 'jsqubits';
  const mod = (await import(specifier)) as { jsqubits: Jsq };
  return mod.jsqubits;
}

type Step = (s: JsqState) => JsqState;

function compile(ops: readonly GateOp[]): Step[] {
  return ops.map((op): Step => {
    const q = op.qubits;
    const p = (op.params ?? []) as number[];
    switch (op.gate) {
      case 'h': return (s) => s.hadamard(q[0]!);
      case 'rx': return (s) => s.rotateX(q[0]!, p[0]!);
      case 'ry': return (s) => s.rotateY(q[0]!, p[0]!);
      case 'rz': return (s) => s.rotateZ(q[0]!, p[0]!);
      case 'cp': return (s) => s.controlledR(q[0]!, q[1]!, p[0]!);
      case 'cx': return (s) => s.cnot(q[0]!, q[1]!);
      case 'swap': return (s) => s.swap(q[0]!, q[1]!);
      case 'rzz': return (s) => s.cnot(q[0]!, q[1]!).rotateZ(q[1]!, p[0]!).cnot(q[0]!, q[1]!);
      default: throw new Error(`jsqubits adapter: no mapping for ${op.gate}`);
    }
  });
}

export const jsqubitsPeer: Peer = {
  name: 'jsqubits',
  takesInitialState: true,
  async run(spec, built, { read, repeats, onTimed }) {
    const jsqubits = await load();
    const t0 = performance.now();
    const steps = compile(built.circuit.ops.filter((op): op is GateOp => op.kind === 'gate'));
    const buildMs = performance.now() - t0;
    const samples: number[] = [];
    let state!: JsqState;
    for (let i = 0; i < repeats; i++) {
      const t1 = performance.now();
      state = jsqubits(`|${'0'.repeat(spec.n)}>`);
      for (const step of steps) state = step(state);
      const dt = performance.now() - t1;
      samples.push(dt);
      if (dt > 1000) break;
    }
    const timing = { buildMs, runMs: median(samples), runs: samples.length };
    onTimed?.(timing);
    if (!read) return timing;
    const t2 = performance.now();
    const answer = answerFromAmplitudes(spec.n, (visit) => {
      state.each(({ index, amplitude }) => {
        visit(Number(index), amplitude.real, amplitude.imaginary);
      });
    }, built.edges);
    return { ...timing, answer, readMs: performance.now() - t2 };
  },
};
