import { describe, expect, it } from 'vitest';
import { fromQasm, importQasm } from '../../../../src/core/interop/index.ts';
import { gateDefinition, fullMatrix } from '../../../../src/core/gates/catalogue.ts';
import { probabilities, probabilityOfOne } from '../../../../src/core/observe/probabilities.ts';
import { simulate } from '../../../../src/core/sim/simulate.ts';

/** Programs in the shapes real tools write (written here by hand), checked against analytic results. */

const bits = (clbits: Uint8Array) => [...clbits].reverse().join('');

describe('programs as tools emit them', () => {
  it('IBM Composer export: GHZ on three qubits gives 000 and 111 with probability 1/2', () => {
    const c = fromQasm(`OPENQASM 2.0;
include "qelib1.inc";

qreg q[3];
creg c[3];

h q[0];
cx q[0], q[1];
cx q[1], q[2];
barrier q[0], q[1], q[2];
measure q[0] -> c[0];
measure q[1] -> c[1];
measure q[2] -> c[2];
`);
    const probs = probabilities(simulate(c.prefix(4)).state);
    expect(probs[0]).toBeCloseTo(0.5, 14);
    expect(probs[7]).toBeCloseTo(0.5, 14);
    for (let seed = 0; seed < 10; seed++) expect(['000', '111']).toContain(bits(simulate(c, { seed }).clbits));
  });

  it('Qiskit qasm2.dumps with custom gate definitions (rzx, ecr) reproduces ECR', () => {
    const c = fromQasm(`OPENQASM 2.0;
include "qelib1.inc";
gate rzx(param0) q0,q1 { h q1; cx q0,q1; rz(param0) q1; cx q0,q1; h q1; }
gate ecr q0,q1 { rzx(pi/4) q0,q1; x q0; rzx(-pi/4) q0,q1; }
qreg q[2];
creg meas[2];
ecr q[0],q[1];
barrier q[0],q[1];
measure q[0] -> meas[0];
measure q[1] -> meas[1];
`);
    const state = simulate(c.prefix(c.ops.findIndex((op) => op.kind === 'barrier'))).state.data;
    // First column of Qiskit's ECR matrix: (0, 1, 0, −i)/√2 with index bit 0 = q[0].
    const ecr = fullMatrix(gateDefinition('ecr')!, []);
    for (let r = 0; r < 4; r++) {
      expect(state[2 * r]).toBeCloseTo(ecr[2 * (r * 4)]!, 12);
      expect(state[2 * r + 1]).toBeCloseTo(ecr[2 * (r * 4) + 1]!, 12);
    }
  });

  it('Qiskit qasm3.dumps with an input parameter: P(q0 = 1) = sin²(θ/2) for any bound θ', () => {
    const { circuit, inputs } = importQasm(`OPENQASM 3.0;
include "stdgates.inc";
input float[64] theta;
bit[2] c;
qubit[2] q;
ry(theta) q[0];
cx q[0], q[1];
rz(theta / 2 + pi) q[1];
c[0] = measure q[0];
c[1] = measure q[1];
`);
    expect(inputs).toEqual(['theta']);
    expect(circuit.parameters()).toEqual(['theta']);
    for (const theta of [0.1, 1.3, 2.9]) {
      const state = simulate(circuit.prefix(3), { params: { theta } }).state;
      expect(probabilityOfOne(state, 0)).toBeCloseTo(Math.sin(theta / 2) ** 2, 12);
      expect(probabilityOfOne(state, 1)).toBeCloseTo(Math.sin(theta / 2) ** 2, 12);
    }
  });

  it('Qiskit qasm3 teleportation with if blocks: q[2] ends in ry(0.7)|0⟩ for every outcome', () => {
    const c = fromQasm(`OPENQASM 3.0;
include "stdgates.inc";
bit[1] m0;
bit[1] m1;
qubit[3] q;
ry(0.7) q[0];
h q[1];
cx q[1], q[2];
cx q[0], q[1];
h q[0];
m0[0] = measure q[0];
m1[0] = measure q[1];
if (m1[0]) {
  x q[2];
}
if (m0 == 1) {
  z q[2];
}
`);
    for (let seed = 1; seed <= 12; seed++) expect(probabilityOfOne(simulate(c, { seed }).state, 2)).toBeCloseTo(Math.sin(0.35) ** 2, 12);
  });

  it('ripple-carry adder (Cuccaro, QASMBench style): b + a lands in b and cout', () => {
    const adder = (a: number, b: number) => `OPENQASM 2.0;
include "qelib1.inc";
gate majority a,b,c { cx c,b; cx c,a; ccx a,b,c; }
gate unmaj a,b,c { ccx a,b,c; cx c,a; cx a,b; }
qreg cin[1];
qreg a[4];
qreg b[4];
qreg cout[1];
creg ans[5];
${[0, 1, 2, 3].filter((i) => (a >> i) & 1).map((i) => `x a[${i}];`).join('\n')}
${[0, 1, 2, 3].filter((i) => (b >> i) & 1).map((i) => `x b[${i}];`).join('\n')}
majority cin[0],b[0],a[0];
majority a[0],b[1],a[1];
majority a[1],b[2],a[2];
majority a[2],b[3],a[3];
cx a[3],cout[0];
unmaj a[2],b[3],a[3];
unmaj a[1],b[2],a[2];
unmaj a[0],b[1],a[1];
unmaj cin[0],b[0],a[0];
measure b[0] -> ans[0];
measure b[1] -> ans[1];
measure b[2] -> ans[2];
measure b[3] -> ans[3];
measure cout[0] -> ans[4];
`;
    for (const [a, b] of [[1, 15], [0, 0], [7, 9], [5, 3], [15, 15], [12, 6]] as const) {
      const clbits = simulate(fromQasm(adder(a, b)), { seed: 1 }).clbits;
      expect(parseInt(bits(clbits), 2), `${a}+${b}`).toBe(a + b);
    }
  });

  it('QFT (Qiskit layout with cu1 and a final swap) maps |x⟩ to Σ e^{2πixk/8}|k⟩/√8', () => {
    for (const x of [0, 1, 3, 6]) {
      const prep = [0, 1, 2].filter((i) => (x >> i) & 1).map((i) => `x q[${i}];`).join('\n');
      const c = fromQasm(`OPENQASM 2.0;
include "qelib1.inc";
qreg q[3];
${prep}
h q[2];
cu1(pi/2) q[1],q[2];
cu1(pi/4) q[0],q[2];
h q[1];
cu1(pi/2) q[0],q[1];
h q[0];
swap q[0],q[2];
`);
      const data = simulate(c).state.data;
      for (let k = 0; k < 8; k++) {
        const angle = (2 * Math.PI * x * k) / 8;
        expect(data[2 * k]).toBeCloseTo(Math.cos(angle) / Math.sqrt(8), 12);
        expect(data[2 * k + 1]).toBeCloseTo(Math.sin(angle) / Math.sqrt(8), 12);
      }
    }
  });

  it('Grover in OpenQASM 3 with a user diffuser: P(101) = sin²(5·asin(1/√8)) after two rounds', () => {
    const c = fromQasm(`OPENQASM 3;
include "stdgates.inc";
gate oracle a, b, c { ctrl @ negctrl @ z a, b, c; }
gate diffuser a, b, c {
  h a; h b; h c;
  x a; x b; x c;
  ctrl(2) @ z a, b, c;
  x a; x b; x c;
  h a; h b; h c;
}
qubit[3] q;
bit[3] c;
h q;
oracle q[0], q[1], q[2];
diffuser q[0], q[1], q[2];
oracle q[0], q[1], q[2];
diffuser q[0], q[1], q[2];
c = measure q;
`);
    const probs = probabilities(simulate(c.prefix(c.ops.length - 3)).state);
    expect(probs[0b101]).toBeCloseTo(Math.sin(5 * Math.asin(1 / Math.sqrt(8))) ** 2, 12);
  });

  it('Bernstein–Vazirani with an oracle gate recovers the secret in one query', () => {
    for (const secret of [0b1011, 0b0110, 0b1111]) {
      const oracle = [0, 1, 2, 3].filter((i) => (secret >> i) & 1).map((i) => `cx x${i},anc;`).join(' ');
      const c = fromQasm(`OPENQASM 2.0;
include "qelib1.inc";
gate oracle x0,x1,x2,x3,anc { ${oracle} }
qreg q[4];
qreg a[1];
creg c[4];
x a[0];
h a[0];
h q;
oracle q[0],q[1],q[2],q[3],a[0];
h q;
measure q -> c;
`);
      expect(parseInt(bits(simulate(c, { seed: 3 }).clbits), 2)).toBe(secret);
    }
  });

  it('several registers map to consecutive indices in declaration order', () => {
    const { circuit, qregs, cregs } = importQasm(`OPENQASM 2.0;
include "qelib1.inc";
qreg a[2];
qreg b[1];
creg x[1];
creg y[2];
x a[1];
cx a[1],b[0];
measure b[0] -> y[1];
measure a -> y;
if(y==3) x a[0];
`);
    expect(qregs).toEqual([{ name: 'a', offset: 0, size: 2 }, { name: 'b', offset: 2, size: 1 }]);
    expect(cregs).toEqual([{ name: 'x', offset: 0, size: 1 }, { name: 'y', offset: 1, size: 2 }]);
    const run = simulate(circuit, { seed: 1 });
    // y = (a[1], a[0]) = (1, 0) → y == 2, so the conditioned x does not fire; b[0] = 1.
    expect([...run.clbits]).toEqual([0, 0, 1]);
    expect(probabilityOfOne(run.state, 0)).toBe(0);
    expect(probabilityOfOne(run.state, 2)).toBe(1);
  });

  it('user gates calling user gates pass expressions down: twice(2t) = rx(2t)', () => {
    const c = fromQasm(`OPENQASM 2.0;
include "qelib1.inc";
gate rot(t) a { rx(t) a; }
gate twice(t) a { rot(t/2) a; rot(t/2) a; }
gate ctw(t) a,b { cx a,b; twice(2*t) b; }
qreg q[2];
x q[0];
ctw(0.4) q[0],q[1];
`);
    // cx flips q1 to 1, then rx(0.8): P(q1 = 1) = cos²(0.4)
    expect(probabilityOfOne(simulate(c).state, 1)).toBeCloseTo(Math.cos(0.4) ** 2, 12);
    expect(c.ops.filter((op) => op.kind === 'gate' && op.gate === 'rx')).toHaveLength(2);
  });

  it('OpenQASM 3 expressions: constants, functions, ** and hardware qubits', () => {
    const c = fromQasm(`OPENQASM 3;
include "stdgates.inc";
rx(τ/4 + 0*euler) $0;
ry(2 ** 0.5 * arccos(0) / sqrt(2)) $1;
rz(-π) $1;
`);
    expect(c.numQubits).toBe(2);
    const state = simulate(c).state;
    expect(probabilityOfOne(state, 0)).toBeCloseTo(0.5, 14);
    expect(probabilityOfOne(state, 1)).toBeCloseTo(Math.sin(Math.PI / 4) ** 2, 14);
  });
});
