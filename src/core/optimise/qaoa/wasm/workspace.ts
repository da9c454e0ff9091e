import { fail } from '../../../errors.ts';
import { checkStateFits, StateVector } from '../../../sim/state.ts';
import { allocateWasmState, WASM_PAGE_BYTES, WASM_STATE_OFFSET, WASM_TABLE_AREA_BYTES, wasmSupport } from '../../../sim/wasm/backend.ts';
import type { CostLevels } from '../cost-levels.ts';
import { QAOA_WASM_BASE64 } from './generated/qaoa.ts';

/**
 * The QAOA fast path on the WebAssembly backend (kernels: qaoa.wat). One memory holds ψ (and,
 * once a gradient is asked for, the adjoint state λ right after it) in the simulator's layout,
 * then a region of ours: the cost level of every basis index (u16), the phase table (one
 * pre-splatted e^{∓iγC} per distinct value), the values, and the mixer's cos/sin.
 *
 * Why the levels live in the state's memory: a wasm (MVP) instance sees one memory, and a kernel
 * that reads the levels while it walks the state must see both; recomputing C(x) from the Ising
 * terms per amplitude would cost O(|E|) per amplitude instead of one 2-byte load. The simulator's
 * own layout is unchanged: `allocateWasmState` only leaves `extraBytes` free between the state and
 * its table area.
 *
 * An evaluation at depth p is 1 + p·⌈n/4⌉ passes over the state: |+⟩^n and the first cost layer
 * written in one pass, then per layer the X mixer four qubits per pass (RX(2β) on qubits g…g+3,
 * tile by tile in cache); the last of those passes (qubits 0–3) also applies the next cost layer,
 * or, after the last layer, reads ⟨C⟩ (and writes the adjoint seed λ = Cψ for a gradient). The
 * adjoint walk back is ⌈n/4⌉ passes over both states per layer: the mixer undone on both while
 * Σ_q Im⟨λ|X_q|ψ⟩ is read, the last pass also reading Im⟨λ|C|ψ⟩ and undoing the cost layer.
 */

/** Most distinct cost values the kernels take (levels are u16). */
export const QAOA_WASM_MAX_LEVELS = 65536;
/** Smallest qubit count the four-qubit mixer passes take. */
export const QAOA_WASM_MIN_QUBITS = 4;
/** Items (16 amplitudes each) per tile: 16 KiB of each state stays in L1 during a group's sweeps. */
const TILE_ITEMS = 64;

interface QaoaKernelExports {
  writePhased(p: number, pend: number, lev: number, tbl: number): void;
  phase(p: number, pend: number, lev: number, tbl: number): void;
  expectation(p: number, pend: number, lev: number, val: number): number;
  mix(base: number, items: number, g: number, T: number, mat: number, active: number, post: number, lev: number, tbl: number, val: number, delta: number): number;
  mix2(base: number, delta: number, items: number, g: number, T: number, mat: number, active: number, post: number, lev: number, tbl: number, val: number): [number, number];
}

/** Post steps of `mix` (see qaoa.wat). */
export const MixPost = { None: 0, Phase: 1, Expectation: 2, ExpectationAndSeed: 3 } as const;
export type MixPost = (typeof MixPost)[keyof typeof MixPost];
/** Post steps of `mix2`. */
export const AdjointPost = { None: 0, OverlapAndUndo: 1, Overlap: 2 } as const;
export type AdjointPost = (typeof AdjointPost)[keyof typeof AdjointPost];

let compiled: WebAssembly.Module | null | undefined;

/** The module, compiled once; null where it cannot be compiled synchronously (then the TypeScript path runs). */
function qaoaModule(): WebAssembly.Module | null {
  if (compiled === undefined) {
    try {
      const binary = atob(QAOA_WASM_BASE64);
      const bytes = new Uint8Array(binary.length);
      for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
      compiled = wasmSupport().simd ? new WebAssembly.Module(bytes) : null;
    } catch {
      compiled = null;
    }
  }
  return compiled;
}

/** One group of the mixer: RX on qubits g … g+3, of which `active` (bit j = qubit g + j) are turned. */
interface MixGroup {
  readonly g: number;
  readonly active: number;
  readonly tile: number;
}

/**
 * Groups of four consecutive qubits covering 0 … n−1, qubits 0–3 last (their pass is contiguous
 * and carries the post step). When 4 does not divide n the top group is n−4 … n−1 with the qubits
 * it shares with the group below left inactive.
 */
export function mixGroups(numQubits: number): MixGroup[] {
  const items = 2 ** (numQubits - 4);
  const full = Math.floor(numQubits / 4);
  const tileOf = (g: number) => Math.min(TILE_ITEMS, items, g > 0 ? 2 ** g : Infinity);
  const groups: MixGroup[] = [];
  if (numQubits % 4 !== 0) {
    const g = numQubits - 4;
    let active = 0;
    for (let j = 0; j < 4; j++) if (g + j >= 4 * full) active |= 1 << j;
    groups.push({ g, active, tile: tileOf(g) });
  }
  for (let i = full - 1; i >= 0; i--) groups.push({ g: 4 * i, active: 15, tile: tileOf(4 * i) });
  return groups;
}

const align16 = (bytes: number) => Math.ceil(bytes / 16) * 16;
/**
 * λ starts this many bytes after the end of ψ: with a state size that is a multiple of 4 KiB, λ_x
 * and ψ_x would share their low 12 address bits, and loads of one right after stores to the other
 * stall on 4K aliasing (the fused adjoint step does exactly that). Measured: ~10% faster.
 */
const LAMBDA_SKEW_BYTES = 2112;

export class QaoaWasmWorkspace {
  readonly numQubits: number;
  readonly psi: StateVector;
  /** The adjoint state (same memory, right after ψ), when allocated with two states. */
  readonly lambda: StateVector | undefined;
  private readonly ex: QaoaKernelExports;
  private readonly values: Float64Array;
  private readonly groups: readonly MixGroup[];
  private readonly base = WASM_STATE_OFFSET;
  private readonly delta: number;
  private readonly lev: number;
  private readonly tbl: number;
  private readonly val: number;
  private readonly mat: number;
  private readonly table: Float64Array;
  private readonly matrix: Float64Array;

  /**
   * Whether the wasm path takes this problem: SIMD and the module available, n ≥ 4, levels fit u16,
   * and (for two states) both fit one 4 GiB memory.
   */
  static supports(numQubits: number, levelCount: number, states: 1 | 2): boolean {
    if (numQubits < QAOA_WASM_MIN_QUBITS || levelCount > QAOA_WASM_MAX_LEVELS || !qaoaModule()) return false;
    const bytes = WASM_STATE_OFFSET + QaoaWasmWorkspace.bytesAfterState(numQubits, levelCount, states) + 16 * 2 ** numQubits + WASM_TABLE_AREA_BYTES;
    return Math.ceil(bytes / WASM_PAGE_BYTES) <= 65536;
  }

  private static bytesAfterState(numQubits: number, levelCount: number, states: 1 | 2): number {
    const stateBytes = 16 * 2 ** numQubits;
    return (states - 1) * (stateBytes + LAMBDA_SKEW_BYTES) + align16(2 * 2 ** numQubits) + 32 * levelCount + align16(8 * levelCount) + 128;
  }

  /** Allocates the memory (each state checked against `maxBytes` like any state) and copies the levels in. */
  static create(numQubits: number, levels: CostLevels, states: 1 | 2, maxBytes?: number): QaoaWasmWorkspace {
    const module = qaoaModule();
    if (!module || !QaoaWasmWorkspace.supports(numQubits, levels.values.length, states)) fail('internal', 'the QAOA wasm path does not take this problem');
    checkStateFits(numQubits, maxBytes);
    return new QaoaWasmWorkspace(numQubits, levels, states, module);
  }

  private constructor(numQubits: number, levels: CostLevels, states: 1 | 2, module: WebAssembly.Module) {
    this.numQubits = numQubits;
    const size = 2 ** numQubits;
    const count = levels.values.length;
    const { data, kernels, memory } = allocateWasmState(numQubits, { extraBytes: QaoaWasmWorkspace.bytesAfterState(numQubits, count, states), wide: false });
    this.ex = new WebAssembly.Instance(module, { env: { memory } }).exports as unknown as QaoaKernelExports;
    this.psi = StateVector.over(numQubits, data, kernels);
    this.psi.setBasis(0);
    let at = this.base + 16 * size;
    this.delta = 16 * size + LAMBDA_SKEW_BYTES;
    if (states === 2) {
      this.lambda = StateVector.over(numQubits, new Float64Array(memory.buffer, this.base + this.delta, 2 * size), kernels);
      at = this.base + this.delta + 16 * size;
    }
    this.lev = at;
    new Uint16Array(memory.buffer, this.lev, size).set(levels.level);
    at += align16(2 * size);
    this.tbl = at;
    this.table = new Float64Array(memory.buffer, this.tbl, 4 * count);
    at += 32 * count;
    this.val = at;
    new Float64Array(memory.buffer, this.val, count).set(levels.values);
    at += align16(8 * count);
    this.mat = at;
    this.matrix = new Float64Array(memory.buffer, this.mat, 16);
    this.values = levels.values;
    this.groups = mixGroups(numQubits);
  }

  /** Phase table entry l = scale·e^{sign·iγ·C_l}, pre-splatted [re, re, −im, +im]. */
  private writeTable(gamma: number, sign: 1 | -1, scale = 1): void {
    const values = this.values, t = this.table;
    for (let l = 0, s = 0; l < values.length; l++, s += 4) {
      const re = scale * Math.cos(gamma * values[l]!), im = sign * scale * Math.sin(gamma * values[l]!);
      t[s] = re; t[s + 1] = re; t[s + 2] = -im; t[s + 3] = im;
    }
  }

  /** RX(2β) on every qubit: [c, c] [s, −s] for one qubit, [sin²β, sin²β] [−s′, s′] for two (see qaoa.wat). */
  private writeMixer(beta: number): void {
    const c = Math.cos(beta), s = Math.sin(beta), k = s * s, s2 = Math.sin(2 * beta) / 2;
    this.matrix.set([c, c, s, -s, k, k, -s2, s2]);
  }

  private get end(): number {
    return this.base + 16 * 2 ** this.numQubits;
  }

  /** ψ ← 2^{−n/2}·e^{−iγC}|x⟩ summed: |+⟩^n and one cost layer, one write pass. */
  writeUniformPhased(gamma: number): void {
    this.writeTable(gamma, -1, 2 ** (-this.numQubits / 2));
    this.ex.writePhased(this.base, this.end, this.lev, this.tbl);
  }

  /** ψ ← e^{−iγC}ψ (one pass). */
  applyCostPhase(gamma: number): void {
    this.writeTable(gamma, -1);
    this.ex.phase(this.base, this.end, this.lev, this.tbl);
  }

  /** ⟨ψ|C|ψ⟩ (one read pass). */
  expectation(): number {
    return this.ex.expectation(this.base, this.end, this.lev, this.val);
  }

  /**
   * ψ ← e^{−iβΣX}ψ in ⌈n/4⌉ passes; the last pass then applies e^{−i·nextGamma·C} (post Phase),
   * or returns ⟨C⟩ (Expectation), also writing λ = Cψ (ExpectationAndSeed, two states only).
   */
  mixer(beta: number, post: MixPost, nextGamma = 0): number {
    if (post === MixPost.ExpectationAndSeed && !this.lambda) fail('internal', 'the adjoint seed needs a two-state workspace');
    this.writeMixer(beta);
    if (post === MixPost.Phase) this.writeTable(nextGamma, -1);
    const items = 2 ** (this.numQubits - 4);
    let result = 0;
    const last = this.groups.length - 1;
    this.groups.forEach((group, i) => {
      result = this.ex.mix(this.base, items, group.g, group.tile, this.mat, group.active, i === last ? post : MixPost.None, this.lev, this.tbl, this.val, this.delta);
    });
    return result;
  }

  /**
   * One layer undone on ψ and λ (mixer e^{−iβΣX}, then with post OverlapAndUndo the cost layer
   * e^{−iγC}): returns [Σ_q Im⟨λ|X_q|ψ⟩, Im⟨λ|C|ψ⟩] (the second is 0 with post None).
   */
  adjointLayer(beta: number, gamma: number, post: AdjointPost): [number, number] {
    if (!this.lambda) fail('internal', 'the adjoint step needs a two-state workspace');
    this.writeMixer(-beta);
    if (post === AdjointPost.OverlapAndUndo) this.writeTable(gamma, 1);
    const items = 2 ** (this.numQubits - 4);
    let overlapX = 0, overlapC = 0;
    const last = this.groups.length - 1;
    this.groups.forEach((group, i) => {
      const [x, c] = this.ex.mix2(this.base, this.delta, items, group.g, group.tile, this.mat, group.active, i === last ? post : AdjointPost.None, this.lev, this.tbl, this.val);
      overlapX += x;
      overlapC += c;
    });
    return [overlapX, overlapC];
  }

  /**
   * The whole QAOA circuit [γ_1…γ_p, β_1…β_p] from |+⟩^n; returns ⟨C⟩ (post Expectation) or 0
   * (post None), writing the adjoint seed too with ExpectationAndSeed.
   */
  forward(params: ArrayLike<number>, p: number, post: 0 | 2 | 3): number {
    this.writeUniformPhased(params[0]!);
    let result = 0;
    for (let layer = 0; layer < p; layer++) {
      const beta = params[p + layer]!;
      result = layer < p - 1 ? this.mixer(beta, MixPost.Phase, params[layer + 1]!) : this.mixer(beta, post);
    }
    return result;
  }

  /**
   * ⟨C⟩ and its gradient by adjoint differentiation (two-state workspace): the forward run with
   * the seed λ = Cψ, then one adjointLayer per layer. ψ is left as e^{−iγ_1C}|+⟩^n.
   */
  valueAndGradient(params: ArrayLike<number>, p: number, out: Float64Array): number {
    const value = this.forward(params, p, MixPost.ExpectationAndSeed);
    for (let layer = p - 1; layer >= 0; layer--) {
      const [overlapX, overlapC] = this.adjointLayer(params[p + layer]!, params[layer]!, layer > 0 ? AdjointPost.OverlapAndUndo : AdjointPost.Overlap);
      out[p + layer] = 2 * overlapX;
      out[layer] = 2 * overlapC;
    }
    return value;
  }
}
