import type { DiagonalProblem, IsingCoupling } from '../../../../../src/core/optimise/types.ts';

/** Test-local MaxCut: f(x) = Σ w_ij [x_i ≠ x_j] (maximised); Ising c₀ = Σw/2, J_ij = −w/2. */
export function maxCutProblem(numNodes: number, edges: readonly (readonly [number, number, number?])[]): DiagonalProblem {
  const objective = new Float64Array(2 ** numNodes);
  for (let x = 0; x < objective.length; x++) {
    let cut = 0;
    for (const [i, j, w = 1] of edges) if (((x >>> i) & 1) !== ((x >>> j) & 1)) cut += w;
    objective[x] = cut;
  }
  const quadratic: IsingCoupling[] = edges.map(([i, j, w = 1]) => ({ i: Math.min(i, j), j: Math.max(i, j), J: -w / 2 }));
  const constant = edges.reduce((s, [, , w = 1]) => s + w / 2, 0);
  return { numQubits: numNodes, sense: 'max', objective, ising: { numSpins: numNodes, constant, linear: new Float64Array(numNodes), quadratic } };
}

/** A random Ising problem E(s) = c₀ + Σ h s + Σ J s s with s = Z eigenvalue, brute-forced objective. */
export function randomIsingProblem(n: number, rng: () => number, sense: 'min' | 'max' = 'min'): DiagonalProblem {
  const linear = Float64Array.from({ length: n }, () => rng() * 2 - 1);
  const quadratic: IsingCoupling[] = [];
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) if (rng() < 0.6) quadratic.push({ i, j, J: rng() * 2 - 1 });
  const constant = rng();
  const objective = new Float64Array(2 ** n);
  for (let x = 0; x < objective.length; x++) {
    const s = (q: number) => (((x >>> q) & 1) === 1 ? -1 : 1);
    let e = constant;
    for (let i = 0; i < n; i++) e += linear[i]! * s(i);
    for (const { i, j, J } of quadratic) e += J * s(i) * s(j);
    objective[x] = e;
  }
  return { numQubits: n, sense, objective, ising: { numSpins: n, constant, linear, quadratic } };
}

export function ringEdges(n: number): [number, number][] {
  return Array.from({ length: n }, (_, i) => [i, (i + 1) % n] as [number, number]);
}

/** Petersen graph: 3-regular, 10 vertices, girth 5. */
export function petersenEdges(): [number, number][] {
  const edges: [number, number][] = [];
  for (let i = 0; i < 5; i++) {
    edges.push([i, (i + 1) % 5], [i, i + 5], [5 + i, 5 + ((i + 2) % 5)]);
  }
  return edges;
}

/** Heawood graph (LCF [5,−5]^7): 3-regular, 14 vertices, girth 6. */
export function heawoodEdges(): [number, number][] {
  const edges: [number, number][] = [];
  for (let i = 0; i < 14; i++) edges.push([i, (i + 1) % 14]);
  for (let i = 0; i < 14; i += 2) edges.push([i, (i + 5) % 14]);
  return edges;
}

/** Length of the shortest cycle (BFS from every vertex). */
export function girth(numNodes: number, edges: readonly (readonly [number, number, number?])[]): number {
  const adj: number[][] = Array.from({ length: numNodes }, () => []);
  for (const [i, j] of edges) { adj[i]!.push(j); adj[j]!.push(i); }
  let best = Infinity;
  for (let s = 0; s < numNodes; s++) {
    const dist = new Array(numNodes).fill(-1), parent = new Array(numNodes).fill(-1);
    dist[s] = 0;
    const queue = [s];
    while (queue.length) {
      const u = queue.shift()!;
      for (const v of adj[u]!) {
        if (dist[v] < 0) { dist[v] = dist[u] + 1; parent[v] = u; queue.push(v); }
        else if (parent[u] !== v) best = Math.min(best, dist[u] + dist[v] + 1);
      }
    }
  }
  return best;
}

export function degrees(numNodes: number, edges: readonly (readonly [number, number, number?])[]): number[] {
  const d = new Array(numNodes).fill(0);
  for (const [i, j] of edges) { d[i]++; d[j]++; }
  return d;
}
