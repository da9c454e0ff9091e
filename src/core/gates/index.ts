export * from './catalogue.ts';
export * from './matrix.ts';
