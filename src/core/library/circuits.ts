import { Circuit } from '../circuit/circuit.ts';
import { fail } from '../errors.ts';

/** GHZ state (|0…0⟩ + |1…1⟩)/√2 on n qubits. */
export function ghzCircuit(numQubits: number): Circuit {
  let c = Circuit.create(numQubits);
  if (numQubits === 0) return c;
  c = c.append('h', [0]);
  for (let q = 1; q < numQubits; q++) c = c.append('cx', [q - 1, q]);
  return c;
}

/**
 * Quantum Fourier transform: |j⟩ → 2^{−n/2} Σ_k e^{2πi·jk/2^n} |k⟩ with j, k little-endian
 * basis indices (the final swaps included, as in Qiskit's QFT).
 */
export function qftCircuit(numQubits: number, options: { swaps?: boolean } = {}): Circuit {
  const ops: Parameters<Circuit['withOps']>[0][number][] = [];
  for (let q = numQubits - 1; q >= 0; q--) {
    ops.push({ kind: 'gate', gate: 'h', qubits: [q] });
    for (let m = q - 1; m >= 0; m--) ops.push({ kind: 'gate', gate: 'cp', qubits: [m, q], params: [Math.PI / 2 ** (q - m)] });
  }
  if (options.swaps ?? true) {
    for (let q = 0; q < Math.floor(numQubits / 2); q++) ops.push({ kind: 'gate', gate: 'swap', qubits: [q, numQubits - 1 - q] });
  }
  return Circuit.create(numQubits).withOps(ops);
}

/**
 * Grover search for the `marked` basis states: uniform superposition, then `iterations` rounds of
 * oracle (phase −1 on marked states) and diffusion (2|s⟩⟨s| − I, up to a global phase).
 */
export function groverCircuit(numQubits: number, marked: readonly number[], iterations: number): Circuit {
  if (numQubits < 1) fail('invalid-argument', 'Grover needs at least one qubit');
  const all = Array.from({ length: numQubits }, (_, q) => q);
  const ops: Parameters<Circuit['withOps']>[0][number][] = [];
  const hadamards = () => all.forEach((q) => ops.push({ kind: 'gate', gate: 'h', qubits: [q] }));
  const phaseFlip = (index: number) => {
    const controls = all.filter((q) => Math.floor(index / 2 ** q) % 2 === 1);
    const negControls = all.filter((q) => Math.floor(index / 2 ** q) % 2 === 0);
    ops.push({ kind: 'gate', gate: 'gphase', qubits: [], params: [Math.PI], ...(controls.length ? { controls } : {}), ...(negControls.length ? { negControls } : {}) });
  };
  hadamards();
  for (let k = 0; k < iterations; k++) {
    for (const m of marked) phaseFlip(m);
    hadamards();
    phaseFlip(0);
    hadamards();
  }
  return Circuit.create(numQubits).withOps(ops);
}
