import { SuperposeError, type ErrorCode } from '../core/errors.ts';

/** Why the engine did not deliver a result (besides errors of the simulation itself). */
export type EngineErrorCode = 'cancelled' | 'superseded' | 'worker-died' | 'disposed';

export class EngineError extends Error {
  readonly code: EngineErrorCode;

  constructor(code: EngineErrorCode, message: string) {
    super(message);
    this.name = 'EngineError';
    this.code = code;
  }
}

export function isEngineError(error: unknown, code?: EngineErrorCode): error is EngineError {
  return error instanceof EngineError && (code === undefined || error.code === code);
}

/**
 * Rebuilds a SuperposeError that crossed comlink (which sends name, message and, with
 * workers/wire-errors.ts, code/where/hint) so callers can test `instanceof` and `code`.
 */
export function fromWire(error: unknown): unknown {
  if (error instanceof Error && error.name === 'SuperposeError' && !(error instanceof SuperposeError)) {
    const e = error as Error & { code?: ErrorCode; where?: string; hint?: string };
    const rebuilt = new SuperposeError(e.code ?? 'internal', e.message);
    // The message already carries where and hint; keep the fields for programs that read them.
    Object.defineProperty(rebuilt, 'message', { value: e.message });
    Object.assign(rebuilt, { where: e.where, hint: e.hint });
    return rebuilt;
  }
  return error;
}
