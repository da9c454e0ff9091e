import { controlled, diagonal, embed, fromRows, identity, multiply, scale, type Matrix } from './matrix.ts';

/**
 * The gate catalogue: every named gate with its arity, parameters and reference matrix.
 * The reference matrix is the truth; kernels are tested against it.
 *
 * A gate lists its qubits with built-in controls first (cx: [control, target]); `target`
 * gives the matrix on the remaining qubits, bit j of its index = j-th target qubit.
 */
export interface GateDefinition {
  readonly name: string;
  readonly numQubits: number;
  readonly numParams: number;
  readonly paramNames: readonly string[];
  /** Leading qubits that are controls (cx: 1, ccx: 2). */
  readonly builtInControls: number;
  readonly description: string;
  /** Matrix on the target qubits (those after the built-in controls). */
  target(params: readonly number[]): Matrix;
}

const SQRT1_2 = Math.SQRT1_2;
const expi = (phi: number): [number, number] => [Math.cos(phi), Math.sin(phi)];

/** OpenQASM's U(θ, φ, λ). */
export function uMatrix(theta: number, phi: number, lambda: number): Matrix {
  const c = Math.cos(theta / 2);
  const s = Math.sin(theta / 2);
  const [el, elI] = expi(lambda);
  const [ep, epI] = expi(phi);
  const [epl, eplI] = expi(phi + lambda);
  return fromRows([
    [c, [-el * s, -elI * s]],
    [[ep * s, epI * s], [epl * c, eplI * c]],
  ]);
}

const rx = (t: number): Matrix => fromRows([[Math.cos(t / 2), [0, -Math.sin(t / 2)]], [[0, -Math.sin(t / 2)], Math.cos(t / 2)]]);
const ry = (t: number): Matrix => fromRows([[Math.cos(t / 2), -Math.sin(t / 2)], [Math.sin(t / 2), Math.cos(t / 2)]]);
const rz = (t: number): Matrix => diagonal([expi(-t / 2), expi(t / 2)]);
const phase = (l: number): Matrix => diagonal([[1, 0], expi(l)]);

const X = fromRows([[0, 1], [1, 0]]);
const Y = fromRows([[0, [0, -1]], [[0, 1], 0]]);
const Z = diagonal([[1, 0], [-1, 0]]);
const H = fromRows([[SQRT1_2, SQRT1_2], [SQRT1_2, -SQRT1_2]]);
const SX = fromRows([[[0.5, 0.5], [0.5, -0.5]], [[0.5, -0.5], [0.5, 0.5]]]);
const SXDG = fromRows([[[0.5, -0.5], [0.5, 0.5]], [[0.5, 0.5], [0.5, -0.5]]]);
const SWAP = fromRows([[1, 0, 0, 0], [0, 0, 1, 0], [0, 1, 0, 0], [0, 0, 0, 1]]);
const ISWAP = fromRows([[1, 0, 0, 0], [0, 0, [0, 1], 0], [0, [0, 1], 0, 0], [0, 0, 0, 1]]);
// Qiskit's ECR matrix (qubit 0 = first listed = least-significant bit).
const ECR = scale(fromRows([[0, 1, 0, [0, 1]], [1, 0, [0, -1], 0], [0, [0, 1], 0, 1], [[0, -1], 0, 1, 0]]), SQRT1_2, 0);

function rxx(t: number): Matrix {
  const c = Math.cos(t / 2), s = Math.sin(t / 2);
  return fromRows([[c, 0, 0, [0, -s]], [0, c, [0, -s], 0], [0, [0, -s], c, 0], [[0, -s], 0, 0, c]]);
}
function ryy(t: number): Matrix {
  const c = Math.cos(t / 2), s = Math.sin(t / 2);
  return fromRows([[c, 0, 0, [0, s]], [0, c, [0, -s], 0], [0, [0, -s], c, 0], [[0, s], 0, 0, c]]);
}
function rzz(t: number): Matrix {
  return diagonal([expi(-t / 2), expi(t / 2), expi(t / 2), expi(-t / 2)]);
}
/** exp(−iθ/2 · Z⊗X) with Z on the first listed qubit and X on the second (Qiskit's RZXGate). */
function rzx(t: number): Matrix {
  const c = Math.cos(t / 2), s = Math.sin(t / 2);
  // index = z + 2x; Z = +1 on z=0, −1 on z=1; X flips x.
  return fromRows([[c, 0, [0, -s], 0], [0, c, 0, [0, s]], [[0, -s], 0, c, 0], [0, [0, s], 0, c]]);
}

type Spec = {
  name: string;
  qubits: number;
  params?: readonly string[];
  controls?: number;
  description: string;
  target: (p: readonly number[]) => Matrix;
};

const fixed = (m: Matrix) => () => m;

const SPECS: Spec[] = [
  { name: 'gphase', qubits: 0, params: ['gamma'], description: 'global phase e^{iγ}', target: ([g]) => diagonal([expi(g!)]) },
  { name: 'id', qubits: 1, description: 'identity', target: fixed(identity(2)) },
  { name: 'u0', qubits: 1, params: ['duration'], description: 'idle (identity) from qelib1', target: () => identity(2) },
  { name: 'x', qubits: 1, description: 'Pauli X (NOT)', target: fixed(X) },
  { name: 'y', qubits: 1, description: 'Pauli Y', target: fixed(Y) },
  { name: 'z', qubits: 1, description: 'Pauli Z', target: fixed(Z) },
  { name: 'h', qubits: 1, description: 'Hadamard', target: fixed(H) },
  { name: 's', qubits: 1, description: '√Z, phase π/2', target: () => phase(Math.PI / 2) },
  { name: 'sdg', qubits: 1, description: 'S†', target: () => phase(-Math.PI / 2) },
  { name: 't', qubits: 1, description: '⁴√Z, phase π/4', target: () => phase(Math.PI / 4) },
  { name: 'tdg', qubits: 1, description: 'T†', target: () => phase(-Math.PI / 4) },
  { name: 'sx', qubits: 1, description: '√X', target: fixed(SX) },
  { name: 'sxdg', qubits: 1, description: '√X†', target: fixed(SXDG) },
  { name: 'rx', qubits: 1, params: ['theta'], description: 'exp(−iθX/2)', target: ([t]) => rx(t!) },
  { name: 'ry', qubits: 1, params: ['theta'], description: 'exp(−iθY/2)', target: ([t]) => ry(t!) },
  { name: 'rz', qubits: 1, params: ['theta'], description: 'exp(−iθZ/2)', target: ([t]) => rz(t!) },
  { name: 'p', qubits: 1, params: ['lambda'], description: 'phase diag(1, e^{iλ})', target: ([l]) => phase(l!) },
  { name: 'u1', qubits: 1, params: ['lambda'], description: 'qelib1 u1 = p', target: ([l]) => phase(l!) },
  { name: 'u2', qubits: 1, params: ['phi', 'lambda'], description: 'U(π/2, φ, λ)', target: ([f, l]) => uMatrix(Math.PI / 2, f!, l!) },
  { name: 'u3', qubits: 1, params: ['theta', 'phi', 'lambda'], description: 'U(θ, φ, λ)', target: ([t, f, l]) => uMatrix(t!, f!, l!) },
  { name: 'u', qubits: 1, params: ['theta', 'phi', 'lambda'], description: 'U(θ, φ, λ)', target: ([t, f, l]) => uMatrix(t!, f!, l!) },
  { name: 'cx', qubits: 2, controls: 1, description: 'controlled X (CNOT)', target: fixed(X) },
  { name: 'cy', qubits: 2, controls: 1, description: 'controlled Y', target: fixed(Y) },
  { name: 'cz', qubits: 2, controls: 1, description: 'controlled Z', target: fixed(Z) },
  { name: 'ch', qubits: 2, controls: 1, description: 'controlled Hadamard', target: fixed(H) },
  { name: 'csx', qubits: 2, controls: 1, description: 'controlled √X', target: fixed(SX) },
  { name: 'cp', qubits: 2, controls: 1, params: ['lambda'], description: 'controlled phase', target: ([l]) => phase(l!) },
  { name: 'cu1', qubits: 2, controls: 1, params: ['lambda'], description: 'controlled u1 = cp', target: ([l]) => phase(l!) },
  { name: 'crx', qubits: 2, controls: 1, params: ['theta'], description: 'controlled RX', target: ([t]) => rx(t!) },
  { name: 'cry', qubits: 2, controls: 1, params: ['theta'], description: 'controlled RY', target: ([t]) => ry(t!) },
  { name: 'crz', qubits: 2, controls: 1, params: ['theta'], description: 'controlled RZ', target: ([t]) => rz(t!) },
  { name: 'cu3', qubits: 2, controls: 1, params: ['theta', 'phi', 'lambda'], description: 'controlled U(θ, φ, λ)', target: ([t, f, l]) => uMatrix(t!, f!, l!) },
  {
    name: 'cu', qubits: 2, controls: 1, params: ['theta', 'phi', 'lambda', 'gamma'],
    description: 'controlled e^{iγ}U(θ, φ, λ)',
    target: ([t, f, l, g]) => scale(uMatrix(t!, f!, l!), Math.cos(g!), Math.sin(g!)),
  },
  { name: 'swap', qubits: 2, description: 'swap two qubits', target: fixed(SWAP) },
  { name: 'iswap', qubits: 2, description: 'iSWAP', target: fixed(ISWAP) },
  { name: 'ecr', qubits: 2, description: 'echoed cross-resonance', target: fixed(ECR) },
  { name: 'rxx', qubits: 2, params: ['theta'], description: 'exp(−iθ X⊗X/2)', target: ([t]) => rxx(t!) },
  { name: 'ryy', qubits: 2, params: ['theta'], description: 'exp(−iθ Y⊗Y/2)', target: ([t]) => ryy(t!) },
  { name: 'rzz', qubits: 2, params: ['theta'], description: 'exp(−iθ Z⊗Z/2)', target: ([t]) => rzz(t!) },
  { name: 'rzx', qubits: 2, params: ['theta'], description: 'exp(−iθ Z⊗X/2), Z on the first qubit', target: ([t]) => rzx(t!) },
  { name: 'ccx', qubits: 3, controls: 2, description: 'Toffoli', target: fixed(X) },
  { name: 'ccz', qubits: 3, controls: 2, description: 'doubly controlled Z', target: fixed(Z) },
  { name: 'cswap', qubits: 3, controls: 1, description: 'Fredkin (controlled swap)', target: fixed(SWAP) },
  { name: 'c3x', qubits: 4, controls: 3, description: 'triply controlled X', target: fixed(X) },
  { name: 'c3sqrtx', qubits: 4, controls: 3, description: 'triply controlled √X', target: fixed(SX) },
  { name: 'c4x', qubits: 5, controls: 4, description: '4-controlled X', target: fixed(X) },
];

/** qelib1's relative-phase Toffolis, defined (as in qelib1.inc) by their gate sequences. */
const COMPOSITES: { name: string; qubits: number; description: string; steps: [string, number[]][] }[] = [
  {
    name: 'rccx', qubits: 3, description: 'relative-phase Toffoli (qelib1)',
    steps: [['h', [2]], ['t', [2]], ['cx', [1, 2]], ['tdg', [2]], ['cx', [0, 2]], ['t', [2]], ['cx', [1, 2]], ['tdg', [2]], ['h', [2]]],
  },
  {
    name: 'rc3x', qubits: 4, description: 'relative-phase 3-controlled X (qelib1)',
    steps: [
      ['h', [3]], ['t', [3]], ['cx', [2, 3]], ['tdg', [3]], ['h', [3]], ['cx', [0, 3]], ['t', [3]], ['cx', [1, 3]],
      ['tdg', [3]], ['cx', [0, 3]], ['t', [3]], ['cx', [1, 3]], ['tdg', [3]], ['h', [3]], ['t', [3]], ['cx', [2, 3]],
      ['tdg', [3]], ['h', [3]],
    ],
  },
];

/** Aliases used by OpenQASM 3 stdgates and common tools. */
export const GATE_ALIASES: Readonly<Record<string, string>> = {
  CX: 'cx', cnot: 'cx', toffoli: 'ccx', fredkin: 'cswap', phase: 'p', cphase: 'cp', U: 'u', i: 'id',
};

const catalogue = new Map<string, GateDefinition>();

for (const spec of SPECS) {
  const params = spec.params ?? [];
  catalogue.set(spec.name, {
    name: spec.name,
    numQubits: spec.qubits,
    numParams: params.length,
    paramNames: params,
    builtInControls: spec.controls ?? 0,
    description: spec.description,
    target: spec.target,
  });
}

for (const composite of COMPOSITES) {
  const qubits = Array.from({ length: composite.qubits }, (_, i) => i);
  let m = identity(1 << composite.qubits);
  for (const [name, on] of composite.steps) m = multiply(embed(fullMatrix(catalogue.get(name)!, []), on, qubits), m);
  const matrix = m;
  catalogue.set(composite.name, {
    name: composite.name,
    numQubits: composite.qubits,
    numParams: 0,
    paramNames: [],
    builtInControls: 0,
    description: composite.description,
    target: () => matrix,
  });
}

export function gateDefinition(name: string): GateDefinition | undefined {
  return catalogue.get(name) ?? catalogue.get(GATE_ALIASES[name] ?? '');
}

export function gateNames(): string[] {
  return [...catalogue.keys()];
}

/** The reference matrix of a gate on all its listed qubits (built-in controls first). */
export function fullMatrix(def: GateDefinition, params: readonly number[]): Matrix {
  const target = def.target(params);
  return def.builtInControls === 0 ? target : controlled(target, new Array<0 | 1>(def.builtInControls).fill(1));
}
