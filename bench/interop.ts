/**
 * Interop benchmark: reading a 100,000-line OpenQASM 2 program (lexer + parser + gate expansion +
 * circuit validation) and writing it back, in lines per second. Target: under 1 s to read.
 */
import { parseQasm } from '../src/core/interop/parser.ts';
import { fromQasm, toQasm2, toQasm3 } from '../src/core/interop/index.ts';
import { fmt, type Table } from './lib/table.ts';
import { collectGarbage, time } from './lib/timing.ts';

export interface InteropBenchOptions {
  readonly quick: boolean;
  readonly log: (text: string) => void;
}

/** A QASMBench-like program: 16 qubits, a user gate, parameterised rotations, measurements and conditions. */
export function syntheticProgram(lines: number): string {
  const out = ['OPENQASM 2.0;', 'include "qelib1.inc";', 'gate layer(t) a,b { rz(t) a; cx a,b; ry(-t/2) b; }', 'qreg q[16];', 'creg c[16];'];
  const n = 16;
  for (let i = out.length; i < lines; i++) {
    const a = i % n, b = (i * 7 + 3) % n === a ? (a + 1) % n : (i * 7 + 3) % n;
    switch (i % 8) {
      case 0: out.push(`h q[${a}];`); break;
      case 1: out.push(`cx q[${a}],q[${b}];`); break;
      case 2: out.push(`rz(${((i % 97) / 13).toFixed(6)}) q[${a}];`); break;
      case 3: out.push(`u3(pi/${1 + (i % 7)},-pi/4,0.125*pi) q[${a}];`); break;
      case 4: out.push(`layer(2*pi/${1 + (i % 5)}) q[${a}],q[${b}];`); break;
      case 5: out.push(`cu1(pi/${2 + (i % 9)}) q[${a}],q[${b}];`); break;
      case 6: out.push(`measure q[${a}] -> c[${a}];`); break;
      default: out.push(`if(c==${i % 5}) x q[${a}];`); break;
    }
  }
  return out.join('\n') + '\n';
}

export async function benchInterop(options: InteropBenchOptions): Promise<{ tables: Table[]; targets: { target: string; value: string; met: boolean | undefined }[]; data: Record<string, unknown> }> {
  const sizes = options.quick ? [10_000, 100_000] : [10_000, 100_000, 300_000];
  const rows: { lines: number; bytes: number; ops: number; parseMs: number; importMs: number; importBestMs: number; qasm2Ms: number; qasm3Ms: number }[] = [];
  for (const lines of sizes) {
    const source = syntheticProgram(lines);
    // Each timed run starts from a collected heap: the garbage of one run is not charged to the next.
    const parse = time(() => parseQasm(source), { repeats: options.quick ? 5 : 7, setup: collectGarbage });
    let ops = 0;
    const load = time(() => {
      ops = fromQasm(source).ops.length;
    }, { repeats: options.quick ? 5 : 7, setup: collectGarbage });
    const circuit = fromQasm(source);
    const q2 = time(() => toQasm2(circuit), { repeats: 5, setup: collectGarbage });
    const q3 = time(() => toQasm3(circuit), { repeats: 5, setup: collectGarbage });
    rows.push({ lines, bytes: source.length, ops, parseMs: parse.median, importMs: load.median, importBestMs: load.min, qasm2Ms: q2.median, qasm3Ms: q3.median });
    options.log(`interop ${lines} lines: parse ${fmt.ms(parse.median)}, import ${fmt.ms(load.median)} (${ops} ops), write qasm2 ${fmt.ms(q2.median)}, qasm3 ${fmt.ms(q3.median)}`);
  }
  const perSecond = (lines: number, ms: number) => `${Math.round(lines / (ms / 1000)).toLocaleString('en')}`;
  const table: Table = {
    title: 'Interop: reading and writing OpenQASM (median of the timed runs)',
    head: ['lines', 'kB', 'ops', 'parse', 'import (parse + expand + validate)', 'import, best run', 'lines/s (import)', 'write OpenQASM 2', 'write OpenQASM 3'],
    rows: rows.map((r) => [r.lines, Math.round(r.bytes / 1024), r.ops, fmt.ms(r.parseMs), fmt.ms(r.importMs), fmt.ms(r.importBestMs), perSecond(r.lines, r.importMs), fmt.ms(r.qasm2Ms), fmt.ms(r.qasm3Ms)]),
    notes: ['Import includes Circuit.fromOps validating every op (about a third of it). On a loaded machine the median drifts well above the best run: both are shown.', 'A QASMBench-like OpenQASM 2 program on 16 qubits: h, cx, rz, u3 with pi expressions, a user gate with a parameter, cu1, measure and if(c==n), in rotation.'],
  };
  const hundred = rows.find((r) => r.lines === 100_000)!;
  return {
    tables: [table],
    targets: [{ target: 'a 100,000-line OpenQASM program is read in under 1 s', value: `${fmt.ms(hundred.importMs)} median, ${fmt.ms(hundred.importBestMs)} best (${perSecond(hundred.lines, hundred.importMs)} lines/s)`, met: hundred.importMs < 1000 }],
    data: { rows },
  };
}
