import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli as run, tempDir } from '../helpers/cli.ts';

const { dir, file } = tempDir('superpose-qaoa-');
const ring8 = file('ring8.json', JSON.stringify({ type: 'maxcut', numNodes: 8, edges: Array.from({ length: 8 }, (_, i) => [i, (i + 1) % 8]) }));

describe('superpose qaoa', () => {
  it('optimises p = 1 on the 8-ring to the published 3/4 cut fraction and prints the conventions', async () => {
    const { code, out } = await run(['qaoa', '--problem', ring8, '--p', '1', '--optimizer', 'adam', '--seed', '1']);
    expect(code).toBe(0);
    expect(out).toMatch(/⟨f⟩\s+6\.000000/); // 3/4 of 8 edges
    expect(out).toMatch(/exact optimum f\*\s+8/);
    expect(out).toMatch(/approximation ratio ⟨f⟩\/f\*\s+0\.750000/);
    expect(out).toMatch(/qubit 0 is the least-significant bit/);
    expect(out).toMatch(/U_C = e\^\{-iγC\}/);
  });

  it('--json is one object, and the same seed gives the same run', async () => {
    const args = ['qaoa', '--problem', ring8, '--p', '2', '--optimizer', 'spsa', '--seed', '3', '--max-iterations', '30', '--json'];
    const a = await run(args), b = await run(args);
    expect(a.code).toBe(0);
    const ja = JSON.parse(a.out), jb = JSON.parse(b.out);
    expect(ja.gamma).toEqual(jb.gamma);
    expect(ja.bestBitstring).toBe(jb.bestBitstring);
    expect(ja.history.length).toBeGreaterThan(1);
    expect(ja.optimum).toBe(8);
    expect(ja.approximationRatio).toBeCloseTo(ja.expectedValue / 8, 12);
  });

  it('accepts binary models with constraints (reports P(feasible)) and the XY mixer', async () => {
    const model = file('onehot.json', JSON.stringify({
      type: 'binary', sense: 'min', variables: ['a', 'b', 'c'],
      objective: { linear: { a: 3, b: 1, c: 2 } },
      constraints: [{ name: 'one', linear: { a: 1, b: 1, c: 1 }, op: '==', rhs: 1 }],
    }));
    const { code, out } = await run(['qaoa', '--problem', model, '--p', '2', '--mixer', 'xy-ring', '--seed', '1', '--json']);
    expect(code).toBe(0);
    const j = JSON.parse(out);
    expect(j.optimum).toBe(1);
    expect(j.feasibleProbability).toBeCloseTo(1, 10); // the XY mixer never leaves the one-hot subspace
  });

  it('refuses bad input with one clear line', async () => {
    const cases: [string[], RegExp][] = [
      [['qaoa'], /needs a model file/],
      [['qaoa', '--problem', join(dir, 'missing.json')], /cannot read/],
      [['qaoa', '--problem', ring8, '--optimizer', 'bfgs'], /--optimizer must be one of/],
      [['qaoa', '--problem', ring8, '--cvar', '2'], /--cvar must be a number in \(0, 1\]/],
      [['qaoa', '--problem', ring8, '--cvar', '0.5', '--optimizer', 'adam'], /no gradient/],
      [['qaoa', '--problem', ring8, '--p', '0'], /--p must be a whole number ≥ 1/],
      [['qaoa', '--problem', ring8, '--mixer', 'swap'], /--mixer must be/],
      [['qaoa', '--problem', ring8, '--warm-start', '0.5,2'], /--warm-start needs numbers/],
      [['qaoa', '--problem', file('nan.json', '{"type":"maxcut","numNodes":2,"edges":[[0,1,"x"]]}')], /edges\[0\]\[2\]/],
      [['qaoa', '--problem', file('big.json', JSON.stringify({ type: 'maxcut', numNodes: 24, edges: [[0, 1]] })), '--max-memory', '1MiB'], /needs 256 MiB/],
      // Weights near 1e298: the angle search overflows; the error says why and how to fix it.
      [['qaoa', '--problem', file('huge.json', JSON.stringify({ type: 'maxcut', numNodes: 4, edges: [[0, 1, 1e298], [1, 2, 1e298], [2, 3, 1e298], [3, 0, 1e298]] })), '--seed', '1'], /QAOA parameter 0 \(γ_1\) is NaN.*divide every weight of the model by the same number/],
    ];
    for (const [args, pattern] of cases) {
      const { code, err } = await run(args);
      expect(code, args.join(' ')).toBe(1);
      expect(err).toMatch(pattern);
      expect(err.split('\n').length).toBeLessThanOrEqual(2);
    }
  });
});
