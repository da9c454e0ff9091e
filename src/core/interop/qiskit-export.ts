import type { Circuit, Condition, GateOp } from '../circuit/circuit.ts';
import { assertCircuit, matrixFromEntries } from '../circuit/circuit.ts';
import { BIT_ORDER_NOTE } from '../conventions.ts';
import { classicalRegisters, registerOf, type ClassicalRegister } from './classical-registers.ts';
import { exprFromParam, printExpr, simplify, substitute, type Expr } from './expression.ts';

const PYTHON_RESERVED = [
  'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del', 'elif', 'else', 'except',
  'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or', 'pass', 'raise', 'return', 'try',
  'while', 'with', 'yield', 'q', 'qc', 'np', 'backend', 'counts', 'transpile', 'Parameter', 'QuantumCircuit', 'QuantumRegister',
  'ClassicalRegister', 'AerSimulator', 'complex', 'abs', 'print',
];

/** Qiskit gate classes by catalogue name (qiskit.circuit.library). */
const CLASSES: Readonly<Record<string, string>> = {
  id: 'IGate', u0: 'IGate', x: 'XGate', y: 'YGate', z: 'ZGate', h: 'HGate', s: 'SGate', sdg: 'SdgGate', t: 'TGate', tdg: 'TdgGate',
  sx: 'SXGate', sxdg: 'SXdgGate', rx: 'RXGate', ry: 'RYGate', rz: 'RZGate', p: 'PhaseGate', u1: 'PhaseGate', u2: 'UGate',
  u3: 'UGate', u: 'UGate', cx: 'CXGate', cy: 'CYGate', cz: 'CZGate', ch: 'CHGate', csx: 'CSXGate', cp: 'CPhaseGate',
  cu1: 'CPhaseGate', crx: 'CRXGate', cry: 'CRYGate', crz: 'CRZGate', cu3: 'CUGate', cu: 'CUGate', swap: 'SwapGate',
  iswap: 'iSwapGate', ecr: 'ECRGate', rxx: 'RXXGate', ryy: 'RYYGate', rzz: 'RZZGate', rzx: 'RZXGate', ccx: 'CCXGate',
  ccz: 'CCZGate', cswap: 'CSwapGate', c3x: 'C3XGate', c3sqrtx: 'C3SXGate', c4x: 'C4XGate', rccx: 'RCCXGate', rc3x: 'RC3XGate',
  gphase: 'GlobalPhaseGate',
};

/**
 * A runnable Python script that rebuilds the circuit with Qiskit (QuantumCircuit, Parameter for free
 * parameters) and, when qiskit-aer is installed, samples it. Qiskit's bit order and angle conventions are ours.
 */
export function toQiskit(circuit: Circuit, options: { shots?: number } = {}): string {
  assertCircuit(circuit, 'toQiskit');
  const registers = classicalRegisters(circuit, false, 'Qiskit');
  const params = circuit.parameters();
  // Python variables for the parameters: keywords (lambda!) and our own names get a prefix.
  const taken = new Set([...PYTHON_RESERVED, ...registers.map((r) => r.name)]);
  const variables = new Map(params.map((p) => [p, taken.has(p) ? `param_${p}` : p]));
  const renames = new Map([...variables].filter(([p, v]) => p !== v).map(([p, v]) => [p, { k: 'sym', name: v } as Expr]));
  const used = new Set<string>();
  const body: string[] = [];
  const pyParam = (value: number | string, index: number) => printExpr(simplify(substitute(exprFromParam(value, `op ${index}`), renames)), 'python');
  circuit.ops.forEach((op, index) => {
    let line: string;
    switch (op.kind) {
      case 'measure':
        line = `qc.measure(${op.qubit}, ${op.clbit})`;
        break;
      case 'reset':
        line = `qc.reset(${op.qubit})`;
        break;
      case 'barrier':
        line = `qc.barrier(${op.qubits.join(', ')})`;
        break;
      case 'gate':
        line = gateLine(op, index, used, pyParam);
        break;
    }
    const condition = op.kind === 'barrier' ? undefined : op.condition;
    if (condition) body.push(`with qc.if_test(${conditionText(condition, registers)}):`, `    ${line}`);
    else body.push(line);
  });
  const shots = options.shots ?? 1000;
  const imports = [...used].sort();
  return [
    '"""Written by Superpose: the circuit rebuilt with Qiskit.',
    '',
    `Bit order: ${BIT_ORDER_NOTE}; Qiskit uses the same order, so counts read the same.`,
    'Angles are radians; rx(θ) = exp(−iθX/2), u(θ, φ, λ) is OpenQASM\'s U, the same matrices as Qiskit\'s gates.',
    'Run: pip install qiskit qiskit-aer && python this_file.py',
    '"""',
    'import numpy as np',
    'from qiskit import ClassicalRegister, QuantumCircuit, QuantumRegister',
    ...(params.length ? ['from qiskit.circuit import Parameter'] : []),
    ...(imports.length ? [`from qiskit.circuit.library import ${imports.join(', ')}`] : []),
    '',
    ...params.map((p) => `${variables.get(p)} = Parameter(${JSON.stringify(p)})`),
    `q = QuantumRegister(${circuit.numQubits}, "q")`,
    ...registers.map((r) => `${r.name} = ClassicalRegister(${r.size}, "${r.name}")`),
    `qc = QuantumCircuit(q${registers.map((r) => `, ${r.name}`).join('')})`,
    ...body,
    '',
    'if __name__ == "__main__":',
    '    print(qc)',
    ...(params.length ? [`    # Bind the free parameters before running, e.g.: qc = qc.assign_parameters({${params.map((p) => `${variables.get(p)}: 0.5`).join(', ')}})`] : []),
    '    try:',
    '        from qiskit import transpile',
    '        from qiskit_aer import AerSimulator',
    '    except ImportError:',
    '        print("pip install qiskit-aer to simulate this circuit")',
    '    else:',
    ...(params.length ? ['        print("bind the parameters first (see above)")'] : [
      '        backend = AerSimulator()',
      ...(circuit.numClbits === 0 ? ['        qc.measure_all()'] : []),
      `        counts = backend.run(transpile(qc, backend), shots=${shots}).result().get_counts()`,
      '        print(counts)',
    ]),
    '',
  ].join('\n');
}

function gateLine(op: GateOp, index: number, used: Set<string>, pyParam: (v: number | string, i: number) => string): string {
  const controls = [...(op.negControls ?? []), ...(op.controls ?? [])];
  const qargs = `[${[...controls, ...op.qubits].join(', ')}]`;
  let gate: string;
  if (op.gate === 'unitary') {
    used.add('UnitaryGate');
    const m = matrixFromEntries(op.matrix!);
    const d = 2 ** op.qubits.length;
    const rows = Array.from({ length: d }, (_, r) => `[${Array.from({ length: d }, (_, c) => complex(m[2 * (r * d + c)]!, m[2 * (r * d + c) + 1]!)).join(', ')}]`);
    gate = `UnitaryGate(np.array([${rows.join(', ')}]))`;
  } else {
    const cls = CLASSES[op.gate]!;
    used.add(cls);
    let params = (op.params ?? []).map((p) => pyParam(p, index));
    if (op.gate === 'u2') params = ['np.pi / 2', ...params];
    if (op.gate === 'u0') params = [];
    if (op.gate === 'cu3') params = [...params, '0'];
    gate = `${cls}(${params.join(', ')})`;
    if (op.gate === 'gphase' && controls.length === 0) return `qc.global_phase += ${params[0]}`;
  }
  if (controls.length > 0) {
    // ctrl_state bit i is control i (listed first); negative controls are the zeros.
    const state = (op.controls ?? []).reduce((acc, _, i) => acc | (1 << (i + (op.negControls ?? []).length)), 0);
    gate = `${gate}.control(${controls.length}, ctrl_state=${state})`;
  }
  return `qc.append(${gate}, ${qargs})`;
}

function complex(re: number, im: number): string {
  return im === 0 ? String(re) : `complex(${re}, ${im})`;
}

function conditionText(c: Condition, registers: readonly ClassicalRegister[]): string {
  if (c.clbits.length === 1) return `(qc.clbits[${c.clbits[0]}], ${c.value})`;
  return `(${registerOf(c, registers)!.name}, ${c.value})`;
}
