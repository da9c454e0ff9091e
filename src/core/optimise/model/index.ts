export * from './binary-model.ts';
export * from './energy.ts';
export * from './ising.ts';
export * from './all-states.ts';
export * from './penalty.ts';
export * from './diagonal.ts';
export * from './graphs.ts';
export * from './json.ts';
