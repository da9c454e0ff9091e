import { fail } from '../errors.ts';
import { gateDefinition } from '../gates/catalogue.ts';
import { unitarityError, type Matrix } from '../gates/matrix.ts';
import { parseJsonText } from '../json-text.ts';
import { paramSymbols, validateParam, type ParamValue } from './params.ts';

/** Operations act when the classical bits `clbits` (bit 0 first) read as the integer `value`. */
export interface Condition {
  readonly clbits: readonly number[];
  readonly value: number;
}

/** A complex matrix entry in JSON: a real number or [re, im]. */
export type ComplexEntry = number | readonly [number, number];

export interface GateOp {
  readonly kind: 'gate';
  /** Catalogue name (`h`, `cx`, `rzz`…) or `unitary` for a custom matrix. */
  readonly gate: string;
  /** The gate's own qubits, built-in controls first (cx: [control, target]). */
  readonly qubits: readonly number[];
  readonly params?: readonly ParamValue[];
  /** Extra controls: the gate acts when these qubits are |1⟩. */
  readonly controls?: readonly number[];
  /** Extra negative controls: the gate acts when these qubits are |0⟩. */
  readonly negControls?: readonly number[];
  /** For `unitary`: rows of a 2^k × 2^k unitary, bit j of an index = qubits[j]. */
  readonly matrix?: readonly (readonly ComplexEntry[])[];
  readonly condition?: Condition;
}

export interface MeasureOp {
  readonly kind: 'measure';
  readonly qubit: number;
  readonly clbit: number;
  readonly condition?: Condition;
}

export interface ResetOp {
  readonly kind: 'reset';
  readonly qubit: number;
  readonly condition?: Condition;
}

export interface BarrierOp {
  readonly kind: 'barrier';
  readonly qubits: readonly number[];
}

export type Op = GateOp | MeasureOp | ResetOp | BarrierOp;

export interface CircuitJSON {
  readonly format?: 'superpose-circuit';
  readonly version?: 1;
  readonly numQubits: number;
  readonly numClbits?: number;
  readonly ops: readonly Op[];
}

/** Circuits larger than this are refused by the IR itself: no simulator could hold them. */
export const MAX_CIRCUIT_QUBITS = 1024;
const UNITARY_TOLERANCE = 1e-10;

/** Options when appending a gate by name. */
export interface GateOptions {
  params?: readonly ParamValue[];
  controls?: readonly number[];
  negControls?: readonly number[];
  condition?: Condition;
  matrix?: readonly (readonly ComplexEntry[])[];
}

/**
 * An immutable circuit: every edit returns a new Circuit sharing the unchanged ops.
 * Ops are frozen after validation, so a Circuit can be cached and compared by identity.
 */
/** For entry points a plain-JavaScript caller (a notebook) may hand anything: a Circuit, or a clear error. */
export function assertCircuit(value: unknown, where: string): asserts value is Circuit {
  if (!(value instanceof Circuit)) {
    fail('invalid-argument', `${where} takes a Circuit, got ${value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value}`, { hint: 'Circuit.fromJSON(json) or fromQasm(text) makes one' });
  }
}

export class Circuit {
  readonly numQubits: number;
  readonly numClbits: number;
  readonly ops: readonly Op[];

  private constructor(numQubits: number, numClbits: number, ops: readonly Op[]) {
    this.numQubits = numQubits;
    this.numClbits = numClbits;
    this.ops = Object.freeze(ops);
  }

  static create(numQubits: number, numClbits = 0): Circuit {
    checkRegisterSize(numQubits, 'numQubits', 'qubits');
    checkRegisterSize(numClbits, 'numClbits', 'classical bits');
    return new Circuit(numQubits, numClbits, []);
  }

  /** Builds a circuit from a list of ops, validating each one. */
  static fromOps(numQubits: number, numClbits: number, ops: readonly unknown[]): Circuit {
    const empty = Circuit.create(numQubits, numClbits);
    return new Circuit(numQubits, numClbits, ops.map((op, i) => normaliseOp(op, empty, `op ${i}`)));
  }

  /** Parses and validates a circuit in Superpose JSON (an object or a JSON string). */
  static fromJSON(input: unknown): Circuit {
    let value = input;
    if (typeof input === 'string') {
      value = parseJsonText(input, 'the circuit', 'a circuit file is {"numQubits": 2, "ops": [{"kind": "gate", "gate": "h", "qubits": [0]}]}');
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      fail('invalid-circuit', 'a circuit must be a JSON object', { where: 'circuit', hint: 'expected {"numQubits": n, "ops": [...]}' });
    }
    const obj = value as Record<string, unknown>;
    if (!('numQubits' in obj)) fail('invalid-circuit', 'missing "numQubits"', { where: 'circuit' });
    if (!Array.isArray(obj.ops)) fail('invalid-circuit', '"ops" must be an array', { where: 'circuit.ops' });
    const numClbits = obj.numClbits === undefined ? 0 : obj.numClbits;
    return Circuit.fromOps(obj.numQubits as number, numClbits as number, obj.ops as unknown[]);
  }

  toJSON(): CircuitJSON {
    return { format: 'superpose-circuit', version: 1, numQubits: this.numQubits, numClbits: this.numClbits, ops: this.ops };
  }

  /** Appends a gate by name: `append('cx', [0, 1])`, `append('rz', [2], { params: ['2*gamma'] })`. */
  append(gate: string, qubits: readonly number[], given: GateOptions = {}): Circuit {
    const options = given ?? {};
    const op: GateOp = {
      kind: 'gate',
      gate,
      qubits,
      ...(options.params && options.params.length > 0 ? { params: options.params } : {}),
      ...(options.controls && options.controls.length > 0 ? { controls: options.controls } : {}),
      ...(options.negControls && options.negControls.length > 0 ? { negControls: options.negControls } : {}),
      ...(options.matrix ? { matrix: options.matrix } : {}),
      ...(options.condition ? { condition: options.condition } : {}),
    };
    return this.withOp(op);
  }

  measure(qubit: number, clbit: number, condition?: Condition): Circuit {
    return this.withOp({ kind: 'measure', qubit, clbit, ...(condition ? { condition } : {}) });
  }

  /** Measures qubit i into classical bit i for every qubit (needs numClbits ≥ numQubits). */
  measureAll(): Circuit {
    const ops: Op[] = [];
    for (let q = 0; q < this.numQubits; q++) ops.push({ kind: 'measure', qubit: q, clbit: q });
    return this.withOps(ops);
  }

  reset(qubit: number, condition?: Condition): Circuit {
    return this.withOp({ kind: 'reset', qubit, ...(condition ? { condition } : {}) });
  }

  barrier(qubits?: readonly number[]): Circuit {
    return this.withOp({ kind: 'barrier', qubits: qubits ?? Array.from({ length: this.numQubits }, (_, i) => i) });
  }

  withOp(op: Op): Circuit {
    return this.withOps([op]);
  }

  withOps(ops: readonly Op[]): Circuit {
    const start = this.ops.length;
    const added = ops.map((op, i) => normaliseOp(op, this, `op ${start + i}`));
    return new Circuit(this.numQubits, this.numClbits, [...this.ops, ...added]);
  }

  withOpAt(index: number, op: Op): Circuit {
    checkIndex(index, this.ops.length + 1, 'insert position');
    const ops = [...this.ops];
    ops.splice(index, 0, normaliseOp(op, this, `op ${index}`));
    return new Circuit(this.numQubits, this.numClbits, ops);
  }

  withReplacedOp(index: number, op: Op): Circuit {
    checkIndex(index, this.ops.length, 'op index');
    const ops = [...this.ops];
    ops[index] = normaliseOp(op, this, `op ${index}`);
    return new Circuit(this.numQubits, this.numClbits, ops);
  }

  withoutOp(index: number): Circuit {
    checkIndex(index, this.ops.length, 'op index');
    return new Circuit(this.numQubits, this.numClbits, this.ops.filter((_, i) => i !== index));
  }

  /** The first `count` ops (for stepping through a circuit). */
  prefix(count: number): Circuit {
    return new Circuit(this.numQubits, this.numClbits, this.ops.slice(0, Math.max(0, Math.min(count, this.ops.length))));
  }

  /** Same ops on a register resized to `numQubits` (refused if an op would fall outside). */
  withNumQubits(numQubits: number, numClbits = this.numClbits): Circuit {
    return Circuit.fromOps(numQubits, numClbits, this.ops);
  }

  /** Names of the free parameters, sorted. */
  parameters(): string[] {
    const names = new Set<string>();
    for (const op of this.ops) {
      if (op.kind === 'gate') for (const p of op.params ?? []) for (const s of paramSymbols(p)) names.add(s);
    }
    return [...names].sort();
  }
}

function checkRegisterSize(value: unknown, field: string, what: string): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    fail('invalid-circuit', `${field} must be a whole number ≥ 0, got ${JSON.stringify(value)}`, { where: 'circuit' });
  }
  if (value > MAX_CIRCUIT_QUBITS) {
    fail('too-large', `${value} ${what} is more than Superpose accepts (${MAX_CIRCUIT_QUBITS})`, {
      where: 'circuit',
      hint: 'a state vector of n qubits needs 16·2^n bytes; 30 qubits already need 16 GiB',
    });
  }
}

function checkIndex(index: number, size: number, what: string): void {
  if (!Number.isInteger(index) || index < 0 || index >= size) {
    fail('invalid-argument', `${what} ${index} is out of range 0..${size - 1}`);
  }
}

function checkQubit(value: unknown, circuit: Circuit, where: string, role: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    fail('invalid-op', `${role} must be a whole number, got ${JSON.stringify(value)}`, { where });
  }
  if (value < 0 || value >= circuit.numQubits) {
    fail('invalid-op', `${role} ${value} is out of range: the circuit has ${circuit.numQubits} qubit${circuit.numQubits === 1 ? '' : 's'} (0..${circuit.numQubits - 1})`, {
      where,
      hint: 'add qubits to the circuit or pick another qubit',
    });
  }
  return value;
}

function checkClbit(value: unknown, circuit: Circuit, where: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value >= circuit.numClbits) {
    fail('invalid-op', `classical bit ${JSON.stringify(value)} is out of range: the circuit has ${circuit.numClbits} classical bit${circuit.numClbits === 1 ? '' : 's'}`, {
      where,
      hint: 'create the circuit with more classical bits (numClbits)',
    });
  }
  return value;
}

function qubitList(value: unknown, circuit: Circuit, where: string, role: string): number[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) fail('invalid-op', `${role} must be an array of qubit indices`, { where });
  return value.map((q, i) => checkQubit(q, circuit, where, `${role}[${i}]`));
}

function normaliseCondition(value: unknown, circuit: Circuit, where: string): Condition | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null) fail('invalid-op', 'condition must be {"clbits": [...], "value": n}', { where });
  const c = value as Record<string, unknown>;
  if (!Array.isArray(c.clbits) || c.clbits.length === 0) fail('invalid-op', 'condition.clbits must be a non-empty array', { where });
  const clbits = c.clbits.map((b) => checkClbit(b, circuit, `${where} condition`));
  if (clbits.length > 30) fail('invalid-op', 'a condition may read at most 30 classical bits', { where });
  const v = c.value;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v >= 2 ** clbits.length) {
    fail('invalid-op', `condition.value ${JSON.stringify(v)} must be a whole number in 0..${2 ** clbits.length - 1}`, { where });
  }
  return Object.freeze({ clbits: Object.freeze(clbits), value: v });
}

function normaliseMatrix(value: unknown, numQubits: number, where: string): ComplexEntry[][] {
  const d = 2 ** numQubits;
  if (!Array.isArray(value) || value.length !== d) {
    fail('invalid-op', `a unitary on ${numQubits} qubit${numQubits === 1 ? '' : 's'} needs a ${d}×${d} matrix`, { where });
  }
  return value.map((row, r) => {
    if (!Array.isArray(row) || row.length !== d) fail('invalid-op', `matrix row ${r} must have ${d} entries`, { where });
    return row.map((entry, c) => {
      const ok = (x: unknown) => typeof x === 'number' && Number.isFinite(x);
      if (ok(entry)) return entry as number;
      if (Array.isArray(entry) && entry.length === 2 && ok(entry[0]) && ok(entry[1])) return [entry[0], entry[1]] as const;
      return fail('invalid-op', `matrix entry [${r}][${c}] must be a finite number or [re, im]`, { where });
    });
  });
}

export function matrixFromEntries(rows: readonly (readonly ComplexEntry[])[]): Matrix {
  const d = rows.length;
  const m = new Float64Array(2 * d * d);
  rows.forEach((row, r) =>
    row.forEach((entry, c) => {
      m[2 * (r * d + c)] = typeof entry === 'number' ? entry : entry[0];
      m[2 * (r * d + c) + 1] = typeof entry === 'number' ? 0 : entry[1];
    }),
  );
  return m;
}

function normaliseOp(input: unknown, circuit: Circuit, where: string): Op {
  if (typeof input !== 'object' || input === null) fail('invalid-op', 'an op must be an object', { where });
  const raw = input as Record<string, unknown>;
  const kind = raw.kind ?? (typeof raw.gate === 'string' ? 'gate' : undefined);
  switch (kind) {
    case 'measure': {
      const qubit = checkQubit(raw.qubit, circuit, where, 'qubit');
      const clbit = checkClbit(raw.clbit, circuit, where);
      const condition = normaliseCondition(raw.condition, circuit, where);
      return Object.freeze({ kind: 'measure', qubit, clbit, ...(condition ? { condition } : {}) });
    }
    case 'reset': {
      const qubit = checkQubit(raw.qubit, circuit, where, 'qubit');
      const condition = normaliseCondition(raw.condition, circuit, where);
      return Object.freeze({ kind: 'reset', qubit, ...(condition ? { condition } : {}) });
    }
    case 'barrier': {
      const qubits = qubitList(raw.qubits ?? [], circuit, where, 'qubits');
      return Object.freeze({ kind: 'barrier', qubits: Object.freeze(qubits) });
    }
    case 'gate':
      return normaliseGate(raw, circuit, where);
    default:
      return fail('invalid-op', `unknown op kind ${JSON.stringify(kind)}`, { where, hint: 'kind is one of gate, measure, reset, barrier' });
  }
}

function normaliseGate(raw: Record<string, unknown>, circuit: Circuit, where: string): GateOp {
  const name = raw.gate;
  if (typeof name !== 'string') fail('invalid-op', 'gate name must be a string', { where });
  const qubits = qubitList(raw.qubits, circuit, where, 'qubits');
  const controls = qubitList(raw.controls, circuit, where, 'controls');
  const negControls = qubitList(raw.negControls, circuit, where, 'negControls');
  const rawParams = raw.params === undefined ? [] : raw.params;
  if (!Array.isArray(rawParams)) fail('invalid-op', 'params must be an array', { where });
  const params = rawParams.map((p, i) => validateParam(p, `${where} (${name}) param ${i}`));
  const label = `${where} (${name})`;

  let matrix: ComplexEntry[][] | undefined;
  if (name === 'unitary') {
    if (qubits.length === 0) fail('invalid-op', 'a unitary needs at least one qubit', { where: label });
    if (qubits.length > 10) fail('invalid-op', `a custom unitary may act on at most 10 qubits, got ${qubits.length}`, { where: label });
    if (params.length > 0) fail('invalid-op', 'a unitary takes no params', { where: label });
    matrix = normaliseMatrix(raw.matrix, qubits.length, label);
    const error = unitarityError(matrixFromEntries(matrix));
    if (!(error <= UNITARY_TOLERANCE)) {
      fail('non-unitary', `the matrix is not unitary: max |U†U − I| = ${error.toExponential(2)} (tolerance ${UNITARY_TOLERANCE})`, {
        where: label,
        hint: 'check the entries; a unitary has orthonormal columns',
      });
    }
  } else {
    const def = gateDefinition(name);
    if (!def) {
      fail('invalid-op', `unknown gate "${name}"`, {
        where,
        hint: 'see gateNames() for the catalogue; use "unitary" with a matrix for a custom gate',
      });
    }
    if (qubits.length !== def.numQubits) {
      fail('invalid-op', `${def.name} acts on ${def.numQubits} qubit${def.numQubits === 1 ? '' : 's'}, got ${qubits.length}`, { where: label });
    }
    if (params.length !== def.numParams) {
      const names = def.paramNames.length > 0 ? ` (${def.paramNames.join(', ')})` : '';
      fail('invalid-op', `${def.name} takes ${def.numParams} parameter${def.numParams === 1 ? '' : 's'}${names}, got ${params.length}`, { where: label });
    }
    if (raw.matrix !== undefined) fail('invalid-op', `only "unitary" takes a matrix`, { where: label });
  }
  const all = [...qubits, ...controls, ...negControls];
  const seen = new Set<number>();
  for (const q of all) {
    if (seen.has(q)) {
      fail('invalid-op', `qubit ${q} appears twice in one operation`, { where: label, hint: 'targets and controls must be distinct qubits' });
    }
    seen.add(q);
  }
  if (all.length > 30) fail('invalid-op', 'an operation may touch at most 30 qubits', { where: label });
  const condition = normaliseCondition(raw.condition, circuit, label);
  const canonical = name === 'unitary' ? name : gateDefinition(name)!.name;
  const op: GateOp = {
    kind: 'gate',
    gate: canonical,
    qubits: Object.freeze(qubits),
    ...(params.length > 0 ? { params: Object.freeze(params) } : {}),
    ...(controls.length > 0 ? { controls: Object.freeze(controls) } : {}),
    ...(negControls.length > 0 ? { negControls: Object.freeze(negControls) } : {}),
    ...(matrix ? { matrix: Object.freeze(matrix.map((row) => Object.freeze(row))) } : {}),
    ...(condition ? { condition } : {}),
  };
  return Object.freeze(op);
}

