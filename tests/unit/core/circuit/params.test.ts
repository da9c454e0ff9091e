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
