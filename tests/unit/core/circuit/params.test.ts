import { evaluate as mathEvaluate } from 'mathjs';
import { describe, expect, it } from 'vitest';
import { Circuit, evaluateParam, paramSymbols, probabilities, simulate, SuperposeError, validateParam } from '../../../../src/core/index.ts';

describe('parameters', () => {
  it('evaluates numbers, names and expressions with constants and functions', () => {
    expect(evaluateParam(1.5, {}, 'x')).toBe(1.5);
    expect(evaluateParam('gamma0', { gamma0: 0.25 }, 'x')).toBe(0.25);
    expect(evaluateParam('2*theta + pi/4', { theta: 1 }, 'x')).toBeCloseTo(2 + Math.PI / 4, 15);
    expect(evaluateParam('-tau/2 + sqrt(4) * cos(0) + ln(e) + 2^3', {}, 'x')).toBeCloseTo(-Math.PI + 2 + 1 + 8, 14);
    expect(evaluateParam('π', {}, 'x')).toBeCloseTo(Math.PI, 15);
    expect(paramSymbols('a*b + sin(c) + pi')).toEqual(['a', 'b', 'c']);
    expect(validateParam(' 0.5 ', 'x')).toBe(0.5);
  });

  it('lists every missing name when parameters are unbound', () => {
    const circuit = Circuit.create(2).append('rx', [0], { params: ['2*beta'] }).append('rzz', [0, 1], { params: ['gamma * w'] });
    expect(circuit.parameters()).toEqual(['beta', 'gamma', 'w']);
    try {
      simulate(circuit, { params: { gamma: 1 } });
      throw new Error('expected an error');
    } catch (error) {
      expect(error).toBeInstanceOf(SuperposeError);
      expect((error as SuperposeError).code).toBe('unbound-parameter');
      expect((error as Error).message).toMatch(/unbound parameters: beta, w/);
    }
  });

  it('a name bound to something other than a number is named as such, not as unbound', () => {
    const circuit = Circuit.create(1).append('rx', [0], { params: ['2*theta'] });
    for (const [value, shown] of [['0.5', '"0.5"'], [null, 'null'], [[1], '[1]'], [{}, '{}'], [true, 'true']] as const) {
      let caught: unknown;
      try {
        simulate(circuit, { params: { theta: value as never } });
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(SuperposeError);
      expect((caught as SuperposeError).code).toBe('invalid-parameter');
      expect((caught as Error).message).toContain(`parameter theta is bound to ${shown}, not a number`);
    }
    expect(() => evaluateParam('theta + 1', { theta: 'x' as never }, 'op 3')).toThrow(/op 3: parameter theta is bound to "x", not a number/);
  });

  it('seeds are whole numbers: NaN or 1.5 would silently alias another stream', () => {
    const circuit = Circuit.create(1, 1).append('h', [0]).measure(0, 0);
    for (const seed of [Number.NaN, 1.5, Number.POSITIVE_INFINITY, '7' as never]) {
      expect(() => simulate(circuit, { seed })).toThrow(/seed must be a whole number/);
    }
    expect(() => simulate(circuit, { seed: 2 ** 60 })).toThrow(/seed 1152921504606847000 is too large.*at most 2\^53/);
    const runs = [-3, 0, 2 ** 40].map((seed) => simulate(circuit, { seed }).clbits[0]);
    expect(runs.every((b) => b === 0 || b === 1)).toBe(true);
    expect(simulate(circuit, { seed: -3 }).clbits).toEqual(simulate(circuit, { seed: -3 }).clbits);
  });

  it('binds values at run time: the same circuit runs with different angles', () => {
    const circuit = Circuit.create(1).append('ry', [0], { params: ['2*theta'] });
    for (const theta of [0, 0.3, 1.2]) {
      const p = probabilities(simulate(circuit, { params: { theta } }).state);
      expect(p[1]).toBeCloseTo(Math.sin(theta) ** 2, 14);
    }
  });

  it('rejects unsafe or non-numeric syntax, unknown functions and non-finite results', () => {
    for (const bad of ['a = 3', 'f(x) = x', 'x[1]', '"text"', '[1, 2]', 'import(1)', 'evaluate("1")']) {
      expect(() => validateParam(bad, 'x'), bad).toThrow(SuperposeError);
    }
    expect(() => evaluateParam('1/0', {}, 'x')).toThrow(/not a finite real number/);
    expect(() => evaluateParam('sqrt(-1)', {}, 'x')).toThrow(/not a finite real number/);
    expect(() => evaluateParam('theta', { theta: NaN }, 'x')).toThrow(/bound to NaN/);
  });
});

describe('parameters evaluated without mathjs dispatch', () => {
  const constants = { pi: Math.PI, π: Math.PI, tau: 2 * Math.PI, τ: 2 * Math.PI, e: Math.E, euler: Math.E };
  /** A random expression over the allowed syntax: numbers, names, constants, + − * / ^, unary −, the functions. */
  function expression(rng: () => number, depth: number): string {
    const leaf = () => {
      const r = rng();
      if (r < 0.35) return ['gamma', 'beta', 'theta'][Math.floor(rng() * 3)]!;
      if (r < 0.5) return ['pi', 'tau', 'e', 'π'][Math.floor(rng() * 4)]!;
      return (Math.round((rng() * 8 - 4) * 100) / 100).toString();
    };
    if (depth === 0 || rng() < 0.25) return leaf();
    const r = rng();
    if (r < 0.5) return `(${expression(rng, depth - 1)} ${['+', '-', '*', '/', '^'][Math.floor(rng() * 5)]} ${expression(rng, depth - 1)})`;
    if (r < 0.6) return `-${expression(rng, depth - 1)}`;
    if (r < 0.65) return `atan2(${expression(rng, depth - 1)}, ${expression(rng, depth - 1)})`;
    if (r < 0.7) return `2${['gamma', 'pi'][Math.floor(rng() * 2)]}`; // implicit multiplication
    const f = ['sin', 'cos', 'tan', 'asin', 'acos', 'atan', 'exp', 'ln', 'log', 'sqrt', 'abs'][Math.floor(rng() * 11)]!;
    return `${f}(${expression(rng, depth - 1)})`;
  }

  it('gives the very doubles mathjs gives, and the same errors where mathjs gives no finite real', () => {
    let seed = 99;
    const rng = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    let finite = 0, refused = 0;
    for (let trial = 0; trial < 3000; trial++) {
      const text = expression(rng, 4);
      const bindings = { gamma: rng() * 4 - 2, beta: rng() * 4 - 2, theta: rng() * 4 - 2 };
      let reference: unknown;
      try {
        reference = mathEvaluate(text.replace(/\bln\s*\(/g, 'log('), { ...constants, ...bindings });
      } catch {
        reference = undefined; // mathjs refused (atan2 of a complex root): ours must refuse too, clearly
      }
      if (typeof reference === 'number' && Number.isFinite(reference)) {
        expect(Object.is(evaluateParam(text, bindings, 'x'), reference), text).toBe(true);
        finite++;
      } else {
        expect(() => evaluateParam(text, bindings, 'x'), text).toThrow(SuperposeError);
        refused++;
      }
    }
    expect(finite).toBeGreaterThan(1500);
    expect(refused).toBeGreaterThan(50);
  });
});
