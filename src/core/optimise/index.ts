export * from './types.ts';
export * from './result.ts';
export * from './model/index.ts';
export * from './classical/index.ts';
export * from './metrics.ts';
export * from './solvers.ts';
export * from './optimisers/index.ts';
export * from './qaoa/index.ts';
// Also registers qaoa, rqaoa and gas as `superpose solve` methods.
export * from './variational/index.ts';
