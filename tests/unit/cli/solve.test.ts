import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli as run, tempDir } from '../helpers/cli.ts';

const { dir, file } = tempDir('superpose-solve-');

const petersen = file('petersen.json', {
  type: 'maxcut',
  numNodes: 10,
  edges: [[0, 1], [1, 2], [2, 3], [3, 4], [4, 0], [0, 5], [1, 6], [2, 7], [3, 8], [4, 9], [5, 7], [7, 9], [9, 6], [6, 8], [8, 5]],
});

describe('superpose solve', () => {
  it('compares methods side by side against the exact optimum (Petersen: 12)', async () => {
    const { code, out } = await run(['solve', '--problem', petersen, '--method', 'exact,sa', '--method', 'tabu', '--method', 'greedy,gw', '--seed', '5']);
    expect(code).toBe(0);
    expect(out).toMatch(/10 variables, 0 constraints, maximise f/);
    expect(out).toMatch(/reference optimum: f_opt = 12 \(exhaustive enumeration, worst feasible 0\)/);
    expect(out).toMatch(/^method\s+status\s+best f/m);
    expect(out).toMatch(/^exact\s+optimal\s+12\s+\d{10}\s+12\s+1\s+1\s+1\s+1\s+1024\s/m);
    for (const m of ['sa', 'tabu', 'greedy', 'gw']) expect(out).toMatch(new RegExp(`^${m}\\s+feasible\\s+12\\s`, 'm'));
    expect(out).toMatch(/sa: geometric β .* 1000 sweeps × 16 reads/);
    expect(out).toMatch(/gw: SDP relaxation \d/);
    expect(out).toMatch(/qubit 0 is the least-significant bit/);
    expect(out).toMatch(/C = f \(max\) or −f \(min\)/);
  });

  it('--json: rows, reference and runs; the same seed gives the same results', async () => {
    const a = JSON.parse((await run(['solve', '--problem', petersen, '--method', 'sa,tabu', '--seed', '3', '--json'])).out);
    const b = JSON.parse((await run(['solve', '--problem', petersen, '--method', 'sa,tabu', '--seed', '3', '--json'])).out);
    expect(a.reference).toMatchObject({ sense: 'max', optimum: 12, worst: 0, source: 'exact' });
    expect(a.rows.map((r: { method: string }) => r.method)).toEqual(['sa', 'tabu']);
    expect(a.seed).toBe(3);
    const strip = (j: { runs: { samples: unknown; bestBitstring: string; history: unknown }[] }) => j.runs.map((r) => [r.bestBitstring, r.samples, r.history]);
    expect(strip(b)).toEqual(strip(a));
  });

  it('uses MILP itself as the reference when asked for it, and reports infeasible models as infeasible', async () => {
    const model = file('contradiction.json', {
      variables: ['a', 'b'],
      objective: { linear: { a: -1, b: -1 } },
      constraints: [{ name: 'both', linear: { a: 1, b: 1 }, op: '>=', rhs: 2 }, { name: 'not-a', linear: { a: 1 }, op: '<=', rhs: 0 }],
    });
    const { code, out } = await run(['solve', model, '--method', 'milp,exact,sa', '--seed', '1']);
    expect(code).toBe(0);
    expect(out).toMatch(/the model is infeasible/);
    expect(out).toMatch(/^milp\s+infeasible\s/m);
    expect(out).toMatch(/^exact\s+infeasible\s/m);
    expect(out).toMatch(/^sa\s+no-feasible-found\s/m);
  });

  it('solves a constrained model: a one-hot choice', async () => {
    const model = file('one-hot.json', {
      variables: ['red', 'green', 'blue'],
      objective: { linear: { red: 3, green: 1, blue: 2 } },
      constraints: [{ name: 'pick-one', linear: { red: 1, green: 1, blue: 1 }, op: '==', rhs: 1 }],
    });
    const j = JSON.parse((await run(['solve', model, '--method', 'exact,milp,sa', '--seed', '2', '--json'])).out);
    expect(j.reference.optimum).toBe(1);
    for (const r of j.runs) expect(r.bestBitstring).toBe('010'); // green is variable 1
  });

  it('reads Ising models (s = 1 − 2x)', async () => {
    // E = s0·s1: antialigned spins give −1.
    const model = file('ising.json', { type: 'ising', numVariables: 2, objective: { quadratic: [['x0', 'x1', 1]] } });
    const j = JSON.parse((await run(['solve', model, '--method', 'exact', '--json'])).out);
    expect(j.rows[0].bestValue).toBe(-1);
    expect(['01', '10']).toContain(j.rows[0].bestBitstring);
  });

  it('clear errors: unknown method (lists the known ones), bad model, missing file', async () => {
    const unknown = await run(['solve', '--problem', petersen, '--method', 'exact,annealing']);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toMatch(/unknown method "annealing".*known methods: exact, milp, sa, tabu, greedy, gw/);
    const bad = await run(['solve', file('bad.json', { numVariables: 2, objective: { linear: { x9: 1 } } })]);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/bad\.json: objective\.linear: unknown variable "x9"/);
    const broken = await run(['solve', file('broken.json', '{"numVariables": 2,\n "objective": {"linear": {"x0": 1 "x1": 2}}}')]);
    expect(broken.code).toBe(1);
    expect(broken.err).toMatch(/broken\.json:2:35: the model is not valid JSON: expected ","/);
    const missing = await run(['solve', join(dir, 'nope.json')]);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/cannot read .*nope\.json: ENOENT/);
    const tooBig = await run(['solve', file('big.json', { numVariables: 40 }), '--method', 'exact']);
    expect(tooBig.code).toBe(1);
    expect(tooBig.err).toMatch(/2\^40 states/);
  });

  it('--help lists the registered methods', async () => {
    const { code, out } = await run(['solve', '--help']);
    expect(code).toBe(0);
    expect(out).toMatch(/--method M\s+exact \| milp \| sa \| tabu \| greedy \| gw/);
  });
});
