export * from './types.ts';
export * from './result.ts';
export * from './model/index.ts';
export * from './classical/index.ts';
export * from './metrics.ts';
export * from './solvers.ts';
