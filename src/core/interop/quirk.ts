import { assertCircuit, Circuit, type GateOp, type Op } from '../circuit/circuit.ts';
import { evaluateParam } from '../circuit/params.ts';
import { fail } from '../errors.ts';
import { parseJsonText } from '../json-text.ts';
import { CONTROLLED_FORMS } from './standard-gates.ts';

/**
 * Quirk (algassert.com/quirk) circuits: {"cols": [[…], …]}, one column per time step, one entry per
 * wire (wire 0 = top = qubit 0, Quirk's little-endian order, the same as ours). Only gates whose
 * Quirk meaning equals ours exactly (global phase included) are translated.
 */
export interface QuirkJSON {
  readonly cols: readonly (readonly QuirkEntry[])[];
}
export type QuirkEntry = string | number | { readonly id: string; readonly arg?: string | number };

const TO_QUIRK: Readonly<Record<string, string>> = {
  h: 'H', x: 'X', y: 'Y', z: 'Z', s: 'Z^½', sdg: 'Z^-½', t: 'Z^¼', tdg: 'Z^-¼', sx: 'X^½', sxdg: 'X^-½', swap: 'Swap',
};
const FROM_QUIRK: Readonly<Record<string, string>> = Object.fromEntries(Object.entries(TO_QUIRK).map(([k, v]) => [v, k]));
const QUIRK_URL = 'https://algassert.com/quirk#circuit=';

/** Quirk JSON for a circuit; phase gates p(λ) become Quirk's "Z^ft" with f = λ/π. */
export function toQuirk(circuit: Circuit): QuirkJSON {
  assertCircuit(circuit, 'toQuirk');
  const cols: QuirkEntry[][] = [];
  let controlsOfLast: string | null = null;
  circuit.ops.forEach((op, index) => {
    const { entries, controlKey } = quirkEntries(op, index);
    const last = cols[cols.length - 1];
    const fits = last && controlsOfLast === controlKey && !controlKey.includes('swap') && Object.keys(entries).every((w) => last[Number(w)] === undefined || last[Number(w)] === 1);
    // Gates share a column only when they have the same controls (Quirk applies a column's controls to all its gates).
    const col = fits ? last! : [];
    if (!fits) {
      cols.push(col);
      controlsOfLast = controlKey;
    }
    for (const [w, e] of Object.entries(entries)) {
      while (col.length <= Number(w)) col.push(1);
      col[Number(w)] = e;
    }
  });
  return { cols };
}

function quirkEntries(op: Op, index: number): { entries: Record<number, QuirkEntry>; controlKey: string } {
  const where = `op ${index}`;
  if (op.kind === 'barrier') return { entries: {}, controlKey: '' };
  if ('condition' in op && op.condition) fail('invalid-circuit', 'Quirk has no classically conditioned gates', { where });
  if (op.kind === 'reset') fail('invalid-circuit', 'Quirk has no reset', { where, hint: 'Quirk circuits are unitary apart from measurement' });
  if (op.kind === 'measure') return { entries: { [op.qubit]: 'Measure' }, controlKey: '' };
  let gate = op.gate;
  let qubits = op.qubits;
  let controls = [...(op.controls ?? [])];
  const form = CONTROLLED_FORMS[gate];
  if (form && form.base in TO_QUIRK || gate === 'cp' || gate === 'cu1') {
    const base = form!.base;
    controls = [...controls, ...qubits.slice(0, form!.controls)];
    qubits = qubits.slice(form!.controls);
    gate = base;
  }
  const entries: Record<number, QuirkEntry> = {};
  for (const c of controls) entries[c] = '•';
  for (const c of op.negControls ?? []) entries[c] = '◦';
  if (TO_QUIRK[gate]) for (const q of qubits) entries[q] = TO_QUIRK[gate]!;
  else if (gate === 'p' || gate === 'u1') entries[qubits[0]!] = { id: 'Z^ft', arg: phaseArg(op, where) };
  else {
    fail('invalid-circuit', `Quirk has no exact equivalent of ${op.gate}`, {
      where,
      hint: 'Quirk shares h x y z s sdg t tdg sx sxdg p swap, controls and measurement with Superpose; export OpenQASM for the rest',
    });
  }
  const key = [...controls.map((c) => `+${c}`), ...(op.negControls ?? []).map((c) => `-${c}`)].sort().join(',');
  // Two swaps in one column would be ambiguous in Quirk: a swap always gets a column of its own.
  return { entries, controlKey: gate === 'swap' ? `swap${index}` : key };
}

function phaseArg(op: GateOp, where: string): string {
  const lambda = evaluateParam(op.params![0]!, {}, where);
  const f = lambda / Math.PI;
  return String(f);
}

export function toQuirkURL(circuit: Circuit): string {
  return QUIRK_URL + encodeURIComponent(JSON.stringify(toQuirk(circuit)));
}

/** Reads Quirk JSON (an object or its text). Measured qubit q writes classical bit q. */
export function fromQuirk(input: unknown): Circuit {
  let value = input;
  if (typeof input === 'string') value = parseJsonText(input, 'the Quirk circuit');
  const cols = (value as { cols?: unknown } | null)?.cols;
  if (!Array.isArray(cols)) fail('invalid-circuit', 'a Quirk circuit is {"cols": [[…], …]}', { where: 'quirk' });
  let numQubits = 0;
  for (const col of cols) if (Array.isArray(col)) numQubits = Math.max(numQubits, col.length);
  if (numQubits > 30) fail('too-large', `Quirk circuit with ${numQubits} wires is larger than Quirk allows (16)`, { where: 'quirk' });
  const ops: Op[] = [];
  let measured = false;
  cols.forEach((col, c) => {
    if (!Array.isArray(col)) fail('invalid-circuit', `column ${c} must be an array`, { where: `quirk column ${c}` });
    const controls: number[] = [];
    const negControls: number[] = [];
    const gates: { gate: string; qubit: number; params?: number[] }[] = [];
    const swaps: number[] = [];
    col.forEach((entry: unknown, wire: number) => {
      const where = `quirk column ${c}, wire ${wire}`;
      if (entry === 1 || entry === '…' || entry === null) return;
      const id = typeof entry === 'string' ? entry : typeof entry === 'object' && entry && typeof (entry as { id?: unknown }).id === 'string' ? (entry as { id: string }).id : undefined;
      if (id === undefined) fail('invalid-circuit', `cannot read the entry ${JSON.stringify(entry)}`, { where });
      if (id === '•') controls.push(wire);
      else if (id === '◦') negControls.push(wire);
      else if (id === 'Swap') swaps.push(wire);
      else if (id === 'Measure') {
        gates.push({ gate: 'measure', qubit: wire });
        measured = true;
      } else if (FROM_QUIRK[id]) gates.push({ gate: FROM_QUIRK[id]!, qubit: wire });
      else if (id === 'Z^ft') {
        const arg = (entry as { arg?: unknown }).arg;
        const f = typeof arg === 'number' ? arg : typeof arg === 'string' && /^\s*[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?\s*$/i.test(arg) ? Number(arg) : NaN;
        if (!Number.isFinite(f)) fail('invalid-circuit', `Z^ft with the formula ${JSON.stringify(arg)} is not supported yet (only constant exponents)`, { where });
        gates.push({ gate: 'p', qubit: wire, params: [f * Math.PI] });
      } else fail('invalid-circuit', `not supported yet: the Quirk gate "${id}"`, { where, hint: 'Superpose reads H X Y Z, their ½ and ¼ powers, Z^ft, Swap, •, ◦ and Measure' });
    });
    if (swaps.length !== 0 && swaps.length !== 2) fail('invalid-circuit', `a column needs exactly two Swap entries, got ${swaps.length}`, { where: `quirk column ${c}` });
    const extra = { ...(controls.length ? { controls } : {}), ...(negControls.length ? { negControls } : {}) };
    for (const g of gates) {
      if (g.gate === 'measure') {
        if (controls.length || negControls.length) fail('invalid-circuit', 'a controlled measurement is not supported', { where: `quirk column ${c}` });
        ops.push({ kind: 'measure', qubit: g.qubit, clbit: g.qubit });
      } else ops.push({ kind: 'gate', gate: g.gate, qubits: [g.qubit], ...(g.params ? { params: g.params } : {}), ...extra } as GateOp);
    }
    if (swaps.length === 2) ops.push({ kind: 'gate', gate: 'swap', qubits: swaps, ...extra } as GateOp);
  });
  return Circuit.fromOps(numQubits, measured ? numQubits : 0, ops);
}

export function fromQuirkURL(url: string): Circuit {
  const at = url.indexOf('#circuit=');
  if (at < 0) fail('invalid-argument', 'a Quirk URL contains "#circuit="', { hint: `e.g. ${QUIRK_URL}{"cols":[["H"]]}` });
  let text: string;
  try {
    text = decodeURIComponent(url.slice(at + '#circuit='.length));
  } catch {
    return fail('invalid-argument', 'the Quirk URL is not properly percent-encoded');
  }
  return fromQuirk(text);
}
