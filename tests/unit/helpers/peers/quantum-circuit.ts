/**
 * Adapter to the npm `quantum-circuit` package (0.9.250): an independent state-vector simulator
 * (sparse map of mathjs complex numbers) used as a correctness oracle and as a benchmark peer.
 *
 * Conventions of quantum-circuit, found empirically on single gates (see the cross-check test):
 * - State order: amplitude index bit q = wire q (wire 0 least significant), the same as ours
 *   (`reverseBitOrder` is false by default). `stateAsArray`/`stateAsSimpleArray` round amplitudes
 *   to 14 decimals, so we read the raw `circuit.state` map instead (missing keys are zeros).
 * - Gate matrices: the FIRST listed wire is the MOST significant bit of the matrix index
 *   (its cx matrix is [[1,0,0,0],[0,1,0,0],[0,0,0,1],[0,0,1,0]] on [control, target]). Ours use
 *   bit j = j-th listed qubit, so a custom matrix of ours is passed with its wires reversed.
 *   For every named gate we map to, the controls come first in both libraries, so wires are
 *   passed in our order.
 * - Exact matches (same matrix to the last bit, parameters passed as they are): id, x, y, z, h,
 *   s, sdg, t, tdg, sx→srn, sxdg→srndg, rx, ry, rz (its parameter is called `phi`), p/u1→u1,
 *   u2, u3/u→u3, cx, cy, cz, ch, csx→csrn, cp/cu1→cu1, crx, cry, crz (`phi`), cu3, swap, iswap,
 *   rzz→zz(θ), ccx, cswap.
 * - Convention differences: its xx(θ) and yy(θ) are exp(−iθ X⊗X) and exp(−iθ Y⊗Y) (no 1/2), so
 *   rxx(θ) = xx(θ/2) and ryy(θ) = yy(θ/2).
 * - It has no global phase, no multi-controlled gates beyond ccx/cswap, no negative controls and
 *   no "controlled anything" option. Its gate table is per instance (`circuit.basicGates`), and
 *   an entry with a numeric matrix is simulated like a built-in: that is how custom unitaries and
 *   extra controls are expressed (the controlled matrix is built from ITS OWN evaluated matrix
 *   of the base gate, not from our catalogue).
 *
 * Gates we had to decompose or express otherwise (each exact, global phase included, so they
 * stay correct under extra controls):
 * - gphase(γ): tracked as a scalar and multiplied into the final state; under controls it is
 *   u1(γ) on one control, controlled by the others.
 * - u0: id.
 * - cu(θ, φ, λ, γ): cu3(θ, φ, λ) then u1(γ) on the control.
 * - rzx(θ) on [a, b]: h b; cx a,b; rz(θ) b; cx a,b; h b.
 * - ecr on [a, b]: rzx(π/4) a,b; x a; rzx(−π/4) a,b (Qiskit's definition).
 * - ccz: h on the target; ccx; h on the target.
 * - c3x, c4x, c3sqrtx: x / srn with 3 or 4 controls, as custom controlled matrices.
 * - rccx, rc3x: their qelib1.inc gate sequences.
 * - negative controls: x on the control before and after.
 * - unitary (custom matrix): a custom gate table entry, wires reversed.
 */
import { createRequire } from 'node:module';
import type { Circuit, GateOp } from '../../../../src/core/circuit/circuit.ts';
import { evaluateParam, type ParamBindings } from '../../../../src/core/circuit/params.ts';

const require = createRequire(import.meta.url);

/** The parts of quantum-circuit's API we use (it ships no types). */
interface PeerComplex {
  re: number;
  im: number;
}
type PeerEntry = number | PeerComplex;
interface PeerGateDef {
  params: string[];
  matrix: (number | string | PeerComplex)[][];
  [key: string]: unknown;
}
export interface PeerCircuit {
  numQubits: number;
  state: Record<string, PeerComplex | undefined>;
  basicGates: Record<string, PeerGateDef>;
  appendGate(name: string, wires: number | number[], options?: { params?: Record<string, number> }): string;
  run(initialValues?: null, options?: { initialState?: [number, number][] }): void;
  getRawGate(gate: PeerGateDef, options?: { params?: Record<string, number> }): PeerEntry[][];
}
interface PeerMath {
  complex(re: number, im: number): PeerComplex;
}

function loadPeer(): { QuantumCircuit: new (n: number) => PeerCircuit; math: PeerMath } {
  // Its bundled ANTLR parser triggers a harmless circular-dependency warning on load: silence it once.
  const emit = process.emitWarning;
  process.emitWarning = (() => {}) as typeof process.emitWarning;
  try {
    const QuantumCircuit = require('quantum-circuit') as new (n: number) => PeerCircuit;
    const math = createRequire(require.resolve('quantum-circuit'))('mathjs') as PeerMath;
    return { QuantumCircuit, math };
  } finally {
    process.emitWarning = emit;
  }
}

let peer: ReturnType<typeof loadPeer> | undefined;
function getPeer(): ReturnType<typeof loadPeer> {
  peer ??= loadPeer();
  return peer;
}

/** Our gate → its gate with the same matrix (parameter names in its order). */
const DIRECT: Readonly<Record<string, readonly [string, readonly string[]]>> = {
  id: ['id', []], x: ['x', []], y: ['y', []], z: ['z', []], h: ['h', []],
  s: ['s', []], sdg: ['sdg', []], t: ['t', []], tdg: ['tdg', []], sx: ['srn', []], sxdg: ['srndg', []],
  rx: ['rx', ['theta']], ry: ['ry', ['theta']], rz: ['rz', ['phi']],
  p: ['u1', ['lambda']], u1: ['u1', ['lambda']], u2: ['u2', ['phi', 'lambda']],
  u3: ['u3', ['theta', 'phi', 'lambda']], u: ['u3', ['theta', 'phi', 'lambda']],
  cx: ['cx', []], cy: ['cy', []], cz: ['cz', []], ch: ['ch', []], csx: ['csrn', []],
  cp: ['cu1', ['lambda']], cu1: ['cu1', ['lambda']],
  crx: ['crx', ['theta']], cry: ['cry', ['theta']], crz: ['crz', ['phi']], cu3: ['cu3', ['theta', 'phi', 'lambda']],
  swap: ['swap', []], iswap: ['iswap', []], rzz: ['zz', ['theta']],
  ccx: ['ccx', []], cswap: ['cswap', []],
};

/** Names of our gates that have no one-to-one quantum-circuit gate (see the header). */
export const QC_DECOMPOSED: readonly string[] = [
  'gphase', 'u0', 'cu', 'rzx', 'ecr', 'ccz', 'c3x', 'c4x', 'c3sqrtx', 'rccx', 'rc3x', 'rxx', 'ryy', 'unitary',
];

/** One step for the peer: a named peer gate (or a custom matrix, or a phase) plus positive controls. */
type Prim =
  | { kind: 'gate'; name: string; wires: number[]; params?: Record<string, number>; controls: number[] }
  | { kind: 'matrix'; rows: [number, number][][]; wires: number[]; controls: number[] }
  | { kind: 'phase'; gamma: number; controls: number[] };

const g = (name: string, wires: number[], params?: Record<string, number>): Prim =>
  ({ kind: 'gate', name, wires, controls: [], ...(params ? { params } : {}) });

const RCCX: [string, number[]][] = [['h', [2]], ['t', [2]], ['cx', [1, 2]], ['tdg', [2]], ['cx', [0, 2]], ['t', [2]], ['cx', [1, 2]], ['tdg', [2]], ['h', [2]]];
const RC3X: [string, number[]][] = [
  ['h', [3]], ['t', [3]], ['cx', [2, 3]], ['tdg', [3]], ['h', [3]], ['cx', [0, 3]], ['t', [3]], ['cx', [1, 3]],
  ['tdg', [3]], ['cx', [0, 3]], ['t', [3]], ['cx', [1, 3]], ['tdg', [3]], ['h', [3]], ['t', [3]], ['cx', [2, 3]],
  ['tdg', [3]], ['h', [3]],
];

function rzxPrims(a: number, b: number, theta: number): Prim[] {
  return [g('h', [b]), g('cx', [a, b]), g('rz', [b], { phi: theta }), g('cx', [a, b]), g('h', [b])];
}

/** Peer steps for one of our gate ops, before its extra controls. */
function primsFor(op: GateOp, p: readonly number[]): Prim[] {
  const q = [...op.qubits];
  const direct = DIRECT[op.gate];
  if (direct) {
    const [name, names] = direct;
    return [g(name, q, names.length ? Object.fromEntries(names.map((n, i) => [n, p[i]!])) : undefined)];
  }
  switch (op.gate) {
    case 'gphase': return [{ kind: 'phase', gamma: p[0]!, controls: [] }];
    case 'u0': return [g('id', q)];
    case 'rxx': return [g('xx', q, { theta: p[0]! / 2 })];
    case 'ryy': return [g('yy', q, { theta: p[0]! / 2 })];
    case 'cu': return [g('cu3', q, { theta: p[0]!, phi: p[1]!, lambda: p[2]! }), g('u1', [q[0]!], { lambda: p[3]! })];
    case 'rzx': return rzxPrims(q[0]!, q[1]!, p[0]!);
    case 'ecr': return [...rzxPrims(q[0]!, q[1]!, Math.PI / 4), g('x', [q[0]!]), ...rzxPrims(q[0]!, q[1]!, -Math.PI / 4)];
    case 'ccz': return [g('h', [q[2]!]), g('ccx', q), g('h', [q[2]!])];
    case 'c3x': return [{ ...g('x', [q[3]!]), controls: q.slice(0, 3) }];
    case 'c4x': return [{ ...g('x', [q[4]!]), controls: q.slice(0, 4) }];
    case 'c3sqrtx': return [{ ...g('srn', [q[3]!]), controls: q.slice(0, 3) }];
    case 'rccx': return RCCX.map(([name, on]) => g(name, on.map((i) => q[i]!)));
    case 'rc3x': return RC3X.map(([name, on]) => g(name, on.map((i) => q[i]!)));
    case 'unitary': {
      const rows = op.matrix!.map((row) => row.map((e): [number, number] => (typeof e === 'number' ? [e, 0] : [e[0], e[1]])));
      return [{ kind: 'matrix', rows, wires: [...q].reverse(), controls: [] }];
    }
    default:
      throw new Error(`quantum-circuit adapter: no mapping for gate "${op.gate}"`);
  }
}

/** Builds quantum-circuit programs from our circuits; custom matrices go into its per-instance gate table. */
class Builder {
  readonly qc: PeerCircuit;
  /** Global phase accumulated from uncontrolled gphase ops (the peer cannot represent it). */
  phaseRe = 1;
  phaseIm = 0;
  private readonly customNames = new Map<string, string>();
  private readonly math: PeerMath;

  constructor(numQubits: number) {
    const { QuantumCircuit, math } = getPeer();
    this.qc = new QuantumCircuit(numQubits);
    this.math = math;
  }

  /** Registers a numeric matrix (its MSB-first convention) and returns the gate name. */
  private custom(rows: readonly (readonly [number, number])[][]): string {
    const key = JSON.stringify(rows);
    let name = this.customNames.get(key);
    if (!name) {
      name = `superpose_u${this.customNames.size}`;
      const matrix = rows.map((row) => row.map(([re, im]) => (im === 0 ? re : this.math.complex(re, im))));
      this.qc.basicGates[name] = { description: 'custom matrix from the Superpose adapter', params: [], matrix };
      this.customNames.set(key, name);
    }
    return name;
  }

  /** The peer's own evaluated matrix of one of its gates, as [re, im] pairs. */
  private rawMatrix(name: string, params?: Record<string, number>): [number, number][][] {
    const def = this.qc.basicGates[name];
    if (!def) throw new Error(`quantum-circuit has no gate "${name}"`);
    const raw = this.qc.getRawGate(def, params ? { params } : {});
    return raw.map((row) => row.map((e): [number, number] => (typeof e === 'number' ? [e, 0] : [e.re, e.im])));
  }

  add(prim: Prim): void {
    if (prim.kind === 'phase') {
      if (prim.controls.length === 0) {
        const c = Math.cos(prim.gamma), s = Math.sin(prim.gamma);
        [this.phaseRe, this.phaseIm] = [this.phaseRe * c - this.phaseIm * s, this.phaseRe * s + this.phaseIm * c];
        return;
      }
      // A controlled global phase is a phase on the (last) control, controlled by the others.
      const target = prim.controls[prim.controls.length - 1]!;
      this.add({ kind: 'gate', name: 'u1', wires: [target], params: { lambda: prim.gamma }, controls: prim.controls.slice(0, -1) });
      return;
    }
    if (prim.controls.length === 0) {
      if (prim.kind === 'gate') this.qc.appendGate(prim.name, prim.wires.length === 1 ? prim.wires[0]! : prim.wires, prim.params ? { params: prim.params } : {});
      else this.qc.appendGate(this.custom(prim.rows), prim.wires);
      return;
    }
    // Controls as the most significant wires: the matrix is block-diagonal with the base gate last.
    const base = prim.kind === 'gate' ? this.rawMatrix(prim.name, prim.params) : prim.rows;
    const dt = base.length;
    const d = dt << prim.controls.length;
    const rows: [number, number][][] = [];
    for (let r = 0; r < d; r++) {
      const row: [number, number][] = [];
      for (let c = 0; c < d; c++) {
        if (r >= d - dt && c >= d - dt) row.push(base[r - (d - dt)]![c - (d - dt)]!);
        else row.push([r === c ? 1 : 0, 0]);
      }
      rows.push(row);
    }
    this.qc.appendGate(this.custom(rows), [...prim.controls, ...prim.wires]);
  }

  addOp(op: GateOp, params: ParamBindings, where: string): void {
    if (op.condition) throw new Error('quantum-circuit adapter: classically conditioned gates are not supported');
    const values = (op.params ?? []).map((v, i) => evaluateParam(v, params, `${where} param ${i}`));
    const neg = op.negControls ?? [];
    const extra = [...(op.controls ?? []), ...neg];
    for (const q of neg) this.qc.appendGate('x', q);
    for (const prim of primsFor(op, values)) this.add({ ...prim, controls: [...extra, ...prim.controls] });
    for (const q of neg) this.qc.appendGate('x', q);
  }
}

export interface QuantumCircuitProgram {
  readonly qc: PeerCircuit;
  readonly numQubits: number;
  /** Global phase e^{iγ} of uncontrolled gphase ops, as [re, im]. */
  readonly globalPhase: readonly [number, number];
}

/** Converts a circuit (gates and barriers only) to a quantum-circuit program. */
export function toQuantumCircuit(circuit: Circuit, params: ParamBindings = {}): QuantumCircuitProgram {
  const builder = new Builder(circuit.numQubits);
  circuit.ops.forEach((op, i) => {
    if (op.kind === 'barrier') return;
    if (op.kind !== 'gate') throw new Error(`quantum-circuit adapter: op ${i} is a ${op.kind}; only gates are supported`);
    builder.addOp(op, params, `op ${i}`);
  });
  return { qc: builder.qc, numQubits: circuit.numQubits, globalPhase: [builder.phaseRe, builder.phaseIm] };
}

/** Runs a converted program; `initialState` (interleaved, our bit order) defaults to |0…0⟩. */
export function runProgramOnQuantumCircuit(program: QuantumCircuitProgram, initialState?: Float64Array): void {
  if (!initialState) {
    program.qc.run();
    return;
  }
  const init: [number, number][] = [];
  for (let i = 0; i < initialState.length; i += 2) init.push([initialState[i]!, initialState[i + 1]!]);
  program.qc.run(null, { initialState: init });
}

/** The final state of a program that has run, interleaved in our bit order (same as its own). */
export function readQuantumCircuitState(program: QuantumCircuitProgram): Float64Array {
  const out = new Float64Array(2 * 2 ** program.numQubits);
  const [pr, pi] = program.globalPhase;
  for (const [key, a] of Object.entries(program.qc.state)) {
    if (!a) continue;
    const i = Number(key);
    out[2 * i] = a.re * pr - a.im * pi;
    out[2 * i + 1] = a.re * pi + a.im * pr;
  }
  return out;
}

/** Converts, runs and reads: the final state (interleaved, qubit 0 = least-significant bit). */
export function runOnQuantumCircuit(circuit: Circuit, options: { params?: ParamBindings; initialState?: Float64Array } = {}): Float64Array {
  const program = toQuantumCircuit(circuit, options.params ?? {});
  runProgramOnQuantumCircuit(program, options.initialState);
  return readQuantumCircuitState(program);
}
