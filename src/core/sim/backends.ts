import { fail } from '../errors.ts';
import type { Backend } from './kernels.ts';
import { tsBackend } from './kernels-ts.ts';

export type BackendPreference = 'auto' | 'ts' | 'wasm';

const registry = new Map<string, Backend>([['ts', tsBackend]]);

/** Adds a backend (the WebAssembly one registers itself when its module loads and validates). */
export function registerBackend(backend: Backend): void {
  registry.set(backend.name, backend);
}

export function availableBackends(): string[] {
  return [...registry.keys()];
}

/** `auto` prefers WebAssembly SIMD when it is available and the state fits its memory. */
export function chooseBackend(numQubits: number, preference: BackendPreference = 'auto'): Backend {
  if (preference === 'auto') {
    const wasm = registry.get('wasm');
    if (wasm && numQubits <= wasm.maxQubits) return wasm;
    return tsBackend;
  }
  const backend = registry.get(preference);
  if (!backend) {
    fail('invalid-argument', `the ${preference} backend is not available here`, {
      hint: preference === 'wasm' ? 'this runtime lacks WebAssembly SIMD; use backend "ts" or "auto"' : 'use "auto", "ts" or "wasm"',
    });
  }
  if (numQubits > backend.maxQubits) {
    fail('too-large', `the ${preference} backend holds at most ${backend.maxQubits} qubits, asked for ${numQubits}`, {
      hint: 'use backend "auto" to fall back to the TypeScript kernels',
    });
  }
  return backend;
}
