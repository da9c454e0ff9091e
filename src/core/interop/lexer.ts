import { fail } from '../errors.ts';

/** A token of OpenQASM 2/3 source with its 1-based position (for line:column errors). */
export interface Token {
  readonly kind: 'id' | 'num' | 'str' | 'op' | 'hwqubit' | 'eof';
  readonly text: string;
  readonly line: number;
  readonly col: number;
}

const TWO_CHAR_OPERATORS = new Set(['**', '->', '==', '!=', '<=', '>=', '&&', '||', '<<', '>>']);
/** By character code: 1 = a one-character operator, 2 = it may also start a two-character one. */
const OPERATOR_CHAR = new Uint8Array(128);
for (const ch of ';,()[]{}+-*/^@=:<>!~&|%.') OPERATOR_CHAR[ch.charCodeAt(0)] = 1;
for (const ch of '*-=!<>&|') OPERATOR_CHAR[ch.charCodeAt(0)] = 2;

const isDigit = (c: number) => c >= 48 && c <= 57;
const isAsciiIdStart = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
const isIdStart = (ch: string, c: number) => isAsciiIdStart(c) || (c > 127 && /\p{L}/u.test(ch));
const isIdPart = (ch: string, c: number) => isIdStart(ch, c) || isDigit(c) || (c > 127 && /\p{N}/u.test(ch));

export function where(line: number, col: number): string {
  return `${line}:${col}`;
}

/**
 * Produces tokens on demand (comments and whitespace dropped), so a long program never holds
 * all its tokens at once. Fails on stray characters with line:column.
 */
export class Lexer {
  private i = 0;
  private line = 1;
  private lineStart = 0;
  /** Line of the previous token: an `@name` annotation must start its line. */
  private lastLine = 0;

  constructor(private readonly source: string) {}

  next(): Token {
    const token = this.scan();
    this.lastLine = token.line;
    return token;
  }

  private scan(): Token {
    const source = this.source;
    const n = source.length;
    let i = this.i;
    while (i < n) {
      const c = source.charCodeAt(i);
      if (c === 10) {
        i++;
        this.line++;
        this.lineStart = i;
        continue;
      }
      if (c === 32 || c === 9 || c === 13 || c === 0xfeff || c === 12 || c === 11) {
        i++;
        continue;
      }
      const line = this.line;
      const col = i - this.lineStart + 1;
      if (c === 47 && source.charCodeAt(i + 1) === 47) {
        while (i < n && source.charCodeAt(i) !== 10) i++;
        continue;
      }
      if (c === 47 && source.charCodeAt(i + 1) === 42) {
        const end = source.indexOf('*/', i + 2);
        if (end < 0) fail('invalid-circuit', 'unterminated comment: "/*" has no closing "*/"', { where: where(line, col) });
        for (let k = i; k < end; k++) {
          if (source.charCodeAt(k) === 10) {
            this.line++;
            this.lineStart = k + 1;
          }
        }
        i = end + 2;
        continue;
      }
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
        this.i = i;
        const text = source.slice(start, i);
        return { kind: 'num', text: text.includes('_') ? text.replace(/_/g, '') : text, line, col };
      }
      if (isAsciiIdStart(c) || (c > 127 && isIdStart(source[i]!, c))) {
        const start = i;
        i++;
        while (i < n) {
          const d = source.charCodeAt(i);
          if (isAsciiIdStart(d) || isDigit(d) || (d > 127 && isIdPart(source[i]!, d))) i++;
          else break;
        }
        this.i = i;
        return { kind: 'id', text: source.slice(start, i), line, col };
      }
      if (c === 36 /* $ */ && isDigit(source.charCodeAt(i + 1))) {
        const start = i;
        i++;
        while (i < n && isDigit(source.charCodeAt(i))) i++;
        this.i = i;
        return { kind: 'hwqubit', text: source.slice(start, i), line, col };
      }
      const ch = source[i]!;
      if (c === 34 || c === 39) {
        const end = source.indexOf(ch, i + 1);
        const newline = source.indexOf('\n', i + 1);
        if (end < 0 || (newline >= 0 && newline < end)) {
          fail('invalid-circuit', `unterminated string: ${ch} has no closing ${ch} on this line`, { where: where(line, col) });
        }
        this.i = end + 1;
        return { kind: 'str', text: source.slice(i + 1, end), line, col };
      }
      if (c === 35 /* # */ || (c === 64 /* @ */ && this.lastLine !== line && isIdStart(source[i + 1] ?? '', source.charCodeAt(i + 1)))) {
        // #pragma and @annotation lines carry no meaning for a simulator: skip to the end of the line.
        while (i < n && source.charCodeAt(i) !== 10) i++;
        continue;
      }
      const kind = c < 128 ? OPERATOR_CHAR[c]! : 0;
      const two = kind === 2 ? source.slice(i, i + 2) : '';
      const matched = two && TWO_CHAR_OPERATORS.has(two) ? two : kind > 0 ? ch : '';
      if (!matched) {
        const shown = ch === '\0' ? '\\0' : source.codePointAt(i)! > 0xffff ? String.fromCodePoint(source.codePointAt(i)!) : ch;
        fail('invalid-circuit', `unexpected character "${shown}"`, {
          where: where(line, col),
          hint: 'OpenQASM uses letters, digits, _ and the operators ; , ( ) [ ] { } + - * / ^ -> == @',
        });
      }
      this.i = i + matched.length;
      return { kind: 'op', text: matched, line, col };
    }
    this.i = i;
    return { kind: 'eof', text: '', line: this.line, col: i - this.lineStart + 1 };
  }
}

/** All tokens of a source text, ending with an 'eof' token. */
export function tokenize(source: string): Token[] {
  const lexer = new Lexer(source);
  const tokens: Token[] = [];
  for (;;) {
    const t = lexer.next();
    tokens.push(t);
    if (t.kind === 'eof') return tokens;
  }
}
