/**
 * The benchmark circuits, built as Superpose circuits from a spec (family, n, seed) so the parent
 * process and the peer child processes build exactly the same program.
 *
 * Gate vocabulary, shared with every peer: h, cp, swap, rx, ry, rz, cx, rzz.
 */
import { Circuit, qftCircuit, type Op } from '../../src/core/index.ts';
import { createRng } from '../../src/core/sim/rng.ts';

export type Family = 'qft' | 'qft-dense' | 'random' | 'qaoa';

export interface CaseSpec {
  readonly family: Family;
  readonly n: number;
  readonly seed: number;
}

export const QAOA_GAMMA = 0.4;
export const QAOA_BETA = 0.3;
export const RANDOM_DEPTH = 20;

/** A random 3-regular simple graph on n (even) vertices: pairing model, retried until simple. */
export function random3Regular(n: number, seed: number): [number, number][] {
  if (n % 2 !== 0 || n < 4) throw new Error(`a 3-regular graph needs an even n ≥ 4, got ${n}`);
  const rng = createRng(seed);
  for (let attempt = 0; attempt < 10_000; attempt++) {
    const points: number[] = [];
    for (let v = 0; v < n; v++) points.push(v, v, v);
    for (let i = points.length - 1; i > 0; i--) {
      const j = Math.floor(rng() * (i + 1));
      [points[i], points[j]] = [points[j]!, points[i]!];
    }
    const edges: [number, number][] = [];
    const seen = new Set<string>();
    let ok = true;
    for (let i = 0; i < points.length; i += 2) {
      const a = Math.min(points[i]!, points[i + 1]!), b = Math.max(points[i]!, points[i + 1]!);
      const key = `${a}-${b}`;
      if (a === b || seen.has(key)) {
        ok = false;
        break;
      }
      seen.add(key);
      edges.push([a, b]);
    }
    if (ok) return edges;
  }
  throw new Error('no simple 3-regular graph found');
}

/** Cut size of every basis state (bit q = side of vertex q): the MaxCut diagonal C. */
export function cutDiagonal(n: number, edges: readonly (readonly [number, number])[]): Float64Array {
  const d = new Float64Array(2 ** n);
  for (let i = 0; i < d.length; i++) {
    let cut = 0;
    for (const [a, b] of edges) cut += ((i >>> a) ^ (i >>> b)) & 1;
    d[i] = cut;
  }
  return d;
}

/** Cut size of one basis state. */
export function cutOf(index: number, edges: readonly (readonly [number, number])[]): number {
  let cut = 0;
  for (const [a, b] of edges) cut += ((index >>> a) ^ (index >>> b)) & 1;
  return cut;
}

/** QAOA p = 1 for MaxCut: H layer, RZZ(2γ) per edge, RX(2β) layer. */
export function qaoaCircuit(n: number, edges: readonly (readonly [number, number])[], gamma = QAOA_GAMMA, beta = QAOA_BETA): Circuit {
  const ops: Op[] = [];
  for (let q = 0; q < n; q++) ops.push({ kind: 'gate', gate: 'h', qubits: [q] });
  for (const [a, b] of edges) ops.push({ kind: 'gate', gate: 'rzz', qubits: [a, b], params: [2 * gamma] });
  for (let q = 0; q < n; q++) ops.push({ kind: 'gate', gate: 'rx', qubits: [q], params: [2 * beta] });
  return Circuit.create(n).withOps(ops);
}

/** Random layered circuit: per layer a random RX/RY/RZ on every qubit, then a CNOT brickwork (even/odd pairs alternate). */
export function randomLayeredCircuit(n: number, depth: number, seed: number): Circuit {
  const rng = createRng(seed);
  const ops: Op[] = [];
  const names = ['rx', 'ry', 'rz'] as const;
  for (let layer = 0; layer < depth; layer++) {
    for (let q = 0; q < n; q++) {
      ops.push({ kind: 'gate', gate: names[Math.floor(rng() * 3)]!, qubits: [q], params: [(rng() * 2 - 1) * Math.PI] });
    }
    for (let q = layer % 2; q + 1 < n; q += 2) ops.push({ kind: 'gate', gate: 'cx', qubits: [q, q + 1] });
  }
  return Circuit.create(n).withOps(ops);
}

/** A random product-state layer (RY then RZ on every qubit): every amplitude non-zero. */
export function randomLayer(n: number, seed: number): Op[] {
  const rng = createRng(seed);
  const ops: Op[] = [];
  for (let q = 0; q < n; q++) {
    ops.push({ kind: 'gate', gate: 'ry', qubits: [q], params: [0.2 + rng() * 2.7] });
    ops.push({ kind: 'gate', gate: 'rz', qubits: [q], params: [(rng() * 2 - 1) * Math.PI] });
  }
  return ops;
}

export interface BuiltCase {
  readonly circuit: Circuit;
  /** The MaxCut graph (qaoa only). */
  readonly edges?: readonly [number, number][];
}

export function buildCase(spec: CaseSpec): BuiltCase {
  switch (spec.family) {
    case 'qft':
      return { circuit: qftCircuit(spec.n) };
    case 'qft-dense':
      return { circuit: Circuit.create(spec.n).withOps([...randomLayer(spec.n, spec.seed), ...qftCircuit(spec.n).ops]) };
    case 'random':
      return { circuit: randomLayeredCircuit(spec.n, RANDOM_DEPTH, spec.seed) };
    case 'qaoa': {
      const edges = random3Regular(spec.n, spec.seed);
      return { circuit: qaoaCircuit(spec.n, edges), edges };
    }
  }
}

/** Basis indices whose amplitudes are compared between peers and us (index 0 plus seeded random ones). */
export function probeIndices(n: number, count = 48, seed = 99): number[] {
  const rng = createRng(seed + n);
  const out = new Set<number>([0, 2 ** n - 1]);
  while (out.size < Math.min(count, 2 ** n)) out.add(Math.floor(rng() * 2 ** n));
  return [...out].sort((a, b) => a - b);
}

/** What a run reports so results can be compared: amplitudes at the probe indices and, for QAOA, ⟨C⟩. */
export interface Answer {
  /** [re, im] per probe index (same order as probeIndices(n)). */
  readonly probes: [number, number][];
  readonly norm: number;
  readonly expectation?: number;
}

/** Builds an Answer from a stream of non-zero amplitudes (index, re, im) — works on sparse maps too. */
export function answerFromAmplitudes(
  n: number,
  each: (visit: (index: number, re: number, im: number) => void) => void,
  edges?: readonly (readonly [number, number])[],
): Answer {
  const probes = probeIndices(n);
  const at = new Map<number, number>(probes.map((p, i) => [p, i]));
  const values: [number, number][] = probes.map(() => [0, 0]);
  let norm = 0;
  let expectation = 0;
  each((index, re, im) => {
    const p = re * re + im * im;
    norm += p;
    if (edges) expectation += p * cutOf(index, edges);
    const slot = at.get(index);
    if (slot !== undefined) values[slot] = [re, im];
  });
  return { probes: values, norm, ...(edges ? { expectation } : {}) };
}

export interface Agreement {
  readonly ok: boolean;
  readonly detail: string;
}

/**
 * Compares a peer's answer with ours: amplitudes at the probes up to one global phase (relative to
 * the largest probe amplitude), norms, and ⟨C⟩. `tolerance` is relative; a wrong program is off by
 * O(1), so a loose tolerance (jsqubits, which drops amplitudes below 1e-7) still catches it.
 */
export function compareAnswers(ours: Answer, peer: Answer, tolerance = 1e-6): Agreement {
  let re = 0, im = 0, scale = 0;
  for (let i = 0; i < ours.probes.length; i++) {
    const [ar, ai] = ours.probes[i]!, [br, bi] = peer.probes[i]!;
    re += br * ar + bi * ai;
    im += br * ai - bi * ar;
    scale = Math.max(scale, Math.hypot(ar, ai));
  }
  const mag = Math.hypot(re, im);
  const pr = mag > 0 ? re / mag : 1, pi = mag > 0 ? im / mag : 0;
  let worst = 0;
  for (let i = 0; i < ours.probes.length; i++) {
    const [ar, ai] = ours.probes[i]!, [br, bi] = peer.probes[i]!;
    worst = Math.max(worst, Math.hypot(ar - (br * pr - bi * pi), ai - (br * pi + bi * pr)));
  }
  const ampOk = worst <= tolerance * Math.max(scale, 1e-300) + 1e-12;
  const normOk = Math.abs(peer.norm - 1) < Math.max(1e-6, tolerance);
  const expOk = ours.expectation === undefined || (peer.expectation !== undefined && Math.abs(ours.expectation - peer.expectation) < tolerance * Math.max(1, Math.abs(ours.expectation)));
  const parts = [`amp rel err ${(worst / Math.max(scale, 1e-300)).toExponential(1)}`, `norm ${peer.norm.toFixed(9)}`];
  if (ours.expectation !== undefined) parts.push(`⟨C⟩ ${peer.expectation?.toFixed(9)} vs ${ours.expectation.toFixed(9)}`);
  return { ok: ampOk && normOk && expOk, detail: parts.join(', ') };
}
