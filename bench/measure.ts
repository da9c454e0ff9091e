/**
 * Measurement benchmark: one projective measurement (both outcomes' weights in one pass, then the
 * collapse) against the floor pass on the same state, and mid-circuit trajectories (runShots, one
 * state reused for every shot) against one fresh simulation per shot.
 */
import { Circuit, runShots, simulate, StateVector } from '../src/core/index.ts';
import { createRng } from '../src/core/sim/rng.ts';
import { measureQubit } from '../src/core/sim/simulate.ts';
import { fmt, type Table } from './lib/table.ts';
import { collectGarbage, time } from './lib/timing.ts';

export interface MeasureBenchOptions {
  readonly quick: boolean;
  readonly repeats: number;
  readonly log: (text: string) => void;
}

/** H on every qubit, a mid-circuit measurement of qubit 0, a gate conditioned on it, then a measurement of qubit 1. */
function trajectoryCircuit(n: number): Circuit {
  let c = Circuit.create(n, 2);
  for (let q = 0; q < n; q++) c = c.append('h', [q]);
  return c.measure(0, 0).append('x', [1], { condition: { clbits: [0], value: 1 } }).append('h', [0]).measure(1, 1);
}

export async function benchMeasure(options: MeasureBenchOptions): Promise<{ tables: Table[]; data: Record<string, unknown> }> {
  const rows: (string | number)[][] = [];
  const single: unknown[] = [];
  for (const n of options.quick ? [20] : [20, 22]) {
    const state = StateVector.zero(n, { backend: 'auto', maxBytes: 2 ** 40 });
    const rng = createRng(n);
    for (let i = 0; i < state.data.length; i++) state.data[i] = (rng() - 0.5) * 2 ** (-n / 2);
    for (const qubit of [0, n - 1]) {
      // Floor right before, on the same state (a scale by 1 leaves it as it is).
      const floor = time(() => state.kernels.scale(state.data, 1, 0, 0, state.length), { repeats: options.repeats });
      const measure = time(() => measureQubit(state, qubit, rng), { repeats: options.repeats });
      const ns = (ms: number) => (ms * 1e6) / 2 ** n;
      rows.push([n, state.backendName, qubit, fmt.ms(measure.median), ns(measure.median).toFixed(2), ns(floor.median).toFixed(2), fmt.ratio(measure.median / floor.median)]);
      single.push({ n, qubit, measure, floor });
      options.log(`measure n=${n} qubit ${qubit}: ${fmt.ms(measure.median)} (${fmt.ratio(measure.median / floor.median)} of the floor pass)`);
    }
    collectGarbage();
  }

  const n = options.quick ? 16 : 18;
  const shots = options.quick ? 50 : 200;
  const circuit = trajectoryCircuit(n);
  const reused = time(() => runShots(circuit, { shots, seed: 1 }), { repeats: 3 });
  const fresh = time(() => {
    const seeds = createRng(1);
    for (let s = 0; s < shots; s++) simulate(circuit, { seed: Math.floor(seeds() * 2 ** 32) });
  }, { repeats: 3 });
  options.log(`trajectories n=${n} × ${shots}: reused ${fmt.ms(reused.median)}, fresh per shot ${fmt.ms(fresh.median)}`);

  return {
    tables: [
      {
        title: 'Measurement: one projective measurement (weights of both outcomes in one pass, then the collapse) vs the floor pass',
        head: ['n', 'backend', 'qubit', 'measurement', 'ns/amp', 'floor ns/amp', '÷ floor'],
        rows,
        notes: ['Two passes over the state (sums, collapse), so about 2× the floor; measured on a dense random state, the floor (in-place scale on the same state) right before, medians.'],
      },
      {
        title: `Measurement: ${shots} mid-circuit trajectories on ${n} qubits (H layer, measure, conditioned X, measure)`,
        head: ['how', 'total', 'per shot'],
        rows: [
          ['runShots (one state reused for every shot)', fmt.ms(reused.median), fmt.ms(reused.median / shots)],
          ['one fresh simulate() per shot', fmt.ms(fresh.median), fmt.ms(fresh.median / shots)],
          ['fresh ÷ reused', fmt.ratio(fresh.median / reused.median), ''],
        ],
        notes: ['Same seeds, same outcomes (a unit test checks the counts); medians of 3.'],
      },
    ],
    data: { single, trajectories: { n, shots, reused, fresh } },
  };
}
