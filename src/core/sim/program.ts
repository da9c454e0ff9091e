import type { Circuit, Condition, GateOp } from '../circuit/circuit.ts';
import { matrixFromEntries } from '../circuit/circuit.ts';
import { evaluateParam, type ParamBindings } from '../circuit/params.ts';
import { gateDefinition } from '../gates/catalogue.ts';
import { controlled, embed, identity, maxDistance, multiply, type Matrix } from '../gates/matrix.ts';
import { fail } from '../errors.ts';
import { classify, type Instruction } from './instructions.ts';

/** One executable step. `ops` lists the circuit op indices it came from. */
export type Step =
  | { readonly kind: 'unitary'; readonly instr: Instruction; readonly ops: readonly number[] }
  | { readonly kind: 'conditional'; readonly condition: Condition; readonly instr: Instruction; readonly ops: readonly number[] }
  | { readonly kind: 'measure'; readonly qubit: number; readonly clbit: number; readonly condition?: Condition; readonly ops: readonly number[] }
  | { readonly kind: 'reset'; readonly qubit: number; readonly condition?: Condition; readonly ops: readonly number[] };

export interface Program {
  readonly numQubits: number;
  readonly numClbits: number;
  readonly steps: readonly Step[];
  /** Unitary passes over the state (fused blocks count once). */
  readonly passes: number;
}

export interface CompileOptions {
  readonly params?: ParamBindings;
  /** Merge adjacent gates on at most `maxFusedQubits` qubits into one pass (default true). */
  readonly fuse?: boolean;
  readonly maxFusedQubits?: number;
}

/** A gate resolved to numbers: matrix on targets plus controls. */
export interface ResolvedGate {
  readonly targets: readonly number[];
  readonly matrix: Matrix;
  readonly controls: readonly number[];
  readonly controlValues: readonly (0 | 1)[];
}

const resolvedUnitaries = new WeakMap<object, Matrix>();

/** Evaluates a gate op's parameters and splits it into target matrix and controls. */
export function resolveGate(op: GateOp, params: ParamBindings, where: string): ResolvedGate {
  let matrix: Matrix;
  let targets: readonly number[];
  const controls: number[] = [];
  const controlValues: (0 | 1)[] = [];
  if (op.gate === 'unitary') {
    let m = resolvedUnitaries.get(op.matrix!);
    if (!m) {
      m = matrixFromEntries(op.matrix!);
      resolvedUnitaries.set(op.matrix!, m);
    }
    matrix = m;
    targets = op.qubits;
  } else {
    const def = gateDefinition(op.gate);
    if (!def) return fail('invalid-op', `unknown gate "${op.gate}"`, { where });
    const values = (op.params ?? []).map((p, i) => evaluateParam(p, params, `${where} (${op.gate}) param ${i}`));
    matrix = def.target(values);
    for (let i = 0; i < def.builtInControls; i++) {
      controls.push(op.qubits[i]!);
      controlValues.push(1);
    }
    targets = op.qubits.slice(def.builtInControls);
  }
  for (const q of op.controls ?? []) {
    controls.push(q);
    controlValues.push(1);
  }
  for (const q of op.negControls ?? []) {
    controls.push(q);
    controlValues.push(0);
  }
  return { targets, matrix, controls, controlValues };
}

function controlMask(gate: ResolvedGate): { cmask: number; cval: number } {
  let cmask = 0;
  let cval = 0;
  gate.controls.forEach((q, j) => {
    cmask |= 1 << q;
    if (gate.controlValues[j] === 1) cval |= 1 << q;
  });
  return { cmask, cval };
}

export function instructionFor(gate: ResolvedGate): Instruction {
  const { cmask, cval } = controlMask(gate);
  return classify(gate.matrix, gate.targets, cmask, cval);
}

/** The full matrix of a resolved gate on the given qubit list (controls expanded). */
function fullMatrixOn(gate: ResolvedGate, qubits: readonly number[]): Matrix {
  const m = gate.controls.length > 0 ? controlled(gate.matrix, gate.controlValues) : gate.matrix;
  return embed(m, [...gate.controls, ...gate.targets], qubits);
}

interface Block {
  kind: 'block';
  qubits: number[];
  gates: ResolvedGate[]; // in application order; used while the block holds one gate
  matrix: Matrix | null; // full matrix on `qubits` once two or more gates are merged
  ops: number[];
  removed: boolean;
}

type Item = Block | { kind: 'fixed'; step: Step | null; qubits: readonly number[] };

/** Compiles a circuit with bound parameters into executable steps, fusing where allowed. */
export function compileProgram(circuit: Circuit, options: CompileOptions = {}): Program {
  const params = options.params ?? {};
  const missing = circuit.parameters().filter((name) => typeof params[name] !== 'number');
  if (missing.length > 0) {
    fail('unbound-parameter', `unbound parameter${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}`, {
      hint: `bind ${missing.map((m) => `${m}=<number>`).join(', ')} when running the circuit`,
    });
  }
  const fuse = options.fuse ?? true;
  const maxFused = options.maxFusedQubits ?? 2;
  const items: Item[] = [];
  const last = new Int32Array(circuit.numQubits).fill(-1);

  const pushItem = (item: Item, qubits: readonly number[]) => {
    items.push(item);
    for (const q of qubits) last[q] = items.length - 1;
  };

  circuit.ops.forEach((op, index) => {
    const where = `op ${index}`;
    switch (op.kind) {
      case 'barrier':
        pushItem({ kind: 'fixed', step: null, qubits: op.qubits }, op.qubits);
        return;
      case 'measure':
        pushItem({ kind: 'fixed', step: { kind: 'measure', qubit: op.qubit, clbit: op.clbit, ...(op.condition ? { condition: op.condition } : {}), ops: [index] }, qubits: [op.qubit] }, [op.qubit]);
        return;
      case 'reset':
        pushItem({ kind: 'fixed', step: { kind: 'reset', qubit: op.qubit, ...(op.condition ? { condition: op.condition } : {}), ops: [index] }, qubits: [op.qubit] }, [op.qubit]);
        return;
      case 'gate': {
        const gate = resolveGate(op, params, where);
        const involved = [...gate.controls, ...gate.targets];
        if (op.condition) {
          pushItem({ kind: 'fixed', step: { kind: 'conditional', condition: op.condition, instr: instructionFor(gate), ops: [index] }, qubits: involved }, involved);
          return;
        }
        if (gate.targets.length === 0 && gate.controls.length === 0) {
          // A bare global phase commutes with everything: keep it as its own (cheap) step.
          pushItem({ kind: 'fixed', step: { kind: 'unitary', instr: instructionFor(gate), ops: [index] }, qubits: [] }, []);
          return;
        }
        if (fuse && involved.length <= maxFused) {
          let target = -1;
          for (const q of involved) target = Math.max(target, last[q]!);
          const candidate = target >= 0 ? items[target]! : null;
          if (candidate && candidate.kind === 'block') {
            const union = [...new Set([...candidate.qubits, ...involved])].sort((a, b) => a - b);
            if (union.length <= maxFused) {
              const original = candidate.qubits;
              mergeInto(candidate, gate, union, index);
              // Absorb earlier blocks on the newly joined qubits that nothing has touched since.
              for (const q of involved) {
                if (original.includes(q)) continue;
                const previous = last[q]!;
                if (previous < 0) continue;
                const other = items[previous]!;
                if (other.kind !== 'block' || other.removed) continue;
                const absorbable = other.qubits.every((oq) => last[oq] === previous && union.includes(oq) && !original.includes(oq));
                if (absorbable) absorbEarlier(candidate, other);
              }
              for (const q of involved) last[q] = target;
              return;
            }
          }
        }
        pushItem({ kind: 'block', qubits: [...involved].sort((a, b) => a - b), gates: [gate], matrix: null, ops: [index], removed: false }, involved);
        return;
      }
    }
  });

  const steps: Step[] = [];
  let passes = 0;
  for (const item of items) {
    if (item.kind === 'fixed') {
      if (item.step) {
        steps.push(item.step);
        if (item.step.kind === 'unitary') passes++;
      }
      continue;
    }
    if (item.removed) continue;
    if (item.matrix === null) {
      steps.push({ kind: 'unitary', instr: instructionFor(item.gates[0]!), ops: item.ops });
      passes++;
      continue;
    }
    if (maxDistance(item.matrix, identity(1 << item.qubits.length)) === 0) continue; // cancelled out
    steps.push({ kind: 'unitary', instr: classify(item.matrix, item.qubits, 0, 0), ops: item.ops.sort((a, b) => a - b) });
    passes++;
  }
  return { numQubits: circuit.numQubits, numClbits: circuit.numClbits, steps, passes };
}

function blockMatrix(block: Block, qubits: readonly number[]): Matrix {
  if (block.matrix === null) return fullMatrixOn(block.gates[0]!, qubits);
  return block.qubits.length === qubits.length ? block.matrix : embed(block.matrix, block.qubits, qubits);
}

function mergeInto(block: Block, gate: ResolvedGate, union: number[], opIndex: number): void {
  const current = blockMatrix(block, union);
  block.matrix = multiply(fullMatrixOn(gate, union), current);
  block.qubits = union;
  block.ops.push(opIndex);
}

/** Folds an earlier block on disjoint qubits into `block` (they commute, and nothing lies between). */
function absorbEarlier(block: Block, earlier: Block): void {
  const current = blockMatrix(block, block.qubits);
  block.matrix = multiply(current, blockMatrix(earlier, block.qubits));
  block.ops.push(...earlier.ops);
  earlier.removed = true;
}
