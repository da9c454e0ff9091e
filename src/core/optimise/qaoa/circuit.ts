import { Circuit } from '../../circuit/circuit.ts';
import type { ParamValue } from '../../circuit/params.ts';
import { fail } from '../../errors.ts';
import type { DiagonalProblem } from '../types.ts';
import { completePairs, ringPairs, type MixerSpec } from './mixers.ts';
import { validateDiagonalProblem } from './qaoa.ts';

/**
 * The gate-level QAOA circuit (for export and display), equal to the fast path including the
 * global phase. With C = σ·(c₀ + Σ h_i Z_i + Σ J_ij Z_iZ_j) (σ = +1 to maximise f, −1 to minimise):
 * e^{−iγC} = gphase(−σc₀γ) · Π rz(2σh_iγ) on i · Π rzz(2σJ_ijγ) on (i, j); the X mixer is rx(2β)
 * on every qubit. Angles are symbols gamma_1…gamma_p, beta_1…beta_p unless `params` binds them.
 *
 * Mixers: x (h layer), warm-start (ry(θ_q) start; ry(−θ) rz(2β) ry(θ) per qubit), xy with
 * weight 1 (W state per group by a cry/cx cascade; rxx(β)·ryy(β) per pair, which commute).
 */
export function qaoaCircuit(problem: DiagonalProblem, p: number, options: { mixer?: MixerSpec; params?: ArrayLike<number> } = {}): Circuit {
  validateDiagonalProblem(problem);
  if (!Number.isInteger(p) || p < 1) fail('invalid-argument', `QAOA depth p must be a whole number ≥ 1, got ${p}`);
  const n = problem.numQubits;
  const mixer = options.mixer ?? { kind: 'x' };
  const params = options.params;
  if (params && params.length !== 2 * p) fail('invalid-argument', `QAOA with p = ${p} takes ${2 * p} parameters, got ${params.length}`);
  const gamma = (l: number) => (params ? params[l]! : `gamma_${l + 1}`);
  const beta = (l: number) => (params ? params[p + l]! : `beta_${l + 1}`);
  const times = (factor: number, symbol: number | string): ParamValue => (typeof symbol === 'number' ? factor * symbol : `${factor}*${symbol}`);
  const sigma = problem.sense === 'min' ? -1 : 1;
  const ising = problem.ising;
  let c = Circuit.create(n);

  // Initial state.
  let xyPairs: [number, number][] = [];
  let xQubits: number[] = [];
  let wsThetas: number[] = [];
  if (mixer.kind === 'x') {
    xQubits = range(n);
  } else if (mixer.kind === 'warm-start') {
    const epsilon = mixer.epsilon ?? 0.25;
    if (mixer.relaxed.length !== n) fail('invalid-argument', `warm start needs ${n} relaxed values, got ${mixer.relaxed.length}`);
    wsThetas = mixer.relaxed.map((v) => 2 * Math.asin(Math.sqrt(Math.min(1 - epsilon, Math.max(epsilon, v)))));
  } else if (mixer.kind === 'xy') {
    if ((mixer.hammingWeight ?? 1) !== 1) fail('invalid-argument', 'the gate-level circuit prepares weight-1 (W) states only', { hint: 'the fast path (Qaoa) prepares any Dicke state exactly' });
    const groups = mixer.groups ?? [range(n)];
    const inGroup = new Set(groups.flat());
    xQubits = range(n).filter((q) => !inGroup.has(q));
    for (const group of groups) {
      c = appendWState(c, group);
      xyPairs.push(...(mixer.topology === 'ring' ? ringPairs(group.length) : completePairs(group.length)).map(([a, b]) => [group[a]!, group[b]!] as [number, number]));
    }
  } else {
    fail('invalid-argument', `unknown mixer "${(mixer as { kind: string }).kind}"`);
  }
  for (const q of xQubits) c = c.append('h', [q]);
  wsThetas.forEach((theta, q) => { c = c.append('ry', [q], { params: [theta] }); });

  for (let l = 0; l < p; l++) {
    if (ising.constant !== 0) c = c.append('gphase', [], { params: [times(-sigma * ising.constant, gamma(l))] });
    ising.linear.forEach((h, i) => { if (h !== 0) c = c.append('rz', [i], { params: [times(2 * sigma * h, gamma(l))] }); });
    for (const { i, j, J } of ising.quadratic) if (J !== 0) c = c.append('rzz', [i, j], { params: [times(2 * sigma * J, gamma(l))] });
    for (const [a, b] of xyPairs) {
      c = c.append('rxx', [a, b], { params: [beta(l)] }).append('ryy', [a, b], { params: [beta(l)] });
    }
    for (const q of xQubits) c = c.append('rx', [q], { params: [times(2, beta(l))] });
    wsThetas.forEach((theta, q) => {
      c = c.append('ry', [q], { params: [-theta] }).append('rz', [q], { params: [times(2, beta(l))] }).append('ry', [q], { params: [theta] });
    });
  }
  return c;
}

/** W state on `qubits`: x on the first, then cry(2·acos√(1/(m−i))) and cx down the line. */
function appendWState(circuit: Circuit, qubits: readonly number[]): Circuit {
  const m = qubits.length;
  let c = circuit.append('x', [qubits[0]!]);
  for (let i = 0; i + 1 < m; i++) {
    const theta = 2 * Math.acos(Math.sqrt(1 / (m - i)));
    c = c.append('cry', [qubits[i]!, qubits[i + 1]!], { params: [theta] }).append('cx', [qubits[i + 1]!, qubits[i]!]);
  }
  return c;
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}
