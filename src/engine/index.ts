export * from './engine.ts';
export * from './errors.ts';
export * from './queue.ts';
export * from './pool.ts';
export type * from './worker-handle.ts';
