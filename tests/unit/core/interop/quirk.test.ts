import { describe, expect, it } from 'vitest';
import { Circuit } from '../../../../src/core/circuit/circuit.ts';
import { fromQuirk, fromQuirkURL, toQuirk, toQuirkURL } from '../../../../src/core/interop/index.ts';
import { innerProduct } from '../../../../src/core/observe/overlap.ts';
import { simulate } from '../../../../src/core/sim/simulate.ts';
import { randomCircuit } from '../../helpers/random-circuit.ts';
import { createRng } from '../../helpers/random.ts';

describe('Quirk bridge', () => {
  const circuits = [
    { cols: [['H'], ['•', 'X']] },
    { cols: [['H', 'H', 'H'], ['Z^½', 1, 'X^-½'], ['◦', '•', 'Z'], ['Swap', 1, 'Swap'], [{ id: 'Z^ft', arg: '0.25' }], ['Measure', 'Measure']] },
    { cols: [['Y', 'Z^¼', 'Z^-¼'], [1, '•', '•', 'X'], ['X^½', 'Z^-½'], ['•', 'Swap', 'Swap']] },
  ];

  it('Quirk JSON → circuit → Quirk JSON is stable', () => {
    for (const json of circuits) {
      const once = toQuirk(fromQuirk(json));
      expect(once).toEqual(json);
      expect(toQuirk(fromQuirk(JSON.stringify(once)))).toEqual(once);
    }
  });

  it('reads Quirk gates with their matrices: a Bell pair, anti-controls, X^½ = √X', () => {
    const bell = simulate(fromQuirk(circuits[0])).state.data;
    expect(bell[0]).toBeCloseTo(Math.SQRT1_2, 14);
    expect(bell[6]).toBeCloseTo(Math.SQRT1_2, 14);
    const c = fromQuirk({ cols: [['X^½'], ['◦', 'X']] });
    expect(c.ops).toEqual([{ kind: 'gate', gate: 'sx', qubits: [0] }, { kind: 'gate', gate: 'x', qubits: [1], negControls: [0] }]);
    const z = fromQuirk({ cols: [[{ id: 'Z^ft', arg: '-0.5' }]] });
    expect(z.ops[0]).toMatchObject({ gate: 'p', params: [-Math.PI / 2] });
  });

  it('circuit → Quirk → circuit keeps the state for random circuits over the shared gates', () => {
    const rng = createRng(4);
    const gates = ['h', 'x', 'y', 'z', 's', 'sdg', 't', 'tdg', 'sx', 'sxdg', 'p', 'cx', 'cz', 'cy', 'ch', 'cp', 'swap', 'ccx', 'cswap', 'ccz', 'c3x'];
    for (let t = 0; t < 20; t++) {
      const c = randomCircuit(5, 30, rng, { gates, controlRate: 0.3 });
      const back = fromQuirkURL(toQuirkURL(c));
      const [re, im] = innerProduct(simulate(c).state, simulate(back).state);
      expect(Math.hypot(re - 1, im)).toBeLessThan(1e-12);
    }
  });

  it('URLs are Quirk’s #circuit= form', () => {
    const url = toQuirkURL(fromQuirk(circuits[0]));
    expect(url).toBe('https://algassert.com/quirk#circuit=' + encodeURIComponent('{"cols":[["H"],["•","X"]]}'));
  });

  it('refuses what Quirk does not share, naming the op or the column', () => {
    expect(() => toQuirk(Circuit.create(1).append('rx', [0], { params: [0.3] }))).toThrow(/op 0.*no exact equivalent of rx/);
    expect(() => toQuirk(Circuit.create(1, 1).measure(0, 0).append('x', [0], { condition: { clbits: [0], value: 1 } }))).toThrow(/conditioned/);
    expect(() => fromQuirk({ cols: [['QFT3']] })).toThrow(/column 0, wire 0.*not supported yet: the Quirk gate "QFT3"/);
    expect(() => fromQuirk({ cols: [['Swap']] })).toThrow(/exactly two Swap/);
    expect(() => fromQuirk('{"cols": [')).toThrow(/^1:11: the Quirk circuit is not valid JSON: expected "\]"/);
    expect(() => fromQuirkURL('https://algassert.com/quirk')).toThrow(/#circuit=/);
  });
});
