/** Graphs with published MaxCut values, for tests. */
import type { Edge } from '../../../../../src/core/optimise/model/index.ts';

/** The Petersen graph: outer 5-cycle, spokes, inner pentagram. */
export const PETERSEN: Edge[] = [
  [0, 1], [1, 2], [2, 3], [3, 4], [4, 0],
  [0, 5], [1, 6], [2, 7], [3, 8], [4, 9],
  [5, 7], [7, 9], [9, 6], [6, 8], [8, 5],
];

export const ring = (n: number): Edge[] => Array.from({ length: n }, (_, i) => [i, (i + 1) % n] as Edge);
export const complete = (n: number): Edge[] => {
  const edges: Edge[] = [];
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) edges.push([i, j]);
  return edges;
};
