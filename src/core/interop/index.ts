export { fromQasm, importQasm, DEFAULT_MAX_OPS, type QasmImport, type QasmImportOptions, type Register } from './qasm-import.ts';
export { parseQasm } from './parser.ts';
export type { Program as QasmProgram, Stmt as QasmStatement } from './ast.ts';
export { toQasm2, toQasm3, type QasmExportOptions } from './qasm-export.ts';
export { toQiskit } from './qiskit-export.ts';
export { fromQuirk, fromQuirkURL, toQuirk, toQuirkURL, type QuirkEntry, type QuirkJSON } from './quirk.ts';
