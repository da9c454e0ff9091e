/**
 * One error type for everything the core refuses. `where` points at the culprit
 * (an op index, a JSON path, line:column for text) and `hint` says how to fix it.
 */
export type ErrorCode =
  | 'invalid-circuit'
  | 'invalid-op'
  | 'invalid-parameter'
  | 'unbound-parameter'
  | 'non-unitary'
  | 'too-large'
  | 'invalid-json'
  | 'invalid-argument'
  | 'internal';

export class SuperposeError extends Error {
  readonly code: ErrorCode;
  readonly where: string | undefined;
  readonly hint: string | undefined;

  constructor(code: ErrorCode, message: string, options: { where?: string; hint?: string } = {}) {
    const parts = [options.where ? `${options.where}: ${message}` : message];
    if (options.hint) parts.push(`Hint: ${options.hint}`);
    super(parts.join(' '));
    this.name = 'SuperposeError';
    this.code = code;
    this.where = options.where;
    this.hint = options.hint;
  }
}

export function fail(code: ErrorCode, message: string, options?: { where?: string; hint?: string }): never {
  throw new SuperposeError(code, message, options);
}

/** Human-readable byte counts for memory errors: 16 GiB, 512 MiB. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const text = value >= 100 || Number.isInteger(value) ? value.toFixed(0) : value.toFixed(1);
  return `${text} ${units[unit]}`;
}
