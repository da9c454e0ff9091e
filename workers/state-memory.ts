/**
 * Where a pool's state lives, as it crosses to followers and to the main thread, and the
 * amplitudes over it. Light on purpose (no kernels): the engine on the page imports it.
 */
import type { Amplitudes, Precision } from '../src/core/sim/kernels.ts';
import { WASM_STATE_OFFSET } from '../src/core/sim/wasm/layout.ts';

/** What a follower needs to reach the state: the memory itself, never a copy. */
export type StateMemory =
  | { readonly kind: 'wasm'; readonly memory: WebAssembly.Memory; readonly numQubits: number; /** a 64-bit memory (past 27 qubits) */ readonly wide: boolean }
  | { readonly kind: 'ts'; readonly buffer: SharedArrayBuffer; readonly numQubits: number; readonly precision: Precision }
  | { readonly kind: 'private'; readonly numQubits: number };

/** The amplitudes in shared state memory, without a copy (null for a private state). */
export function amplitudesIn(memory: StateMemory): Amplitudes | null {
  const length = 2 * 2 ** memory.numQubits;
  switch (memory.kind) {
    case 'wasm':
      return new Float64Array(memory.memory.buffer, WASM_STATE_OFFSET, length);
    case 'ts':
      return memory.precision === 'single' ? new Float32Array(memory.buffer, 0, length) : new Float64Array(memory.buffer, 0, length);
    case 'private':
      return null;
  }
}
