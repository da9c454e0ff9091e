import { describe, expect, it } from 'vitest';
import '../../../../../src/core/index.ts';
import { buildCostLevels, levelDistribution, type CostLevels } from '../../../../../src/core/optimise/qaoa/cost-levels.ts';
import { imaginaryOverlapXAll } from '../../../../../src/core/optimise/qaoa/overlaps.ts';
import { applyCostPhase, imaginaryCostOverlap, multiplyByCost, undoCostPhaseWithOverlap, writeUniformPhased } from '../../../../../src/core/optimise/qaoa/phase.ts';
import { Qaoa } from '../../../../../src/core/optimise/qaoa/qaoa.ts';
import { AdjointPost, mixGroups, MixPost, QaoaWasmWorkspace } from '../../../../../src/core/optimise/qaoa/wasm/workspace.ts';
import { centralDifferences } from '../../../../../src/core/optimise/optimisers/gradients.ts';
import { tsKernels } from '../../../../../src/core/sim/kernels-ts.ts';
import { createRng, type Rng } from '../../../../../src/core/sim/rng.ts';
import { maxCutProblem } from '../helpers/maxcut.ts';

// The wasm QAOA kernels against the TypeScript path they replace (phase.ts, overlaps.ts and the
// simulator's TypeScript RX kernel), on random states: 1e-12.

const TOL = 1e-12;

/** A random normalised state (so sums over it are O(1) and 1e-12 is a meaningful bound). */
function randomFill(data: { length: number; [i: number]: number }, rng: Rng): void {
  let norm = 0;
  for (let i = 0; i < data.length; i++) norm += (data[i] = rng() * 2 - 1) ** 2;
  for (let i = 0; i < data.length; i++) data[i]! /= Math.sqrt(norm);
}

/** Levels of a random cost with `distinct` values (some runs of equal values, random order). */
function randomLevels(n: number, distinct: number, rng: Rng): CostLevels {
  const cost = new Float64Array(2 ** n);
  const pool = Array.from({ length: distinct }, () => Math.round((rng() * 20 - 10) * 1000) / 1000);
  for (let x = 0; x < cost.length; x++) cost[x] = pool[Math.floor(rng() * distinct)]!;
  return buildCostLevels(cost);
}

/** RX(2β) on every qubit, one TypeScript kernel call per qubit. */
function mixerTs(data: Float64Array, n: number, beta: number): void {
  const c = Math.cos(beta), s = Math.sin(beta);
  const m = Float64Array.of(c, 0, 0, -s, 0, -s, c, 0);
  for (let q = 0; q < n; q++) tsKernels.dense1(data, q, m, 0, 0, 0, 2 ** (n - 1));
}

function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let d = 0;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i]! - b[i]!));
  return d;
}

const expectationTs = (data: Float64Array, levels: CostLevels) => {
  const mass = levelDistribution(data, levels);
  return mass.reduce((sum, m, l) => sum + m * levels.values[l]!, 0);
};

describe('mixGroups', () => {
  it('turns every qubit exactly once, qubits 0–3 last', () => {
    for (let n = 4; n <= 27; n++) {
      const turned = new Array<number>(n).fill(0);
      const groups = mixGroups(n);
      for (const { g, active } of groups) for (let j = 0; j < 4; j++) if (active & (1 << j)) turned[g + j]!++;
      expect(turned).toEqual(new Array<number>(n).fill(1));
      expect(groups[groups.length - 1]!.g).toBe(0);
    }
  });
});

describe.runIf(QaoaWasmWorkspace.supports(4, 2, 2))('QAOA wasm kernels vs the TypeScript path (random states, 1e-12)', () => {
  const rng = createRng(5);
  // n = 5, 6, 7: a partial top group (one, two, three turned qubits); 9 and 13: tiles narrower than
  // 64 items for g = 4 and several tiles per group; 300 levels: indices above 255.
  const cases = [
    { n: 4, distinct: 3 }, { n: 5, distinct: 7 }, { n: 6, distinct: 12 }, { n: 7, distinct: 300 }, { n: 9, distinct: 20 }, { n: 13, distinct: 40 },
  ];
  for (const { n, distinct } of cases) {
    it(`n = ${n}, ${distinct} cost levels`, () => {
      const levels = randomLevels(n, distinct, rng);
      const ws = QaoaWasmWorkspace.create(n, levels, 2);
      const psi = ws.psi.data, lambda = ws.lambda!.data;
      const table = new Float64Array(2 * levels.values.length);
      const gamma = rng() * 4 - 2, beta = rng() * 4 - 2;

      // |+⟩ and one cost layer
      ws.writeUniformPhased(gamma);
      const ref = new Float64Array(psi.length);
      writeUniformPhased(ref, levels, 2 ** (-n / 2), gamma, table);
      expect(maxDiff(psi, ref)).toBeLessThan(TOL);

      // cost layer on a random state
      randomFill(psi, rng);
      ref.set(psi);
      ws.applyCostPhase(gamma);
      applyCostPhase(ref, levels, gamma, table);
      expect(maxDiff(psi, ref)).toBeLessThan(TOL);

      // ⟨C⟩ read pass
      expect(Math.abs(ws.expectation() - expectationTs(ref, levels))).toBeLessThan(TOL);

      // mixer alone, then with each post step
      randomFill(psi, rng);
      ref.set(psi);
      expect(ws.mixer(beta, MixPost.None)).toBe(0);
      mixerTs(ref, n, beta);
      expect(maxDiff(psi, ref)).toBeLessThan(TOL);

      ws.mixer(beta, MixPost.Phase, gamma);
      mixerTs(ref, n, beta);
      applyCostPhase(ref, levels, gamma, table);
      expect(maxDiff(psi, ref)).toBeLessThan(TOL);

      const value = ws.mixer(beta, MixPost.Expectation);
      mixerTs(ref, n, beta);
      expect(maxDiff(psi, ref)).toBeLessThan(TOL);
      expect(Math.abs(value - expectationTs(ref, levels))).toBeLessThan(TOL);

      randomFill(lambda, rng);
      const seeded = ws.mixer(beta, MixPost.ExpectationAndSeed);
      mixerTs(ref, n, beta);
      const seed = new Float64Array(psi.length);
      multiplyByCost(seed, ref, levels);
      expect(maxDiff(psi, ref)).toBeLessThan(TOL);
      expect(maxDiff(lambda, seed)).toBeLessThan(TOL);
      expect(Math.abs(seeded - expectationTs(ref, levels))).toBeLessThan(TOL);

      // adjoint step on two random states, each post step
      for (const post of [AdjointPost.None, AdjointPost.OverlapAndUndo, AdjointPost.Overlap]) {
        randomFill(psi, rng);
        randomFill(lambda, rng);
        const refPsi = Float64Array.from(psi), refLambda = Float64Array.from(lambda);
        const [overlapX, overlapC] = ws.adjointLayer(beta, gamma, post);
        const expectedX = imaginaryOverlapXAll(refLambda, refPsi, n);
        mixerTs(refPsi, n, -beta);
        mixerTs(refLambda, n, -beta);
        const expectedC = post === AdjointPost.OverlapAndUndo
          ? undoCostPhaseWithOverlap(refLambda, refPsi, levels, gamma, table)
          : post === AdjointPost.Overlap ? imaginaryCostOverlap(refLambda, refPsi, levels) : 0;
        expect(Math.abs(overlapX - expectedX)).toBeLessThan(TOL * Math.max(1, Math.abs(expectedX)));
        expect(Math.abs(overlapC - expectedC)).toBeLessThan(TOL * Math.max(1, Math.abs(expectedC)));
        expect(maxDiff(psi, refPsi)).toBeLessThan(TOL);
        expect(maxDiff(lambda, refLambda)).toBeLessThan(TOL);
      }
    });
  }

  it('refuses more than 65536 levels and fewer than 4 qubits (the TypeScript path runs)', () => {
    expect(QaoaWasmWorkspace.supports(20, 65537, 1)).toBe(false);
    expect(QaoaWasmWorkspace.supports(3, 4, 1)).toBe(false);
    expect(QaoaWasmWorkspace.supports(27, 100, 1)).toBe(true);
    expect(QaoaWasmWorkspace.supports(27, 100, 2)).toBe(false); // two 2 GiB states do not fit one 4 GiB memory
  });

  it('Qaoa on wasm: ⟨C⟩ and its adjoint gradient at n = 12 equal the ts backend and central differences', () => {
    const r = createRng(9);
    const edges: [number, number, number][] = [];
    for (let i = 0; i < 12; i++) for (let j = i + 1; j < 12; j++) if (r() < 0.3) edges.push([i, j, Math.round(r() * 30) / 10]);
    const problem = maxCutProblem(12, edges);
    const p = 3;
    const params = Array.from({ length: 2 * p }, () => r() * 2 - 1);
    const wasm = Qaoa.create(problem, { p, backend: 'wasm' });
    const ts = Qaoa.create(problem, { p, backend: 'ts' });
    expect(Math.abs(wasm.expectation(params) - ts.expectation(params))).toBeLessThan(TOL);
    expect(maxDiff(wasm.state.data, ts.state.data)).toBeLessThan(TOL);
    const gWasm = new Float64Array(2 * p), gTs = new Float64Array(2 * p);
    const value = wasm.valueAndGradient(params, gWasm);
    ts.valueAndGradient(params, gTs);
    expect(Math.abs(value - ts.expectation(params))).toBeLessThan(TOL);
    expect(maxDiff(gWasm, gTs)).toBeLessThan(1e-11);
    const reference = centralDifferences((x) => wasm.expectation(x), params, 1e-5);
    for (let k = 0; k < 2 * p; k++) expect(Math.abs(gWasm[k]! - reference[k]!)).toBeLessThan(1e-6);
    // after a gradient the state is the circuit's again once run
    wasm.run(params);
    expect(maxDiff(wasm.state.data, ts.run(params).data)).toBeLessThan(TOL);
  });
});
