import type { Program, Step } from '../sim/program.ts';
import { workSize } from '../sim/instructions.ts';

/** One progress report of a running simulation. */
export interface ProgressEvent {
  /** Share of the work done, 0…1 (weighted by each step's work, so a controlled gate counts less). */
  readonly fraction: number;
  readonly stepsDone: number;
  readonly totalSteps: number;
  /** Circuit gates (and measurements, resets) done: a fused step counts all its gates. */
  readonly gatesDone: number;
  readonly totalGates: number;
  readonly gatesPerSecond: number;
  /** Estimated seconds left (from the work rate so far); 0 at the end. */
  readonly etaSeconds: number;
  readonly elapsedMs: number;
}

/** Relative cost of one step: its kernel's work items (a measurement reads and writes the state). */
export function stepWeight(step: Step, numQubits: number): number {
  if (step.kind === 'unitary' || step.kind === 'conditional') return Math.max(1, workSize(step.instr, numQubits));
  return 2 ** numQubits;
}

export interface ProgressTracker {
  /** Steps [from, from + count) are done; reports if the interval has passed since the last report. */
  stepsDone(from: number, count: number): void;
  /** The run is complete: always reports fraction 1. */
  finish(): void;
}

/**
 * Reports progress at most every `intervalMs` (and once at the end), so a fast run does not
 * flood the main thread with messages. Fractions never decrease.
 */
export function createProgressTracker(
  program: Program,
  now: () => number,
  intervalMs: number,
  emit: (event: ProgressEvent) => void,
): ProgressTracker {
  const steps = program.steps;
  const weights = steps.map((s) => stepWeight(s, program.numQubits));
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  const totalGates = steps.reduce((a, s) => a + s.ops.length, 0);
  const started = now();
  let doneWeight = 0;
  let gatesDone = 0;
  let stepsDone = 0;
  let lastEmit = started;

  const report = (finished: boolean) => {
    const t = now();
    const elapsedMs = t - started;
    const fraction = finished ? 1 : totalWeight > 0 ? Math.min(1, doneWeight / totalWeight) : 1;
    const rate = elapsedMs > 0 ? gatesDone / (elapsedMs / 1000) : 0;
    const eta = finished || fraction <= 0 ? 0 : ((elapsedMs / fraction) * (1 - fraction)) / 1000;
    lastEmit = t;
    emit({ fraction, stepsDone, totalSteps: steps.length, gatesDone, totalGates, gatesPerSecond: rate, etaSeconds: eta, elapsedMs });
  };

  return {
    stepsDone(from, count) {
      for (let s = from; s < from + count && s < steps.length; s++) {
        doneWeight += weights[s]!;
        gatesDone += steps[s]!.ops.length;
      }
      stepsDone = Math.min(steps.length, from + count);
      if (now() - lastEmit >= intervalMs) report(false);
    },
    finish() {
      stepsDone = steps.length;
      gatesDone = totalGates;
      report(true);
    },
  };
}
