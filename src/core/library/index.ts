export * from './circuits.ts';
