export * from './control.ts';
export * from './partition.ts';
export * from './threshold.ts';
export * from './progress.ts';
export * from './executor.ts';
