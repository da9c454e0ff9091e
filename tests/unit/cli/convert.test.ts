import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli as run, tempDir } from '../helpers/cli.ts';
import { fromQasm } from '../../../src/core/interop/index.ts';

const { dir, file } = tempDir('superpose-convert-');

describe('superpose run on OpenQASM files', () => {
  it('runs a .qasm file with seeded shots and JSON output', async () => {
    const { code, out } = await run(['run', 'examples/ghz.qasm', '--shots', '1000', '--seed', '1', '--json']);
    expect(code).toBe(0);
    const result = JSON.parse(out);
    expect(result.probabilities).toEqual({ '000': expect.closeTo(0.5, 12), '111': expect.closeTo(0.5, 12) });
    expect(Object.keys(result.counts).sort()).toEqual(['000', '111']);
    expect((result.counts['000'] as number) + (result.counts['111'] as number)).toBe(1000);
    const again = JSON.parse((await run(['run', 'examples/ghz.qasm', '--shots', '1000', '--seed', '1', '--json'])).out);
    expect(again.counts).toEqual(result.counts);
  });

  it('binds input parameters of OpenQASM 3 programs', async () => {
    for (let seed = 1; seed <= 4; seed++) {
      const { code, out } = await run(['run', 'examples/teleport.qasm', '--param', 'theta=0.7', '--seed', String(seed), '--observable', 'Z2', '--json']);
      expect(code).toBe(0);
      expect(JSON.parse(out).observables[0].value).toBeCloseTo(Math.cos(0.7), 12);
    }
  });

  it('reports OpenQASM errors as file:line:column with the hint', async () => {
    const bad = file('bad.qasm', 'OPENQASM 2.0;\ninclude "qelib1.inc";\nqreg q[2];\ncx q[0] q[1];\n');
    const { code, err } = await run(['run', bad]);
    expect(code).toBe(1);
    expect(err).toContain(`${bad}:4:9: expected "," between qubits or ";" after cx, found "q"`);
  });
});

describe('superpose convert', () => {
  it('converts to every format; the outputs read back to the same circuit', async () => {
    for (const to of ['qasm2', 'qasm3', 'json']) {
      const { code, out } = await run(['convert', 'examples/ghz.qasm', '--to', to]);
      expect(code, to).toBe(0);
      const back = to === 'json' ? JSON.parse(out).ops.length : fromQasm(out).ops.length;
      expect(back).toBe(7);
    }
    const qiskit = file('ghz.py', (await run(['convert', 'examples/grover.qasm', '--to', 'qiskit'])).out);
    execFileSync('python3', ['-m', 'py_compile', qiskit]);
    const quirk = await run(['convert', 'examples/ghz.qasm', '--to', 'quirk']);
    expect(JSON.parse(quirk.out).cols[0]).toEqual(['H']);
  });

  it('writes --out files and binds --param for OpenQASM 2', async () => {
    const target = join(dir, 'teleport2.qasm');
    const { code, out } = await run(['convert', 'examples/teleport.qasm', '--to', 'qasm2', '--param', 'theta=0.7', '--out', target]);
    expect(code).toBe(0);
    expect(out).toMatch(/wrote .*teleport2\.qasm/);
    expect(readFileSync(target, 'utf8')).toMatch(/^OPENQASM 2\.0;/);
    const refused = await run(['convert', 'examples/teleport.qasm', '--to', 'qasm2']);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/bind theta/);
  });

  it('rejects unknown formats with the list', async () => {
    const { code, err } = await run(['convert', 'examples/ghz.qasm', '--to', 'cirq']);
    expect(code).toBe(1);
    expect(err).toMatch(/--to must be one of qasm2, qasm3, qiskit, quirk, quirk-url, json/);
  });
});
