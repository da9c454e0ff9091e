import { execFileSync, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { runCli as run, tempDir } from '../helpers/cli.ts';

const { file } = tempDir('superpose-cli-');

describe('superpose run', () => {
  it('prints probabilities, seeded counts and expectations with the bit order', async () => {
    const { code, out } = await run(['run', 'examples/bell.json', '--shots', '1000', '--seed', '7', '--observable', 'Z0 Z1']);
    expect(code).toBe(0);
    expect(out).toMatch(/qubit 0 is the least-significant bit/);
    expect(out).toMatch(/00\s+0\s+0\.500000/);
    expect(out).toMatch(/11\s+3\s+0\.500000/);
    expect(out).toMatch(/Z0 Z1\s+1\.0000000000/);
    const again = await run(['run', 'examples/bell.json', '--shots', '1000', '--seed', '7']);
    const counts = (text: string) => text.split('shots')[1]!.split('\n').filter((l) => /^(00|11)\s/.test(l));
    expect(counts(again.out)).toEqual(counts(out));
  });

  it('emits JSON with counts that sum to the shots and bound parameters', async () => {
    const { code, out } = await run(['run', 'examples/rotations.json', '--param', 'theta=pi/8', '--param', 'gamma=0.2', '--shots', '500', '--seed', '3', '--json']);
    expect(code).toBe(0);
    const result = JSON.parse(out);
    expect(result.bitOrder).toMatch(/qubit 0/);
    expect(Object.values(result.counts as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(500);
    const total = Object.values(result.probabilities as Record<string, number>).reduce((a, b) => a + b, 0);
    expect(total).toBeCloseTo(1, 12);
    // ry(π/4) on qubit 0: P(q0 = 1) = sin²(π/8)
    const p1 = Object.entries(result.probabilities as Record<string, number>).filter(([k]) => k.endsWith('1')).reduce((s, [, v]) => s + v, 0);
    expect(p1).toBeCloseTo(Math.sin(Math.PI / 8) ** 2, 12);
  });

  it('runs in single precision where double would not fit the memory limit', async () => {
    const circuit = file('ghz16.json', JSON.stringify({ numQubits: 16, ops: [{ gate: 'h', qubits: [0] }, ...Array.from({ length: 15 }, (_, q) => ({ gate: 'cx', qubits: [q, q + 1] }))] }));
    const refused = await run(['run', circuit, '--max-memory', '768KiB']);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/needs 1 MiB.*use single precision/s);
    const { code, out } = await run(['run', circuit, '--max-memory', '768KiB', '--precision', 'single', '--json']);
    expect(code).toBe(0);
    const result = JSON.parse(out);
    expect(result.precision).toBe('single');
    expect(result.probabilities['0'.repeat(16)]).toBeCloseTo(0.5, 6);
    expect(result.probabilities['1'.repeat(16)]).toBeCloseTo(0.5, 6);
  });

  it('reports bad input as one clear line with a non-zero exit code', async () => {
    const cases: [string[], RegExp][] = [
      [['run', file('bad.json', '{"numQubits": 2, "ops": [')], /bad\.json:1:26: the file is not valid JSON: expected "\]"/],
      [['run', file('comma.json', '{\n  "numQubits": 2,\n  "ops": [],\n}')], /comma\.json:3:12: .*a "," before "\}"/],
      [['run', file('range.json', '{"numQubits": 2, "ops": [{"gate": "h", "qubits": [5]}]}')], /range\.json: op 0: qubits\[0\] 5 is out of range/],
      [['run', file('nan.json', '{"numQubits": 1, "ops": [{"gate": "rx", "qubits": [0], "params": ["0/0"]}]}')], /not a finite real number|NaN/],
      [['run', file('big.json', '{"numQubits": 40, "ops": []}')], /40 qubits need 16 TiB/],
      [['run', file('mem.json', '{"numQubits": 28, "ops": []}'), '--max-memory', '1GiB'], /needs 4 GiB .* limit of 1 GiB/],
      [['run', 'examples/rotations.json'], /unbound parameters: gamma, theta/],
      [['run', 'examples/rotations.json', '--param', 'theta=abc', '--param', 'gamma=1'], /--param theta=abc: the value must be a number or an expression of constants \(pi, e, …\); "abc" is not a constant/],
      [['run', 'examples/bell.json', '--max-memory', '0'], /memory size "0" is less than one byte/],
      [['run', '/no/such/file.json'], /cannot read/],
      [['run', 'examples/bell.json', '--shots=-3'], /--shots must be a whole number/],
      [['run', 'examples/bell.json', '--precision', 'half'], /--precision must be double or single/],
      [['run', 'examples/bell.json', '--precision', 'single', '--backend', 'wasm'], /double-precision states only/],
    ];
    for (const [args, pattern] of cases) {
      const { code, err } = await run(args);
      expect(code, args.join(' ')).toBe(1);
      expect(err, args.join(' ')).toMatch(pattern);
      expect(err).not.toMatch(/\n\s+at /); // no stack trace
    }
  });

  it('works as the installed command and exits non-zero on errors', () => {
    const out = execFileSync('node', ['bin/superpose.mjs', 'run', 'examples/bell.json', '--json', '--seed', '1'], { encoding: 'utf8' });
    expect(JSON.parse(out).probabilities).toEqual({ '00': expect.closeTo(0.5, 12), '11': expect.closeTo(0.5, 12) });
    const bad = spawnSync('node', ['bin/superpose.mjs', 'run', 'missing.json'], { encoding: 'utf8' });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/^superpose: error: cannot read missing.json/);
    expect(bad.stderr).not.toMatch(/\n\s+at /);
  });
});
