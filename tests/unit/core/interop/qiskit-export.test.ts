import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Circuit } from '../../../../src/core/circuit/circuit.ts';
import { fromQasm, toQiskit } from '../../../../src/core/interop/index.ts';
import { randomCircuit } from '../../helpers/random-circuit.ts';
import { createRng } from '../../helpers/random.ts';

const dir = mkdtempSync(join(tmpdir(), 'superpose-qiskit-'));

/** Byte-compiles the script with the system Python (Qiskit itself is not needed to compile). */
function pyCompile(name: string, script: string): void {
  const file = join(dir, `${name}.py`);
  writeFileSync(file, script);
  execFileSync('python3', ['-m', 'py_compile', file], { stdio: 'pipe' });
}

describe('Qiskit script export', () => {
  it('compiles with python3 for random circuits over the whole gate set', () => {
    const rng = createRng(9);
    for (let t = 0; t < 8; t++) {
      const c = randomCircuit(5, 40, rng, { controlRate: 0.4 });
      const script = toQiskit(c);
      expect(() => pyCompile(`random${t}`, script)).not.toThrow();
    }
  });

  it('uses Parameter for free parameters, if_test for conditions, UnitaryGate and ctrl_state', () => {
    const c = Circuit.create(3, 2)
      .append('rx', [0], { params: ['2*theta + pi/4'] })
      .append('rzz', [0, 1], { params: ['sin(gamma)^2'] })
      .append('x', [2], { controls: [0], negControls: [1] })
      .append('unitary', [1], { matrix: [[0, [0, 1]], [[0, 1], 0]] })
      .append('gphase', [], { params: [0.25] })
      .measure(0, 0)
      .measure(1, 1)
      .append('h', [2], { condition: { clbits: [0, 1], value: 2 } })
      .append('z', [2], { condition: { clbits: [1], value: 1 } });
    const script = toQiskit(c);
    expect(script).toMatch(/gamma = Parameter\("gamma"\)/);
    expect(script).toMatch(/theta = Parameter\("theta"\)/);
    expect(script).toMatch(/qc\.append\(RXGate\(2 \* theta \+ np\.pi\/4\), \[0\]\)/);
    expect(script).toMatch(/np\.sin\(gamma\) \*\* 2/);
    // negative control listed first: ctrl_state has bit 0 (the negative control) clear and bit 1 set.
    expect(script).toMatch(/XGate\(\)\.control\(2, ctrl_state=2\), \[1, 0, 2\]/);
    expect(script).toMatch(/UnitaryGate\(np\.array\(\[\[0, complex\(0, 1\)\], \[complex\(0, 1\), 0\]\]\)\)/);
    expect(script).toMatch(/qc\.global_phase \+= 0\.25/);
    expect(script).toMatch(/with qc\.if_test\(\(c, 2\)\):\n {4}qc\.append\(HGate\(\), \[2\]\)/);
    expect(script).toMatch(/with qc\.if_test\(\(qc\.clbits\[1\], 1\)\):/);
    expect(script).toMatch(/qubit 0 is the least-significant bit/);
    pyCompile('features', script);
  });

  it('renames parameters that are Python keywords or our own names', () => {
    const c = Circuit.create(1, 1).append('u', [0], { params: ['theta', 'phi', 'lambda'] }).append('rz', [0], { params: ['q + c'] });
    const script = toQiskit(c);
    expect(script).toMatch(/param_lambda = Parameter\("lambda"\)/);
    expect(script).toMatch(/param_q = Parameter\("q"\)/);
    expect(script).toMatch(/UGate\(theta, phi, param_lambda\)/);
    expect(script).toMatch(/RZGate\(param_q \+ param_c\)/);
    pyCompile('keywords', script);
  });

  it('compiles the scripts of imported OpenQASM programs', () => {
    const c = fromQasm('OPENQASM 3;\ninclude "stdgates.inc";\ninput float[64] a;\nqubit[3] q;\nbit[3] c;\nctrl @ pow(0.5) @ x q[0], q[1];\ncu(a, 0.1, 0.2, a/2) q[1], q[2];\nc = measure q;\nif (c == 7) x q[0];\n');
    pyCompile('imported', toQiskit(c));
  });
});
