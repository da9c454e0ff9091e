/**
 * Small dense complex matrices as interleaved Float64Arrays, row-major:
 * entry (r, c) of a d×d matrix is at [2(r·d + c)] (real) and [2(r·d + c) + 1] (imaginary).
 * Local basis convention: bit j of a row/column index belongs to the j-th qubit of the gate's list.
 */
export type Matrix = Float64Array;

export function dimension(m: Matrix): number {
  return Math.round(Math.sqrt(m.length / 2));
}

/** Builds a matrix from rows of [re, im] pairs or plain reals. */
export function fromRows(rows: ReadonlyArray<ReadonlyArray<number | readonly [number, number]>>): Matrix {
  const d = rows.length;
  const m = new Float64Array(2 * d * d);
  rows.forEach((row, r) =>
    row.forEach((entry, c) => {
      const [re, im] = typeof entry === 'number' ? [entry, 0] : entry;
      m[2 * (r * d + c)] = re;
      m[2 * (r * d + c) + 1] = im;
    }),
  );
  return m;
}

export function identity(d: number): Matrix {
  const m = new Float64Array(2 * d * d);
  for (let i = 0; i < d; i++) m[2 * (i * d + i)] = 1;
  return m;
}

export function diagonal(entries: ReadonlyArray<readonly [number, number]>): Matrix {
  const d = entries.length;
  const m = new Float64Array(2 * d * d);
  entries.forEach(([re, im], i) => {
    m[2 * (i * d + i)] = re;
    m[2 * (i * d + i) + 1] = im;
  });
  return m;
}

/** a · b */
export function multiply(a: Matrix, b: Matrix): Matrix {
  const d = dimension(a);
  const out = new Float64Array(2 * d * d);
  for (let r = 0; r < d; r++) {
    for (let c = 0; c < d; c++) {
      let re = 0;
      let im = 0;
      for (let k = 0; k < d; k++) {
        const ar = a[2 * (r * d + k)]!, ai = a[2 * (r * d + k) + 1]!;
        const br = b[2 * (k * d + c)]!, bi = b[2 * (k * d + c) + 1]!;
        re += ar * br - ai * bi;
        im += ar * bi + ai * br;
      }
      out[2 * (r * d + c)] = re;
      out[2 * (r * d + c) + 1] = im;
    }
  }
  return out;
}

export function dagger(a: Matrix): Matrix {
  const d = dimension(a);
  const out = new Float64Array(2 * d * d);
  for (let r = 0; r < d; r++) {
    for (let c = 0; c < d; c++) {
      out[2 * (c * d + r)] = a[2 * (r * d + c)]!;
      out[2 * (c * d + r) + 1] = -a[2 * (r * d + c) + 1]!;
    }
  }
  return out;
}

export function scale(a: Matrix, re: number, im: number): Matrix {
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i += 2) {
    out[i] = a[i]! * re - a[i + 1]! * im;
    out[i + 1] = a[i]! * im + a[i + 1]! * re;
  }
  return out;
}

/** Largest entry-wise distance between two matrices of the same size. */
export function maxDistance(a: Matrix, b: Matrix): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
  return worst;
}

/** Whether m is exactly the identity (no allocation). */
export function isIdentity(m: Matrix): boolean {
  const d = dimension(m);
  for (let r = 0; r < d; r++) {
    for (let c = 0; c < d; c++) {
      const k = 2 * (r * d + c);
      if (m[k] !== (r === c ? 1 : 0) || m[k + 1] !== 0) return false;
    }
  }
  return true;
}

/** max |U†U − I| entry-wise. */
export function unitarityError(a: Matrix): number {
  return maxDistance(multiply(dagger(a), a), identity(dimension(a)));
}

export function isDiagonal(a: Matrix, tolerance = 0): boolean {
  const d = dimension(a);
  for (let r = 0; r < d; r++) {
    for (let c = 0; c < d; c++) {
      if (r === c) continue;
      if (Math.abs(a[2 * (r * d + c)]!) > tolerance || Math.abs(a[2 * (r * d + c) + 1]!) > tolerance) return false;
    }
  }
  return true;
}

/** The diagonal of a matrix as interleaved complex entries. */
export function diagonalOf(a: Matrix): Float64Array {
  const d = dimension(a);
  const out = new Float64Array(2 * d);
  for (let i = 0; i < d; i++) {
    out[2 * i] = a[2 * (i * d + i)]!;
    out[2 * i + 1] = a[2 * (i * d + i) + 1]!;
  }
  return out;
}

/**
 * Embeds a gate matrix acting on `gateQubits` (bit j of its index = gateQubits[j]) into the
 * space of `spaceQubits` (a superset), as the identity on the rest.
 */
export function embed(m: Matrix, gateQubits: readonly number[], spaceQubits: readonly number[]): Matrix {
  const k = gateQubits.length;
  const s = spaceQubits.length;
  const dg = 1 << k;
  const ds = 1 << s;
  const positions = gateQubits.map((q) => {
    const p = spaceQubits.indexOf(q);
    if (p < 0) throw new Error(`qubit ${q} is not in the embedding space`);
    return p;
  });
  const gateMask = positions.reduce((mask, p) => mask | (1 << p), 0);
  // spread[g]: the space index bits of gate-local index g; local[r]: the gate-local index of row r.
  const spread = new Int32Array(dg);
  for (let g = 0; g < dg; g++) for (let j = 0; j < k; j++) if ((g >> j) & 1) spread[g]! |= 1 << positions[j]!;
  const local = new Int32Array(ds);
  for (let g = 0; g < dg; g++) for (let rest = 0; rest < ds; rest++) if ((rest & gateMask) === 0) local[rest | spread[g]!] = g;
  const out = new Float64Array(2 * ds * ds);
  // Only columns that agree with the row outside the gate's qubits are nonzero: dg per row.
  for (let r = 0; r < ds; r++) {
    const gr = local[r]!;
    const outside = r & ~gateMask;
    for (let gc = 0; gc < dg; gc++) {
      const c = outside | spread[gc]!;
      out[2 * (r * ds + c)] = m[2 * (gr * dg + gc)]!;
      out[2 * (r * ds + c) + 1] = m[2 * (gr * dg + gc) + 1]!;
    }
  }
  return out;
}

/**
 * The full matrix of `target` controlled on `controls.length` qubits listed first:
 * qubit order [...controls, ...targets]; it acts when control j is in state controlValues[j].
 */
export function controlled(target: Matrix, controlValues: readonly (0 | 1)[]): Matrix {
  const c = controlValues.length;
  const dt = dimension(target);
  const d = dt << c;
  const out = identity(d);
  const want = controlValues.reduce<number>((acc, v, j) => acc | (v << j), 0);
  const cmask = (1 << c) - 1;
  for (let r = 0; r < d; r++) {
    if ((r & cmask) !== want) continue;
    for (let col = 0; col < d; col++) {
      if ((col & cmask) !== want) continue;
      const tr = r >> c;
      const tc = col >> c;
      out[2 * (r * d + col)] = target[2 * (tr * dt + tc)]!;
      out[2 * (r * d + col) + 1] = target[2 * (tr * dt + tc) + 1]!;
    }
  }
  return out;
}
