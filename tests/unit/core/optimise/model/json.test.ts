import { describe, expect, it } from 'vitest';
import { asBinaryModel, isingEnergyOfIndex, modelFromJSON, modelToJSON, quboEnergyOfIndex, type BinaryModel, type IsingModel } from '../../../../../src/core/optimise/model/index.ts';
import { SuperposeError } from '../../../../../src/core/errors.ts';

const example = {
  type: 'binary',
  sense: 'min',
  variables: ['a', 'b', 'c'],
  objective: { constant: 1, linear: { a: -1, c: 2 }, quadratic: [['a', 'b', 2], ['c', 'b', -3]] },
  constraints: [{ name: 'pick-one', linear: { a: 1, b: 1, c: 1 }, op: '==', rhs: 1, weight: 10 }, { linear: { a: 1, c: 1 }, op: '<=', rhs: 1 }],
  penaltyWeight: 7,
};

function errorOf(input: unknown): SuperposeError {
  try {
    modelFromJSON(typeof input === 'string' ? input : JSON.stringify(input));
  } catch (error) {
    if (error instanceof SuperposeError) return error;
    throw error;
  }
  throw new Error('expected an error');
}

describe('model JSON', () => {
  it('reads names, linear maps, quadratic triples, constraints and weights', () => {
    const m = modelFromJSON(JSON.stringify(example)) as BinaryModel;
    expect(m.variables).toEqual(['a', 'b', 'c']);
    // f = 1 − a + 2c + 2ab − 3bc at a=1, b=1, c=1 → 1 − 1 + 2 + 2 − 3 = 1
    expect(quboEnergyOfIndex(m.objective, 0b111)).toBe(1);
    expect(m.constraints[0]).toMatchObject({ name: 'pick-one', kind: '==', rhs: 1, weight: 10 });
    expect(m.constraints[1]).toMatchObject({ name: 'c1', kind: '<=', weight: 7 }); // the global weight fills in
  });

  it('round-trips through modelToJSON', () => {
    const m = modelFromJSON(example) as BinaryModel;
    const again = modelFromJSON(JSON.stringify(modelToJSON(m))) as BinaryModel;
    for (let x = 0; x < 8; x++) expect(quboEnergyOfIndex(again.objective, x)).toBe(quboEnergyOfIndex(m.objective, x));
    expect(again.constraints).toEqual(m.constraints);
  });

  it('reads Ising models (s = Z eigenvalue) and MaxCut graphs', () => {
    const ising = modelFromJSON({ type: 'ising', numVariables: 2, objective: { linear: [0.5, 0], quadratic: [['x0', 'x1', -1]] } }) as IsingModel;
    // index 1: x0 = 1 → s0 = −1, s1 = +1: 0.5·(−1) − 1·(−1)(+1) = 0.5
    expect(isingEnergyOfIndex(ising.terms, 1)).toBe(0.5);
    expect(quboEnergyOfIndex(asBinaryModel(ising).objective, 1)).toBe(0.5);
    const cut = modelFromJSON({ type: 'maxcut', numNodes: 3, edges: [[0, 1], [1, 2, 2]] }) as BinaryModel;
    expect(cut.sense).toBe('max');
    expect(quboEnergyOfIndex(cut.objective, 0b010)).toBe(3);
  });

  it('names the culprit of every bad input', () => {
    expect(errorOf('{"variables": [').code).toBe('invalid-json');
    expect(errorOf({ ...example, variables: ['a', 'a', 'c'] }).message).toMatch(/variables\[1\].*duplicate variable name "a"/);
    expect(errorOf({ ...example, objective: { linear: { z: 1 } } }).message).toMatch(/objective\.linear: unknown variable "z"/);
    expect(errorOf({ ...example, objective: { quadratic: [['a', 'q', 1]] } }).message).toMatch(/objective\.quadratic\[0\]\[1\]: unknown variable "q"/);
    expect(errorOf('{"numVariables": 2, "objective": {"linear": [1, 1e999]}}').message).toMatch(/objective\.linear\[1\].*finite number, got Infinity/);
    expect(errorOf({ numVariables: 2, objective: { linear: [1, 'x'] } }).message).toMatch(/finite number/);
    expect(errorOf({ ...example, constraints: [{ linear: { a: 1 }, op: '<', rhs: 1 }] }).message).toMatch(/constraints\[0\]\.op/);
    expect(errorOf({ ...example, constraints: [{ linear: { a: 1 }, op: '<=', rhs: 1, weight: 0 }] }).message).toMatch(/constraints\[0\]\.weight.*> 0/);
    expect(errorOf({ ...example, contraints: [] }).message).toMatch(/unknown key "contraints"/);
    expect(errorOf({ type: 'qubo', numVariables: 1 }).message).toMatch(/"type" must be/);
    expect(errorOf({ type: 'toString', numVariables: 1 }).message).toMatch(/"type" must be/);
    expect(errorOf({ objective: {} }).message).toMatch(/"variables" \(names\) or "numVariables"/);
    expect(errorOf({ type: 'maxcut', numNodes: 3, edges: [[0, 3]] }).message).toMatch(/node 3/);
    // A circuit file handed over by mistake is named as such, not as an unknown key.
    expect(errorOf({ format: 'superpose-circuit', version: 1, numQubits: 2, ops: [] }).message).toMatch(/this is a circuit, not an optimisation model/);
    expect(errorOf({ numQubits: 2, ops: [] }).message).toMatch(/this is a circuit/);
  });
});

describe('model JSON: values that are well-formed but nonsense', () => {
  it('refuses counts too large to allocate, before allocating', () => {
    expect(errorOf({ numVariables: 1e15 })).toMatchObject({ code: 'too-large', where: 'numVariables' });
    expect(errorOf({ type: 'maxcut', numNodes: 1e9, edges: [] })).toMatchObject({ code: 'too-large', where: 'numNodes' });
    expect(errorOf({ numVariables: 2.5 }).message).toMatch(/numVariables: expected a whole number ≥ 1, got 2.5/);
    expect(errorOf({ type: 'maxcut', numNodes: -3, edges: [] }).message).toMatch(/numNodes: expected a whole number ≥ 1, got -3/);
  });

  it('refuses edges to themselves or out of range, and non-finite weights', () => {
    expect(errorOf({ type: 'maxcut', numNodes: 3, edges: [[0, 1], [1, 1]] }).message).toMatch(/edges\[1\]: self-loop on node 1/);
    expect(errorOf({ type: 'maxcut', numNodes: 3, edges: [[0, 1.5]] }).message).toMatch(/edges\[0\]: node 1.5 is not in 0…2/);
    expect(errorOf('{"type": "maxcut", "numNodes": 3, "edges": [[0, 1, 1e999]]}').message).toMatch(/edges\[0\]\[2\]: expected a finite number, got Infinity/);
    expect(() => modelFromJSON({ type: 'maxcut', numNodes: 3, edges: [[0, 1, Number.NaN]] })).toThrow(/edges\[0\]\[2\]: expected a finite number, got NaN/);
  });

  it('refuses weights whose sum overflows, for every model type', () => {
    expect(errorOf({ variables: ['a', 'b'], objective: { linear: { a: 1.7e308, b: 1.7e308 } } }).message).toMatch(/^objective: the weights add up to Infinity/);
    expect(errorOf({ type: 'maxcut', numNodes: 3, edges: [[0, 1, 1e308], [1, 2, 1e308]] }).message).toMatch(/^edges: the edge weights add up to/);
    // J·s_i·s_j is 4J·x_i·x_j − … in the 0/1 form every solver uses.
    expect(errorOf({ type: 'ising', numVariables: 2, objective: { quadratic: [['x0', 'x1', 1e300]] } }).message).toMatch(/^objective: in 0\/1 form/);
  });

  it('refuses a constraint without a non-zero coefficient, a NaN bound, an unknown kind', () => {
    expect(errorOf({ ...example, constraints: [{ linear: { a: 0, b: 0 }, op: '==', rhs: 1 }] }).message).toMatch(/constraints\[0\]\.linear: every coefficient is 0/);
    expect(() => modelFromJSON({ ...example, constraints: [{ linear: { a: 1 }, op: '<=', rhs: Number.NaN }] })).toThrow(/constraints\[0\]\.rhs: expected a finite number, got NaN/);
    expect(errorOf({ ...example, constraints: [{ linear: { a: 1 }, op: '!=', rhs: 1 }] }).message).toMatch(/constraints\[0\]\.op: "op" must be/);
    expect(errorOf({ ...example, constraints: [{ linear: { a: 1 }, kind: '<=', rhs: 1 }] }).message).toMatch(/constraints\[0\]\.kind: unknown key "kind"/);
  });

  it('writes a path that names odd keys unambiguously', () => {
    expect(errorOf({ ...example, '': 1 }).where).toBe('[""]');
    expect(errorOf({ variables: ['a b'], objective: { linear: { 'a b': 'x' } } }).where).toBe('objective.linear["a b"]');
    expect(errorOf({ ...example, description: 5 }).message).toMatch(/^description: "description" is text, got number/);
  });
});
