import { describe, expect, it } from 'vitest';
import { Circuit, compileProgram, StateVector } from '../../../../src/core/index.ts';
import { CANCEL_ABORT, CANCEL_NONE, CTRL_CANCEL, createControlBlock, leadProgram } from '../../../../src/core/parallel/index.ts';

describe('leadProgram', () => {
  it('an error during a run tells the followers the run is over (they would wait for the next piece for ever), then propagates', () => {
    const control = createControlBlock()!;
    const circuit = Circuit.create(3, 1).append('h', [0]).measure(0, 0).append('x', [1]);
    const program = compileProgram(circuit, { fuse: false });
    const state = StateVector.zero(3, { backend: 'ts' });
    const broken = () => {
      throw new Error('rng failed');
    };
    expect(Atomics.load(control, CTRL_CANCEL)).toBe(CANCEL_NONE);
    expect(() => leadProgram(program, state, broken, { control, followers: 1, minParallelWork: Number.POSITIVE_INFINITY })).toThrow('rng failed');
    expect(Atomics.load(control, CTRL_CANCEL)).toBe(CANCEL_ABORT);
  });

  it('without followers an error leaves the control block alone', () => {
    const control = createControlBlock()!;
    const program = compileProgram(Circuit.create(1, 1).measure(0, 0), { fuse: false });
    const state = StateVector.zero(1, { backend: 'ts' });
    expect(() => leadProgram(program, state, () => { throw new Error('x'); }, { control, followers: 0 })).toThrow('x');
    expect(Atomics.load(control, CTRL_CANCEL)).toBe(CANCEL_NONE);
  });
});
