import { expect } from 'vitest';
import { SuperposeError } from '../../../src/core/index.ts';

/** The SuperposeError `fn` throws (fails the test when it throws something else, or nothing). */
export function errorOf(fn: () => unknown): SuperposeError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(SuperposeError);
    return error as SuperposeError;
  }
  throw new Error('expected an error');
}
