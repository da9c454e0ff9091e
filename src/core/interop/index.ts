export * from './expression.ts';
export * from './lexer.ts';
export * from './parser.ts';
export * from './qasm-import.ts';
export * from './qasm-export.ts';
export * from './decompose.ts';
export * from './qiskit-export.ts';
export * from './quirk.ts';
