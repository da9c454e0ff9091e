import { EngineError, type EngineErrorCode } from './errors.ts';

/** What a running job sees: whether (and why) it was asked to stop, and a hook to stop it. */
export interface JobContext {
  readonly stopReason: 'cancelled' | 'superseded' | null;
  /** Called once when the job is cancelled or superseded while it runs. */
  onStop(hook: (reason: 'cancelled' | 'superseded') => void): void;
}

export interface JobHandle<T> {
  readonly promise: Promise<T>;
  /** Drops the job if it waits, or stops it if it runs (the promise rejects with EngineError 'cancelled'). */
  cancel(): void;
}

export interface SubmitOptions {
  /**
   * Jobs in the same lane supersede each other: a new one drops waiting ones and stops the
   * running one (live re-simulation while the user edits). Without a lane, jobs just queue.
   */
  readonly lane?: string;
}

interface Job {
  readonly lane: string | undefined;
  readonly run: (context: JobContext) => Promise<unknown>;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
  state: 'queued' | 'running' | 'done';
  stopReason: 'cancelled' | 'superseded' | null;
  hooks: ((reason: 'cancelled' | 'superseded') => void)[];
}

/**
 * One simulation at a time, in order. The pool holds one shared state, so two runs may never
 * overlap; a stale request is superseded rather than run.
 */
export class SimulationQueue {
  private readonly waiting: Job[] = [];
  private running: Job | null = null;
  private readonly beforeEach: () => Promise<void>;

  /** `beforeEach` runs before every job (the engine waits for its workers and clears the cancel flag). */
  constructor(beforeEach: () => Promise<void> = async () => undefined) {
    this.beforeEach = beforeEach;
  }

  submit<T>(run: (context: JobContext) => Promise<T>, options: SubmitOptions = {}): JobHandle<T> {
    let resolve!: (value: unknown) => void;
    let reject!: (error: unknown) => void;
    const promise = new Promise<T>((res, rej) => {
      resolve = res as (value: unknown) => void;
      reject = rej;
    });
    // A superseded or cancelled job's caller often has moved on: its rejection is not "unhandled".
    promise.catch(() => undefined);
    const job: Job = { lane: options.lane, run, resolve, reject, state: 'queued', stopReason: null, hooks: [] };
    if (options.lane !== undefined) {
      for (const other of [...this.waiting]) if (other.lane === options.lane) this.stop(other, 'superseded');
      if (this.running && this.running.lane === options.lane) this.stop(this.running, 'superseded');
    }
    this.waiting.push(job);
    this.pump();
    return { promise, cancel: () => this.stop(job, 'cancelled') };
  }

  /** Stops everything: waiting jobs are dropped, the running one is stopped. */
  cancelAll(): void {
    for (const job of [...this.waiting]) this.stop(job, 'cancelled');
    if (this.running) this.stop(this.running, 'cancelled');
  }

  get busy(): boolean {
    return this.running !== null || this.waiting.length > 0;
  }

  private stop(job: Job, reason: 'cancelled' | 'superseded'): void {
    if (job.state === 'done' || job.stopReason) return;
    job.stopReason = reason;
    if (job.state === 'queued') {
      this.waiting.splice(this.waiting.indexOf(job), 1);
      job.state = 'done';
      job.reject(new EngineError(reason, reason === 'superseded' ? 'superseded by a newer request' : 'cancelled before it started'));
      return;
    }
    for (const hook of job.hooks) hook(reason);
  }

  private pump(): void {
    if (this.running || this.waiting.length === 0) return;
    const job = this.waiting.shift()!;
    job.state = 'running';
    this.running = job;
    const context: JobContext = {
      get stopReason() {
        return job.stopReason;
      },
      onStop(hook) {
        job.hooks.push(hook);
        if (job.stopReason) hook(job.stopReason);
      },
    };
    void (async () => {
      try {
        await this.beforeEach();
        if (job.stopReason) throw new EngineError(job.stopReason as EngineErrorCode, job.stopReason);
        const value = await job.run(context);
        if (job.stopReason) throw new EngineError(job.stopReason, job.stopReason);
        job.resolve(value);
      } catch (error) {
        // A run stopped through the pool reports 'cancelled'; say 'superseded' when that was the reason.
        const stopped = job.stopReason && error instanceof EngineError && error.code === 'cancelled';
        job.reject(stopped ? new EngineError(job.stopReason!, job.stopReason!) : error);
      } finally {
        job.state = 'done';
        this.running = null;
        this.pump();
      }
    })();
  }
}
