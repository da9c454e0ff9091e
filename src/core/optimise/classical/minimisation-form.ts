/**
 * What the local-search heuristics walk: the objective as a minimisation (negated for 'max'),
 * its quadratic part as symmetric compressed rows, and local fields
 *   field_i = linear_i + Σ_j w_ij·x_j,   so flipping x_i changes the energy by (1 − 2·x_i)·field_i.
 * Constrained models arrive here already turned into penalties (model/penalty.ts).
 */
import type { Sense } from '../types.ts';
import type { BinaryQuadratic } from '../model/binary-model.ts';

export interface MinimisationForm {
  readonly numVariables: number;
  /** +1 when the model minimises, −1 when it maximises: energy = sign·f. */
  readonly sign: 1 | -1;
  readonly constant: number;
  readonly linear: Float64Array;
  readonly start: Int32Array;
  readonly neighbour: Int32Array;
  readonly weight: Float64Array;
}

export function toMinimisationForm(q: BinaryQuadratic, sense: Sense): MinimisationForm {
  const n = q.numVariables;
  const sign = sense === 'min' ? 1 : -1;
  const degree = new Int32Array(n);
  for (const t of q.quadratic) {
    degree[t.i]++;
    degree[t.j]++;
  }
  const start = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) start[i + 1] = start[i]! + degree[i]!;
  const fill = start.slice(0, n);
  const neighbour = new Int32Array(start[n]!);
  const weight = new Float64Array(start[n]!);
  for (const t of q.quadratic) {
    neighbour[fill[t.i]!] = t.j;
    weight[fill[t.i]!++] = sign * t.value;
    neighbour[fill[t.j]!] = t.i;
    weight[fill[t.j]!++] = sign * t.value;
  }
  const linear = new Float64Array(n);
  for (let i = 0; i < n; i++) linear[i] = sign * q.linear[i]!;
  return { numVariables: n, sign, constant: sign * q.constant, linear, start, neighbour, weight };
}

/** Fills `fields` for state `bits` and returns the energy. */
export function initialiseFields(form: MinimisationForm, bits: Uint8Array, fields: Float64Array): number {
  let energy = form.constant;
  for (let i = 0; i < form.numVariables; i++) {
    let f = form.linear[i]!;
    for (let k = form.start[i]!, end = form.start[i + 1]!; k < end; k++) if (bits[form.neighbour[k]!]) f += form.weight[k]!;
    fields[i] = f;
  }
  // E = c + Σ_i x_i·(linear_i + ½ Σ_j w_ij x_j) = c + Σ_i x_i·(linear_i + field_i)/2.
  for (let i = 0; i < form.numVariables; i++) if (bits[i]) energy += (form.linear[i]! + fields[i]!) / 2;
  return energy;
}

/** Flips x_i and updates its neighbours' fields; returns the energy change. */
export function flipBit(form: MinimisationForm, bits: Uint8Array, fields: Float64Array, i: number): number {
  const up = bits[i] === 0;
  const delta = up ? fields[i]! : -fields[i]!;
  bits[i] = up ? 1 : 0;
  const s = up ? 1 : -1;
  for (let k = form.start[i]!, end = form.start[i + 1]!; k < end; k++) fields[form.neighbour[k]!] += s * form.weight[k]!;
  return delta;
}

/** Largest and smallest non-zero single-flip energy change magnitudes (for annealing temperatures). */
export function flipScale(form: MinimisationForm): { largest: number; smallest: number } {
  let largest = 0;
  let smallest = Number.POSITIVE_INFINITY;
  for (let i = 0; i < form.numVariables; i++) {
    let total = Math.abs(form.linear[i]!);
    if (total > 0) smallest = Math.min(smallest, total);
    for (let k = form.start[i]!, end = form.start[i + 1]!; k < end; k++) {
      const w = Math.abs(form.weight[k]!);
      total += w;
      if (w > 0) smallest = Math.min(smallest, w);
    }
    largest = Math.max(largest, total);
  }
  return { largest, smallest: Number.isFinite(smallest) ? smallest : 0 };
}
