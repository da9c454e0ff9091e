import { readFileSync } from 'node:fs';
import { fail, SuperposeError } from '../core/index.ts';

/**
 * Reads a text file and turns it into a value with `read`; an error from `read` is re-thrown
 * with the file in front of its location ("model.json:3:14: …", "circuit.json: op 2: …"), as
 * compilers and editors print them.
 */
export function readInputFile<T>(file: string, read: (text: string) => T): T {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return fail('invalid-argument', `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  return inFile(file, () => read(text));
}

/** Runs `fn`, putting `file` in front of the location of a SuperposeError it throws. */
export function inFile<T>(file: string, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (!(error instanceof SuperposeError)) throw error;
    const message = error.message.replace(error.where ? `${error.where}: ` : '', '').replace(error.hint ? ` Hint: ${error.hint}` : '', '');
    const where = error.where === undefined ? file : /^\d+:\d+$/.test(error.where) ? `${file}:${error.where}` : `${file}: ${error.where}`;
    throw new SuperposeError(error.code, message, { where, ...(error.hint ? { hint: error.hint } : {}) });
  }
}
