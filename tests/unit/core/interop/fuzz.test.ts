import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SuperposeError } from '../../../../src/core/errors.ts';
import { fromQasm } from '../../../../src/core/interop/index.ts';

/**
 * Fuzzing the reader: random token streams, truncations and mutations of valid programs.
 * Every input must either parse or fail with a SuperposeError that names line:column — never
 * another exception — and no parse of ≤ 10 kB may take long (a guard against pathological cases).
 */

const VALID = [
  `OPENQASM 2.0;
include "qelib1.inc";
gate majority a,b,c { cx c,b; cx c,a; ccx a,b,c; }
gate unmaj a,b,c { ccx a,b,c; cx c,a; cx a,b; }
gate rot(t, s) a { u3(t, s/2, -pi) a; rz(sin(t)^2 + ln(2)) a; }
qreg cin[1]; qreg a[2]; qreg b[2]; qreg cout[1];
creg ans[3];
x a[0]; x b;
majority cin[0],b[0],a[0];
majority a[0],b[1],a[1];
cx a[1],cout[0];
unmaj a[0],b[1],a[1];
unmaj cin[0],b[0],a[0];
rot(0.5, -2*pi/3) a[1];
barrier a, b;
measure b[0] -> ans[0];
measure b[1] -> ans[1];
measure cout[0] -> ans[2];
if(ans==3) x cin[0];
reset a;
`,
  `OPENQASM 3.0;
include "stdgates.inc";
input float[64] theta;
gate diffuser a, b { h a; h b; x a; x b; ctrl @ z a, b; x a; x b; h a; h b; }
qubit[3] q;
bit[3] c;
h q;
ctrl @ negctrl @ rx(2 * theta) q[0], q[1], q[2];
inv @ pow(2) @ s q[1];
pow(0.5) @ x q[2];
diffuser q[0], q[1];
gphase(-π / 4);
c[0] = measure q[0];
if (c[0]) { x q[1]; z q[2]; }
if (c == 5) reset q[1];
c = measure q;
`,
  `OPENQASM 2.0;
include "qelib1.inc";
qreg q[3];
creg c[3];
h q[2];
cu1(pi/2) q[1],q[2];
cu1(pi/4) q[0],q[2];
h q[1];
cu1(pi/2) q[0],q[1];
h q[0];
swap q[0],q[2];
measure q -> c;
`,
];

const TOKENS = [
  'OPENQASM', '2.0', '3.0', '3', ';', 'include', '"qelib1.inc"', '"stdgates.inc"', 'qreg', 'creg', 'qubit', 'bit', 'gate', 'opaque',
  'measure', 'reset', 'barrier', 'if', 'else', 'input', 'float', '[', ']', '(', ')', '{', '}', ',', '->', '==', '=', '@', 'ctrl', 'negctrl',
  'inv', 'pow', 'q', 'c', 'a', 'b', 'h', 'x', 'cx', 'rx', 'u3', 'U', 'CX', 'gphase', 'pi', 'π', 'theta', '0', '1', '2', '64', '1e400',
  '0.5', '-', '+', '*', '/', '^', '**', 'sin', 'ln', '$0', '//', '/*', '*/', '"', '\n', '€', '\t', 'for', 'q[0]', 'q[1]', 'c[0]',
];

function check(source: string): number {
  const first = parseOnce(source);
  // A pathological input is slow every time; a GC pause or a busy machine is not: re-time slow ones.
  return first < 50 ? first : Math.min(first, parseOnce(source), parseOnce(source));
}

function parseOnce(source: string): number {
  const started = performance.now();
  try {
    fromQasm(source);
  } catch (error) {
    if (!(error instanceof SuperposeError)) throw new Error(`uncaught ${(error as Error)?.name}: ${(error as Error)?.message} for ${JSON.stringify(source.slice(0, 300))}`);
    if (!/^\d+:\d+$/.test(error.where ?? '')) throw new Error(`error without line:column (${error.where}): ${error.message} for ${JSON.stringify(source.slice(0, 300))}`);
  }
  return performance.now() - started;
}

describe('fuzzing the OpenQASM reader (10,500 cases)', () => {
  let slowest = 0;
  const record = (ms: number) => {
    slowest = Math.max(slowest, ms);
  };

  it('the seed programs are valid', () => {
    for (const program of VALID) expect(() => fromQasm(program)).not.toThrow();
  });

  it('random token streams', () => {
    const stream = fc.tuple(fc.boolean(), fc.array(fc.constantFrom(...TOKENS), { maxLength: 200 }), fc.array(fc.constantFrom(' ', '', '\n'), { minLength: 200, maxLength: 200 }));
    fc.assert(fc.property(stream, ([header, tokens, gaps]) => {
      const text = (header ? 'OPENQASM 3;\ninclude "stdgates.inc";\nqubit[2] q;\n' : '') + tokens.map((t, i) => t + gaps[i]).join('');
      record(check(text));
    }), { numRuns: 3500, seed: 1 });
  });

  it('truncations of valid programs', () => {
    fc.assert(fc.property(fc.constantFrom(...VALID), fc.double({ min: 0, max: 1, noNaN: true }), (program, at) => {
      record(check(program.slice(0, Math.floor(at * program.length))));
    }), { numRuns: 3000, seed: 2 });
  });

  it('mutations of valid programs (delete, insert, replace, duplicate)', () => {
    const edit = fc.record({
      kind: fc.constantFrom('delete', 'insert', 'replace', 'duplicate'),
      at: fc.double({ min: 0, max: 1, noNaN: true }),
      length: fc.integer({ min: 1, max: 30 }),
      text: fc.oneof(fc.constantFrom(...TOKENS), fc.string({ maxLength: 4 }), fc.constantFrom('9999999', '[0:1]', 'pow(1e9) @', 'ctrl(40) @')),
    });
    fc.assert(fc.property(fc.constantFrom(...VALID), fc.array(edit, { minLength: 1, maxLength: 6 }), (program, edits) => {
      let text = program;
      for (const e of edits) {
        const i = Math.floor(e.at * text.length);
        if (e.kind === 'delete') text = text.slice(0, i) + text.slice(i + e.length);
        else if (e.kind === 'insert') text = text.slice(0, i) + e.text + text.slice(i);
        else if (e.kind === 'replace') text = text.slice(0, i) + e.text + text.slice(i + e.text.length);
        else text = text.slice(0, i) + text.slice(i, i + e.length * 10) + text.slice(i);
      }
      record(check(text.slice(0, 10_000)));
    }), { numRuns: 4000, seed: 3 });
  });

  it('no parse was pathologically slow', () => {
    // A guard, not a benchmark: every parse above read at most 10 kB (best of three when the first took over 50 ms).
    expect(slowest).toBeLessThan(100);
  });
});
