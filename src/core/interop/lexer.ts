import { fail } from '../errors.ts';

/** A token of OpenQASM 2/3 source with its 1-based position (for line:column errors). */
export interface Token {
  readonly kind: 'id' | 'num' | 'str' | 'op' | 'hwqubit' | 'eof';
  readonly text: string;
  readonly line: number;
  readonly col: number;
  /** Offset of the first character in the source. */
  readonly at: number;
}

const TWO_CHAR_OPERATORS = new Set(['**', '->', '==', '!=', '<=', '>=', '&&', '||', '<<', '>>']);
const ONE_CHAR_OPERATORS = new Set([';', ',', '(', ')', '[', ']', '{', '}', '+', '-', '*', '/', '^', '@', '=', ':', '<', '>', '!', '~', '&', '|', '%', '.']);

const isDigit = (c: number) => c >= 48 && c <= 57;
const isIdStart = (ch: string, c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || (c > 127 && /\p{L}/u.test(ch));
const isIdPart = (ch: string, c: number) => isIdStart(ch, c) || isDigit(c) || (c > 127 && /\p{N}/u.test(ch));

export function where(line: number, col: number): string {
  return `${line}:${col}`;
}

/** Splits source text into tokens; comments and whitespace are dropped. Fails on stray characters. */
export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const n = source.length;
  while (i < n) {
    const c = source.charCodeAt(i);
    if (c === 10) {
      i++;
      line++;
      lineStart = i;
      continue;
    }
    if (c === 32 || c === 9 || c === 13 || c === 0xfeff || c === 12 || c === 11) {
      i++;
      continue;
    }
    const col = i - lineStart + 1;
    if (c === 47 && source.charCodeAt(i + 1) === 47) {
      while (i < n && source.charCodeAt(i) !== 10) i++;
      continue;
    }
    if (c === 47 && source.charCodeAt(i + 1) === 42) {
      const end = source.indexOf('*/', i + 2);
      if (end < 0) fail('invalid-circuit', 'unterminated comment: "/*" has no closing "*/"', { where: where(line, col) });
      for (let k = i; k < end; k++) {
        if (source.charCodeAt(k) === 10) {
          line++;
          lineStart = k + 1;
        }
      }
      i = end + 2;
      continue;
    }
    const ch = source[i]!;
    if (isDigit(c) || (c === 46 && isDigit(source.charCodeAt(i + 1)))) {
      const start = i;
      while (i < n && (isDigit(source.charCodeAt(i)) || source.charCodeAt(i) === 95)) i++;
      if (source.charCodeAt(i) === 46) {
        i++;
        while (i < n && (isDigit(source.charCodeAt(i)) || source.charCodeAt(i) === 95)) i++;
      }
      const e = source.charCodeAt(i);
      if (e === 101 || e === 69) {
        let k = i + 1;
        if (source.charCodeAt(k) === 43 || source.charCodeAt(k) === 45) k++;
        if (isDigit(source.charCodeAt(k))) {
          i = k;
          while (i < n && isDigit(source.charCodeAt(i))) i++;
        }
      }
      tokens.push({ kind: 'num', text: source.slice(start, i).replace(/_/g, ''), line, col, at: start });
      continue;
    }
    if (isIdStart(ch, c)) {
      const start = i;
      i++;
      while (i < n) {
        const d = source.charCodeAt(i);
        if (!isIdPart(source[i]!, d)) break;
        i++;
      }
      tokens.push({ kind: 'id', text: source.slice(start, i), line, col, at: start });
      continue;
    }
    if (c === 36 /* $ */ && isDigit(source.charCodeAt(i + 1))) {
      const start = i;
      i++;
      while (i < n && isDigit(source.charCodeAt(i))) i++;
      tokens.push({ kind: 'hwqubit', text: source.slice(start, i), line, col, at: start });
      continue;
    }
    if (c === 34 || c === 39) {
      const end = source.indexOf(ch, i + 1);
      const newline = source.indexOf('\n', i + 1);
      if (end < 0 || (newline >= 0 && newline < end)) {
        fail('invalid-circuit', `unterminated string: ${ch} has no closing ${ch} on this line`, { where: where(line, col) });
      }
      tokens.push({ kind: 'str', text: source.slice(i + 1, end), line, col, at: i });
      i = end + 1;
      continue;
    }
    const firstOnLine = tokens.length === 0 || tokens[tokens.length - 1]!.line !== line;
    if (c === 35 /* # */ || (c === 64 /* @ */ && firstOnLine && isIdStart(source[i + 1] ?? '', source.charCodeAt(i + 1)))) {
      // #pragma and @annotation lines carry no meaning for a simulator: skip to the end of the line.
      while (i < n && source.charCodeAt(i) !== 10) i++;
      continue;
    }
    const two = source.slice(i, i + 2);
    const matched = TWO_CHAR_OPERATORS.has(two) ? two : ONE_CHAR_OPERATORS.has(ch) ? ch : '';
    if (!matched) {
      const shown = ch === '\0' ? '\\0' : (source.codePointAt(i)! > 0xffff ? String.fromCodePoint(source.codePointAt(i)!) : ch);
      fail('invalid-circuit', `unexpected character "${shown}"`, {
        where: where(line, col),
        hint: 'OpenQASM uses letters, digits, _ and the operators ; , ( ) [ ] { } + - * / ^ -> == @',
      });
    }
    tokens.push({ kind: 'op', text: matched, line, col, at: i });
    i += matched.length;
  }
  tokens.push({ kind: 'eof', text: '', line, col: i - lineStart + 1, at: n });
  return tokens;
}
