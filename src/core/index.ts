export * from './errors.ts';
export * from './conventions.ts';
export * from './circuit/index.ts';
export * from './gates/index.ts';
export * from './sim/index.ts';
export * from './observe/index.ts';
export * from './library/index.ts';
export * from './optimise/index.ts';
