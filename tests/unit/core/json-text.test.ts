import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lineColumn, parseJsonText } from '../../../src/core/json-text.ts';
import { errorOf } from '../helpers/errors.ts';

/** Where (line:column) the first occurrence of `marker` sits in `text`, counted by hand. */
function positionOf(text: string, marker: string): string {
  const offset = text.indexOf(marker);
  const lines = text.slice(0, offset).split('\n');
  return `${lines.length}:${lines.at(-1)!.length + 1}`;
}

describe('parseJsonText', () => {
  it('returns what JSON.parse returns for valid text', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(undefined, 2), (value, indent) => {
        const text = JSON.stringify(value, null, indent);
        expect(parseJsonText(text, 'x')).toEqual(JSON.parse(text));
      }),
      { numRuns: 300, seed: 3 },
    );
  });

  it('places each kind of syntax error at its line:column and says what is wrong', () => {
    const cases: [text: string, marker: string, message: RegExp][] = [
      ['{\n  "numQubits": 2,\n  "ops": [ {"gate": h} ]\n}', 'h}', /unexpected "h"/],
      ['{\n  "ops": [\n    {"gate": "x"},\n  ]\n}', ',\n  ]', /a "," before "\]" \(JSON allows no trailing comma\)/],
      ['{"a": 1,\n}', ',\n}', /a "," before "\}"/],
      ['{"a": [1, 2', '', /expected "\]"/],
      ['{"a": "x\ty"}', '\t', /control character in a string/],
      ['{"a": 1} x', 'x', /unexpected "x"/],
      ['{"a": "\\q"}', '"\\q', /invalid escape/],
      ['// note\n{}', '//', /comments are not allowed/],
      ['{"a" 1}', '1}', /expected ":"/],
      ['{"a": NaN}', 'NaN', /unexpected "NaN"/],
      ['{\'a\': 1}', "'a'", /unexpected|property name/],
    ];
    for (const [text, marker, message] of cases) {
      const error = errorOf(() => parseJsonText(text, 'the circuit', 'see the README'));
      expect(error.code).toBe('invalid-json');
      const where = marker === '' ? `1:${text.length + 1}` : positionOf(text, marker);
      expect(error.where, text).toBe(where);
      expect(error.message).toMatch(/^\d+:\d+: the circuit is not valid JSON: /);
      expect(error.message, text).toMatch(message);
      expect(error.hint).toBe('see the README');
    }
  });

  it('says an empty text is empty', () => {
    expect(errorOf(() => parseJsonText('', 'the model')).message).toMatch(/the model is not valid JSON: the text is empty/);
    expect(errorOf(() => parseJsonText(' \n ', 'the model')).message).toMatch(/the text is empty/);
  });

  it('every corruption JSON.parse refuses is refused with a location inside the text', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 3 }), fc.nat(), fc.constantFrom('', ',', '}', ']', '"', ':', 'x', '\n', '{', '[', '\\'), (value, at, insert) => {
        const valid = JSON.stringify(value, null, 1);
        const cut = at % (valid.length + 1);
        const text = valid.slice(0, cut) + insert + valid.slice(cut + (insert === '' ? 1 : 0));
        let parsed = true;
        try {
          JSON.parse(text);
        } catch {
          parsed = false;
        }
        if (parsed) return;
        const error = errorOf(() => parseJsonText(text, 'x'));
        expect(error.code).toBe('invalid-json');
        if (text.trim() === '') return;
        const [line, column] = error.where!.split(':').map(Number) as [number, number];
        const lines = text.split('\n');
        expect(line).toBeGreaterThanOrEqual(1);
        expect(line).toBeLessThanOrEqual(lines.length);
        expect(column).toBeGreaterThanOrEqual(1);
        expect(column).toBeLessThanOrEqual(lines[line - 1]!.length + 1);
      }),
      { numRuns: 1000, seed: 11 },
    );
  });
});

describe('lineColumn', () => {
  it('counts lines from 1 and columns from 1, clamping offsets to the text', () => {
    expect(lineColumn('ab\ncd', 0)).toEqual({ line: 1, column: 1 });
    expect(lineColumn('ab\ncd', 2)).toEqual({ line: 1, column: 3 });
    expect(lineColumn('ab\ncd', 3)).toEqual({ line: 2, column: 1 });
    expect(lineColumn('ab\ncd', 99)).toEqual({ line: 2, column: 3 });
    expect(lineColumn('ab', -4)).toEqual({ line: 1, column: 1 });
  });
});
