import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main.ts';
import { createRng } from '../helpers/random.ts';
import { randomCircuit } from '../helpers/random-circuit.ts';

async function runJson(args: string[]): Promise<Record<string, unknown>> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, (t) => out.push(t), (t) => err.push(t));
  expect(err).toEqual([]);
  expect(code).toBe(0);
  return JSON.parse(out.join('\n')) as Record<string, unknown>;
}

describe('superpose run --threads K', () => {
  it('prints the same probabilities and observables on 2 worker threads as in-process', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'superpose-threads-'));
    const file = join(dir, 'random.json');
    writeFileSync(file, JSON.stringify(randomCircuit(10, 60, createRng(99)).toJSON()));
    const common = ['run', file, '--json', '--seed', '5', '--observable', 'Z0 Z3', '--observable', 'X1'];
    const one = await runJson(common);
    const two = await runJson([...common, '--threads', '2']);
    expect(one.threads).toBe(1);
    expect(two.threads).toBe(2);
    const p1 = one.probabilities as Record<string, number>;
    const p2 = two.probabilities as Record<string, number>;
    expect(Object.keys(p2).sort()).toEqual(Object.keys(p1).sort());
    for (const k of Object.keys(p1)) expect(Math.abs(p1[k]! - p2[k]!)).toBeLessThan(1e-12);
    const o1 = one.observables as { value: number }[];
    const o2 = two.observables as { value: number }[];
    o1.forEach((o, i) => expect(Math.abs(o.value - o2[i]!.value)).toBeLessThan(1e-12));
  });

  it('refuses --threads 0 with a one-line error', async () => {
    const err: string[] = [];
    const code = await main(['run', 'examples/bell.json', '--threads', '0'], () => undefined, (t) => err.push(t));
    expect(code).toBe(1);
    expect(err[0]).toMatch(/--threads must be a whole number ≥ 1/);
  });
});
