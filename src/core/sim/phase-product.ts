/**
 * A product of one-qubit phase gates diag(1, p_j) on distinct qubits, applied where the controls
 * match: each amplitude is multiplied by the product of p_j over the qubits whose bit is 1. A QFT
 * layer (the controlled phases of one qubit with all lower ones) is one such product on up to
 * n − 1 qubits, run as one pass instead of several ≤ 10-qubit diagonal tables.
 *
 * Both backends take the factor of amplitude i as low(i & 63) · high(i), high = (H1 · H2) · H3 over
 * bits 6–13, 14–21 and 22–29 of i: one lookup per amplitude plus one per run of 64, never a table
 * of 2^k entries. The tables are built here, once per instruction, in the same order for both.
 */

export const PHASE_PRODUCT_LOW_BITS = 6;
export const PHASE_PRODUCT_HIGH_TABLE_BITS = 8;
export const PHASE_PRODUCT_HIGH_TABLES = 3;

export interface PhaseProductTables {
  /** 64 complex factors (re, im) of bits 0–5; 1 where a low control does not match. */
  readonly low: Float64Array;
  /** Per low pattern: 1 if a control below bit 6 does not match (the amplitude is left alone). */
  readonly lowSkip: Uint8Array;
  /** 0: every low factor is 1 and no low control (a scale per run); 1: low table; 2: low table with skipped lanes. */
  readonly lowMode: 0 | 1 | 2;
  /** 3 tables of 256 complex factors (re, im), for bits 6–13, 14–21, 22–29. */
  readonly high: Float64Array;
}

function multiplyInto(out: Float64Array, at: number, re: number, im: number): void {
  const ar = out[at]!, ai = out[at + 1]!;
  out[at] = ar * re - ai * im;
  out[at + 1] = ar * im + ai * re;
}

const tablesByPhases = new WeakMap<Float64Array, { qubits: Int32Array; cmask: number; cval: number; tables: PhaseProductTables }>();

/**
 * The factor tables of a phase product (phases[2j], phases[2j + 1] = p_j on qubits[j]), built once
 * per instruction: a tile group calls its instructions in turn on every tile, so a cache of the
 * last one alone would rebuild them on every call.
 */
export function phaseProductTables(qubits: Int32Array, phases: Float64Array, cmask: number, cval: number): PhaseProductTables {
  const known = tablesByPhases.get(phases);
  if (known && known.qubits === qubits && known.cmask === cmask && known.cval === cval) return known.tables;
  const tables = buildTables(qubits, phases, cmask, cval);
  tablesByPhases.set(phases, { qubits, cmask, cval, tables });
  return tables;
}

function buildTables(qubits: Int32Array, phases: Float64Array, cmask: number, cval: number): PhaseProductTables {
  const lowCount = 1 << PHASE_PRODUCT_LOW_BITS;
  const low = new Float64Array(2 * lowCount);
  const lowSkip = new Uint8Array(lowCount);
  const tableSize = 1 << PHASE_PRODUCT_HIGH_TABLE_BITS;
  const high = new Float64Array(2 * tableSize * PHASE_PRODUCT_HIGH_TABLES);
  for (let e = 0; e < low.length; e += 2) low[e] = 1;
  for (let e = 0; e < high.length; e += 2) high[e] = 1;
  // Factors in increasing qubit order, so every backend multiplies them in the same order.
  const order = Array.from(qubits.keys()).sort((a, b) => qubits[a]! - qubits[b]!);
  let lowFactors = false;
  for (const j of order) {
    const q = qubits[j]!, re = phases[2 * j]!, im = phases[2 * j + 1]!;
    if (q < PHASE_PRODUCT_LOW_BITS) {
      lowFactors = true;
      for (let l = 0; l < lowCount; l++) if ((l >> q) & 1) multiplyInto(low, 2 * l, re, im);
      continue;
    }
    const table = Math.floor((q - PHASE_PRODUCT_LOW_BITS) / PHASE_PRODUCT_HIGH_TABLE_BITS);
    const bit = (q - PHASE_PRODUCT_LOW_BITS) % PHASE_PRODUCT_HIGH_TABLE_BITS;
    for (let x = 0; x < tableSize; x++) if ((x >> bit) & 1) multiplyInto(high, 2 * (table * tableSize + x), re, im);
  }
  const lowControls = cmask & (lowCount - 1);
  for (let l = 0; l < lowCount; l++) {
    if ((l & lowControls) === (cval & lowControls)) continue;
    lowSkip[l] = 1;
    low[2 * l] = 1;
    low[2 * l + 1] = 0;
  }
  const lowMode = lowControls !== 0 ? 2 : lowFactors ? 1 : 0;
  return { low, lowSkip, lowMode, high };
}
