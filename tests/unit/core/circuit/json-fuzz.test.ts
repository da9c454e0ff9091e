import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Circuit, simulate } from '../../../../src/core/index.ts';
import { SuperposeError } from '../../../../src/core/errors.ts';
import { editedDocuments, type Json } from '../../helpers/json-mutation.ts';

/**
 * Fuzzing the circuit reader: a circuit file or a UI message is untrusted JSON. Any mutation of
 * a valid circuit must either load (and then simulate, or fail to simulate with a SuperposeError
 * such as an unbound parameter) or be refused with a SuperposeError — never a TypeError, a
 * RangeError or a hang.
 */

const VALID = Circuit.create(3, 2)
  .append('rz', [0], { params: ['2*theta + pi/4'] })
  .append('x', [2], { controls: [0], negControls: [1] })
  .append('unitary', [1], { matrix: [[0, 1], [1, 0]] })
  .append('u', [0], { params: [1, 2, 3], condition: { clbits: [0, 1], value: 2 } })
  .append('cp', [1, 2], { params: [0.5] })
  .measure(0, 0)
  .reset(1)
  .barrier()
  .toJSON();

/** Values a careless writer or a corrupted file could put anywhere. */
const nasty: fc.Arbitrary<Json | undefined> = fc.oneof(
  fc.constant(undefined), // delete the key or element
  fc.constantFrom<Json>(null, true, false, 0, -1, 1, 2, 3, 0.5, 1e300, -0, '', 'h', 'gate', 'measure', 'theta', '2*', 'pi', [], {}, [0], [[1]], [[0, 1], [1, 0]], ['x']),
  fc.double().map((x) => (Number.isFinite(x) ? x : 1e308)),
  fc.integer({ min: -5, max: 40 }),
  fc.string({ maxLength: 12 }),
  fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>,
);

function loadAndRun(input: unknown): void {
  let circuit: Circuit;
  try {
    circuit = Circuit.fromJSON(input as never);
  } catch (err) {
    expect(err, String(err)).toBeInstanceOf(SuperposeError);
    expect((err as SuperposeError).message.length).toBeGreaterThan(10);
    return;
  }
  if (circuit.numQubits > 8) return; // valid but large: the memory guard's tests cover that
  try {
    simulate(circuit, { seed: 1, params: { theta: 0.3 } });
  } catch (err) {
    expect(err, String(err)).toBeInstanceOf(SuperposeError);
  }
}

describe('circuit JSON fuzzing', () => {
  it('the valid sample loads and runs', () => {
    expect(() => loadAndRun(VALID)).not.toThrow();
    expect(Circuit.fromJSON(VALID as never).ops.length).toBe(8);
  });

  it('one or two values replaced or removed anywhere: loads or fails with a SuperposeError', () => {
    fc.assert(
      fc.property(editedDocuments(VALID as unknown as Json, nasty), (doc) => {
        loadAndRun(doc);
        loadAndRun(JSON.stringify(doc));
      }),
      { numRuns: 1500, seed: 20261126 },
    );
  });

  it('truncated JSON text is refused as invalid JSON, with a position', () => {
    const text = JSON.stringify(VALID);
    for (let cut = 1; cut < text.length; cut += 7) {
      let caught: unknown;
      try {
        Circuit.fromJSON(text.slice(0, cut));
      } catch (err) {
        caught = err;
      }
      expect(caught).toBeInstanceOf(SuperposeError);
      expect((caught as SuperposeError).code).toBe('invalid-json');
    }
  });

  it('arbitrary JSON values are refused with a SuperposeError', () => {
    fc.assert(fc.property(fc.jsonValue({ maxDepth: 4 }), (value) => loadAndRun(value)), { numRuns: 500, seed: 7 });
  });
});
