import type { Answer, BuiltCase, CaseSpec } from '../lib/circuits.ts';

/** One peer run, as reported by a child process. */
export interface PeerRun {
  /** Converting our circuit to the peer's program (not counted in runMs). */
  readonly buildMs: number;
  /** Simulation in the peer, median over the repeats that fitted (ms). */
  readonly runMs: number;
  readonly runs: number;
  /** Amplitudes at the probe indices (and ⟨C⟩), when the run read the state back. */
  readonly answer?: Answer;
  /** Time to read the state back in the peer's own form (ms), when measured. */
  readonly readMs?: number;
  readonly note?: string;
}

export interface PeerRunOptions {
  /** Read the state back after timing (amplitudes at the probes, ⟨C⟩). */
  readonly read: boolean;
  /** Skip the read-back when it needs another run of the peer and the timed run took longer than this (ms). */
  readonly readLimitMs?: number;
  /** Timed repeats at most (a run over 1 s stops the repeats). */
  readonly repeats: number;
  /** Called as soon as the timed runs are done, before reading (so a slow read cannot lose the timing). */
  readonly onTimed?: (timing: PeerRun) => void;
}

export interface Peer {
  readonly name: string;
  /** Whether the peer can start from a state other than |0…0⟩ (informational). */
  readonly takesInitialState: boolean;
  /** Builds, runs (timed) and, if `read`, reads the answer back. */
  run(spec: CaseSpec, built: BuiltCase, options: PeerRunOptions): Promise<PeerRun>;
}

/** Gates every benchmark circuit uses; a peer adapter must map all of them. */
export const BENCH_GATES = ['h', 'cp', 'swap', 'rx', 'ry', 'rz', 'cx', 'rzz'] as const;
