/**
 * JSON text → value, with a syntax error placed at line:column. JSON.parse decides what is valid;
 * its messages carry a position only sometimes and differ between engines, so on failure
 * jsonc-parser (strict: no comments, no trailing commas) finds where the first error is.
 */
import { parse as scanJson, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { fail } from './errors.ts';

/** What a JSON syntax error looks like to a person, by jsonc-parser's code. */
const PROBLEMS: Record<string, string> = {
  InvalidSymbol: 'unexpected character',
  InvalidNumberFormat: 'malformed number',
  PropertyNameExpected: 'expected a property name in double quotes',
  ValueExpected: 'expected a value',
  ColonExpected: 'expected ":"',
  CommaExpected: 'expected ","',
  CloseBraceExpected: 'expected "}"',
  CloseBracketExpected: 'expected "]"',
  EndOfFileExpected: 'unexpected text after the end of the JSON value',
  InvalidCommentToken: 'comments are not allowed in JSON',
  UnexpectedEndOfComment: 'unterminated comment',
  UnexpectedEndOfString: 'unterminated string',
  UnexpectedEndOfNumber: 'unterminated number',
  InvalidUnicode: 'malformed \\u escape',
  InvalidEscapeCharacter: 'invalid escape in a string',
  InvalidCharacter: 'control character in a string (write it escaped, e.g. \\n or \\t)',
};

/** 1-based line and column of a character offset (a column counts UTF-16 code units, as editors do). */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(Math.max(offset, 0), text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

/**
 * Parses JSON text or fails with code `invalid-json`: "`what` is not valid JSON: expected "]"",
 * where = "line:column" of the first error, and `hint` if given.
 */
export function parseJsonText(text: string, what: string, hint?: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const errors: ParseError[] = [];
    scanJson(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
    const first = errors[0];
    let detail = (error as Error).message;
    let offset = first?.offset;
    if (first) {
      const code = printParseErrorCode(first.error);
      detail = PROBLEMS[code] ?? code;
      if (code === 'InvalidSymbol' && first.length > 0) detail = `unexpected ${JSON.stringify(text.slice(first.offset, first.offset + Math.min(first.length, 24)))}`;
      if (code === 'PropertyNameExpected' || code === 'ValueExpected') {
        const before = text.slice(0, first.offset).trimEnd();
        const closer = text[first.offset];
        if (before.endsWith(',') && (closer === '}' || closer === ']')) {
          detail = `a "," before "${closer}" (JSON allows no trailing comma)`;
          offset = before.length - 1;
        }
      }
      if (code === 'InvalidCharacter') {
        // jsonc-parser points at the string; point at the character itself.
        let i = first.offset;
        while (i < text.length && text.charCodeAt(i) >= 0x20) i++;
        if (i < text.length) offset = i;
      }
    }
    const at = offset !== undefined ? lineColumn(text, offset) : undefined;
    return fail('invalid-json', `${what} is not valid JSON: ${text.trim() === '' ? 'the text is empty' : detail}`, {
      ...(at ? { where: `${at.line}:${at.column}` } : {}),
      ...(hint ? { hint } : {}),
    });
  }
}
