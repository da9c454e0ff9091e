// Node 20 validates 64-bit WebAssembly memories only behind --experimental-wasm-memory64; set at
// run time, before the core loads, it lets the wasm64 backend (the kernels' 64-bit twin, which
// Chromium runs natively) register, so every test body that runs on each backend runs on it too.
// Node 20 caps such memories at 4 GiB, so `auto` still picks wasm or ts exactly as without it.
import v8 from 'node:v8';

v8.setFlagsFromString('--experimental-wasm-memory64');
