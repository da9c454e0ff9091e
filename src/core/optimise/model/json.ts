/**
 * Models as JSON (documented in README.md, "Optimisation models"):
 *
 *   { "type": "binary", "sense": "min", "variables": ["a", "b", "c"],
 *     "objective": { "constant": 0, "linear": { "a": -1 }, "quadratic": [["a", "b", 2]] },
 *     "constraints": [{ "name": "pick-one", "linear": { "a": 1, "b": 1, "c": 1 }, "op": "==", "rhs": 1, "weight": 10 }],
 *     "penaltyWeight": 25 }
 *   { "type": "ising", "sense": "min", "numVariables": 3, "objective": { "linear": [0, 0, 1], "quadratic": [["x0", "x1", -1]] } }
 *   { "type": "maxcut", "numNodes": 4, "edges": [[0, 1], [1, 2, 2.5]] }
 *
 * Every error names the JSON path of the culprit.
 */
import { fail } from '../../errors.ts';
import type { IsingCoupling, Sense } from '../types.ts';
import { binaryModel, defaultVariableNames, MAX_MODEL_VARIABLES, type BinaryModel, type ConstraintKind } from './binary-model.ts';
import { maxCutModel, type Edge } from './graphs.ts';
import { isingModel, isingToQubo, type IsingModel } from './ising.ts';
import { isIsingModel } from './diagonal.ts';
import { parseJsonText } from '../../json-text.ts';

export type OptimisationModel = BinaryModel | IsingModel;

const TOP_KEYS: Record<string, readonly string[]> = {
  binary: ['type', 'sense', 'variables', 'numVariables', 'objective', 'constraints', 'penaltyWeight', 'description'],
  ising: ['type', 'sense', 'variables', 'numVariables', 'objective', 'description'],
  maxcut: ['type', 'numNodes', 'edges', 'description'],
};

export function modelFromJSON(input: string | unknown): OptimisationModel {
  let data: unknown = input;
  if (typeof input === 'string') data = parseJsonText(input, 'the model');
  return parseModel(data);
}

function parseModel(data: unknown): OptimisationModel {
  const root = object(data, '(root)');
  if (root.format === 'superpose-circuit' || ('ops' in root && 'numQubits' in root)) {
    fail('invalid-json', 'this is a circuit, not an optimisation model', { where: '(root)', hint: 'a model is {"type": "maxcut", "numNodes": 4, "edges": [[0, 1], …]} or a binary/ising model (README: "Models")' });
  }
  const type = root.type ?? 'binary';
  if (typeof type !== 'string' || !Object.hasOwn(TOP_KEYS, type)) fail('invalid-json', `"type" must be "binary", "ising" or "maxcut", got ${JSON.stringify(type)}`, { where: 'type' });
  for (const key of Object.keys(root)) {
    if (!TOP_KEYS[type]!.includes(key)) fail('invalid-json', `unknown key "${key}" for a ${type} model (known: ${TOP_KEYS[type]!.join(', ')})`, { where: member('', key) });
  }
  if (root.description !== undefined && typeof root.description !== 'string') fail('invalid-json', `"description" is text, got ${kind(root.description)}`, { where: 'description' });
  if (type === 'maxcut') {
    const numNodes = count(root.numNodes, 'numNodes');
    const edges = array(root.edges, 'edges').map((e, k) => {
      const edge = array(e, `edges[${k}]`);
      if (edge.length !== 2 && edge.length !== 3) fail('invalid-json', 'an edge is [i, j] or [i, j, weight]', { where: `edges[${k}]` });
      return edge.map((v, t) => number(v, `edges[${k}][${t}]`)) as unknown as Edge;
    });
    return maxCutModel(numNodes, edges);
  }

  const sense = root.sense ?? 'min';
  if (sense !== 'min' && sense !== 'max') fail('invalid-json', `"sense" must be "min" or "max", got ${JSON.stringify(sense)}`, { where: 'sense' });
  let variables: string[];
  if (root.variables !== undefined) {
    variables = array(root.variables, 'variables').map((v, i) => {
      if (typeof v !== 'string' || v.length === 0) fail('invalid-json', 'variable names must be non-empty strings', { where: `variables[${i}]` });
      return v;
    });
    if (root.numVariables !== undefined && count(root.numVariables, 'numVariables') !== variables.length) {
      fail('invalid-json', `numVariables is ${String(root.numVariables)} but ${variables.length} names are listed`, { where: 'numVariables' });
    }
  } else if (root.numVariables !== undefined) {
    variables = defaultVariableNames(count(root.numVariables, 'numVariables'));
  } else {
    return fail('invalid-json', 'a model needs "variables" (names) or "numVariables"', { where: '(root)' });
  }
  if (variables.length === 0) fail('invalid-json', 'a model needs at least one variable', { where: 'variables' });
  if (variables.length > MAX_MODEL_VARIABLES) fail('too-large', `${variables.length} variables is more than a model may have (${MAX_MODEL_VARIABLES})`, { where: 'variables' });
  const indexOf = new Map<string, number>();
  variables.forEach((name, i) => {
    if (indexOf.has(name)) fail('invalid-json', `duplicate variable name "${name}"`, { where: `variables[${i}]` });
    indexOf.set(name, i);
  });
  const lookup = (name: unknown, where: string): number => {
    if (typeof name !== 'string') fail('invalid-json', `a variable is referred to by its name (a string), got ${JSON.stringify(name)}`, { where });
    const i = indexOf.get(name);
    if (i === undefined) fail('invalid-json', `unknown variable "${name}"`, { where, hint: `declared variables: ${preview(variables)}` });
    return i;
  };

  const objective = object(root.objective ?? {}, 'objective');
  for (const key of Object.keys(objective)) {
    if (!['constant', 'linear', 'quadratic'].includes(key)) fail('invalid-json', `unknown key "${key}" (known: constant, linear, quadratic)`, { where: member('objective', key) });
  }
  const constant = objective.constant === undefined ? 0 : number(objective.constant, 'objective.constant');
  const linear = linearTerms(objective.linear, variables.length, lookup, 'objective.linear');
  const quadratic = array(objective.quadratic ?? [], 'objective.quadratic').map((entry, k) => {
    const where = `objective.quadratic[${k}]`;
    const t = array(entry, where);
    if (t.length !== 3) fail('invalid-json', 'a quadratic term is [name, name, weight]', { where });
    return { i: lookup(t[0], `${where}[0]`), j: lookup(t[1], `${where}[1]`), value: number(t[2], `${where}[2]`) };
  });

  if (type === 'ising') {
    const couplings: IsingCoupling[] = quadratic.map((t, k) => {
      if (t.i === t.j) fail('invalid-json', 'a coupling needs two different spins', { where: `objective.quadratic[${k}]` });
      return { i: Math.min(t.i, t.j), j: Math.max(t.i, t.j), J: t.value };
    });
    return isingModel({ numSpins: variables.length, constant, linear, quadratic: couplings }, sense, variables);
  }

  const globalWeight = root.penaltyWeight === undefined ? undefined : positive(root.penaltyWeight, 'penaltyWeight');
  const constraints = array(root.constraints ?? [], 'constraints').map((entry, k) => {
    const where = `constraints[${k}]`;
    const c = object(entry, where);
    for (const key of Object.keys(c)) {
      if (!['name', 'linear', 'op', 'rhs', 'weight'].includes(key)) fail('invalid-json', `unknown key "${key}" (known: name, linear, op, rhs, weight)`, { where: member(where, key) });
    }
    if (c.name !== undefined && (typeof c.name !== 'string' || c.name.length === 0)) fail('invalid-json', 'a constraint name is a non-empty string', { where: `${where}.name` });
    const op = c.op;
    if (op !== '==' && op !== '<=' && op !== '>=') fail('invalid-json', `"op" must be "==", "<=" or ">=", got ${JSON.stringify(op)}`, { where: `${where}.op` });
    const terms = object(c.linear, `${where}.linear`);
    const indices: number[] = [];
    const coefficients: number[] = [];
    for (const [name, value] of Object.entries(terms)) {
      indices.push(lookup(name, `${where}.linear`));
      coefficients.push(number(value, member(`${where}.linear`, name)));
    }
    if (indices.length === 0) fail('invalid-json', 'a constraint needs at least one variable', { where: `${where}.linear` });
    // All-zero coefficients say "0 op rhs": always or never true, and written back as an empty "linear" that this reader refuses.
    if (coefficients.every((a) => a === 0)) fail('invalid-json', 'every coefficient is 0, so the constraint does not depend on any variable', { where: `${where}.linear`, hint: 'give a variable a non-zero coefficient or remove the constraint' });
    const weight = c.weight === undefined ? globalWeight : positive(c.weight, `${where}.weight`);
    return {
      name: (c.name as string | undefined) ?? `c${k}`,
      indices,
      coefficients,
      kind: op as ConstraintKind,
      rhs: number(c.rhs, `${where}.rhs`),
      ...(weight !== undefined ? { weight } : {}),
    };
  });
  return binaryModel({ sense: sense as Sense, variables, constant, linear, quadratic, constraints });
}

/** The JSON object of a model (the form `modelFromJSON` reads). */
export function modelToJSON(model: OptimisationModel): Record<string, unknown> {
  const names = model.variables;
  if (isIsingModel(model)) {
    const t = model.terms;
    return {
      type: 'ising',
      sense: model.sense,
      variables: [...names],
      objective: {
        constant: t.constant,
        linear: Object.fromEntries([...t.linear].flatMap((h, i) => (h !== 0 ? [[names[i], h]] : []))),
        quadratic: t.quadratic.map((c) => [names[c.i], names[c.j], c.J]),
      },
    };
  }
  const q = model.objective;
  return {
    type: 'binary',
    sense: model.sense,
    variables: [...names],
    objective: {
      constant: q.constant,
      linear: Object.fromEntries([...q.linear].flatMap((a, i) => (a !== 0 ? [[names[i], a]] : []))),
      quadratic: q.quadratic.map((t) => [names[t.i], names[t.j], t.value]),
    },
    constraints: model.constraints.map((c) => ({
      name: c.name,
      linear: Object.fromEntries(c.indices.map((v, k) => [names[v], c.coefficients[k]])),
      op: c.kind,
      rhs: c.rhs,
      ...(c.weight !== undefined ? { weight: c.weight } : {}),
    })),
  };
}

/** The same objective over x ∈ {0,1}^n (x = (1 − s)/2 for Ising models). */
export function asBinaryModel(model: OptimisationModel): BinaryModel {
  if (!isIsingModel(model)) return model;
  const q = isingToQubo(model.terms);
  return binaryModel({ sense: model.sense, variables: model.variables, constant: q.constant, linear: q.linear, quadratic: q.quadratic });
}

function linearTerms(value: unknown, n: number, lookup: (name: unknown, where: string) => number, where: string): Float64Array {
  const linear = new Float64Array(n);
  if (value === undefined) return linear;
  if (Array.isArray(value)) {
    if (value.length !== n) fail('invalid-json', `a linear array needs one entry per variable (${n}), got ${value.length}`, { where });
    value.forEach((v, i) => (linear[i] = number(v, `${where}[${i}]`)));
    return linear;
  }
  for (const [name, v] of Object.entries(object(value, where))) linear[lookup(name, where)] += number(v, member(where, name));
  return linear;
}

function object(value: unknown, where: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail('invalid-json', `expected an object, got ${kind(value)}`, { where });
  return value as Record<string, unknown>;
}

function array(value: unknown, where: string): unknown[] {
  if (!Array.isArray(value)) fail('invalid-json', `expected an array, got ${kind(value)}`, { where });
  return value;
}

function number(value: unknown, where: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    fail('invalid-json', `expected a finite number, got ${typeof value === 'number' ? String(value) : JSON.stringify(value)}`, { where, hint: 'NaN, ±Infinity and numbers beyond ±1.8e308 are not allowed' });
  }
  return value;
}

function positive(value: unknown, where: string): number {
  const v = number(value, where);
  if (v <= 0) fail('invalid-json', `a penalty weight must be > 0, got ${v}`, { where });
  return v;
}

/** A variable or node count: checked before anything is allocated for it. */
function count(value: unknown, where: string): number {
  const v = number(value, where);
  if (!Number.isSafeInteger(v) || v < 1) fail('invalid-json', `expected a whole number ≥ 1, got ${v}`, { where });
  if (v > MAX_MODEL_VARIABLES) fail('too-large', `${v} is more variables than a model may have (${MAX_MODEL_VARIABLES})`, { where });
  return v;
}

/** The JSON path of `key` inside `base`: objective.linear.a, or objective.linear["a b"] for a key that is not a plain name. */
function member(base: string, key: string): string {
  if (/^[A-Za-z_$][\w$]*$/.test(key)) return base === '' ? key : `${base}.${key}`;
  return `${base}[${JSON.stringify(key)}]`;
}

function kind(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
}

function preview(names: readonly string[]): string {
  return names.length <= 8 ? names.join(', ') : `${names.slice(0, 8).join(', ')}, … (${names.length})`;
}
