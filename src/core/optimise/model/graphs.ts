/**
 * MaxCut as a model, and seeded random regular graphs to put it on.
 * C(x) = Σ_{(i,j)} w_ij·[x_i ≠ x_j] = Σ w_ij (x_i + x_j − 2·x_i·x_j), maximised; in spins
 * C = Σ w_ij (1 − s_i·s_j)/2, Farhi's convention.
 */
import { fail } from '../../errors.ts';
import { createRng } from '../../sim/rng.ts';
import { binaryModel, MAX_MODEL_VARIABLES, MAX_OBJECTIVE_MAGNITUDE, type BinaryModel } from './binary-model.ts';

/** An edge [i, j] or [i, j, weight] (weight 1 when absent). */
export type Edge = readonly [number, number] | readonly [number, number, number];

export function maxCutModel(numNodes: number, edges: readonly Edge[]): BinaryModel {
  if (!Number.isSafeInteger(numNodes) || numNodes < 1) fail('invalid-argument', `a graph needs at least one node, got ${numNodes}`, { where: 'numNodes' });
  if (numNodes > MAX_MODEL_VARIABLES) fail('too-large', `${numNodes} nodes is more than a model may have (${MAX_MODEL_VARIABLES})`, { where: 'numNodes' });
  const linear = new Float64Array(numNodes);
  const quadratic: { i: number; j: number; value: number }[] = [];
  let total = 0;
  edges.forEach((edge, k) => {
    const [i, j] = edge;
    const w = edge[2] ?? 1;
    const where = `edges[${k}]`;
    for (const v of [i, j]) if (!Number.isInteger(v) || v < 0 || v >= numNodes) fail('invalid-argument', `node ${v} is not in 0…${numNodes - 1}`, { where });
    if (i === j) fail('invalid-argument', `self-loop on node ${i} (it can never be cut)`, { where });
    if (!Number.isFinite(w)) fail('invalid-argument', `edge weight must be a finite number, got ${w}`, { where });
    total += Math.abs(w);
    linear[i] += w;
    linear[j] += w;
    quadratic.push({ i, j, value: -2 * w });
  });
  // The 0/1 form counts every weight four times (w·x_i + w·x_j − 2w·x_i·x_j): say so before it overflows.
  if (!(4 * total <= MAX_OBJECTIVE_MAGNITUDE)) {
    fail('invalid-argument', `the edge weights add up to ${total.toPrecision(3)} in absolute value, more than ${MAX_OBJECTIVE_MAGNITUDE / 4} (cut values would overflow)`, {
      where: 'edges',
      hint: 'scale the weights down: dividing every weight by the same number keeps the same maximum cut',
    });
  }
  return binaryModel({ sense: 'max', variables: Array.from({ length: numNodes }, (_, i) => `v${i}`), linear, quadratic });
}

/**
 * A uniformly-ish random simple d-regular graph on n nodes (pairing model with restarts:
 * stubs are matched at random and the attempt is redone on a loop or a repeated edge).
 */
export function randomRegularGraph(n: number, d: number, seed: number): [number, number][] {
  if (!Number.isSafeInteger(n) || !Number.isSafeInteger(d) || n < 1 || d < 0 || d >= n) fail('invalid-argument', `no simple ${d}-regular graph on ${n} nodes`, { hint: 'need 0 ≤ d < n' });
  if ((n * d) % 2 !== 0) fail('invalid-argument', `no ${d}-regular graph on ${n} nodes: n·d must be even`);
  const rng = createRng(seed);
  for (let attempt = 0; attempt < 10_000; attempt++) {
    const edges = tryPairing(n, d, rng);
    if (edges) return edges;
  }
  return fail('internal', `could not draw a simple ${d}-regular graph on ${n} nodes`);
}

function tryPairing(n: number, d: number, rng: () => number): [number, number][] | undefined {
  // Steger–Wormald style: pick two random free stubs that make a new simple edge, until done.
  const stubs: number[] = [];
  for (let v = 0; v < n; v++) for (let k = 0; k < d; k++) stubs.push(v);
  const seen = new Set<number>();
  const edges: [number, number][] = [];
  while (stubs.length > 0) {
    let placed = false;
    for (let tries = 0; tries < 100 && !placed; tries++) {
      const a = Math.floor(rng() * stubs.length);
      let b = Math.floor(rng() * (stubs.length - 1));
      if (b >= a) b++;
      const u = stubs[a]!, v = stubs[b]!;
      const key = Math.min(u, v) * n + Math.max(u, v);
      if (u === v || seen.has(key)) continue;
      seen.add(key);
      edges.push(u < v ? [u, v] : [v, u]);
      for (const idx of [Math.max(a, b), Math.min(a, b)]) {
        stubs[idx] = stubs[stubs.length - 1]!;
        stubs.pop();
      }
      placed = true;
    }
    if (!placed) return undefined;
  }
  return edges.sort((p, q) => p[0] - q[0] || p[1] - q[1]);
}
