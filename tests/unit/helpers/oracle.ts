/**
 * The dense-matrix oracle: full 2^n × 2^n operators built independently of the simulator with
 * mathjs Kronecker products and explicit permutations. Only gate reference matrices come from
 * the catalogue (they are the truth the kernels must honour).
 */
import { complex, identity, kron, matrix, multiply, add, subtract, zeros, type Complex, type Matrix as MathMatrix } from 'mathjs';
import { fullMatrix, gateDefinition } from '../../../src/core/gates/catalogue.ts';
import type { GateOp } from '../../../src/core/circuit/circuit.ts';
import { matrixFromEntries } from '../../../src/core/circuit/circuit.ts';
import type { Matrix } from '../../../src/core/gates/matrix.ts';

export function toMath(m: Matrix): MathMatrix {
  const d = Math.round(Math.sqrt(m.length / 2));
  const rows: Complex[][] = [];
  for (let r = 0; r < d; r++) {
    const row: Complex[] = [];
    for (let c = 0; c < d; c++) row.push(complex(m[2 * (r * d + c)]!, m[2 * (r * d + c) + 1]!));
    rows.push(row);
  }
  return matrix(rows);
}

/** Permutation P with P|i⟩ = |π(i)⟩, where π moves bit j of i (qubit order[j]) to bit position order[j]. */
function permutation(order: readonly number[], n: number): MathMatrix {
  // `order` lists the physical qubit that should sit at logical position j (j < order.length);
  // the remaining qubits fill the higher positions in increasing order.
  const rest = [...Array(n).keys()].filter((q) => !order.includes(q));
  const logical = [...order, ...rest];
  const d = 2 ** n;
  const rows: number[][] = Array.from({ length: d }, () => new Array<number>(d).fill(0));
  for (let i = 0; i < d; i++) {
    // i is a logical index; its bit j is physical qubit logical[j].
    let physical = 0;
    for (let j = 0; j < n; j++) if ((i >> j) & 1) physical |= 1 << logical[j]!;
    rows[physical]![i] = 1;
  }
  return matrix(rows);
}

/** An n-qubit operator P · L · Pᵀ kept factored (applying it costs three matrix–vector products). */
export interface Operator {
  readonly p: MathMatrix;
  readonly local: MathMatrix;
  readonly pT: MathMatrix;
}

/** Operator of matrix G acting on `qubits` (bit j of G's index = qubits[j]) in an n-qubit register. */
export function operatorOn(g: MathMatrix, qubits: readonly number[], n: number): Operator {
  const k = qubits.length;
  const rest = n - k;
  // Logical layout: gate qubits at the low positions, so the operator is I_rest ⊗ G.
  const local = rest > 0 ? (kron(identity(2 ** rest) as MathMatrix, g) as MathMatrix) : g;
  const p = permutation(qubits, n);
  return { p, local, pT: transposeReal(p) };
}

/** The operator as one dense mathjs matrix. */
export function denseOf(op: Operator): MathMatrix {
  return multiply(multiply(op.p, op.local), op.pT) as MathMatrix;
}

function transposeReal(p: MathMatrix): MathMatrix {
  const a = p.toArray() as number[][];
  return matrix(a[0]!.map((_, c) => a.map((row) => row[c]!)));
}

/** |b⟩⟨b| on one qubit. */
function projector(bit: 0 | 1): MathMatrix {
  return matrix(bit === 0 ? [[1, 0], [0, 0]] : [[0, 0], [0, 1]]);
}

/** The full operator of a gate op, extra controls built as I − P + P ⊗ U with Kronecker products. */
export function operatorOfOp(op: GateOp, n: number, params: readonly number[] = []): Operator {
  const g = op.gate === 'unitary' ? toMath(matrixFromEntries(op.matrix!)) : toMath(fullMatrix(gateDefinition(op.gate)!, params));
  const controls = [...(op.controls ?? []).map((q) => [q, 1] as const), ...(op.negControls ?? []).map((q) => [q, 0] as const)];
  if (controls.length === 0) return operatorOn(g, op.qubits, n);
  // Projector onto the control pattern, as a Kronecker product over the control qubits
  // (highest logical position first in kron order, so reverse).
  let pc: MathMatrix = matrix([[1]]);
  for (let j = controls.length - 1; j >= 0; j--) pc = kron(pc, projector(controls[j]![1])) as MathMatrix;
  const dimT = 2 ** op.qubits.length;
  const qubits = [...op.qubits, ...controls.map(([q]) => q)];
  // Logical order: gate qubits low, controls above; operator = (I − P_c) ⊗ I + P_c ⊗ G.
  const dimC = 2 ** controls.length;
  const notPc = subtract(identity(dimC), pc) as MathMatrix;
  const local = add(kron(notPc, identity(dimT) as MathMatrix), kron(pc, g)) as MathMatrix;
  return operatorOn(local, qubits, n);
}

/** Applies an operator to an interleaved state, returning an interleaved result. */
export function applyOperator(op: Operator | MathMatrix, state: Float64Array): Float64Array {
  const d = state.length / 2;
  const vec = matrix(Array.from({ length: d }, (_, i) => [complex(state[2 * i]!, state[2 * i + 1]!)]));
  const out = ('local' in op ? multiply(op.p, multiply(op.local, multiply(op.pT, vec))) : multiply(op, vec)) as MathMatrix;
  const arr = out.toArray() as (Complex | number)[][];
  const result = new Float64Array(2 * d);
  arr.forEach((row, i) => {
    const v = row[0]!;
    result[2 * i] = typeof v === 'number' ? v : v.re;
    result[2 * i + 1] = typeof v === 'number' ? 0 : v.im;
  });
  return result;
}

export function zeroOperator(n: number): MathMatrix {
  return zeros(2 ** n, 2 ** n) as MathMatrix;
}
