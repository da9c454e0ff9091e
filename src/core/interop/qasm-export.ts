import type { Circuit, Condition, GateOp, Op } from '../circuit/circuit.ts';
import { assertCircuit, matrixFromEntries } from '../circuit/circuit.ts';
import { evaluateParam, type ParamBindings } from '../circuit/params.ts';
import { BIT_ORDER_NOTE } from '../conventions.ts';
import { fail } from '../errors.ts';
import { fullMatrix, gateDefinition } from '../gates/catalogue.ts';
import { dagger, type Matrix } from '../gates/matrix.ts';
import { bitName, classicalRegisters, registerOf, type ClassicalRegister } from './classical-registers.ts';
import { eulerAngles, sqrt2x2, twoLevelSteps } from './decompose.ts';
import { DEFINITIONS } from './definitions.ts';
import { exprFromParam, num, printExpr, simplify, substitute, type Expr } from './expression.ts';
import { ANGLE_GATES, CONTROLLED_FORMS, QELIB1_GATES } from './standard-gates.ts';

export interface QasmExportOptions {
  /** Bind free parameters to numbers before writing (OpenQASM 2 has no free parameters). */
  readonly params?: ParamBindings;
  /** Refuse when decompositions would write more gate applications than this (default 1,000,000). */
  readonly maxOps?: number;
}

/** A gate application in the target's vocabulary (after decomposition). */
interface Flat {
  readonly gate: string;
  readonly params: readonly Expr[];
  readonly qubits: readonly number[];
  readonly controls: readonly number[];
  readonly negControls: readonly number[];
  readonly condition: Condition | undefined;
}

const DEFINITION_ORDER = ['rzx', 'ecr', 'iswap', 'rxx', 'ryy', 'rzz', 'ccz', 'rccx', 'rc3x'];
const DEFINITION_NEEDS: Readonly<Record<string, readonly string[]>> = { ecr: ['rzx'] };
const QUBIT_NAMES = ['a', 'b', 'c', 'd'];

/**
 * OpenQASM 3 spelling of catalogue gates: the stdgates.inc name plus modifiers.
 * Exact including global phase (stdgates' u2/u3 carry a phase, so we write U instead).
 */
const SPELLING_3: Readonly<Record<string, { name: string; ctrl?: number; inv?: boolean }>> = {
  u: { name: 'U' }, u3: { name: 'U' }, u2: { name: 'U' }, u0: { name: 'id' }, sxdg: { name: 'sx', inv: true }, cu1: { name: 'cp' },
  cu3: { name: 'U', ctrl: 1 }, csx: { name: 'sx', ctrl: 1 }, ccz: { name: 'z', ctrl: 2 }, c3x: { name: 'x', ctrl: 3 },
  c3sqrtx: { name: 'sx', ctrl: 3 }, c4x: { name: 'x', ctrl: 4 },
};
const QASM3_RESERVED = [
  'OPENQASM', 'include', 'input', 'output', 'qubit', 'bit', 'qreg', 'creg', 'gate', 'opaque', 'measure', 'reset', 'barrier', 'if', 'else',
  'for', 'while', 'in', 'let', 'const', 'def', 'return', 'box', 'ctrl', 'negctrl', 'inv', 'pow', 'gphase', 'U', 'CX', 'float', 'angle',
  'int', 'uint', 'bool', 'complex', 'duration', 'stretch', 'pi', 'tau', 'euler', 'true', 'false', 'delay', 'end', 'break', 'continue',
  'extern', 'defcal', 'cal', 'q', 'e', 'sin', 'cos', 'tan', 'exp', 'ln', 'log', 'sqrt', 'arcsin', 'arccos', 'arctan',
];
const STDGATES_3 = new Set(['p', 'x', 'y', 'z', 'h', 's', 'sdg', 't', 'tdg', 'sx', 'rx', 'ry', 'rz', 'cx', 'cy', 'cz', 'cp', 'crx', 'cry', 'crz', 'ch', 'swap', 'ccx', 'cswap', 'cu', 'id', 'u1', 'gphase']);

/** Writes OpenQASM 3 (stdgates.inc, modifiers, `input float[64]` for free parameters). */
export function toQasm3(circuit: Circuit, options: QasmExportOptions = {}): string {
  assertCircuit(circuit, 'toQasm3');
  const registers = classicalRegisters(circuit, false, 'OpenQASM 3');
  // Parameters named like a keyword or one of our registers are written as param_<name>.
  const taken = new Set([...QASM3_RESERVED, ...registers.map((r) => r.name)]);
  const renames = new Map(circuit.parameters().filter((p) => taken.has(p)).map((p) => [p, { k: 'sym', name: `param_${p}` } as Expr]));
  const writer = new Writer(options, renames);
  const body: string[] = [];
  circuit.ops.forEach((op, index) => {
    for (const line of writer.lines3(op, index, registers)) body.push(line);
  });
  const free = options.params ? [] : circuit.parameters();
  const defs = writer.definitions(3);
  return [
    'OPENQASM 3.0;',
    'include "stdgates.inc";',
    `// Written by Superpose. Bit order: ${BIT_ORDER_NOTE} (as in Qiskit). Angles in radians.`,
    ...free.map((p) => `input float[64] ${renames.has(p) ? `param_${p}` : p};`),
    ...defs,
    ...(circuit.numQubits > 0 ? [`qubit[${circuit.numQubits}] q;`] : []),
    ...registers.map((r) => `bit[${r.size}] ${r.name};`),
    ...body,
    '',
  ].join('\n');
}

/** Writes OpenQASM 2.0 with qelib1.inc; gates it lacks are defined or decomposed exactly. */
export function toQasm2(circuit: Circuit, options: QasmExportOptions = {}): string {
  assertCircuit(circuit, 'toQasm2');
  const free = circuit.parameters().filter((p) => typeof options.params?.[p] !== 'number');
  if (free.length > 0) {
    fail('unbound-parameter', `OpenQASM 2 has no free parameters: bind ${free.join(', ')} first`, {
      hint: `pass values for ${free.join(', ')}, or export OpenQASM 3 (input float[64] ${free[0]};)`,
    });
  }
  const registers = classicalRegisters(circuit, true, 'OpenQASM 2');
  const writer = new Writer(options);
  const body: string[] = [];
  circuit.ops.forEach((op, index) => {
    for (const line of writer.lines2(op, index, registers)) body.push(line);
  });
  const defs = writer.definitions(2);
  return [
    'OPENQASM 2.0;',
    'include "qelib1.inc";',
    `// Written by Superpose. Bit order: ${BIT_ORDER_NOTE} (as in Qiskit). Angles in radians.`,
    ...defs,
    ...(circuit.numQubits > 0 ? [`qreg q[${circuit.numQubits}];`] : []),
    ...registers.map((r) => `creg ${r.name}[${r.size}];`),
    ...body,
    '',
  ].join('\n');
}

class Writer {
  private readonly needed = new Set<string>();
  private count = 0;
  private readonly maxOps: number;

  constructor(private readonly options: QasmExportOptions, private readonly renames: ReadonlyMap<string, Expr> = new Map()) {
    this.maxOps = options.maxOps ?? 1_000_000;
  }

  private param(value: number | string, where: string): Expr {
    if (this.options.params && typeof value === 'string') return num(evaluateParam(value, this.options.params, where));
    const e = exprFromParam(value, where);
    return this.renames.size ? substitute(e, this.renames) : e;
  }

  private tick(index: number): void {
    if (++this.count > this.maxOps) {
      fail('too-large', `op ${index} decomposes into more than ${this.maxOps.toLocaleString('en')} gate applications`, { where: `op ${index}` });
    }
  }

  definitions(version: 2 | 3): string[] {
    const all = new Set<string>();
    const add = (name: string) => {
      for (const dep of DEFINITION_NEEDS[name] ?? []) add(dep);
      all.add(name);
    };
    for (const name of this.needed) add(name);
    return DEFINITION_ORDER.filter((name) => all.has(name)).map((name) => {
      const def = DEFINITIONS[name]!;
      const qubits = QUBIT_NAMES.slice(0, def.qubits);
      const steps = def.steps(def.params.map((p) => ({ k: 'sym', name: p }) as Expr));
      const dialect = version === 2 ? 'qasm2' : 'qasm3';
      const body = steps.map((s) => `${s.gate}${s.params.length ? `(${s.params.map((p) => printExpr(simplify(p), dialect)).join(', ')})` : ''} ${s.qubits.map((q) => qubits[q]).join(', ')};`);
      const head = `gate ${name}${def.params.length ? `(${def.params.join(', ')})` : ''} ${qubits.join(', ')}`;
      return `${head} { ${body.join(' ')} }`;
    });
  }

  // ------------------------------------------------------------ OpenQASM 3

  lines3(op: Op, index: number, registers: readonly ClassicalRegister[]): string[] {
    const where = `op ${index}`;
    const prefix = (c: Condition | undefined) => (c ? `if (${condition3(c, registers)}) ` : '');
    switch (op.kind) {
      case 'measure':
        this.tick(index);
        return [`${prefix(op.condition)}${bitName(op.clbit, registers)} = measure q[${op.qubit}];`];
      case 'reset':
        this.tick(index);
        return [`${prefix(op.condition)}reset q[${op.qubit}];`];
      case 'barrier':
        this.tick(index);
        return [`barrier ${op.qubits.map((q) => `q[${q}]`).join(', ')};`];
      case 'gate':
        if (!op.controls && !op.negControls && op.gate !== 'unitary' && STDGATES_3.has(op.gate)) {
          // The common case, written directly.
          this.tick(index);
          const args = op.params ? `(${op.params.map((p, i) => printExpr(simplify(this.param(p, `${where} param ${i}`)), 'qasm3')).join(', ')})` : '';
          return [`${prefix(op.condition)}${op.gate}${args}${op.qubits.length ? ' ' : ''}${op.qubits.map((q) => `q[${q}]`).join(', ')};`];
        }
        return this.flatten3(op, index).map((f) => {
          this.tick(index);
          return `${prefix(f.condition)}${this.call3(f, where)}`;
        });
    }
  }

  private flatten3(op: GateOp, index: number): Flat[] {
    const base = { controls: op.controls ?? [], negControls: op.negControls ?? [], condition: op.condition };
    if (op.gate !== 'unitary') {
      return [{ ...base, gate: op.gate, params: (op.params ?? []).map((p, i) => this.param(p, `op ${index} param ${i}`)), qubits: op.qubits }];
    }
    const m = matrixFromEntries(op.matrix!);
    if (op.qubits.length === 1) return oneQubitU(m, op.qubits[0]!, base.controls, base.negControls, base.condition);
    return twoLevelSteps(m, op.qubits.length).flatMap((step) => {
      const controls = [...base.controls, ...step.controls.filter((c) => c.value === 1).map((c) => op.qubits[c.qubit]!)];
      const negControls = [...base.negControls, ...step.controls.filter((c) => c.value === 0).map((c) => op.qubits[c.qubit]!)];
      const target = op.qubits[step.target]!;
      if (step.kind === 'x') return [{ gate: 'x', params: [], qubits: [target], controls, negControls, condition: base.condition }];
      return oneQubitU(step.matrix, target, controls, negControls, base.condition);
    });
  }

  private call3(f: Flat, where: string): string {
    const spelling = SPELLING_3[f.gate] ?? { name: f.gate };
    if (!STDGATES_3.has(spelling.name) && spelling.name !== 'U') {
      if (!DEFINITIONS[spelling.name]) fail('internal', `no OpenQASM 3 spelling for ${f.gate}`, { where });
      this.needed.add(spelling.name);
    }
    let params = f.params;
    if (f.gate === 'u2') params = [num(Math.PI / 2), ...params];
    if (f.gate === 'u0') params = [];
    const mods: string[] = [];
    if (f.negControls.length) mods.push(f.negControls.length === 1 ? 'negctrl @ ' : `negctrl(${f.negControls.length}) @ `);
    if (f.controls.length) mods.push(f.controls.length === 1 ? 'ctrl @ ' : `ctrl(${f.controls.length}) @ `);
    if (spelling.ctrl) mods.push(spelling.ctrl === 1 ? 'ctrl @ ' : `ctrl(${spelling.ctrl}) @ `);
    if (spelling.inv) mods.push('inv @ ');
    const qubits = [...f.negControls, ...f.controls, ...f.qubits];
    const args = params.length ? `(${params.map((p) => printExpr(simplify(p), 'qasm3')).join(', ')})` : '';
    return `${mods.join('')}${spelling.name}${args}${qubits.length ? ' ' : ''}${qubits.map((q) => `q[${q}]`).join(', ')};`;
  }

  // ------------------------------------------------------------ OpenQASM 2

  lines2(op: Op, index: number, registers: readonly ClassicalRegister[]): string[] {
    const prefix = (c: Condition | undefined) => {
      if (!c) return '';
      const r = registerOf(c, registers)!;
      return `if(${r.name}==${c.value}) `;
    };
    switch (op.kind) {
      case 'measure':
        this.tick(index);
        return [`${prefix(op.condition)}measure q[${op.qubit}] -> ${bitName(op.clbit, registers)};`];
      case 'reset':
        this.tick(index);
        return [`${prefix(op.condition)}reset q[${op.qubit}];`];
      case 'barrier':
        this.tick(index);
        return op.qubits.length ? [`barrier ${op.qubits.map((q) => `q[${q}]`).join(', ')};`] : [];
      case 'gate': {
        const out: Flat[] = [];
        const lower = new Lowering2(this, index, op.condition, out);
        const flats = this.flatten3(op, index);
        for (const f of flats) lower.withNegControls(f);
        return out.map((f) => {
          if (!QELIB1_GATES.has(f.gate)) this.needed.add(f.gate);
          // The 2017 qelib1.inc has u3/u1/cu1 but not u/p/cp: write the portable names (same matrices).
          const name = ({ u: 'u3', p: 'u1', cp: 'cu1' } as Record<string, string>)[f.gate] ?? f.gate;
          const args = f.params.length ? `(${f.params.map((p) => printExpr(simplify(p), 'qasm2')).join(', ')})` : '';
          return `${prefix(f.condition)}${name}${args} ${f.qubits.map((q) => `q[${q}]`).join(', ')};`;
        });
      }
    }
  }

  countOne(index: number): void {
    this.tick(index);
  }
}

/** e^{iα}U(θ, φ, λ) for a 2×2 matrix: U plus a (controlled) global phase. */
function oneQubitU(m: Matrix, target: number, controls: readonly number[], negControls: readonly number[], condition: Condition | undefined): Flat[] {
  const e = eulerAngles(m);
  const out: Flat[] = [{ gate: 'u', params: [num(e.theta), num(e.phi), num(e.lambda)], qubits: [target], controls, negControls, condition }];
  if (Math.abs(e.alpha) > 0) out.push({ gate: 'gphase', params: [num(e.alpha)], qubits: [], controls, negControls, condition });
  return out;
}

/** Single-qubit target of a multi-controlled gate: a catalogue gate or a numeric matrix. */
type Target = { readonly gate: string; readonly params: readonly Expr[] } | { readonly matrix: Matrix };

const SINGLE_CONTROLLED: Readonly<Record<string, string>> = { x: 'cx', y: 'cy', z: 'cz', h: 'ch', sx: 'csx', p: 'cu1', u1: 'cu1', rx: 'crx', ry: 'cry', rz: 'crz', u: 'cu3', u3: 'cu3' };
const PHASES: Readonly<Record<string, number>> = { s: Math.PI / 2, sdg: -Math.PI / 2, t: Math.PI / 4, tdg: -Math.PI / 4, z: Math.PI };

/** Rewrites gates with controls into qelib1 gates: negative controls by X conjugation, many controls by Barenco et al.'s Lemma 7.9. */
class Lowering2 {
  constructor(private readonly writer: Writer, private readonly index: number, private readonly condition: Condition | undefined, private readonly out: Flat[]) {}

  private push(gate: string, params: readonly Expr[], qubits: readonly number[]): void {
    this.writer.countOne(this.index);
    this.out.push({ gate, params, qubits, controls: [], negControls: [], condition: this.condition });
  }

  withNegControls(f: Flat): void {
    for (const q of f.negControls) this.push('x', [], [q]);
    this.gate(f.gate, f.params, f.qubits, [...f.negControls, ...f.controls]);
    for (const q of f.negControls) this.push('x', [], [q]);
  }

  gate(gate: string, params: readonly Expr[], qubits: readonly number[], controls: readonly number[]): void {
    if (gate === 'gphase') {
      // A global phase is unobservable; under controls it is a phase on the controls.
      if (controls.length > 0) this.target({ gate: 'p', params }, controls[controls.length - 1]!, controls.slice(0, -1));
      return;
    }
    if (controls.length === 0) {
      if (gate === 'u0') return this.push('id', [], qubits);
      if (gate === 'u2' || QELIB1_GATES.has(gate) || DEFINITIONS[gate]) return this.push(gate, params, qubits);
      return fail('internal', `no OpenQASM 2 spelling for ${gate}`);
    }
    const form = CONTROLLED_FORMS[gate];
    if (form && form.base !== 'swap') {
      return this.gate(form.base, params, qubits.slice(form.controls), [...controls, ...qubits.slice(0, form.controls)]);
    }
    if (gate === 'cswap') return this.gate('swap', [], qubits.slice(1), [...controls, qubits[0]!]);
    if (gate === 'swap') {
      if (controls.length === 1) return this.push('cswap', [], [controls[0]!, ...qubits]);
      const [a, b] = qubits as [number, number];
      this.push('cx', [], [b, a]);
      this.target({ gate: 'x', params: [] }, b, [...controls, a]);
      this.push('cx', [], [b, a]);
      return;
    }
    if (gateDefinition(gate)?.numQubits === 1) return this.target({ gate, params }, qubits[0]!, controls);
    const def = DEFINITIONS[gate];
    if (!def) return fail('internal', `cannot control ${gate} in OpenQASM 2`);
    for (const step of def.steps(params)) this.gate(step.gate, step.params, step.qubits.map((i) => qubits[i]!), controls);
  }

  /** C^k(target) on qubit t with positive controls. */
  target(target: Target, t: number, controls: readonly number[]): void {
    const k = controls.length;
    if ('gate' in target && (target.gate === 'id' || target.gate === 'u0')) return;
    if (k === 0) {
      if ('matrix' in target) {
        const e = eulerAngles(target.matrix);
        return this.push('u3', [num(e.theta), num(e.phi), num(e.lambda)], [t]);
      }
      return this.push(target.gate, target.params, [t]);
    }
    if ('gate' in target) {
      const g = target.gate;
      if (k === 1) {
        if (SINGLE_CONTROLLED[g]) return this.push(SINGLE_CONTROLLED[g]!, target.params, [controls[0]!, t]);
        if (PHASES[g] !== undefined && g !== 'z') return this.push('cu1', [num(PHASES[g]!)], [controls[0]!, t]);
        if (g === 'u2') return this.push('cu3', [num(Math.PI / 2), ...target.params], [controls[0]!, t]);
      }
      if (g === 'x' && k <= 4) return this.push(['cx', 'ccx', 'c3x', 'c4x'][k - 1]!, [], [...controls, t]);
      if (g === 'sx' && k === 3) return this.push('c3sqrtx', [], [...controls, t]);
      if (g === 'z' && k === 2) {
        this.push('h', [], [t]);
        this.push('ccx', [], [...controls, t]);
        this.push('h', [], [t]);
        return;
      }
    }
    if (k === 1) {
      // Any one-qubit U = e^{iα}U3(θ, φ, λ): controlled U3, then the phase on the control.
      const e = eulerAngles(this.matrixOf(target));
      this.push('cu3', [num(e.theta), num(e.phi), num(e.lambda)], [controls[0]!, t]);
      if (Math.abs(e.alpha) > 0) this.push('u1', [num(e.alpha)], [controls[0]!]);
      return;
    }
    // C^k(U) = C(V)[c_k] · C^{k−1}X[→c_k] · C(V†)[c_k] · C^{k−1}X[→c_k] · C^{k−1}(V), V² = U (time order).
    const v = this.sqrt(target);
    const last = controls[k - 1]!;
    const rest = controls.slice(0, k - 1);
    this.target(v, t, [last]);
    this.target({ gate: 'x', params: [] }, last, rest);
    this.target(this.adjoint(v), t, [last]);
    this.target({ gate: 'x', params: [] }, last, rest);
    this.target(v, t, rest);
  }

  private sqrt(target: Target): Target {
    if ('gate' in target) {
      const half = (e: Expr): Expr => ({ k: 'bin', op: '/', a: e, b: num(2) });
      if (ANGLE_GATES.has(target.gate)) return { gate: target.gate, params: [half(target.params[0]!)] };
      const known: Record<string, Target> = { x: { gate: 'sx', params: [] }, z: { gate: 's', params: [] }, s: { gate: 't', params: [] }, sdg: { gate: 'tdg', params: [] } };
      if (known[target.gate]) return known[target.gate]!;
      if (target.gate === 't' || target.gate === 'tdg') return { gate: 'p', params: [num((target.gate === 't' ? 1 : -1) * Math.PI / 8)] };
    }
    return { matrix: sqrt2x2(this.matrixOf(target)) };
  }

  private adjoint(target: Target): Target {
    if ('gate' in target) {
      if (ANGLE_GATES.has(target.gate)) return { gate: target.gate, params: [{ k: 'neg', a: target.params[0]! }] };
      const pairs: Record<string, string> = { s: 'sdg', sdg: 's', t: 'tdg', tdg: 't', sx: 'sxdg', sxdg: 'sx', x: 'x' };
      if (pairs[target.gate]) return { gate: pairs[target.gate]!, params: [] };
    }
    return { matrix: dagger(this.matrixOf(target)) };
  }

  private matrixOf(target: Target): Matrix {
    if ('matrix' in target) return target.matrix;
    const values = target.params.map((p) => {
      const s = simplify(p);
      if (s.k !== 'num') fail('invalid-circuit', `op ${this.index}: ${target.gate} with the symbolic parameter ${printExpr(s, 'param')} under several controls cannot be written in OpenQASM 2`, { hint: 'bind the parameters first, or export OpenQASM 3 (it has ctrl @)' });
      return s.v;
    });
    return fullMatrix(gateDefinition(target.gate)!, values);
  }
}

function condition3(c: Condition, registers: readonly ClassicalRegister[]): string {
  if (c.clbits.length === 1) return `${bitName(c.clbits[0]!, registers)} == ${c.value}`;
  const r = registerOf(c, registers)!;
  return `${r.name} == ${c.value}`;
}
