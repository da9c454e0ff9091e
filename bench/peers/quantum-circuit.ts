/**
 * Benchmark adapter for quantum-circuit 0.9.250, through the test-suite adapter (which maps our
 * gates to its gates: cp→cu1, rzz→zz, rz's parameter is `phi`; same bit order as ours).
 * It can start from an arbitrary state (`run(null, { initialState })`), but every benchmark
 * circuit here starts from |0…0⟩ for all simulators alike.
 */
import { performance } from 'node:perf_hooks';
import { answerFromAmplitudes } from '../lib/circuits.ts';
import { median } from '../lib/timing.ts';
import { runProgramOnQuantumCircuit, toQuantumCircuit, type QuantumCircuitProgram } from '../../tests/unit/helpers/peers/quantum-circuit.ts';
import type { Peer } from './types.ts';

export const quantumCircuitPeer: Peer = {
  name: 'quantum-circuit',
  takesInitialState: true,
  async run(spec, built, { read, repeats, onTimed }) {
    const samples: number[] = [];
    let buildMs = 0;
    let program!: QuantumCircuitProgram;
    for (let i = 0; i < repeats; i++) {
      const t0 = performance.now();
      program = toQuantumCircuit(built.circuit);
      const t1 = performance.now();
      runProgramOnQuantumCircuit(program);
      const t2 = performance.now();
      buildMs = t1 - t0;
      samples.push(t2 - t1);
      if (t2 - t1 > 1000) break;
    }
    const timing = { buildMs, runMs: median(samples), runs: samples.length };
    onTimed?.(timing);
    if (!read) return timing;
    const t0 = performance.now();
    const answer = answerFromAmplitudes(spec.n, (visit) => {
      for (const [key, a] of Object.entries(program.qc.state)) if (a) visit(Number(key), a.re, a.im);
    }, built.edges);
    return { ...timing, answer, readMs: performance.now() - t0 };
  },
};
