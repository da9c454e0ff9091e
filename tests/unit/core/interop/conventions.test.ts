import { describe, expect, it } from 'vitest';
import { fromQasm } from '../../../../src/core/interop/index.ts';
import { controlled, dagger, fromRows, identity, multiply, type Matrix } from '../../../../src/core/gates/matrix.ts';
import { distance, distanceUpToPhase, unitaryOf } from './unitary.ts';

/** OpenQASM's U written out from the spec, independent of the catalogue. */
function U(theta: number, phi: number, lambda: number): Matrix {
  const c = Math.cos(theta / 2), s = Math.sin(theta / 2);
  return fromRows([
    [c, [-Math.cos(lambda) * s, -Math.sin(lambda) * s]],
    [[Math.cos(phi) * s, Math.sin(phi) * s], [Math.cos(phi + lambda) * c, Math.sin(phi + lambda) * c]],
  ]);
}
const phase = (m: Matrix, a: number): Matrix => multiply(fromRows([[[Math.cos(a), Math.sin(a)], 0], [0, [Math.cos(a), Math.sin(a)]]]), m);
const unitary2 = (program: string) => unitaryOf(fromQasm(program));

// qelib1.inc's definitions, in terms of U and CX, written out here as user gates (the reference).
const QELIB1_DEFINITIONS: [string, string, string][] = [
  ['u3(0.3,0.5,-1.1) q[0];', 'gate r a { U(0.3,0.5,-1.1) a; }', 'r q[0];'],
  ['u2(0.5,-1.1) q[0];', 'gate r a { U(pi/2,0.5,-1.1) a; }', 'r q[0];'],
  ['u1(0.7) q[0];', 'gate r a { U(0,0,0.7) a; }', 'r q[0];'],
  ['x q[0];', 'gate r a { U(pi,0,pi) a; }', 'r q[0];'],
  ['y q[0];', 'gate r a { U(pi,pi/2,pi/2) a; }', 'r q[0];'],
  ['h q[0];', 'gate r a { U(pi/2,0,pi) a; }', 'r q[0];'],
  ['rx(0.9) q[0];', 'gate r a { U(0.9,-pi/2,pi/2) a; }', 'r q[0];'],
  ['ry(0.9) q[0];', 'gate r a { U(0.9,0,0) a; }', 'r q[0];'],
  ['rz(0.9) q[0];', 'gate r a { U(0,0,0.9) a; }', 'r q[0];'],
  ['sx q[0];', 'gate r a { sdg a; h a; sdg a; }', 'r q[0];'],
  ['sxdg q[0];', 'gate r a { s a; h a; s a; }', 'r q[0];'],
  ['cz q[0],q[1];', 'gate r a,b { h b; CX a,b; h b; }', 'r q[0],q[1];'],
  ['cy q[0],q[1];', 'gate r a,b { sdg b; CX a,b; s b; }', 'r q[0],q[1];'],
  ['swap q[0],q[1];', 'gate r a,b { CX a,b; CX b,a; CX a,b; }', 'r q[0],q[1];'],
  ['crz(0.8) q[0],q[1];', 'gate r(l) a,b { u1(l/2) b; CX a,b; u1(-l/2) b; CX a,b; }', 'r(0.8) q[0],q[1];'],
  ['cry(0.8) q[0],q[1];', 'gate r(l) a,b { ry(l/2) b; CX a,b; ry(-l/2) b; CX a,b; }', 'r(0.8) q[0],q[1];'],
  ['cu1(0.8) q[0],q[1];', 'gate r(l) a,b { u1(l/2) a; CX a,b; u1(-l/2) b; CX a,b; u1(l/2) b; }', 'r(0.8) q[0],q[1];'],
  ['cu3(0.3,0.5,-1.1) q[0],q[1];', 'gate r(th,ph,la) c,tg { u1((la+ph)/2) c; u1((la-ph)/2) tg; CX c,tg; u3(-th/2,0,-(ph+la)/2) tg; CX c,tg; u3(th/2,ph,0) tg; }', 'r(0.3,0.5,-1.1) q[0],q[1];'],
  ['csx q[0],q[1];', 'gate r a,b { h b; cu1(pi/2) a,b; h b; }', 'r q[0],q[1];'],
  ['rzz(0.6) q[0],q[1];', 'gate r(t) a,b { CX a,b; u1(t) b; CX a,b; }', 'r(0.6) q[0],q[1];'],
  ['ccx q[0],q[1],q[2];', 'gate r a,b,c { h c; CX b,c; tdg c; CX a,c; t c; CX b,c; tdg c; CX a,c; t b; t c; h c; CX a,b; t a; tdg b; CX a,b; }', 'r q[0],q[1],q[2];'],
  ['cswap q[0],q[1],q[2];', 'gate r a,b,c { CX c,b; ccx a,b,c; CX c,b; }', 'r q[0],q[1],q[2];'],
];

describe('OpenQASM 2 gates match qelib1.inc', () => {
  for (const [call, definition, use] of QELIB1_DEFINITIONS) {
    it(call, () => {
      const n = (call.match(/q\[\d\]/g) ?? []).length;
      const head = `OPENQASM 2.0;\ninclude "qelib1.inc";\nqreg q[${n}];\n`;
      // Global phase is unobservable in OpenQASM 2 (no controlled user gates), so compare up to it.
      expect(distanceUpToPhase(unitary2(head + call), unitary2(head + definition + '\n' + use))).toBeLessThan(1e-12);
    });
  }
});

describe('OpenQASM 3 gates, modifiers and global phase', () => {
  const head = 'OPENQASM 3.0;\ninclude "stdgates.inc";\nqubit[2] q;\n';
  const [t, p, l] = [0.3, 0.5, -1.1];

  it('U, u3, u2 and u1 follow the spec, including stdgates’ phases under ctrl @', () => {
    expect(distance(unitaryOf(fromQasm('OPENQASM 3;\nqubit q;\nU(0.3, 0.5, -1.1) q;')), U(t, p, l))).toBeLessThan(1e-12);
    // stdgates.inc: u3(θ,φ,λ) = gphase(−(φ+λ)/2)·U(θ,φ,λ); the phase shows under control.
    expect(distance(unitaryOf(fromQasm(`${head}ctrl @ u3(0.3, 0.5, -1.1) q[0], q[1];`)), controlled(phase(U(t, p, l), -(p + l) / 2), [1]))).toBeLessThan(1e-12);
    expect(distance(unitaryOf(fromQasm(`${head}ctrl @ u2(0.5, -1.1) q[0], q[1];`)), controlled(phase(U(Math.PI / 2, p, l), -(p + l) / 2), [1]))).toBeLessThan(1e-12);
    expect(distance(unitaryOf(fromQasm(`${head}ctrl @ U(0.3, 0.5, -1.1) q[0], q[1];`)), controlled(U(t, p, l), [1]))).toBeLessThan(1e-12);
    expect(distance(unitaryOf(fromQasm(`${head}ctrl @ u1(-1.1) q[0], q[1];`)), controlled(U(0, 0, l), [1]))).toBeLessThan(1e-12);
  });

  it('rz is exp(−iθZ/2) exactly and cu carries its γ', () => {
    const rz = fromRows([[[Math.cos(t / 2), -Math.sin(t / 2)], 0], [0, [Math.cos(t / 2), Math.sin(t / 2)]]]);
    expect(distance(unitaryOf(fromQasm(`${head}ctrl @ rz(0.3) q[0], q[1];`)), controlled(rz, [1]))).toBeLessThan(1e-12);
    expect(distance(unitaryOf(fromQasm(`${head}crz(0.3) q[0], q[1];`)), controlled(rz, [1]))).toBeLessThan(1e-12);
    expect(distance(unitaryOf(fromQasm(`${head}cu(0.3, 0.5, -1.1, 0.25) q[0], q[1];`)), controlled(phase(U(t, p, l), 0.25), [1]))).toBeLessThan(1e-12);
  });

  it('ctrl @ gphase is a phase on the control; negctrl acts on |0⟩', () => {
    const g = fromRows([[1, 0], [0, [Math.cos(0.4), Math.sin(0.4)]]]);
    expect(distance(unitaryOf(fromQasm('OPENQASM 3;\nqubit q;\nctrl @ gphase(0.4) q;')), g)).toBeLessThan(1e-12);
    expect(distance(unitaryOf(fromQasm(`${head}negctrl @ x q[0], q[1];`)), controlled(fromRows([[0, 1], [1, 0]]), [0]))).toBeLessThan(1e-12);
  });

  it('inv @ g is the adjoint for every standard gate', () => {
    const gates = ['x', 'y', 'z', 'h', 's', 'sdg', 't', 'tdg', 'sx', 'rx(0.7)', 'ry(0.7)', 'rz(0.7)', 'p(0.7)', 'u1(0.7)', 'u2(0.3, 0.9)', 'u3(0.3, 0.9, -0.4)',
      'U(0.3, 0.9, -0.4)', 'id', 'cx', 'cy', 'cz', 'ch', 'cp(0.7)', 'crx(0.7)', 'cry(0.7)', 'crz(0.7)', 'cu(0.3, 0.9, -0.4, 0.2)', 'swap', 'CX', 'phase(0.7)', 'cphase(0.7)'];
    for (const g of gates) {
      const two = /^(c|swap|CX)/.test(g);
      const args = two ? 'q[0], q[1]' : 'q[0]';
      // The adjoint of the plain gate, and — under a control, where global phase counts — inverse times forward = I.
      const forward = unitaryOf(fromQasm(`${head}${g} ${args};`));
      expect(distance(unitaryOf(fromQasm(`${head}inv @ ${g} ${args};`)), dagger(forward)), g).toBeLessThan(1e-12);
      const inverse = unitaryOf(fromQasm(`OPENQASM 3;\ninclude "stdgates.inc";\nqubit[3] q;\nctrl @ inv @ ${g} q[2], ${args};`));
      const controlledForward = unitaryOf(fromQasm(`OPENQASM 3;\ninclude "stdgates.inc";\nqubit[3] q;\nctrl @ ${g} q[2], ${args};`));
      expect(distance(multiply(inverse, controlledForward), identity(8)), g).toBeLessThan(1e-12);
    }
    for (const [g, n] of [['rccx', 3], ['rc3x', 4], ['c3sqrtx', 4]] as const) {
      const qs = Array.from({ length: n }, (_, i) => `q[${i + 1}]`).join(',');
      const program = (body: string) => `OPENQASM 3;\ninclude "stdgates.inc";\ngate rccx a,b,c { h c; t c; cx b,c; tdg c; cx a,c; t c; cx b,c; tdg c; h c; }\ngate rc3x a,b,c,d { h d; t d; cx c,d; tdg d; h d; cx a,d; t d; cx b,d; tdg d; cx a,d; t d; cx b,d; tdg d; h d; t d; cx c,d; tdg d; h d; }\ngate c3sqrtx a,b,c,d { ctrl(3) @ sx a,b,c,d; }\nqubit[${n + 1}] q;\n${body}`;
      const product = unitaryOf(fromQasm(program(`ctrl @ ${g} q[0],${qs};\nctrl @ inv @ ${g} q[0],${qs};`)));
      expect(distance(product, identity(2 ** (n + 1))), g).toBeLessThan(1e-12);
    }
  });

  it('pow(k) @ uses the principal branch: X^k = (I+X)/2 + e^{iπk}(I−X)/2, likewise Y, Z, H', () => {
    const paulis: Record<string, Matrix> = {
      x: fromRows([[0, 1], [1, 0]]), y: fromRows([[0, [0, -1]], [[0, 1], 0]]), z: fromRows([[1, 0], [0, -1]]),
      h: fromRows([[Math.SQRT1_2, Math.SQRT1_2], [Math.SQRT1_2, -Math.SQRT1_2]]),
    };
    for (const [g, m] of Object.entries(paulis)) {
      for (const k of [0.5, -0.5, 1 / 3, 1.75, -2.25]) {
        const e = [Math.cos(Math.PI * k), Math.sin(Math.PI * k)] as const;
        const expected = new Float64Array(8);
        for (let i = 0; i < 8; i += 2) {
          const id = i === 0 || i === 6 ? 1 : 0;
          const plus = (id + m[i]!) / 2, plusI = m[i + 1]! / 2;
          const minus = (id - m[i]!) / 2, minusI = -m[i + 1]! / 2;
          expected[i] = plus + e[0] * minus - e[1] * minusI;
          expected[i + 1] = plusI + e[0] * minusI + e[1] * minus;
        }
        const got = unitaryOf(fromQasm(`OPENQASM 3;\ninclude "stdgates.inc";\nqubit[2] q;\nctrl @ pow(${k}) @ ${g} q[1], q[0];`));
        // Controlled (control q[1] = bit 1): the target block is the lower-right 2×2 of rows/cols with bit 1 set.
        const block = Float64Array.from([got[2 * (2 * 4 + 2)]!, got[2 * (2 * 4 + 2) + 1]!, got[2 * (2 * 4 + 3)]!, got[2 * (2 * 4 + 3) + 1]!, got[2 * (3 * 4 + 2)]!, got[2 * (3 * 4 + 2) + 1]!, got[2 * (3 * 4 + 3)]!, got[2 * (3 * 4 + 3) + 1]!]);
        expect(distance(block, expected), `${g}^${k}`).toBeLessThan(1e-12);
      }
    }
    // Whole powers repeat, pow and inv compose: pow(2) @ inv @ s = z (a phase of π).
    expect(distance(unitaryOf(fromQasm('OPENQASM 3;\ninclude "stdgates.inc";\nqubit q;\npow(2) @ inv @ s q;')), paulis.z!)).toBeLessThan(1e-12);
    expect(distance(unitaryOf(fromQasm('OPENQASM 3;\ninclude "stdgates.inc";\nqubit q;\npow(0.5) @ pow(0.5) @ s q;')), unitaryOf(fromQasm('OPENQASM 3;\ninclude "stdgates.inc";\nqubit q;\np(pi/8) q;')))).toBeLessThan(1e-12);
  });

  it('modifiers on user-defined gates: inv reverses the body, pow repeats it, ctrl controls every step', () => {
    const def = 'OPENQASM 3;\ninclude "stdgates.inc";\ngate g(a) x, y { h x; cx x, y; rz(a) y; s x; }\nqubit[3] q;\n';
    const forward = unitaryOf(fromQasm(`${def}ctrl @ g(0.4) q[2], q[0], q[1];`));
    const inverse = unitaryOf(fromQasm(`${def}ctrl @ inv @ g(0.4) q[2], q[0], q[1];`));
    expect(distance(multiply(inverse, forward), identity(8))).toBeLessThan(1e-12);
    const twice = unitaryOf(fromQasm(`${def}pow(2) @ g(0.4) q[0], q[1];`));
    const once = unitaryOf(fromQasm(`${def}g(0.4) q[0], q[1];`));
    expect(distance(twice, multiply(once, once))).toBeLessThan(1e-12);
  });
});
