import { Circuit, type GateOp, type Op } from '../../../src/core/circuit/circuit.ts';
import { gateDefinition, gateNames } from '../../../src/core/gates/catalogue.ts';
import { pickDistinct, type Rng } from './random.ts';

export interface RandomCircuitOptions {
  /** Probability of adding extra (positive or negative) controls to a gate. */
  controlRate?: number;
  gates?: readonly string[];
}

/** A random gate op over the catalogue (every gate that fits in n qubits). */
export function randomGateOp(n: number, rng: Rng, options: RandomCircuitOptions = {}): GateOp {
  const names = (options.gates ?? gateNames()).filter((g) => gateDefinition(g)!.numQubits <= n);
  const name = names[Math.floor(rng() * names.length)]!;
  const def = gateDefinition(name)!;
  const free = n - def.numQubits;
  const extra = rng() < (options.controlRate ?? 0.1) && free > 0 ? 1 + Math.floor(rng() * Math.min(2, free)) : 0;
  const picked = pickDistinct(def.numQubits + extra, n, rng);
  const params = Array.from({ length: def.numParams }, () => (rng() - 0.5) * 4 * Math.PI);
  const controls = picked.slice(def.numQubits);
  const negative = rng() < 0.5;
  return {
    kind: 'gate',
    gate: name,
    qubits: picked.slice(0, def.numQubits),
    ...(params.length ? { params } : {}),
    ...(controls.length ? (negative ? { negControls: controls } : { controls }) : {}),
  };
}

export function randomCircuit(n: number, numOps: number, rng: Rng, options: RandomCircuitOptions = {}): Circuit {
  const ops: Op[] = [];
  for (let i = 0; i < numOps; i++) ops.push(randomGateOp(n, rng, options));
  return Circuit.fromOps(n, 0, ops);
}
