import { describe, expect, it } from 'vitest';
import { Circuit, compileProgram } from '../../../../src/core/index.ts';
import { createProgressTracker, stepWeight, type ProgressEvent } from '../../../../src/core/parallel/progress.ts';

describe('progress tracker', () => {
  const circuit = Circuit.create(4, 1).append('h', [0]).append('cx', [0, 1], { controls: [2] }).measure(1, 0).append('x', [3]).append('h', [2]);
  const program = compileProgram(circuit, { fuse: false });

  it('weights steps by their work: a controlled gate counts half, a measurement a whole pass', () => {
    expect(stepWeight(program.steps[0]!, 4)).toBe(8); // h: 2^(4-1) pairs
    expect(stepWeight(program.steps[1]!, 4)).toBe(2); // cx with an extra control: 2^(4-1-2)
    expect(stepWeight(program.steps[2]!, 4)).toBe(16); // measure
  });

  it('throttles to the interval, never goes back, and ends with one report at fraction 1', () => {
    let t = 0;
    const events: ProgressEvent[] = [];
    const tracker = createProgressTracker(program, () => t, 10, (e) => events.push(e));
    tracker.stepsDone(0, 1); // t = 0: within the interval, no report
    expect(events).toHaveLength(0);
    t = 20;
    tracker.stepsDone(1, 1);
    expect(events).toHaveLength(1);
    expect(events[0]!.fraction).toBeCloseTo(10 / (8 + 2 + 16 + 8 + 8), 12);
    expect(events[0]!.gatesDone).toBe(2);
    expect(events[0]!.gatesPerSecond).toBeCloseTo(100, 9); // 2 gates in 20 ms
    expect(events[0]!.etaSeconds).toBeCloseTo((0.02 / (10 / 42)) * (32 / 42), 9);
    t = 25;
    tracker.stepsDone(2, 2);
    expect(events).toHaveLength(1);
    t = 40;
    tracker.finish();
    expect(events).toHaveLength(2);
    expect(events[1]).toMatchObject({ fraction: 1, etaSeconds: 0, stepsDone: 5, gatesDone: 5, totalGates: 5 });
  });
});
