import { describe, expect, it } from 'vitest';
import { Circuit } from '../../../../src/core/index.ts';
import { errorOf } from '../../helpers/errors.ts';

describe('Circuit IR', () => {
  it('is immutable: edits return new circuits and leave the old one unchanged', () => {
    const a = Circuit.create(2).append('h', [0]);
    const b = a.append('cx', [0, 1]);
    expect(a.ops.length).toBe(1);
    expect(b.ops.length).toBe(2);
    expect(b.ops[0]).toBe(a.ops[0]); // shared, not copied
    expect(Object.isFrozen(a.ops)).toBe(true);
    expect(Object.isFrozen(a.ops[0])).toBe(true);
    expect(() => (a.ops as unknown as unknown[]).push({})).toThrow();
    const c = b.withReplacedOp(0, { kind: 'gate', gate: 'x', qubits: [0] });
    expect(b.ops[0]).toMatchObject({ gate: 'h' });
    expect(c.ops[0]).toMatchObject({ gate: 'x' });
    expect(c.withoutOp(0).ops.map((o) => (o.kind === 'gate' ? o.gate : o.kind))).toEqual(['cx']);
    expect(c.withOpAt(1, { kind: 'barrier', qubits: [0, 1] }).ops[1]!.kind).toBe('barrier');
    expect(c.prefix(1).ops.length).toBe(1);
  });

  it('round-trips through JSON text with every op kind', () => {
    const circuit = Circuit.create(3, 2)
      .append('rz', [0], { params: ['2*theta + pi/4'] })
      .append('x', [2], { controls: [0], negControls: [1] })
      .append('unitary', [1], { matrix: [[0, 1], [1, 0]] })
      .append('u', [0], { params: [1, 2, 3], condition: { clbits: [0, 1], value: 2 } })
      .measure(0, 0)
      .reset(1)
      .barrier();
    const text = JSON.stringify(circuit);
    const back = Circuit.fromJSON(text);
    expect(back.toJSON()).toEqual(circuit.toJSON());
    expect(back.parameters()).toEqual(['theta']);
  });

  it('normalises aliases to catalogue names', () => {
    expect(Circuit.create(2).append('CX', [0, 1]).ops[0]).toMatchObject({ gate: 'cx' });
    expect(Circuit.create(1).append('phase', [0], { params: [1] }).ops[0]).toMatchObject({ gate: 'p' });
  });

  it('refuses bad ops with clear messages that say where', () => {
    const c = Circuit.create(2, 1);
    expect(errorOf(() => c.append('h', [2])).message).toMatch(/op 0: qubits\[0\] 2 is out of range: the circuit has 2 qubits/);
    expect(errorOf(() => c.append('cx', [1, 1])).message).toMatch(/qubit 1 appears twice/);
    expect(errorOf(() => c.append('x', [0], { controls: [0] })).message).toMatch(/appears twice/);
    expect(errorOf(() => c.append('rx', [0])).message).toMatch(/rx takes 1 parameter \(theta\), got 0/);
    expect(errorOf(() => c.append('h', [0], { params: [1] })).message).toMatch(/h takes 0 parameters/);
    expect(errorOf(() => c.append('cx', [0])).message).toMatch(/cx acts on 2 qubits, got 1/);
    expect(errorOf(() => c.append('foo', [0])).message).toMatch(/unknown gate "foo"/);
    expect(errorOf(() => c.append('rx', [0], { params: [NaN] })).message).toMatch(/parameter is NaN/);
    expect(errorOf(() => c.append('rx', [0], { params: [Infinity] })).message).toMatch(/Infinity/);
    expect(errorOf(() => c.append('rx', [0], { params: ['2*'] })).code).toBe('invalid-parameter');
    expect(errorOf(() => c.measure(0, 3)).message).toMatch(/classical bit 3 is out of range/);
    expect(errorOf(() => c.append('x', [0], { condition: { clbits: [0], value: 2 } })).message).toMatch(/condition.value 2/);
    expect(errorOf(() => c.append('h', [0.5])).message).toMatch(/whole number/);
  });

  it('refuses non-unitary custom matrices (tolerance 1e-10) and wrong shapes', () => {
    const c = Circuit.create(2);
    const error = errorOf(() => c.append('unitary', [0], { matrix: [[1, 0], [0, 1.001]] }));
    expect(error.code).toBe('non-unitary');
    expect(error.message).toMatch(/not unitary: max \|U†U − I\| = 2\.00e-3/);
    expect(() => c.append('unitary', [0], { matrix: [[1, 0], [0, 1 + 1e-12]] })).not.toThrow();
    expect(errorOf(() => c.append('unitary', [0, 1], { matrix: [[1, 0], [0, 1]] })).message).toMatch(/needs a 4×4 matrix/);
    expect(errorOf(() => c.append('unitary', [0], { matrix: [[1, 0], [0, 'x' as unknown as number]] })).message).toMatch(/entry \[1\]\[1\]/);
  });

  it('refuses malformed JSON and enormous registers up front', () => {
    expect(errorOf(() => Circuit.fromJSON('{"numQubits": 2, "ops": [')).code).toBe('invalid-json');
    expect(errorOf(() => Circuit.fromJSON('[]')).message).toMatch(/must be a JSON object/);
    expect(errorOf(() => Circuit.fromJSON({ numQubits: 2 })).message).toMatch(/"ops" must be an array/);
    expect(errorOf(() => Circuit.fromJSON({ numQubits: -1, ops: [] })).message).toMatch(/numQubits must be a whole number/);
    expect(errorOf(() => Circuit.fromJSON({ numQubits: 1e9, ops: [] })).code).toBe('too-large');
    expect(errorOf(() => Circuit.fromJSON({ numQubits: 2, ops: [{ kind: 'teleport' }] })).message).toMatch(/op 0: unknown op kind "teleport"/);
    expect(errorOf(() => Circuit.fromJSON({ numQubits: 2, ops: [{ gate: 'h', qubits: [0] }, { gate: 'h', qubits: [7] }] })).message).toMatch(/^op 1/);
  });
});
