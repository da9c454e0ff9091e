import { num, type Expr } from './expression.ts';
import type { Step } from './standard-gates.ts';

/**
 * Exact definitions (global phase included) of catalogue gates that a target format lacks, in
 * simpler catalogue gates. Used for gate definitions in exported OpenQASM and to control gates step by step.
 */
export interface Definition {
  readonly params: readonly string[];
  readonly qubits: number;
  steps(params: readonly Expr[]): Step[];
}

const s = (gate: string, qubits: number[], params: Expr[] = []): Step => ({ gate, params, qubits });

export const DEFINITIONS: Readonly<Record<string, Definition>> = {
  iswap: { params: [], qubits: 2, steps: () => [s('s', [0]), s('s', [1]), s('h', [0]), s('cx', [0, 1]), s('cx', [1, 0]), s('h', [1])] },
  ecr: { params: [], qubits: 2, steps: () => [s('rzx', [0, 1], [num(Math.PI / 4)]), s('x', [0]), s('rzx', [0, 1], [num(-Math.PI / 4)])] },
  rxx: { params: ['theta'], qubits: 2, steps: ([t]) => [s('h', [0]), s('h', [1]), s('cx', [0, 1]), s('rz', [1], [t!]), s('cx', [0, 1]), s('h', [0]), s('h', [1])] },
  ryy: {
    params: ['theta'], qubits: 2,
    steps: ([t]) => [s('rx', [0], [num(Math.PI / 2)]), s('rx', [1], [num(Math.PI / 2)]), s('cx', [0, 1]), s('rz', [1], [t!]), s('cx', [0, 1]), s('rx', [0], [num(-Math.PI / 2)]), s('rx', [1], [num(-Math.PI / 2)])],
  },
  rzz: { params: ['theta'], qubits: 2, steps: ([t]) => [s('cx', [0, 1]), s('rz', [1], [t!]), s('cx', [0, 1])] },
  rzx: { params: ['theta'], qubits: 2, steps: ([t]) => [s('h', [1]), s('cx', [0, 1]), s('rz', [1], [t!]), s('cx', [0, 1]), s('h', [1])] },
  ccz: { params: [], qubits: 3, steps: () => [s('h', [2]), s('ccx', [0, 1, 2]), s('h', [2])] },
  rccx: {
    params: [], qubits: 3,
    steps: () => [s('h', [2]), s('t', [2]), s('cx', [1, 2]), s('tdg', [2]), s('cx', [0, 2]), s('t', [2]), s('cx', [1, 2]), s('tdg', [2]), s('h', [2])],
  },
  rc3x: {
    params: [], qubits: 4,
    steps: () => [
      s('h', [3]), s('t', [3]), s('cx', [2, 3]), s('tdg', [3]), s('h', [3]), s('cx', [0, 3]), s('t', [3]), s('cx', [1, 3]),
      s('tdg', [3]), s('cx', [0, 3]), s('t', [3]), s('cx', [1, 3]), s('tdg', [3]), s('h', [3]), s('t', [3]), s('cx', [2, 3]),
      s('tdg', [3]), s('h', [3]),
    ],
  },
  // Used when a gate needs controls step by step.
  swap: { params: [], qubits: 2, steps: () => [s('cx', [0, 1]), s('cx', [1, 0]), s('cx', [0, 1])] },
  cu: {
    params: ['theta', 'phi', 'lambda', 'gamma'], qubits: 2,
    steps: ([a, b, c, g]) => [s('p', [0], [g!]), s('cu3', [0, 1], [a!, b!, c!])],
  },
};

