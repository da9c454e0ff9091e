import type { Circuit, Condition, GateOp, Op } from '../circuit/circuit.ts';
import { matrixFromEntries } from '../circuit/circuit.ts';
import { evaluateParam, type ParamBindings } from '../circuit/params.ts';
import { gateDefinition } from '../gates/catalogue.ts';
import { controlled, diagonal as diagonalMatrix, diagonalOf, embed, isDiagonal, isIdentity, multiply, type Matrix } from '../gates/matrix.ts';
import { fail } from '../errors.ts';
import { classify, instructionCost, type Instruction } from './instructions.ts';
import { dense1Shape } from './kernels.ts';

/**
 * One executable step. `ops` lists the circuit op indices it came from. A measurement's or reset's
 * `circuitQubit` is the qubit as the circuit names it, where swaps turned into relabellings moved
 * the step onto another one (see CompileOptions.fromZeroState); records report it.
 */
export type Step =
  | { readonly kind: 'unitary'; readonly instr: Instruction; readonly ops: readonly number[] }
  | { readonly kind: 'conditional'; readonly condition: Condition; readonly instr: Instruction; readonly ops: readonly number[] }
  | { readonly kind: 'measure'; readonly qubit: number; readonly clbit: number; readonly condition?: Condition; readonly ops: readonly number[]; readonly circuitQubit?: number }
  | { readonly kind: 'reset'; readonly qubit: number; readonly condition?: Condition; readonly ops: readonly number[]; readonly circuitQubit?: number }
  | ProductStep;

/**
 * The first step of a run from |0…0⟩ whose qubits begin with one-qubit gates: the product state
 * ⊗_q v_q they prepare, written in one sweep (see applyProductState). `vectors` holds v_q as
 * (re, im) of ⟨0|v_q⟩ then ⟨1|v_q⟩ for each of `qubits` (ascending; the others stay |0⟩).
 */
export interface ProductStep {
  readonly kind: 'product';
  readonly qubits: Int32Array;
  readonly vectors: Float64Array;
  readonly ops: readonly number[];
}

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
  /** Diagonal gates merge into one table pass over up to this many qubits (default 10). */
  readonly maxDiagonalQubits?: number;
  /** Merge dense blocks only when the estimated cost does not rise (default true); false merges whenever they fit. */
  readonly costModel?: boolean;
  /**
   * The run starts from |0…0⟩: plain SWAP gates (no controls, no condition) become relabellings
   * of the other operations' qubits, moved to the start, where they act on |0…0⟩ as nothing
   * (QFT's closing swaps cost no pass); and the one-qubit gates each qubit begins with prepare a
   * product state, written in one sweep (a QAOA circuit's H layer: one pass instead of n). Off by
   * default: on another initial state both must run as gates.
   */
  readonly fromZeroState?: boolean;
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
  const own = [...gate.controls, ...gate.targets];
  // Already on exactly these qubits in this order (a gate joining a block on its own qubits): no
  // copy needed, callers only read it.
  if (own.length === qubits.length && own.every((q, j) => q === qubits[j])) return m;
  return embed(m, own, qubits);
}

interface Block {
  kind: 'block';
  qubits: number[];
  parts: ResolvedGate[]; // the merged gates in application order (a lone gate while both below are null)
  matrix: Matrix | null; // full matrix on `qubits` once two or more gates are merged densely
  diag: Float64Array | null; // diagonal on `qubits` once two or more diagonal gates are merged (null past maxDiagonal)
  phases: PhasePattern[] | null; // the parts as phase patterns while every part is one (see phaseProductOf)
  ops: number[];
  removed: boolean;
  cost: number;
}

type Item = Block | { kind: 'fixed'; step: Step | null; qubits: readonly number[] };

/**
 * Largest qubit set of a merged diagonal (before its controls are factored out): the wasm table
 * kernel's limit (WASM_MAX_TABLE_QUBITS). A 10-qubit table ran on the TypeScript kernel, 2.4×
 * slower for a 16-qubit QAOA ring than two 9-qubit wasm tables.
 */
export const DEFAULT_MAX_DIAGONAL_QUBITS = 9;

/** Compiles a circuit with bound parameters into executable steps, fusing where allowed. */
export function compileProgram(circuit: Circuit, options: CompileOptions = {}): Program {
  const params = options.params ?? {};
  if (typeof params !== 'object' || params === null || Array.isArray(params)) fail('invalid-argument', 'params must be an object of name → number', { hint: 'e.g. { "theta": 0.5 }' });
  for (const key of ['maxFusedQubits', 'maxDiagonalQubits'] as const) {
    const value = options[key];
    if (value !== undefined && !(Number.isInteger(value) && value >= 1 && value <= 30)) fail('invalid-argument', `${key} must be a whole number 1…30, got ${String(value)}`);
  }
  // A name bound to something other than a number is reported where it is used (evaluateParam).
  const missing = circuit.parameters().filter((name) => params[name] === undefined);
  if (missing.length > 0) {
    fail('unbound-parameter', `unbound parameter${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}`, {
      hint: `bind ${missing.map((m) => `${m}=<number>`).join(', ')} when running the circuit`,
    });
  }
  const fuse = options.fuse ?? true;
  const ops = options.fromZeroState ? swapsRelabelled(circuit) : circuit.ops;
  const prefix = options.fromZeroState && fuse ? productPrefix(ops, circuit.numQubits, params) : null;
  // One qubit's gates are at most one pass saved, and fusion usually saves it already.
  if (!prefix || prefix.step.qubits.length < 2) return buildProgram(circuit, ops, null, options);
  return buildWithPrefixIfFewerPasses(circuit, ops, prefix, options);
}

/**
 * Whether the product-state prefix gave fewer passes, per circuit and fusion options. The
 * product state takes a qubit's first gates away from fusion with what follows (a QFT's first H
 * from its phases), so it is kept only when the program gets fewer passes; finding out means
 * building both. Remembered per (immutable) circuit, so a sweep or a loop over one circuit builds
 * one program per call, not two.
 */
const prefixDecisions = new WeakMap<Circuit, Map<string, boolean>>();

function buildWithPrefixIfFewerPasses(circuit: Circuit, ops: readonly (Op | null)[], prefix: { step: ProductStep; absorbed: Set<number> }, options: CompileOptions): Program {
  const key = `${options.maxFusedQubits ?? ''}/${options.maxDiagonalQubits ?? ''}/${options.costModel ?? ''}`;
  let decisions = prefixDecisions.get(circuit);
  if (!decisions) prefixDecisions.set(circuit, (decisions = new Map()));
  const known = decisions.get(key);
  if (known !== undefined) return buildProgram(circuit, ops, known ? prefix : null, options);
  const names = circuit.parameters();
  if (names.length === 0) {
    const plain = buildProgram(circuit, ops, null, options);
    const withPrefix = buildProgram(circuit, ops, prefix, options);
    decisions.set(key, withPrefix.passes < plain.passes);
    return withPrefix.passes < plain.passes ? withPrefix : plain;
  }
  // With parameters, decide once on generic values (none of them makes a gate the identity or
  // diagonal), so the program stays a function of the circuit and the values bound, whatever
  // was compiled before.
  const generic: Record<string, number> = {};
  names.forEach((name, k) => (generic[name] = 0.5772156649 + 0.1 * k));
  const genericOptions = { ...options, params: generic };
  const genericPrefix = productPrefix(ops, circuit.numQubits, generic);
  const helps = genericPrefix !== null && genericPrefix.step.qubits.length >= 2
    && buildProgram(circuit, ops, genericPrefix, genericOptions).passes < buildProgram(circuit, ops, null, genericOptions).passes;
  decisions.set(key, helps);
  return buildProgram(circuit, ops, helps ? prefix : null, options);
}

function buildProgram(circuit: Circuit, ops: readonly (Op | null)[], prefix: { step: ProductStep; absorbed: Set<number> } | null, options: CompileOptions): Program {
  const params = options.params ?? {};
  const fuse = options.fuse ?? true;
  const maxFused = options.maxFusedQubits ?? 2;
  const maxDiagonal = options.maxDiagonalQubits ?? DEFAULT_MAX_DIAGONAL_QUBITS;
  const items: Item[] = [];
  const last = new Int32Array(circuit.numQubits).fill(-1);

  const pushItem = (item: Item, qubits: readonly number[]) => {
    items.push(item);
    for (const q of qubits) last[q] = items.length - 1;
  };

  if (prefix) pushItem({ kind: 'fixed', step: prefix.step, qubits: [] }, []);
  ops.forEach((op, index) => {
    if (op === null || prefix?.absorbed.has(index)) return; // a swap turned into a relabelling, or a gate of the product state
    const where = `op ${index}`;
    switch (op.kind) {
      case 'barrier':
        pushItem({ kind: 'fixed', step: null, qubits: op.qubits }, op.qubits);
        return;
      case 'measure':
      case 'reset': {
        const named = (circuit.ops[index] as typeof op).qubit; // differs from op.qubit when swaps were relabelled
        const common = { qubit: op.qubit, ...(op.condition ? { condition: op.condition } : {}), ops: [index], ...(named !== op.qubit ? { circuitQubit: named } : {}) };
        const step: Step = op.kind === 'measure' ? { kind: 'measure', clbit: op.clbit, ...common } : { kind: 'reset', ...common };
        pushItem({ kind: 'fixed', step, qubits: [op.qubit] }, [op.qubit]);
        return;
      }
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
        if (fuse) {
          let target = -1;
          for (const q of involved) target = Math.max(target, last[q]!);
          const candidate = target >= 0 ? items[target]! : null;
          if (candidate && candidate.kind === 'block' && tryMerge(candidate, target, gate, involved, index, maxFused, maxDiagonal, options.costModel ?? true, items, last)) {
            for (const q of involved) last[q] = target;
            return;
          }
        }
        pushItem(singleBlock(gate, involved, index), involved);
        return;
      }
    }
  });

  const steps: Step[] = [];
  let passes = 0;
  // The last step a diagonal block may run inside of (a fixed item in between — a barrier too — ends that).
  let lastBlockStep = -1;
  const emit = (instr: Instruction, ops: number[]) => {
    steps.push({ kind: 'unitary', instr, ops });
    passes++;
    lastBlockStep = steps.length - 1;
  };
  for (const item of items) {
    if (item.kind === 'fixed') {
      lastBlockStep = -1;
      if (item.step) {
        steps.push(item.step);
        if (item.step.kind === 'unitary' || item.step.kind === 'product') passes++;
      }
      continue;
    }
    if (item.removed) continue;
    const ops = item.ops.sort((a, b) => a - b);
    if (isMergedDiagonal(item)) {
      const instrs = diagonalBlockInstructions(item);
      const previous = lastBlockStep === steps.length - 1 ? steps[lastBlockStep] : undefined;
      const fused = previous?.kind === 'unitary' ? phasesIntoGate(previous.instr, item, instrs) : null;
      if (fused !== null) {
        steps[steps.length - 1] = { kind: 'unitary', instr: fused, ops: [...previous!.ops, ...ops].sort((a, b) => a - b) };
        continue;
      }
      instrs.forEach((instr, j) => emit(instr, j === 0 ? ops : []));
      continue;
    }
    if (item.matrix === null) {
      emit(instructionFor(item.parts[0]!), ops);
      continue;
    }
    if (isIdentity(item.matrix)) continue; // cancelled out
    emit(classify(item.matrix, item.qubits, 0, 0), ops);
  }
  return { numQubits: circuit.numQubits, numClbits: circuit.numClbits, steps, passes };
}

/**
 * The circuit's ops with every plain SWAP replaced by null and the other ops moved onto relabelled
 * qubits, so that run from |0…0⟩ they give the circuit's final state and the same measurement
 * outcomes (a measurement or reset acts on the qubit that holds its wire at that point).
 *
 * A swap exchanges what two wires carry. Instead of moving amplitudes, track where each wire's
 * content lives: σ(q) = the qubit that holds wire q now; a swap(a, b) exchanges σ(a) and σ(b),
 * every other op acts on σ of its qubits. Starting from σ₀ = (τ₁ ∘ … ∘ τ_k)⁻¹ = τ_k ∘ … ∘ τ₁ (the
 * swaps in order) the final σ is the identity, so the state ends in the circuit's own qubit order;
 * and σ₀ only permutes the qubits of |0…0⟩, which leaves it unchanged.
 */
export function swapsRelabelled(circuit: Circuit): readonly (Op | null)[] {
  const isPlainSwap = (op: Op) =>
    op.kind === 'gate' && op.gate === 'swap' && !op.condition && !(op.controls?.length) && !(op.negControls?.length);
  if (!circuit.ops.some(isPlainSwap)) return circuit.ops;
  const sigma = Array.from({ length: circuit.numQubits }, (_, q) => q);
  for (const op of circuit.ops) {
    if (!isPlainSwap(op)) continue;
    const [a, b] = (op as GateOp).qubits as [number, number];
    for (let q = 0; q < sigma.length; q++) sigma[q] = sigma[q] === a ? b : sigma[q] === b ? a : sigma[q]!;
  }
  const map = (qs: readonly number[] | undefined) => qs?.map((q) => sigma[q]!);
  return circuit.ops.map((op) => {
    if (isPlainSwap(op)) {
      const [a, b] = (op as GateOp).qubits as [number, number];
      [sigma[a], sigma[b]] = [sigma[b]!, sigma[a]!];
      return null;
    }
    if (op.kind === 'barrier') return { ...op, qubits: map(op.qubits)! };
    if (op.kind !== 'gate') return { ...op, qubit: sigma[op.qubit]! };
    return {
      ...op,
      qubits: map(op.qubits)!,
      ...(op.controls ? { controls: map(op.controls)! } : {}),
      ...(op.negControls ? { negControls: map(op.negControls)! } : {}),
    };
  });
}

/**
 * The one-qubit gates (no controls, no condition) that each qubit begins with, before any other
 * operation or barrier touches it, as the product state they prepare from |0…0⟩; null if none.
 */
function productPrefix(ops: readonly (Op | null)[], numQubits: number, params: ParamBindings): { step: ProductStep; absorbed: Set<number> } | null {
  const fresh = new Array<boolean>(numQubits).fill(true);
  const vectors = new Float64Array(4 * numQubits);
  for (let q = 0; q < numQubits; q++) vectors[4 * q] = 1;
  const absorbed = new Set<number>();
  ops.forEach((op, index) => {
    if (op === null) return;
    if (op.kind === 'gate' && !op.condition && !op.controls?.length && !op.negControls?.length && op.qubits.length === 1 && fresh[op.qubits[0]!]) {
      const gate = resolveGate(op, params, `op ${index}`);
      if (gate.targets.length === 1 && gate.controls.length === 0) {
        const q = gate.targets[0]!;
        const m = gate.matrix;
        const [ar, ai, br, bi] = [vectors[4 * q]!, vectors[4 * q + 1]!, vectors[4 * q + 2]!, vectors[4 * q + 3]!];
        const at = (r: number, c: number): [number, number] => [m[2 * (2 * r + c)]!, m[2 * (2 * r + c) + 1]!];
        const [m00r, m00i] = at(0, 0), [m01r, m01i] = at(0, 1), [m10r, m10i] = at(1, 0), [m11r, m11i] = at(1, 1);
        vectors[4 * q] = m00r * ar - m00i * ai + m01r * br - m01i * bi;
        vectors[4 * q + 1] = m00r * ai + m00i * ar + m01r * bi + m01i * br;
        vectors[4 * q + 2] = m10r * ar - m10i * ai + m11r * br - m11i * bi;
        vectors[4 * q + 3] = m10r * ai + m10i * ar + m11r * bi + m11i * br;
        absorbed.add(index);
        return;
      }
    }
    const touched = op.kind === 'measure' || op.kind === 'reset' ? [op.qubit] : op.kind === 'barrier' ? op.qubits : [...op.qubits, ...(op.controls ?? []), ...(op.negControls ?? [])];
    for (const q of touched) fresh[q] = false;
  });
  if (absorbed.size === 0) return null;
  const qubits: number[] = [];
  const kept: number[] = [];
  for (let q = 0; q < numQubits; q++) {
    const v = vectors.subarray(4 * q, 4 * q + 4);
    if (v[0] === 1 && v[1] === 0 && v[2] === 0 && v[3] === 0) continue; // still |0⟩
    qubits.push(q);
    kept.push(...v);
  }
  const step: ProductStep = { kind: 'product', qubits: Int32Array.from(qubits), vectors: Float64Array.from(kept), ops: [...absorbed].sort((a, b) => a - b) };
  return { step, absorbed };
}

function singleBlock(gate: ResolvedGate, involved: readonly number[], opIndex: number): Block {
  return {
    kind: 'block', qubits: [...involved].sort((a, b) => a - b), parts: [gate], matrix: null, diag: null,
    phases: wrapPattern(phasePatternOf(gate)), ops: [opIndex], removed: false, cost: instructionCost(instructionFor(gate)),
  };
}

function isDiagonalGate(gate: ResolvedGate): boolean {
  return isDiagonal(gate.matrix, 0);
}

/** Two or more diagonal gates merged (as a table, or past maxDiagonal as a phase product only). */
function isMergedDiagonal(block: Block): boolean {
  return block.diag !== null || (block.matrix === null && block.parts.length > 1);
}

function wrapPattern(pattern: PhasePattern | null): PhasePattern[] | null {
  return pattern === null ? null : [pattern];
}

function isDiagonalBlock(block: Block): boolean {
  if (block.diag !== null) return true;
  if (block.matrix !== null) return false;
  return isDiagonalGate(block.parts[0]!);
}

/**
 * Merges `gate` into `block` when that is allowed and does not cost more: diagonal gates into a
 * diagonal block of up to `maxDiagonal` qubits (decided at emission: merged or one by one),
 * anything else into a dense block of up to `maxFused` qubits when the estimated cost
 * of the merged pass is at most that of the two passes.
 */
function tryMerge(block: Block, position: number, gate: ResolvedGate, involved: readonly number[], opIndex: number, maxFused: number, maxDiagonal: number, costModel: boolean, items: Item[], last: Int32Array): boolean {
  if (block.removed) return false;
  const union = [...new Set([...block.qubits, ...involved])].sort((a, b) => a - b);
  if (isDiagonalGate(gate) && isDiagonalBlock(block)) {
    // A table while it fits maxDiagonal qubits; past that only as a product of one-qubit phases.
    const pattern = block.phases !== null && block.phases.length < MAX_PHASE_PATTERNS ? phasePatternOf(gate) : null;
    const phases = pattern !== null ? [...block.phases!, pattern] : null;
    const tableFits = union.length <= maxDiagonal && (block.diag !== null || block.parts.length === 1);
    if (!tableFits && (phases === null || phaseProductOf(phases) === null)) return false;
    if (tableFits) {
      const current = union.length === block.qubits.length && block.diag !== null ? block.diag : blockDiagonal(block, union);
      multiplyGateDiagonal(current, gate, union);
      block.diag = current;
    } else {
      block.diag = null;
    }
    block.phases = phases;
    block.qubits = union;
    block.parts.push(gate);
    block.ops.push(opIndex);
    block.matrix = null;
    return true;
  }
  if (union.length > maxFused) return false;
  // A diagonal gate on two or more qubits usually joins a diagonal table pass with its neighbours
  // at next to no cost of its own (QAOA's RZZ layer): it enters a dense block only when that is free.
  const gateCost = isDiagonalGate(gate) && involved.length > 1 ? 0 : instructionCost(instructionFor(gate));
  const original = block.qubits;
  const merged = multiply(fullMatrixOn(gate, union), blockMatrix(block, union));
  const mergedCost = costOfMatrix(merged, union);
  if (costModel && mergedCost > blockCost(block) + gateCost) return false;
  block.matrix = merged;
  block.diag = null;
  block.phases = null;
  block.qubits = union;
  block.cost = mergedCost;
  block.parts.push(gate);
  block.ops.push(opIndex);
  // Absorb earlier blocks on the newly joined qubits that nothing has touched since, when cheaper.
  for (const q of involved) {
    if (original.includes(q)) continue;
    const previous = last[q]!;
    if (previous < 0 || previous === position) continue;
    const other = items[previous]!;
    if (other.kind !== 'block' || other.removed) continue;
    const absorbable = other.qubits.every((oq) => last[oq] === previous && union.includes(oq) && !original.includes(oq));
    if (!absorbable) continue;
    const withOther = multiply(block.matrix, blockMatrix(other, union));
    const withOtherCost = costOfMatrix(withOther, union);
    if (costModel && withOtherCost > block.cost + blockCost(other)) continue;
    block.matrix = withOther;
    block.cost = withOtherCost;
    block.parts = [...other.parts, ...block.parts];
    block.ops.push(...other.ops);
    other.removed = true;
  }
  return true;
}

function blockCost(block: Block): number {
  if (!isMergedDiagonal(block)) return block.cost;
  return diagonalBlockInstructions(block).reduce((sum, instr) => sum + instructionCost(instr), 0);
}

/**
 * What a diagonal block runs as, the cheapest of: one merged table pass, one phase-product pass
 * (when its gates are controlled one-qubit phases with common controls), its gates one by one.
 */
function diagonalBlockInstructions(block: Block): Instruction[] {
  const choices: Instruction[][] = [];
  if (block.diag !== null) {
    const merged = diagonalInstruction(block.diag, block.qubits);
    if (merged === null) return []; // the identity
    choices.push([merged]);
  }
  const product = block.phases !== null ? phaseProductOf(block.phases) : null;
  if (product !== null) {
    if (product.qubits.length === 0) return []; // every factor cancelled
    choices.push([product]);
  }
  choices.push(block.parts.map(instructionFor));
  let best = choices[0]!;
  let bestCost = Infinity;
  for (const choice of choices) {
    const cost = choice.reduce((sum, instr) => sum + instructionCost(instr), 0);
    if (cost < bestCost) {
      best = choice;
      bestCost = cost;
    }
  }
  return best;
}

/**
 * The step just emitted (a real dense1 without controls, a QFT layer's H) merged with the
 * diagonal block that follows it, when the block is a phase product controlled by t alone and the
 * merged sweep is estimated cheaper than the gate plus `chosen` (the block's own instructions).
 */
function phasesIntoGate(gate: Instruction, block: Block, chosen: readonly Instruction[]): Instruction | null {
  if (gate.type !== 'dense1' || gate.cmask !== 0 || dense1Shape(gate.m) !== 'real' || chosen.length === 0) return null;
  const product = block.phases !== null ? phaseProductOf(block.phases) : null;
  if (product === null || product.cmask !== 1 << gate.t || product.qubits.length === 0) return null;
  const fused: Instruction = {
    type: 'dense1Phased', t: gate.t, m: gate.m, qubits: product.qubits, phases: product.phases,
    side: product.cval === 0 ? 0 : 1, cmask: 0, cval: 0,
  };
  const separate = chosen.reduce((sum, instr) => sum + instructionCost(instr), instructionCost(gate));
  return instructionCost(fused) <= separate ? fused : null;
}

/**
 * A diagonal gate with exactly one entry ≠ 1 (CP, CZ, S, T, a controlled phase): it multiplies by
 * (re, im) the amplitudes whose bits at `mask` equal `value`.
 */
interface PhasePattern {
  readonly mask: number;
  readonly value: number;
  readonly re: number;
  readonly im: number;
}

/** Phase patterns kept per block (beyond it the block stops growing as a phase product). */
const MAX_PHASE_PATTERNS = 64;

function phasePatternOf(gate: ResolvedGate): PhasePattern | null {
  if (!isDiagonalGate(gate)) return null;
  const entries = diagonalOf(gate.matrix);
  let found = -1;
  for (let t = 0; t < entries.length / 2; t++) {
    if (entries[2 * t] === 1 && entries[2 * t + 1] === 0) continue;
    if (found >= 0) return null;
    found = t;
  }
  if (found < 0) return null;
  let mask = 0;
  let value = 0;
  gate.controls.forEach((q, j) => {
    mask |= 1 << q;
    if (gate.controlValues[j] === 1) value |= 1 << q;
  });
  gate.targets.forEach((q, j) => {
    mask |= 1 << q;
    if ((found >> j) & 1) value |= 1 << q;
  });
  return { mask, value, re: entries[2 * found]!, im: entries[2 * found + 1]! };
}

/**
 * The phase product equal to a sequence of phase patterns, or null: every pattern must be the
 * common controls (the bits all masks share, with one value) plus one more qubit that must be 1.
 * A QFT layer's CP(m, k) all share k: a product of phases on the m's controlled by k.
 */
export function phaseProductOf(patterns: readonly PhasePattern[]): Extract<Instruction, { type: 'phaseProduct' }> | null {
  if (patterns.length < 2) return null;
  let cmask = -1;
  for (const p of patterns) cmask &= p.mask;
  const cval = patterns[0]!.value & cmask;
  const factors = new Map<number, [number, number]>();
  for (const p of patterns) {
    if ((p.value & cmask) !== cval) return null;
    const extra = p.mask & ~cmask;
    if (extra === 0 || (extra & (extra - 1)) !== 0 || (p.value & extra) === 0) return null;
    const q = 31 - Math.clz32(extra);
    const [fr, fi] = factors.get(q) ?? [1, 0];
    factors.set(q, [fr * p.re - fi * p.im, fr * p.im + fi * p.re]);
  }
  const qubits: number[] = [];
  const phases: number[] = [];
  for (const [q, [re, im]] of [...factors].sort((a, b) => a[0] - b[0])) {
    if (re === 1 && im === 0) continue;
    qubits.push(q);
    phases.push(re, im);
  }
  return { type: 'phaseProduct', qubits: Int32Array.from(qubits), phases: Float64Array.from(phases), cmask, cval };
}

function costOfMatrix(m: Matrix, qubits: readonly number[]): number {
  if (isIdentity(m)) return 0;
  return instructionCost(classify(m, qubits, 0, 0));
}

/** Multiplies `d` (a diagonal on `qubits`) in place by a diagonal gate whose qubits are among them. */
function multiplyGateDiagonal(d: Float64Array, gate: ResolvedGate, qubits: readonly number[]): void {
  const entries = diagonalOf(gate.matrix);
  let cmask = 0;
  let cval = 0;
  for (let j = 0; j < gate.controls.length; j++) {
    const bit = 1 << qubits.indexOf(gate.controls[j]!);
    cmask |= bit;
    if (gate.controlValues[j] === 1) cval |= bit;
  }
  const targetBits = gate.targets.map((q) => qubits.indexOf(q));
  const size = 1 << qubits.length;
  for (let l = 0; l < size; l++) {
    if ((l & cmask) !== cval) continue;
    let t = 0;
    for (let j = 0; j < targetBits.length; j++) t |= ((l >> targetBits[j]!) & 1) << j;
    const er = entries[2 * t]!, ei = entries[2 * t + 1]!;
    if (er === 1 && ei === 0) continue;
    const re = d[2 * l]!, im = d[2 * l + 1]!;
    d[2 * l] = re * er - im * ei;
    d[2 * l + 1] = re * ei + im * er;
  }
}

/** The block's diagonal on `qubits` (a superset of its own), as a new array. */
function blockDiagonal(block: Block, qubits: readonly number[]): Float64Array {
  const size = 1 << qubits.length;
  const out = new Float64Array(2 * size);
  if (block.diag === null) {
    for (let l = 0; l < size; l++) out[2 * l] = 1;
    multiplyGateDiagonal(out, block.parts[0]!, qubits);
    return out;
  }
  // The block's qubits keep their order inside `qubits` (both sorted): an entry's old index is its
  // index with the bits of the newly joined qubits taken out (usually one or two per merge).
  const added: number[] = [];
  qubits.forEach((q, p) => {
    if (!block.qubits.includes(q)) added.unshift(p); // highest position first
  });
  for (let l = 0; l < size; l++) {
    let old = l;
    for (let j = 0; j < added.length; j++) {
      const p = added[j]!;
      old = ((old >> (p + 1)) << p) | (old & ((1 << p) - 1));
    }
    out[2 * l] = block.diag[2 * old]!;
    out[2 * l + 1] = block.diag[2 * old + 1]!;
  }
  return out;
}

/**
 * The instruction for a merged diagonal: qubits on whose one half the diagonal is exactly 1
 * become controls (the pass then touches only the other half); null for the identity.
 */
export function diagonalInstruction(diag: Float64Array, qubits: readonly number[]): Instruction | null {
  let d = diag;
  let rest = [...qubits];
  let cmask = 0;
  let cval = 0;
  for (let j = rest.length - 1; j >= 0; j--) {
    for (const side of [0, 1] as const) {
      if (!halfIsOne(d, j, side)) continue;
      // Entries with bit j ≠ side are all 1: bit j must equal `side` for anything to happen.
      const keep = side;
      cmask |= 1 << rest[j]!;
      if (keep === 1) cval |= 1 << rest[j]!;
      d = takeHalf(d, j, keep);
      rest = rest.filter((_, i) => i !== j);
      break;
    }
  }
  if (rest.length === 0) {
    if (d[0] === 1 && d[1] === 0) return null;
    if (cmask === 0) return { type: 'diag', qubits: new Int32Array(0), d, cmask, cval };
    // A phase on the amplitudes matching the controls: put one control back as the target.
    const t = 31 - Math.clz32(cmask);
    const on = (cval >> t) & 1;
    const entries = on ? [[1, 0], [d[0]!, d[1]!]] : [[d[0]!, d[1]!], [1, 0]];
    return classify(diagonalMatrix(entries as [number, number][]), [t], cmask & ~(1 << t), cval & ~(1 << t));
  }
  if (rest.length <= 2) {
    const entries: [number, number][] = [];
    for (let l = 0; l < d.length / 2; l++) entries.push([d[2 * l]!, d[2 * l + 1]!]);
    return classify(diagonalMatrix(entries), rest, cmask, cval);
  }
  return { type: 'diag', qubits: Int32Array.from(rest), d, cmask, cval };
}

/** Whether every entry whose bit j is NOT `side` is exactly 1. */
function halfIsOne(d: Float64Array, j: number, side: 0 | 1): boolean {
  for (let l = 0; l < d.length / 2; l++) {
    if (((l >> j) & 1) === side) continue;
    if (d[2 * l] !== 1 || d[2 * l + 1] !== 0) return false;
  }
  return true;
}

/** The entries whose bit j equals `value`, bit j removed from the index. */
function takeHalf(d: Float64Array, j: number, value: number): Float64Array {
  const size = d.length / 2;
  const out = new Float64Array(size);
  let o = 0;
  for (let l = 0; l < size; l++) {
    if (((l >> j) & 1) !== value) continue;
    out[o++] = d[2 * l]!;
    out[o++] = d[2 * l + 1]!;
  }
  return out;
}

function blockMatrix(block: Block, qubits: readonly number[]): Matrix {
  if (block.diag !== null) {
    const entries: [number, number][] = [];
    for (let l = 0; l < block.diag.length / 2; l++) entries.push([block.diag[2 * l]!, block.diag[2 * l + 1]!]);
    const m = diagonalMatrix(entries);
    return block.qubits.length === qubits.length ? m : embed(m, block.qubits, qubits);
  }
  if (block.matrix === null) return fullMatrixOn(block.parts[0]!, qubits);
  return block.qubits.length === qubits.length ? block.matrix : embed(block.matrix, block.qubits, qubits);
}
