import { describe, expect, it } from 'vitest';
import { SuperposeError } from '../../../../src/core/errors.ts';
import { fromQasm } from '../../../../src/core/interop/index.ts';

const Q2 = 'OPENQASM 2.0;\ninclude "qelib1.inc";\n';
const Q3 = 'OPENQASM 3.0;\ninclude "stdgates.inc";\n';

function errorOf(source: string): SuperposeError {
  try {
    fromQasm(source);
  } catch (error) {
    if (error instanceof SuperposeError) return error;
    throw error;
  }
  throw new Error('expected an error');
}

describe('errors name line:column, the offending text and what was expected', () => {
  const cases: [string, string, RegExp, RegExp?][] = [
    [`${Q2}qreg q[2];\ncx q[0] q[1];`, '4:9', /expected "," between qubits or ";".*found "q"/],
    [`${Q2}qreg q[2];\nh q[2];`, '4:3', /q\[2\] is out of range: q has 2 qubits \(q\[0\]\.\.q\[1\]\)/],
    [`${Q2}qreg q[2];\nfoo q[0];`, '4:1', /unknown gate "foo"/, /define it/],
    [`OPENQASM 2.0;\nqreg q[1];\nh q[0];`, '3:1', /unknown gate "h"/, /include "qelib1.inc"/],
    [`${Q2}qreg q[1];\nrx(theta) q[0];`, '4:1', /unknown identifier "theta"/],
    [`${Q3}qubit q;\nrx(theta) q;`, '4:1', /unknown identifier "theta"/, /input float\[64\] theta/],
    [`${Q2}opaque magic a;\nqreg q[1];\nmagic q[0];`, '5:1', /opaque.*cannot be simulated/],
    [`${Q2}qreg q[1];\nh r[0];`, '4:3', /unknown qubit register "r"/, /declared: q/],
    [`${Q2}qreg q[2];\ncreg c[2];\nmeasure q -> c[0];`, '5:1', /cannot measure 2 qubits into 1 bit/],
    [`${Q2}qreg q[1];\ncreg c[2];\nif(c==4) x q[0];`, '5:4', /4 does not fit in 2 bits/],
    [`${Q3}qubit[2] q;\nfor int i in [0:1] { h q[i]; }`, '4:1', /not supported yet: "for"/],
    [`${Q3}qubit q;\nrx(2 ^ 3) q;`, '4:6', /"\^" is bitwise XOR in OpenQASM 3/, /\*\*/],
    [`${Q2}qreg q[1];\nrx(0.1 q[0];`, '4:8', /expected "\)" after the parameters of rx, found "q"/],
    [`${Q2}qreg q[1];\nh q[0]`, '4:7', /expected ";" after h, found the end of the program/],
    [`${Q2}include "mylib.inc";`, '3:1', /cannot include "mylib.inc"/],
    [`${Q2}qreg q[2];\ncx q[0], q[0];`, '4:1', /qubit q\[0\] is used twice/],
    [`${Q2}gate g a { h b; }`, '3:14', /"b" is not a qubit argument of gate g/],
    [`${Q2}qreg q[1];\nh q[0]; /* never closed`, '4:9', /unterminated comment/],
    [`${Q2}qreg q[1];\nh q[0] € ;`, '4:8', /unexpected character "€"/],
    [`OPENQASM 4.0;`, '1:10', /unsupported OpenQASM version "4.0"/],
    [`${Q2}qreg q[1];\nu3(1,2) q[0];`, '4:1', /u3 takes 3 parameters, got 2/],
    [`${Q3}qubit[2] q;\npow(0.5) @ swap q[0], q[1];`, '4:1', /not supported yet: pow\(0\.5\) @ swap/],
    [`${Q3}qubit q;\ngate g a { x a; }\npow(0.5) @ g q;`, '5:1', /not supported yet: pow\(0\.5\) of the user-defined gate g/],
    [`${Q3}qubit q;\nmeasure q;`, '4:1', /a measurement needs a classical bit/],
  ];
  for (const [source, where, message, hint] of cases) {
    it(`${where} ${message.source.slice(0, 40)}`, () => {
      const error = errorOf(source);
      expect(error.where).toBe(where);
      expect(error.message).toMatch(message);
      if (hint) expect(error.hint).toMatch(hint);
    });
  }

  it('nested gate definitions that blow up are refused quickly with a clear error', () => {
    let program = `${Q2}gate g0 a { x a; }\n`;
    for (let i = 1; i <= 40; i++) program += `gate g${i} a { g${i - 1} a; g${i - 1} a; }\n`;
    program += 'qreg q[1];\ng40 q[0];\n';
    const started = performance.now();
    const error = errorOf(program);
    expect(error.message).toMatch(/expands to more than 1,000,000 operations/);
    expect(error.where).toBe('45:1');
    expect(performance.now() - started).toBeLessThan(20_000);
    expect(() => fromQasm(program.replace('g40 q[0];', 'g10 q[0];'), { maxOps: 100 })).toThrow(/more than 100 operations/);
  });

  it('symbolic parameters that double per nesting level are refused', () => {
    let program = `OPENQASM 3;\ninclude "stdgates.inc";\ninput float[64] t;\ngate g0(a) q { rz(a) q; }\n`;
    for (let i = 1; i <= 30; i++) program += `gate g${i}(a) q { g${i - 1}(a + a*a) q; }\n`;
    program += 'qubit q;\ng30(t) q;\n';
    expect(errorOf(program).message).toMatch(/parameter grew to more than \d+ terms/);
  });
});
