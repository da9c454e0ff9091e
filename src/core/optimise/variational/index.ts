export * from './rqaoa.ts';
export * from './grover-adaptive-search.ts';
export * from './vqe.ts';
export * from './solver-methods.ts';
