import { fail } from '../errors.ts';
import type { Backend, BackendName, Precision } from './kernels.ts';
import { tsBackend } from './kernels-ts.ts';

export type BackendPreference = 'auto' | BackendName;

const registry = new Map<string, Backend>([['ts', tsBackend]]);

/** Adds a backend (the WebAssembly one registers itself when its module loads and validates). */
export function registerBackend(backend: Backend): void {
  registry.set(backend.name, backend);
}

export function availableBackends(): string[] {
  return [...registry.keys()];
}

/**
 * `auto` prefers WebAssembly SIMD when it is available, holds the precision and the state fits its
 * memory: 32-bit memory up to 27 qubits, then 64-bit memory where the runtime has it beyond 4 GiB;
 * otherwise (and always for single precision) the TypeScript kernels.
 */
export function chooseBackend(numQubits: number, preference: BackendPreference = 'auto', precision: Precision = 'double'): Backend {
  if (preference === 'auto') {
    for (const name of ['wasm', 'wasm64']) {
      const wasm = registry.get(name);
      if (wasm && numQubits <= wasm.maxQubits && wasm.precisions.includes(precision)) return wasm;
    }
    return tsBackend;
  }
  const backend = registry.get(preference);
  if (!backend) {
    fail('invalid-argument', `the ${preference} backend is not available here`, {
      hint: preference === 'wasm' ? 'this runtime lacks WebAssembly SIMD; use backend "ts" or "auto"'
        : preference === 'wasm64' ? 'this runtime has no 64-bit WebAssembly memory (Node 20: only behind --experimental-wasm-memory64); use backend "auto"'
          : 'use "auto", "ts", "wasm" or "wasm64"',
    });
  }
  if (!backend.precisions.includes(precision)) {
    fail('invalid-argument', `the ${preference} backend holds ${backend.precisions.join('- and ')}-precision states only, not ${precision}`, {
      hint: 'use backend "auto" or "ts" for precision "single"',
    });
  }
  if (numQubits > backend.maxQubits) {
    fail('too-large', `the ${preference} backend holds at most ${backend.maxQubits} qubits, asked for ${numQubits}`, {
      hint: 'use backend "auto" to fall back to the TypeScript kernels',
    });
  }
  return backend;
}
