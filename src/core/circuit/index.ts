export * from './circuit.ts';
export * from './params.ts';
