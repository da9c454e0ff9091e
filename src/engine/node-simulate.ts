/**
 * One simulation on a Node worker pool, handed back as an in-process StateVector over the pool's
 * shared memory (no copy): what `superpose run --threads K` uses.
 */
import type { Circuit } from '../core/circuit/circuit.ts';
import { StateVector } from '../core/sim/state.ts';
import { tsKernels } from '../core/sim/kernels-ts.ts';
import type { BackendPreference } from '../core/sim/backends.ts';
import type { BackendName, Precision } from '../core/sim/kernels.ts';
import { fail } from '../core/errors.ts';
import { createNodeEngine } from './node.ts';

export interface PoolSimulateOptions {
  readonly threads: number;
  readonly params?: Record<string, number>;
  readonly seed?: number;
  readonly backend?: BackendPreference;
  readonly precision?: Precision;
  readonly maxBytes?: number;
  readonly fuse?: boolean;
}

export interface PoolSimulateResult {
  /** The final state, read through the TypeScript kernels (statistics only read it). */
  readonly state: StateVector;
  readonly passes: number;
  readonly backendName: BackendName;
  readonly precision: Precision;
  readonly threads: number;
  readonly clbits: Uint8Array;
  readonly elapsedMs: number;
}

export async function simulateOnPool(circuit: Circuit, options: PoolSimulateOptions): Promise<PoolSimulateResult> {
  const engine = createNodeEngine({
    threads: options.threads,
    ...(options.maxBytes !== undefined ? { memoryBudget: options.maxBytes } : {}),
  });
  try {
    // An explicit --threads K is honoured whatever the state size (pieces too small to split still stay on one thread).
    const summary = await engine.run(circuit.toJSON(), {
      threads: options.threads,
      ...(options.params ? { params: options.params } : {}),
      ...(options.seed !== undefined ? { seed: options.seed } : {}),
      ...(options.backend ? { backend: options.backend } : {}),
      ...(options.precision ? { precision: options.precision } : {}),
      ...(options.fuse !== undefined ? { fuse: options.fuse } : {}),
    }).promise;
    const view = await engine.stateView().promise;
    if (!view) return fail('internal', 'the pool state is not shared');
    return {
      state: StateVector.over(summary.numQubits, view, tsKernels),
      passes: summary.passes,
      backendName: summary.backend,
      precision: summary.precision,
      threads: summary.threads,
      clbits: summary.clbits,
      elapsedMs: summary.elapsedMs,
    };
  } finally {
    engine.dispose();
  }
}
