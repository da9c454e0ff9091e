export * from './probabilities.ts';
export * from './sampling.ts';
export * from './expectation.ts';
export * from './bloch.ts';
export * from './overlap.ts';
