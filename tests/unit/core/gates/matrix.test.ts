import { describe, expect, it } from 'vitest';
import { embed } from '../../../../src/core/gates/matrix.ts';
import { denseOf, operatorOn, toMath } from '../../helpers/oracle.ts';
import { mulberry32, randomArray } from '../../helpers/kernel-reference.ts';
import { placements } from '../../helpers/random.ts';

/** The mathjs dense matrix as interleaved (re, im), row-major. */
function interleaved(m: ReturnType<typeof denseOf>): Float64Array {
  const rows = m.toArray() as unknown as ({ re: number; im: number } | number)[][];
  const d = rows.length;
  const out = new Float64Array(2 * d * d);
  rows.forEach((row, r) => row.forEach((x, c) => {
    out[2 * (r * d + c)] = typeof x === 'number' ? x : x.re;
    out[2 * (r * d + c) + 1] = typeof x === 'number' ? 0 : x.im;
  }));
  return out;
}

describe('embed: a k-qubit matrix on some of an s-qubit space', () => {
  it('equals the Kronecker-product oracle for every placement of 1–3 gate qubits in spaces of 1–4 qubits', () => {
    const rng = mulberry32(4242);
    let cases = 0;
    for (let s = 1; s <= 4; s++) {
      const space = [1, 4, 6, 9].slice(0, s); // qubit labels, ascending as the compiler keeps them
      for (let k = 1; k <= Math.min(3, s); k++) {
        for (const positions of placements(k, s)) {
          const m = randomArray(2 * 4 ** k, rng);
          const got = embed(m, positions.map((p) => space[p]!), space);
          const want = interleaved(denseOf(operatorOn(toMath(m), positions, s)));
          expect(got.length).toBe(want.length);
          for (let i = 0; i < got.length; i++) expect(Math.abs(got[i]! - want[i]!)).toBeLessThan(1e-15);
          cases++;
        }
      }
    }
    expect(cases).toBe(1 + (2 + 2) + (3 + 6 + 6) + (4 + 12 + 24)); // ordered placements for s = 1…4, k ≤ 3
  });

  it('refuses a gate qubit outside the space', () => {
    expect(() => embed(new Float64Array(8), [3], [1, 2])).toThrow(/not in the embedding space/);
  });
});
