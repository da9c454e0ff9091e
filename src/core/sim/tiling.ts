import type { Amplitudes, Kernels } from './kernels.ts';
import { popcount } from './kernels.ts';
import { applyInstruction, type Instruction } from './instructions.ts';
import { fail } from '../errors.ts';

/**
 * Cache blocking. A run of gates whose qubits all lie in T = {0 … lowBits−1} ∪ H (a few "high"
 * qubits H) maps every tile — the 2^|T| amplitudes that share their bits outside T — onto
 * itself. So the run can be applied tile by tile, all of its gates on one tile while the tile
 * sits in the core's cache (2^16 amplitudes = 1 MiB by default), and memory is read and written
 * once per run instead of once per gate. Tiles are independent: a pool of threads can share them.
 *
 * Kernels are not changed: for a gate on qubits inside T, the work items of one tile form at most
 * 2^|H| contiguous ranges (see `TileGroup`), which the kernels take as [begin, end).
 */

export interface TilingOptions {
  /** Qubits below this are inside every tile (default 13). */
  readonly lowBits?: number;
  /** At most this many further (high) qubits per group (default 3). */
  readonly maxHigh?: number;
}

export const DEFAULT_TILE_LOW_BITS = 13;
export const DEFAULT_TILE_MAX_HIGH = 3;

/** Refuses tiling options that would plan wrong tiles (a negative or fractional lowBits gave wrong states). */
export function checkTilingOptions(options: unknown): asserts options is TilingOptions | false {
  if (options === false) return;
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    fail('invalid-argument', `tiling must be false or { lowBits?, maxHigh? }, got ${JSON.stringify(options) ?? String(options)}`);
  }
  const { lowBits, maxHigh } = options as TilingOptions;
  if (lowBits !== undefined && !(Number.isInteger(lowBits) && lowBits >= 0 && lowBits <= 30)) {
    fail('invalid-argument', `tiling.lowBits must be a whole number 0…30, got ${String(lowBits)}`, { hint: `leave it out for the default (${DEFAULT_TILE_LOW_BITS})` });
  }
  if (maxHigh !== undefined && !(Number.isInteger(maxHigh) && maxHigh >= 0 && maxHigh <= 30)) {
    fail('invalid-argument', `tiling.maxHigh must be a whole number 0…30, got ${String(maxHigh)}`, { hint: `leave it out for the default (${DEFAULT_TILE_MAX_HIGH})` });
  }
}

/** Instructions applied tile by tile. `high` are the group's qubits ≥ lowBits (sorted). */
export interface TileGroup {
  readonly instrs: readonly Instruction[];
  readonly high: readonly number[];
  /** Bits of the state index that vary inside a tile (low bits and high qubits). */
  readonly tileMask: number;
  /** Number of tiles: 2^(n − popcount(tileMask)); 1 means "the whole state". */
  readonly tiles: number;
  /** Per instruction: how a tile's work items are laid out (precomputed once). */
  readonly layouts: readonly ItemLayout[];
}

interface ItemLayout {
  /** Positions, in work-item index space, of the state bits outside the tile. */
  readonly outsideItemMask: number;
  /** Offsets (item space) of the 2^f contiguous ranges inside a tile. */
  readonly rangeStarts: Int32Array;
  /** Items per range. */
  readonly rangeLength: number;
}

/** Qubits an instruction involves (targets and controls) as a bit mask. */
export function involvedMask(instr: Instruction): number {
  switch (instr.type) {
    case 'dense1':
    case 'phase1':
    case 'x1':
      return instr.cmask | (1 << instr.t);
    case 'dense1Phased': {
      let m = 1 << instr.t;
      for (const q of instr.qubits) m |= 1 << q;
      return m;
    }
    case 'mux1':
      return instr.cmask | (1 << instr.t) | (1 << instr.c);
    case 'swap2':
      return instr.cmask | (1 << instr.a) | (1 << instr.b);
    case 'dense2':
      return instr.cmask | (1 << instr.q0) | (1 << instr.q1);
    case 'diag':
    case 'phaseProduct':
    case 'denseK': {
      let m = instr.cmask;
      for (const q of instr.qubits) m |= 1 << q;
      return m;
    }
  }
}

/** State bits a kernel removes when it numbers its work items (a diagonal or phase product numbers every amplitude). */
function enumerationMask(instr: Instruction): number {
  if (instr.type === 'dense1Phased') return 1 << instr.t; // pairs on t; the phase qubits are diagonal
  return instr.type === 'diag' || instr.type === 'phaseProduct' ? 0 : involvedMask(instr);
}

/** Index `i` with the bits of `mask` removed (the others shifted down). */
function compress(i: number, mask: number): number {
  let out = 0;
  let bit = 1;
  for (let b = 0; b < 31; b++) {
    const v = 1 << b;
    if (v > i && v > mask) break;
    if (mask & v) continue;
    if (i & v) out |= bit;
    bit <<= 1;
  }
  return out;
}

/** The bits of `value` (from the bottom) placed at the positions of `mask`. */
function deposit(value: number, mask: number): number {
  let out = 0;
  let m = mask;
  let v = value;
  while (m !== 0 && v !== 0) {
    const low = m & -m;
    if (v & 1) out |= low;
    v >>>= 1;
    m ^= low;
  }
  return out;
}

function layoutOf(instr: Instruction, numQubits: number, lowBits: number, highMask: number): ItemLayout {
  const mask = enumerationMask(instr);
  const all = numQubits >= 31 ? 0x7fffffff : (1 << numQubits) - 1;
  const lowMask = (1 << lowBits) - 1;
  const outside = all & ~lowMask & ~highMask;
  const freeHigh = highMask & ~mask;
  const rangeLength = 2 ** (lowBits - popcount(mask & lowMask));
  const freePositions: number[] = [];
  for (let m = freeHigh; m !== 0; m &= m - 1) freePositions.push(compress(m & -m, mask));
  const rangeStarts = new Int32Array(1 << freePositions.length);
  for (let s = 0; s < rangeStarts.length; s++) {
    let start = 0;
    freePositions.forEach((p, j) => {
      if (s & (1 << j)) start |= p;
    });
    rangeStarts[s] = start;
  }
  return { outsideItemMask: compress(outside, mask), rangeStarts, rangeLength };
}

/** Makes the group record for instructions on lowBits ∪ high (all of them inside). */
export function makeTileGroup(instrs: readonly Instruction[], high: readonly number[], numQubits: number, lowBits: number): TileGroup {
  const low = Math.min(lowBits, numQubits);
  let highMask = 0;
  for (const q of high) highMask |= 1 << q;
  const tileMask = ((1 << low) - 1) | highMask;
  const tiles = 2 ** (numQubits - popcount(tileMask));
  const layouts = tiles === 1 ? [] : instrs.map((instr) => layoutOf(instr, numQubits, low, highMask));
  return { instrs, high: [...high].sort((a, b) => a - b), tileMask, tiles, layouts };
}

/** Applies tiles [tileBegin, tileEnd) of a group: every instruction on one tile, then the next tile. */
export function applyTileGroup(kernels: Kernels, state: Amplitudes, numQubits: number, group: TileGroup, tileBegin = 0, tileEnd = group.tiles): void {
  const { instrs } = group;
  if (group.tiles === 1) {
    if (tileBegin < 1 && tileEnd > 0) for (const instr of instrs) applyInstruction(kernels, state, numQubits, instr);
    return;
  }
  const layouts = group.layouts;
  for (let tile = tileBegin; tile < tileEnd; tile++) {
    for (let k = 0; k < instrs.length; k++) {
      const layout = layouts[k]!;
      const base = deposit(tile, layout.outsideItemMask);
      const starts = layout.rangeStarts;
      const length = layout.rangeLength;
      for (let s = 0; s < starts.length; s++) {
        const begin = base + starts[s]!;
        applyInstruction(kernels, state, numQubits, instrs[k]!, begin, begin + length);
      }
    }
  }
}

/**
 * Orders a run of unitary instructions into tile groups. Instructions on disjoint qubits commute,
 * so any order that keeps each qubit's instructions in sequence is the same unitary; the greedy
 * pass below takes every ready instruction that fits the current group's high qubits, opens the
 * group to the high qubits of the earliest ready instruction while at most `maxHigh` are in use,
 * and starts a new group when nothing fits.
 */
export function planTileGroups(instrs: readonly Instruction[], numQubits: number, options: TilingOptions = {}): TileGroup[] {
  const lowBits = Math.min(options.lowBits ?? DEFAULT_TILE_LOW_BITS, numQubits);
  const maxHigh = options.maxHigh ?? DEFAULT_TILE_MAX_HIGH;
  const count = instrs.length;
  if (count === 0) return [];
  const lowMask = (1 << lowBits) - 1;
  const masks = instrs.map(involvedMask);
  // A diagonal works on any index range (each amplitude alone), so it fits every group: its
  // qubits order it against other instructions but need not be inside the tile.
  const highOf = instrs.map((instr) => enumerationMask(instr) & ~lowMask);
  if (numQubits - lowBits <= 0 || highOf.every((h) => popcount(h) === 0)) {
    return [makeTileGroup(instrs, [], numQubits, lowBits)];
  }

  // Per-qubit queues of instruction indices; an instruction is ready when it heads all its queues.
  const queues: number[][] = Array.from({ length: numQubits }, () => []);
  masks.forEach((m, i) => {
    for (let q = m; q !== 0; q &= q - 1) queues[31 - Math.clz32(q & -q)]!.push(i);
  });
  const heads = new Int32Array(numQubits);
  const waiting = new Int32Array(count); // queues an instruction does not yet head
  masks.forEach((m, i) => {
    waiting[i] = popcount(m);
  });
  const ready: number[] = [];
  const markHeads = (q: number) => {
    const queue = queues[q]!;
    if (heads[q]! < queue.length) {
      const i = queue[heads[q]!]!;
      if (--waiting[i]! === 0) ready.push(i);
    }
  };
  for (let q = 0; q < numQubits; q++) markHeads(q);
  masks.forEach((m, i) => {
    if (m === 0) ready.push(i); // a bare global phase touches no qubit
  });

  const groups: TileGroup[] = [];
  let current: Instruction[] = [];
  let highMask = 0;
  let done = 0;
  while (done < count) {
    // Fitting instructions first, earliest first; else open the group to a new high qubit set.
    let pick = -1;
    let bestIndex = Infinity;
    for (let r = 0; r < ready.length; r++) {
      const i = ready[r]!;
      if ((highOf[i]! & ~highMask) === 0 && i < bestIndex) {
        bestIndex = i;
        pick = r;
      }
    }
    if (pick < 0) {
      bestIndex = Infinity;
      for (let r = 0; r < ready.length; r++) {
        const i = ready[r]!;
        if (popcount(highOf[i]! | highMask) <= maxHigh && i < bestIndex) {
          bestIndex = i;
          pick = r;
        }
      }
      // A single instruction on more high qubits than allowed gets a group of its own.
      if (pick < 0 && current.length === 0) {
        for (let r = 0; r < ready.length; r++) {
          if (ready[r]! < bestIndex) {
            bestIndex = ready[r]!;
            pick = r;
          }
        }
      }
      if (pick >= 0) highMask |= highOf[ready[pick]!]!;
    }
    if (pick < 0) {
      groups.push(makeTileGroup(current, highQubits(highMask), numQubits, lowBits));
      current = [];
      highMask = 0;
      continue;
    }
    const chosen = ready[pick]!;
    ready.splice(pick, 1);
    current.push(instrs[chosen]!);
    done++;
    for (let q = masks[chosen]!; q !== 0; q &= q - 1) {
      const qubit = 31 - Math.clz32(q & -q);
      heads[qubit]!++;
      markHeads(qubit);
    }
    // An oversized instruction keeps its group to itself (others would ride on its big tiles).
    if (popcount(highMask) > maxHigh) {
      groups.push(makeTileGroup(current, highQubits(highMask), numQubits, lowBits));
      current = [];
      highMask = 0;
    }
  }
  if (current.length > 0) groups.push(makeTileGroup(current, highQubits(highMask), numQubits, lowBits));
  return groups;
}

function highQubits(mask: number): number[] {
  const out: number[] = [];
  for (let m = mask; m !== 0; m &= m - 1) out.push(31 - Math.clz32(m & -m));
  return out;
}
