import type { Expr } from './expression.ts';
import { num } from './expression.ts';

/**
 * What the standard include files define, and how to invert or take powers of catalogue gates.
 * Matrices are the catalogue's (src/core/gates/catalogue.ts); conventions are checked in the tests.
 */

/** qelib1.inc as shipped with Qiskit (a superset of the 2017 paper's list). */
export const QELIB1_GATES: ReadonlySet<string> = new Set([
  'u3', 'u2', 'u1', 'cx', 'id', 'u0', 'u', 'p', 'x', 'y', 'z', 'h', 's', 'sdg', 't', 'tdg', 'rx', 'ry', 'rz', 'sx', 'sxdg',
  'cz', 'cy', 'swap', 'ch', 'ccx', 'cswap', 'crx', 'cry', 'crz', 'cu1', 'cp', 'cu3', 'csx', 'cu', 'rxx', 'rzz', 'rccx', 'rc3x',
  'c3x', 'c3sqrtx', 'c4x',
]);

/** stdgates.inc of OpenQASM 3. u2 and u3 are defined there with a global phase (see STDGATES_PRELUDE). */
export const STDGATES: ReadonlySet<string> = new Set([
  'p', 'x', 'y', 'z', 'h', 's', 'sdg', 't', 'tdg', 'sx', 'rx', 'ry', 'rz', 'cx', 'cy', 'cz', 'cp', 'crx', 'cry', 'crz', 'ch',
  'swap', 'ccx', 'cswap', 'cu', 'CX', 'phase', 'cphase', 'id', 'u1',
]);

/**
 * stdgates.inc defines u2 and u3 as e^{−i(φ+λ)/2}·U (so that they equal Rz(φ)Ry(θ)Rz(λ), OpenQASM 2's meaning of U).
 * The phase is invisible on its own but becomes a relative phase under `ctrl @`, so we keep it.
 */
export const STDGATES_PRELUDE = `
gate u2(φ, λ) q { __u2(φ, λ) q; gphase(-(φ+λ)/2); }
gate u3(θ, φ, λ) q { __u3(θ, φ, λ) q; gphase(-(φ+λ)/2); }
`;

/** Gates whose leading qubits are controls of a simpler catalogue gate (used for inverse and powers). */
export const CONTROLLED_FORMS: Readonly<Record<string, { base: string; controls: number }>> = {
  cx: { base: 'x', controls: 1 }, cy: { base: 'y', controls: 1 }, cz: { base: 'z', controls: 1 }, ch: { base: 'h', controls: 1 },
  csx: { base: 'sx', controls: 1 }, cp: { base: 'p', controls: 1 }, cu1: { base: 'p', controls: 1 }, crx: { base: 'rx', controls: 1 },
  cry: { base: 'ry', controls: 1 }, crz: { base: 'rz', controls: 1 }, cu3: { base: 'u', controls: 1 }, ccx: { base: 'x', controls: 2 },
  ccz: { base: 'z', controls: 2 }, cswap: { base: 'swap', controls: 1 }, c3x: { base: 'x', controls: 3 },
  c3sqrtx: { base: 'sx', controls: 3 }, c4x: { base: 'x', controls: 4 },
};

/** Gates with one angle whose powers scale the angle: g(θ)^k = g(kθ). */
export const ANGLE_GATES: ReadonlySet<string> = new Set([
  'rx', 'ry', 'rz', 'p', 'u1', 'cp', 'cu1', 'crx', 'cry', 'crz', 'rxx', 'ryy', 'rzz', 'rzx', 'gphase',
]);

export const SELF_INVERSE: ReadonlySet<string> = new Set([
  'id', 'u0', 'x', 'y', 'z', 'h', 'cx', 'cy', 'cz', 'ch', 'swap', 'ccx', 'ccz', 'cswap', 'c3x', 'c4x', 'ecr', 'rccx',
]);

/** A gate application inside a rule: catalogue name, parameters, positions into the original qubit list. */
export interface Step {
  readonly gate: string;
  readonly params: readonly Expr[];
  readonly qubits: readonly number[];
  /** Positions (into the original qubit list) that become extra controls. */
  readonly controls?: readonly number[];
}

const neg = (e: Expr): Expr => ({ k: 'neg', a: e });
const all = (n: number) => Array.from({ length: n }, (_, i) => i);

const RC3X_INVERSE: [string, number[]][] = [
  ['h', [3]], ['t', [3]], ['cx', [2, 3]], ['tdg', [3]], ['h', [3]], ['t', [3]], ['cx', [1, 3]], ['tdg', [3]], ['cx', [0, 3]],
  ['t', [3]], ['cx', [1, 3]], ['tdg', [3]], ['cx', [0, 3]], ['h', [3]], ['t', [3]], ['cx', [2, 3]], ['tdg', [3]], ['h', [3]],
];

/** The adjoint of a catalogue gate as a sequence of catalogue gates (exact, including global phase). */
export function inverseSteps(gate: string, params: readonly Expr[], numQubits: number): Step[] | undefined {
  const q = all(numQubits);
  if (SELF_INVERSE.has(gate)) return [{ gate, params, qubits: q }];
  const pairs: Record<string, string> = { s: 'sdg', sdg: 's', t: 'tdg', tdg: 't', sx: 'sxdg', sxdg: 'sx' };
  if (pairs[gate]) return [{ gate: pairs[gate]!, params, qubits: q }];
  if (ANGLE_GATES.has(gate)) return [{ gate, params: [neg(params[0]!)], qubits: q }];
  const [a, b, c, d] = params;
  switch (gate) {
    case 'u':
    case 'u3':
    case 'cu3':
      return [{ gate, params: [neg(a!), neg(c!), neg(b!)], qubits: q }];
    case 'u2':
      return [{ gate: 'u3', params: [num(-Math.PI / 2), neg(b!), neg(a!)], qubits: q }];
    case 'cu':
      return [{ gate: 'cu', params: [neg(a!), neg(c!), neg(b!), neg(d!)], qubits: q }];
    case 'csx':
      return [{ gate: 'sxdg', params: [], qubits: [1], controls: [0] }];
    case 'c3sqrtx':
      return [{ gate: 'sxdg', params: [], qubits: [3], controls: [0, 1, 2] }];
    case 'iswap':
      // iSWAP† = (Z⊗Z)·iSWAP
      return [{ gate: 'iswap', params: [], qubits: q }, { gate: 'z', params: [], qubits: [0] }, { gate: 'z', params: [], qubits: [1] }];
    case 'rc3x':
      return RC3X_INVERSE.map(([g, on]) => ({ gate: g, params: [], qubits: on }));
    default:
      return undefined;
  }
}

/**
 * g^k for a non-integer k by a closed form on the principal branch, for single-qubit gates with
 * eigenvalues ±1 or a phase: X^k = H·P(kπ)·H, Z^k = P(kπ), H^k = Ry(π/4)·P(kπ)·Ry(−π/4), Y^k = S·X^k·S†.
 * Only the P step is controlled: the basis changes around it cancel when the controls are off.
 */
export function fractionalPowerSteps(gate: string, params: readonly Expr[], k: number, numQubits: number): (Step & { controlled: boolean })[] | undefined {
  const mul = (e: Expr, f: number): Expr => ({ k: 'bin', op: '*', a: e, b: num(f) });
  if (ANGLE_GATES.has(gate)) return [{ gate, params: [mul(params[0]!, k)], qubits: all(numQubits), controlled: true }];
  const phase = (angle: number) => ({ gate: 'p', params: [num(angle)], qubits: [0], controlled: true });
  const fixed = (g: string, p: Expr[] = []) => ({ gate: g, params: p, qubits: [0], controlled: false });
  const xPower = (e: number) => [fixed('h'), phase(Math.PI * e), fixed('h')];
  switch (gate) {
    case 'z': return [phase(Math.PI * k)];
    case 's': return [phase((Math.PI / 2) * k)];
    case 'sdg': return [phase((-Math.PI / 2) * k)];
    case 't': return [phase((Math.PI / 4) * k)];
    case 'tdg': return [phase((-Math.PI / 4) * k)];
    case 'x': return xPower(k);
    case 'sx': return xPower(k / 2);
    case 'sxdg': return xPower(-k / 2);
    case 'y': return [fixed('sdg'), ...xPower(k), fixed('s')];
    case 'h': return [fixed('ry', [num(-Math.PI / 4)]), phase(Math.PI * k), fixed('ry', [num(Math.PI / 4)])];
    case 'id':
    case 'u0':
      return [];
    default:
      return undefined;
  }
}
