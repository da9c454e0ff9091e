import { fail, formatBytes } from '../../errors.ts';
import { registerBackend } from '../backends.ts';
import { dense1Shape, dense2Shape, insertZeros, popcount, runOf, stepOf, type Amplitudes, type Backend, type Kernels } from '../kernels.ts';
import { tsKernels } from '../kernels-ts.ts';
import { phaseProductTables, type PhaseProductTables } from '../phase-product.ts';
import { WASM_STATE_OFFSET } from './layout.ts';
import {
  KERNELS_SHARED_WASM_BASE64, KERNELS_WASM_BASE64, KERNELS_WIDE_MAX_PAGES, KERNELS_WIDE_SHARED_WASM_BASE64, KERNELS_WIDE_WASM_BASE64,
} from './generated/kernels.ts';

/**
 * The WebAssembly SIMD (f64x2) backend: the kernels of kernels.wat on a state that lives in a
 * WebAssembly.Memory.
 *
 * Memory layout: the first 64 KiB page is scratch (64 slots of 1 KiB: one per module instance,
 * where matrices and diagonal tables are written before a call); the state starts at byte 65536,
 * amplitude i at 65536 + 16·i (re, im), so the `Float64Array` view handed out is exactly the
 * interleaved layout of Kernels. denseK and diagonals on more than two qubits run the TypeScript
 * kernels on that same view.
 *
 * Past 27 qubits the state outgrows a 32-bit memory (4 GiB); where the runtime has 64-bit
 * memories larger than that (Chromium: 16 GiB, so 29 qubits) the same kernels run from their
 * 64-bit twin (built from the same source by scripts/lib/wasm64.mjs), same layout, same numbers
 * passed from JavaScript. Node 20 has 64-bit memories only behind a flag and caps them at 4 GiB,
 * so there such states run on the TypeScript kernels.
 */

export const WASM_PAGE_BYTES = 65536;
export { WASM_STATE_OFFSET };
export const WASM_SCRATCH_SLOT_BYTES = 1024;
export const WASM_SCRATCH_SLOTS = WASM_STATE_OFFSET / WASM_SCRATCH_SLOT_BYTES;
/**
 * Diagonal tables on 3…9 qubits do not fit a 1 KiB slot: they go to a table area of 64 slots of
 * 32 KiB at the end of the memory, after the state (the state's offset stays fixed).
 */
export const WASM_TABLE_SLOT_BYTES = 32768;
export const WASM_TABLE_AREA_BYTES = WASM_SCRATCH_SLOTS * WASM_TABLE_SLOT_BYTES;
/** Largest diagonal (qubits after controls) the wasm table kernel takes; larger ones run in TypeScript. */
export const WASM_MAX_TABLE_QUBITS = 9;
const TABLE_PATTERN_OFFSET = 16384; // 64 i32 byte offsets, after 2^9 entries of 32 bytes
const TABLE_HIGH_OFFSET = TABLE_PATTERN_OFFSET + 256; // [bit mask, byte offset] pairs
// phaseProduct's layout in the same slot (see kernels.wat): low factors, lane masks, high tables.
const PHASE_MASK_OFFSET = 2048;
const PHASE_HIGH_OFFSET = 3072;
const PHASE_TABLES_BYTES = PHASE_HIGH_OFFSET + 3 * 256 * 16;

const phaseImages = new WeakMap<PhaseProductTables, Uint8Array>();

/** The bytes of a phase product's tables as the kernels read them, made once per instruction (copied in per call). */
function phaseTableImage(tables: PhaseProductTables): Uint8Array {
  let image = phaseImages.get(tables);
  if (image) return image;
  image = new Uint8Array(PHASE_TABLES_BYTES);
  const doubles = new Float64Array(image.buffer);
  const ints = new Int32Array(image.buffer);
  for (let l = 0; l < 64; l++) {
    const re = tables.low[2 * l]!, im = tables.low[2 * l + 1]!;
    doubles.set([re, re, -im, im], 4 * l);
    const keep = tables.lowSkip[l] === 1 ? -1 : 0; // all ones: leave the lane alone
    ints.set([keep, keep, keep, keep], PHASE_MASK_OFFSET / 4 + 4 * l);
  }
  doubles.set(tables.high, PHASE_HIGH_OFFSET / 8);
  phaseImages.set(tables, image);
  return image;
}

/** 32-bit memory: 4 GiB = 65536 pages; a 2^27-amplitude state (2 GiB) plus scratch fits, 2^28 does not. */
export const WASM_MAX_QUBITS = 27;
const WASM32_MAX_PAGES = 65536;

/**
 * dense1Phased's run loop (one low·high factor per run of 2^t pairs) from this t up: below, a run
 * is too short to repay forming its factor (QFT(20) layers at t = 0…2 measured no faster).
 */
const RUN_LOOP_MIN_T = 3;

export interface WasmSupport {
  /** WebAssembly with fixed-width SIMD (v128): required for this backend. */
  readonly simd: boolean;
  /** Shared WebAssembly.Memory (threads): needed for `allocate(n, { shared: true })`. */
  readonly sharedMemory: boolean;
  /** 64-bit memories validate (whether they may exceed 4 GiB: `wasmWideMemory()`). */
  readonly memory64: boolean;
}

// (module (func (result v128) i32.const 0 i8x16.splat i8x16.popcnt)) — the usual SIMD probe.
const SIMD_PROBE = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11]);
// (module (memory i64 1))
const MEMORY64_PROBE = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 5, 3, 1, 4, 1]);

function validates(bytes: Uint8Array<ArrayBuffer>): boolean {
  try {
    return typeof WebAssembly === 'object' && WebAssembly.validate(bytes);
  } catch {
    return false;
  }
}

function detectSharedMemory(): boolean {
  if (typeof SharedArrayBuffer !== 'function' || typeof WebAssembly !== 'object') return false;
  // Browsers expose shared memory only when cross-origin isolated.
  if ((globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === false) return false;
  try {
    const memory = new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true });
    return memory.buffer instanceof SharedArrayBuffer;
  } catch {
    return false;
  }
}

function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

const support: WasmSupport = (() => {
  const simd = validates(SIMD_PROBE);
  return { simd, sharedMemory: simd && detectSharedMemory(), memory64: validates(MEMORY64_PROBE) };
})();

/** What this runtime supports (detected once, when this module loads). */
export function wasmSupport(): WasmSupport {
  return support;
}

// Each variant compiled once, on first use (synchronously: browsers allow it for modules this size
// in workers, and Chromium on its main thread up to 8 MiB).
const modules = new Map<string, WebAssembly.Module>();
const MODULE_BYTES = {
  plain: KERNELS_WASM_BASE64, shared: KERNELS_SHARED_WASM_BASE64, wide: KERNELS_WIDE_WASM_BASE64, 'wide-shared': KERNELS_WIDE_SHARED_WASM_BASE64,
} as const;

function kernelsModule(shared: boolean, wide = false): WebAssembly.Module {
  const key = wide ? (shared ? 'wide-shared' : 'wide') : shared ? 'shared' : 'plain';
  let module = modules.get(key);
  if (!module) modules.set(key, (module = new WebAssembly.Module(decodeBase64(MODULE_BYTES[key]))));
  return module;
}

/** How this runtime makes a 64-bit memory, and how large (detected on first use). */
export interface WasmWideMemory {
  /** The JS API's spelling: `address: 'i64'` with BigInt sizes (current), or `index: 'i64'` with numbers (V8 ≤ 12). */
  readonly descriptor: 'address' | 'index';
  /** Largest memory in 64 KiB pages (Chromium 156: 262144 = 16 GiB; Node 20 with the flag: 65536, no more than 32-bit). */
  readonly maxPages: number;
}
let wide: WasmWideMemory | null | undefined;

function newMemory(initial: number, maximum: number, shared: boolean, descriptor: 'address' | 'index' | null): WebAssembly.Memory {
  if (descriptor === null) return new WebAssembly.Memory(shared ? { initial, maximum, shared: true } : { initial, maximum });
  const sizes = descriptor === 'address' ? { initial: BigInt(initial), maximum: BigInt(maximum) } : { initial, maximum };
  return new WebAssembly.Memory({ ...sizes, ...(shared ? { shared: true } : {}), [descriptor]: 'i64' } as unknown as WebAssembly.MemoryDescriptor);
}

/** 64-bit memories for the kernels' twin, or null where the runtime has none (Node 20 without `--experimental-wasm-memory64`). */
export function wasmWideMemory(): WasmWideMemory | null {
  if (wide !== undefined) return wide;
  wide = null;
  if (!support.simd || !support.memory64) return wide;
  for (const descriptor of ['address', 'index'] as const) {
    for (const maxPages of [KERNELS_WIDE_MAX_PAGES, WASM32_MAX_PAGES]) {
      try {
        // A probe that the twin instantiates on (a memory of the wrong kind or size limit throws).
        new WebAssembly.Instance(kernelsModule(false, true), { env: { memory: newMemory(1, maxPages, false, descriptor) } });
        return (wide = { descriptor, maxPages });
      } catch {
        // next spelling or size
      }
    }
  }
  return wide;
}

/** The memory for a wasm state of `pages` pages: 32-bit, or 64-bit when `wide`. */
export function createWasmMemory(pages: number, options: { shared?: boolean; wide?: boolean } = {}): WebAssembly.Memory {
  const shared = options.shared ?? false;
  if (!options.wide) return newMemory(pages, pages, shared, null);
  const wideMemory = wasmWideMemory();
  if (!wideMemory) fail('invalid-argument', 'this runtime has no 64-bit WebAssembly memory', { hint: 'use backend "ts" (or "auto") for states past 27 qubits' });
  return newMemory(pages, pages, shared, wideMemory.descriptor);
}

/** The exports of kernels.wat (byte addresses; see the comments there). */
interface KernelExports {
  // The enumeration kernels (one signature: layout, four i32 and two f64 arguments; returns the next offset).
  dense1: EnumerationKernel;
  phase1: EnumerationKernel;
  x1: EnumerationKernel;
  swap2: EnumerationKernel;
  dense2: EnumerationKernel;
  streams(fn: number, base: number, off: number, mask: number, step: number, run: number, k: number, end: number,
    a: number, b: number, c: number, d: number, re: number, im: number, parts: number, offs: number, chunk: number): void;
  diag(base: number, begin: number, end: number, cmask: number, cval: number, q0: number, q1: number, tbl: number, run: number): void;
  diagk(base: number, begin: number, end: number, tbl: number, pat: number, pm: number, run: number, hc: number, hv: number, hq: number, hn: number): void;
  phaseProduct(base: number, begin: number, end: number, tbl: number, hc: number, hv: number, mode: number): void;
  dense1Phased(base: number, k: number, end: number, t: number, stride: number, offp: number, offq: number, mat: number, tbl: number, mode: number): void;
  scale(p: number, pend: number, re: number, im: number): void;
  sumSquares(p: number, pend: number): number;
  sumSquaresSplit(p: number, pend: number, stride: number, out: number): void;
}

type EnumerationKernel = (base: number, off: number, mask: number, step: number, run: number, k: number, end: number,
  a: number, b: number, c: number, d: number, re: number, im: number) => number;

/** `streams`' numbering of the enumeration kernels (the order of the module's table). */
const ENUMERATION = { dense1: 0, phase1: 1, x1: 2, swap2: 3, dense2: 4 } as const;

/**
 * Work ranges of at least this many items run as several streams (see `streams` in kernels.wat):
 * 2^17 items are ≥ 2 MiB of amplitudes, past a core's L2. Below it the parts gain nothing (n = 18:
 * even) and can lose (rz on qubit 0 at n = 16: 0.46 → 0.57 ns per amplitude).
 */
let streamMinItems = 1 << 17;

/** How many parts a large range runs as (twice that for one-stream kernels: at most the 16 offsets the scratch slot holds). */
const STREAM_PARTS = 4;
/** Where in a scratch slot (as an i32 index) the parts' byte offsets go: the last 64 bytes (a 4×4 matrix takes 512). */
const STREAM_OFFSETS_INDEX = (WASM_SCRATCH_SLOT_BYTES - 64) / 4;

/** Sets the stream threshold (tests run the four-stream path on small states); returns the old one. */
export function setWasmStreamMinItems(items: number): number {
  const old = streamMinItems;
  streamMinItems = items;
  return old;
}

/** The dense1 loop selector of kernels.wat: 0 general, 1 real, 2 RX-like, 3 diagonal, 4 anti-diagonal, 5 X·RX-like. */
const DENSE1_MODE = { general: 0, real: 1, rx: 2, diagonal: 3, antidiagonal: 4, xrx: 5 } as const;

/** The dense2 loop selector of kernels.wat: 0 general, 1 real, 2 parity blocks, 3 RX-like parity blocks. */
const DENSE2_MODE = { general: 0, real: 1, parity: 2, parityRx: 3 } as const;

/**
 * Kernels running one instance of the module on `memory` (which holds a state at
 * WASM_STATE_OFFSET). Each instance sharing one memory (one per worker) needs its own scratch
 * `slot` (0 … 63).
 */
export function createWasmKernels(memory: WebAssembly.Memory, options: { shared?: boolean; slot?: number; wide?: boolean } = {}): Kernels {
  const slot = options.slot ?? 0;
  if (!Number.isInteger(slot) || slot < 0 || slot >= WASM_SCRATCH_SLOTS) fail('invalid-argument', `scratch slot must be 0…${WASM_SCRATCH_SLOTS - 1}, got ${slot}`);
  const instance = new WebAssembly.Instance(kernelsModule(options.shared ?? false, options.wide ?? false), { env: { memory } });
  const ex = instance.exports as unknown as KernelExports;
  const scratchAddress = slot * WASM_SCRATCH_SLOT_BYTES;
  const scratch = new Float64Array(memory.buffer, scratchAddress, WASM_SCRATCH_SLOT_BYTES / 8);
  const scratchInts = new Int32Array(memory.buffer, scratchAddress, WASM_SCRATCH_SLOT_BYTES / 4);

  const buffer = memory.buffer; // never grows: allocate() sizes it once
  const tableAddress = buffer.byteLength - WASM_TABLE_AREA_BYTES + slot * WASM_TABLE_SLOT_BYTES;
  const hasTables = tableAddress >= WASM_STATE_OFFSET;
  const table = hasTables ? new Float64Array(buffer, tableAddress, WASM_TABLE_SLOT_BYTES / 8) : new Float64Array(0);
  const tableInts = hasTables ? new Int32Array(buffer, tableAddress, WASM_TABLE_SLOT_BYTES / 4) : new Int32Array(0);

  // What the table area holds now: tiled execution calls one instruction once per tile and
  // range, so the table, the pattern and the high-qubit pairs are written only when it changes.
  let tableD: Float64Array | null = null;
  let tableQubits: Int32Array | null = null;
  let tableCmask = 0;
  let tableCval = 0;
  let tablePm = 0;
  let tableRun = 0;
  let tableHn = 0;
  function loadTable(qubits: Int32Array, d: Float64Array, cmask: number, cval: number): void {
    const lowControls: number[] = [];
    for (let q = 0; q < 6; q++) if (cmask & (1 << q)) lowControls.push(q);
    const k = qubits.length;
    const kt = k + lowControls.length; // table qubits
    const size = 1 << k;
    for (let l = 0, s = 0; l < 1 << kt; l++, s += 4) {
      let match = true;
      for (let c = 0; c < lowControls.length; c++) {
        const want = (cval >> lowControls[c]!) & 1;
        if (((l >> (k + c)) & 1) !== want) match = false;
      }
      const e = l & (size - 1);
      const re = match ? d[2 * e]! : 1, im = match ? d[2 * e + 1]! : 0;
      table[s] = re;
      table[s + 1] = re;
      table[s + 2] = -im;
      table[s + 3] = im;
    }
    let lowInvolved = cmask & 63;
    let highInvolved = cmask & ~63;
    let hn = 0;
    for (let j = 0; j < k; j++) {
      const q = qubits[j]!;
      if (q < 6) lowInvolved |= 1 << q;
      else {
        highInvolved |= 1 << q;
        tableInts[TABLE_HIGH_OFFSET / 4 + 2 * hn] = 1 << q;
        tableInts[TABLE_HIGH_OFFSET / 4 + 2 * hn + 1] = 32 << j;
        hn++;
      }
    }
    if (lowInvolved !== 0) {
      for (let m = 0; m < 64; m++) {
        let local = 0;
        for (let j = 0; j < k; j++) if (qubits[j]! < 6 && m & (1 << qubits[j]!)) local |= 1 << j;
        for (let c = 0; c < lowControls.length; c++) if (m & (1 << lowControls[c]!)) local |= 1 << (k + c);
        tableInts[TABLE_PATTERN_OFFSET / 4 + m] = 32 * local;
      }
    }
    tableD = d;
    tableQubits = qubits;
    tableCmask = cmask;
    tableCval = cval;
    tablePm = lowInvolved !== 0 ? 63 : 0;
    tableRun = highInvolved === 0 ? 1 << 30 : highInvolved & -highInvolved;
    tableHn = hn;
  }

  /**
   * Diagonal on 3…9 qubits through the table kernel (see diagk in kernels.wat). Controls below
   * bit 6 become extra table qubits whose mismatching entries are 1 (high ones skip whole runs).
   */
  // The phase product whose tables the table area holds (it shares the area with diagk's tables).
  let phaseQubits: Int32Array | null = null;
  let phasePhases: Float64Array | null = null;
  let phaseCmask = 0;
  let phaseCval = 0;
  let phaseMode = 0;
  const tableBytes = hasTables ? new Uint8Array(buffer, tableAddress, PHASE_TABLES_BYTES) : new Uint8Array(0);
  function loadPhaseTables(qubits: Int32Array, phases: Float64Array, cmask: number, cval: number): void {
    const tables = phaseProductTables(qubits, phases, cmask, cval);
    tableBytes.set(phaseTableImage(tables));
    tableD = null; // diagk's table is overwritten
    phaseQubits = qubits;
    phasePhases = phases;
    phaseCmask = cmask;
    phaseCval = cval;
    phaseMode = tables.lowMode;
  }

  function diagTable(state: Amplitudes, qubits: Int32Array, d: Float64Array, cmask: number, cval: number, begin: number, end: number): void {
    if (tableD !== d || tableQubits !== qubits || tableCmask !== cmask || tableCval !== cval) {
      loadTable(qubits, d, cmask, cval);
      phasePhases = null; // the phase product tables are overwritten
    }
    ex.diagk(state.byteOffset, begin, end, tableAddress, tableAddress + TABLE_PATTERN_OFFSET, tablePm, tableRun,
      cmask & ~63, cval & ~63, tableAddress + TABLE_HIGH_OFFSET, tableHn);
  }
  function check(state: Amplitudes): void {
    if (state.buffer !== buffer || !(state instanceof Float64Array)) {
      fail('internal', 'wasm kernels called on a state outside their memory', { hint: 'a state must use the kernels its allocation returned' });
    }
  }

  /** Writes `count` complex entries pre-splatted: [re, re, −im, +im]. */
  function writeEntries(src: Float64Array, count: number): void {
    for (let e = 0, s = 0; e < count; e++, s += 4) {
      const re = src[2 * e]!, im = src[2 * e + 1]!;
      scratch[s] = re;
      scratch[s + 1] = re;
      scratch[s + 2] = -im;
      scratch[s + 3] = im;
    }
  }

  /**
   * Runs an enumeration kernel over items [begin, end) of `mask`'s layout: as several streams when
   * the range is large, a power of two and aligned to its length (every whole-state pass, thread
   * slice and cache tile is), else as one.
   */
  function enumerate(kernel: keyof typeof ENUMERATION, base: number, mask: number, targets: number, begin: number, end: number,
    a: number, b: number, c: number, d: number, re: number, im: number): void {
    const items = end - begin;
    const off = 16 * insertZeros(begin, mask), m16 = 16 * mask, step = 16 * stepOf(mask), run = runOf(mask);
    if (items < streamMinItems || (items & (items - 1)) !== 0 || begin % items !== 0) {
      ex[kernel](base, off, m16, step, run, begin, end, a, b, c, d, re, im);
      return;
    }
    // Targets within a chunk's 64 amplitudes: each part is one stream, so twice the parts (u3 on
    // qubit 0 at n = 24: 2.1 → 1.9 ns per amplitude); a target above makes each part two or more.
    const parts = Math.min(targets < 64 ? 2 * STREAM_PARTS : STREAM_PARTS, items);
    const part = items / parts;
    for (let s = 0; s < parts; s++) scratchInts[STREAM_OFFSETS_INDEX + s] = insertZeros(s * part, mask); // in amplitudes
    // Chunks of ≈ 1 KiB of the first pointer's travel (4 KiB lost the gain), at least 2 items (dense1's pair loop).
    const chunk = Math.min(part, Math.max(2, 1024 / step));
    ex.streams(ENUMERATION[kernel], base, off, m16, step, run, begin, begin + part, a, b, c, d, re, im,
      parts, scratchAddress + 4 * STREAM_OFFSETS_INDEX, chunk);
  }

  const kernels: Kernels = {
    name: options.wide ? 'wasm64' : 'wasm',
    dense1(state, t, m, cmask, cval, begin, end) {
      if (begin >= end) return;
      check(state);
      const mask = cmask | (1 << t);
      writeEntries(m, 4);
      const real = DENSE1_MODE[dense1Shape(m)];
      enumerate('dense1', state.byteOffset + 16 * cval, mask, 1 << t, begin, end, 16 * 2 ** t, scratchAddress, real, 0, 0, 0);
    },
    phase1(state, t, re, im, cmask, cval, begin, end) {
      if (begin >= end) return;
      check(state);
      const mask = cmask | (1 << t);
      enumerate('phase1', state.byteOffset + 16 * (cval | (1 << t)), mask, 1 << t, begin, end, 0, 0, 0, 0, re, im);
    },
    x1(state, t, cmask, cval, begin, end) {
      if (begin >= end) return;
      check(state);
      const mask = cmask | (1 << t);
      enumerate('x1', state.byteOffset + 16 * cval, mask, 1 << t, begin, end, 16 * 2 ** t, 0, 0, 0, 0, 0);
    },
    swap2(state, a, b, cmask, cval, begin, end) {
      if (begin >= end) return;
      check(state);
      const mask = cmask | (1 << a) | (1 << b);
      enumerate('swap2', state.byteOffset + 16 * cval, mask, (1 << a) | (1 << b), begin, end, 16 * 2 ** a, 16 * 2 ** b, 0, 0, 0, 0);
    },
    dense2(state, q0, q1, m, cmask, cval, begin, end) {
      if (begin >= end) return;
      check(state);
      const mask = cmask | (1 << q0) | (1 << q1);
      writeEntries(m, 16);
      const mode = DENSE2_MODE[dense2Shape(m)];
      enumerate('dense2', state.byteOffset + 16 * cval, mask, (1 << q0) | (1 << q1), begin, end, 16 * 2 ** q0, 16 * 2 ** q1, scratchAddress, mode, 0, 0);
    },
    diag(state, qubits, d, cmask, cval, begin, end) {
      const k = qubits.length;
      if (k > 2) {
        if (k + popcount(cmask & 63) > WASM_MAX_TABLE_QUBITS || !hasTables || state.byteOffset + state.byteLength > tableAddress) {
          return tsKernels.diag(state, qubits, d, cmask, cval, begin, end);
        }
        if (begin >= end) return;
        check(state);
        return diagTable(state, qubits, d, cmask, cval, begin, end);
      }
      if (begin >= end) return;
      check(state);
      let mask = cmask;
      for (let j = 0; j < k; j++) mask |= 1 << qubits[j]!;
      const high = mask & ~3;
      writeEntries(d, 1 << k);
      ex.diag(state.byteOffset, begin, end, cmask, cval, k > 0 ? qubits[0]! : 31, k > 1 ? qubits[1]! : 31, scratchAddress, high === 0 ? 1 << 30 : high & -high);
    },
    phaseProduct(state, qubits, phases, cmask, cval, begin, end) {
      if (!hasTables || state.byteOffset + state.byteLength > tableAddress) return tsKernels.phaseProduct(state, qubits, phases, cmask, cval, begin, end);
      if (begin >= end) return;
      check(state);
      if (phasePhases !== phases || phaseQubits !== qubits || phaseCmask !== cmask || phaseCval !== cval) loadPhaseTables(qubits, phases, cmask, cval);
      ex.phaseProduct(state.byteOffset, begin, end, tableAddress, cmask & ~63, cval & ~63, phaseMode);
    },
    dense1Phased(state, t, m, qubits, phases, side, begin, end) {
      // The wasm loops take real matrices (a QFT layer's H); the rest runs in TypeScript.
      if (dense1Shape(m) !== 'real' || !hasTables || state.byteOffset + state.byteLength > tableAddress) {
        return tsKernels.dense1Phased(state, t, m, qubits, phases, side, begin, end);
      }
      if (begin >= end) return;
      check(state);
      if (phasePhases !== phases || phaseQubits !== qubits || phaseCmask !== 0 || phaseCval !== 0) loadPhaseTables(qubits, phases, 0, 0);
      // Plain row first, phased row second (rows of m: 0 = the |0⟩ output, 1 = the |1⟩ output).
      const plain = side === 1 ? 0 : 4, phased = side === 1 ? 4 : 0;
      writeEntries(Float64Array.of(m[plain]!, 0, m[plain + 2]!, 0, m[phased]!, 0, m[phased + 2]!, 0), 4);
      const stride = 16 * 2 ** t;
      // Mode bits (see the kernel): low factors; H-shaped (a QFT layer's H with its phases on the
      // |1⟩ side); no phase qubit below t (the order in which swaps-as-relabellings run a QFT).
      const hShaped = m[plain] === m[plain + 2] && m[phased] === -m[phased + 2];
      let lowest = 32;
      for (let j = 0; j < qubits.length; j++) lowest = Math.min(lowest, qubits[j]!);
      const mode = (phaseMode !== 0 ? 1 : 0) | (hShaped ? 2 : 0) | (lowest > t && t >= RUN_LOOP_MIN_T ? 4 : 0);
      ex.dense1Phased(state.byteOffset, begin, end, t, stride, side === 1 ? 0 : stride, side === 1 ? stride : 0, scratchAddress, tableAddress, mode);
    },
    denseK(state, qubits, m, cmask, cval, begin, end) {
      tsKernels.denseK(state, qubits, m, cmask, cval, begin, end);
    },
    scale(state, re, im, begin, end) {
      if (begin >= end) return;
      check(state);
      ex.scale(state.byteOffset + 16 * begin, state.byteOffset + 16 * end, re, im);
    },
    sumSquares(state, begin, end) {
      if (begin >= end) return 0;
      check(state);
      return ex.sumSquares(state.byteOffset + 16 * begin, state.byteOffset + 16 * end);
    },
    sumSquaresByBit(state, t) {
      check(state);
      ex.sumSquaresSplit(state.byteOffset, state.byteOffset + state.byteLength, 16 * 2 ** t, scratchAddress);
      return [scratch[0]!, scratch[1]!];
    },
  };
  return kernels;
}

/**
 * Pages for an n-qubit state: the scratch page, 16·2^n bytes (plus `extraBytes` right after the
 * state, for a caller's own data) rounded up, and the table area.
 */
export function wasmPagesFor(numQubits: number, extraBytes = 0): number {
  return 1 + Math.ceil((16 * 2 ** numQubits + extraBytes) / WASM_PAGE_BYTES) + WASM_TABLE_AREA_BYTES / WASM_PAGE_BYTES;
}

let wideMaxQubits: number | undefined;

/** The most qubits a state in a 64-bit memory holds here (0 without 64-bit memories; Chromium: 29). */
export function wasm64MaxQubits(): number {
  if (wideMaxQubits !== undefined) return wideMaxQubits;
  const maxPages = wasmWideMemory()?.maxPages ?? 0;
  let n = 0;
  while (maxPages > 0 && wasmPagesFor(n + 1) <= maxPages) n++;
  return (wideMaxQubits = n);
}

/**
 * A state in a fresh memory, with the memory itself and `extraBytes` free after the state (at
 * WASM_STATE_OFFSET + 16·2^n) for a caller's own kernels (the QAOA fast path keeps its level
 * array and tables there). The layout is otherwise the backend's. `wide` puts it in a 64-bit
 * memory (the wasm64 backend).
 */
export function allocateWasmState(numQubits: number, options: { shared?: boolean; extraBytes?: number; wide?: boolean } = {}): { data: Float64Array; kernels: Kernels; memory: WebAssembly.Memory } {
  if (!support.simd) fail('invalid-argument', 'this runtime lacks WebAssembly SIMD', { hint: 'use backend "ts" or "auto"' });
  const wideMemory = options.wide ?? false;
  const maxQubits = wideMemory ? wasm64MaxQubits() : WASM_MAX_QUBITS;
  if (numQubits > maxQubits) fail('too-large', `the ${wideMemory ? 'wasm64' : 'wasm'} backend holds at most ${maxQubits} qubits here, asked for ${numQubits}`, { hint: 'use backend "auto" to fall back to the TypeScript kernels' });
  const shared = options.shared ?? false;
  if (shared && !support.sharedMemory) {
    fail('invalid-argument', 'shared WebAssembly memory is not available here', {
      hint: 'serve the page cross-origin isolated (COOP same-origin + COEP require-corp), or allocate without shared',
    });
  }
  const pages = wasmPagesFor(numQubits, options.extraBytes ?? 0);
  const maxPages = wideMemory ? wasmWideMemory()?.maxPages ?? 0 : WASM32_MAX_PAGES;
  if (pages > maxPages) fail('too-large', `a ${numQubits}-qubit state with ${options.extraBytes ?? 0} extra bytes does not fit a ${formatBytes(maxPages * WASM_PAGE_BYTES)} WebAssembly memory`);
  const memory = createWasmMemory(pages, { shared, wide: wideMemory });
  const kernels = createWasmKernels(memory, { shared, wide: wideMemory });
  return { data: new Float64Array(memory.buffer, WASM_STATE_OFFSET, 2 * 2 ** numQubits), kernels, memory };
}

export const wasmBackend: Backend = {
  name: 'wasm',
  maxQubits: WASM_MAX_QUBITS,
  precisions: ['double'],
  allocate(numQubits, options = {}) {
    if (options.precision === 'single') fail('invalid-argument', 'the wasm backend holds double-precision states only', { hint: 'use backend "ts" (or "auto") for precision "single"' });
    const { data, kernels } = allocateWasmState(numQubits, { shared: options.shared ?? false });
    return { data, kernels };
  },
};

/**
 * The same kernels in a 64-bit memory: `auto` takes it for states past 27 qubits where 64-bit
 * memories go beyond 4 GiB (Chromium, up to 29 qubits); ask for it by name to run it at any size.
 */
export const wasm64Backend: Backend = {
  name: 'wasm64',
  get maxQubits() {
    return wasm64MaxQubits();
  },
  precisions: ['double'],
  allocate(numQubits, options = {}) {
    if (options.precision === 'single') fail('invalid-argument', 'the wasm64 backend holds double-precision states only', { hint: 'use backend "ts" (or "auto") for precision "single"' });
    const { data, kernels } = allocateWasmState(numQubits, { shared: options.shared ?? false, wide: true });
    return { data, kernels };
  },
};

/** Whether this thread may compile the module synchronously (old browsers cap main-thread compiles at 4 KiB). */
function compiles(): boolean {
  try {
    kernelsModule(false);
    return true;
  } catch {
    return false;
  }
}

if (support.simd && compiles()) {
  registerBackend(wasmBackend);
  if (wasmWideMemory()) registerBackend(wasm64Backend);
}
