export * from './kernels.ts';
export { tsKernels, tsBackend, TS_MAX_QUBITS } from './kernels-ts.ts';
export * from './backends.ts';
export * from './instructions.ts';
export * from './program.ts';
export * from './state.ts';
export * from './rng.ts';
export * from './simulate.ts';
export * from './shots.ts';
