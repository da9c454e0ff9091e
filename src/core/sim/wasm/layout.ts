/**
 * Where the state sits in WebAssembly memory. Its own module so main-thread code (the engine's
 * view of a pool's shared memory) can find the amplitudes without loading the kernels.
 */

/** Byte offset of amplitude 0 in the memory (after the scratch page). */
export const WASM_STATE_OFFSET = 65536;
