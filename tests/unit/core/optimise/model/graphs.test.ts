import { describe, expect, it } from 'vitest';
import { allStatesObjective, maxCutModel, randomRegularGraph, type Edge } from '../../../../../src/core/optimise/model/index.ts';
import { PETERSEN, complete, ring } from './graph-fixtures.ts';

const maxOf = (values: Float64Array) => values.reduce((m, v) => Math.max(m, v), -Infinity);

describe('MaxCut models', () => {
  it('C(x) counts the cut edges (weighted), is maximised, and matches a direct count', () => {
    const edges: Edge[] = [[0, 1], [1, 2, 2.5], [0, 2, -1]];
    const m = maxCutModel(3, edges);
    expect(m.sense).toBe('max');
    const all = allStatesObjective(m.objective);
    for (let x = 0; x < 8; x++) {
      const bit = (i: number) => (x >> i) & 1;
      const cut = edges.reduce((s, e) => s + (bit(e[0]) !== bit(e[1]) ? (e[2] ?? 1) : 0), 0);
      expect(all[x]).toBeCloseTo(cut, 12);
    }
  });

  it('published maxima: Petersen 12, K_n ⌊n²/4⌋, even rings cut every edge, odd rings all but one', () => {
    expect(maxOf(allStatesObjective(maxCutModel(10, PETERSEN).objective))).toBe(12);
    for (let n = 2; n <= 9; n++) expect(maxOf(allStatesObjective(maxCutModel(n, complete(n)).objective))).toBe(Math.floor((n * n) / 4));
    for (let n = 3; n <= 12; n++) expect(maxOf(allStatesObjective(maxCutModel(n, ring(n)).objective))).toBe(n % 2 === 0 ? n : n - 1);
  });

  it('refuses self-loops, unknown nodes and non-finite weights', () => {
    expect(() => maxCutModel(3, [[0, 0]])).toThrow(/self-loop/);
    expect(() => maxCutModel(3, [[0, 3]])).toThrow(/node 3 is not in 0…2/);
    expect(() => maxCutModel(3, [[0, 1, Number.NaN]])).toThrow(/finite/);
  });
});

describe('random regular graphs', () => {
  it('are simple, d-regular and the same for the same seed', () => {
    for (const [n, d] of [[20, 3], [10, 4], [16, 5], [8, 7], [6, 0]] as const) {
      const edges = randomRegularGraph(n, d, 42);
      expect(edges.length).toBe((n * d) / 2);
      const degree = new Array(n).fill(0);
      const keys = new Set<string>();
      for (const [u, v] of edges) {
        expect(u).not.toBe(v);
        keys.add(`${u}-${v}`);
        degree[u]++;
        degree[v]++;
      }
      expect(keys.size).toBe(edges.length);
      expect(degree.every((k) => k === d)).toBe(true);
      expect(randomRegularGraph(n, d, 42)).toEqual(edges);
    }
    expect(randomRegularGraph(20, 3, 1)).not.toEqual(randomRegularGraph(20, 3, 2));
  });

  it('refuses impossible degrees', () => {
    expect(() => randomRegularGraph(5, 3, 1)).toThrow(/must be even/);
    expect(() => randomRegularGraph(4, 4, 1)).toThrow(/0 ≤ d < n/);
  });
});
