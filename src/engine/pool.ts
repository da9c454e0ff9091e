import * as Comlink from 'comlink';
import type { SimulatorApi, WorkerInfo } from '../../workers/api.ts';
import { CANCEL_ABORT, createControlBlock, raiseCancel } from '../core/parallel/control.ts';
import { EngineError, fromWire } from './errors.ts';
import type { WorkerFactory, WorkerHandle } from './worker-handle.ts';

interface Member {
  readonly index: number;
  readonly handle: WorkerHandle;
  readonly api: Comlink.Remote<SimulatorApi>;
  readonly ready: Promise<WorkerInfo>;
  /** Settles (never rejects) with the reason when this member dies. */
  readonly died: Promise<string>;
  dead: boolean;
  /** Set when we stopped it on purpose (cancel without shared memory): not reported as a crash. */
  expected: boolean;
}

export interface PoolOptions {
  readonly size: number;
  readonly factory: WorkerFactory;
  readonly memoryBudget: number;
  /** Share a control block (and states) between workers; false without cross-origin isolation. */
  readonly shared: boolean;
}

export interface DeathReport {
  readonly index: number;
  readonly reason: string;
}

/**
 * K workers with one shared control block. A member that dies is replaced at once (same index);
 * a call that was waiting on it rejects with EngineError('worker-died'), and the control block's
 * abort flag releases the others from any barrier they were waiting at.
 */
export class WorkerPool {
  readonly size: number;
  readonly control: Int32Array | null;
  private readonly members: Member[] = [];
  private readonly factory: WorkerFactory;
  private memoryBudget: number;
  private disposed = false;
  private readonly deathListeners = new Set<(report: DeathReport) => void>();

  constructor(options: PoolOptions) {
    if (!Number.isInteger(options.size) || options.size < 1) throw new RangeError(`pool size must be a whole number ≥ 1, got ${options.size}`);
    this.size = options.size;
    this.factory = options.factory;
    this.memoryBudget = options.memoryBudget;
    this.control = options.shared ? createControlBlock() : null;
    for (let i = 0; i < this.size; i++) this.members.push(this.spawn(i));
  }

  private spawn(index: number): Member {
    const handle = this.factory(index);
    const api = Comlink.wrap<SimulatorApi>(handle.endpoint);
    const member: Member = {
      index,
      handle,
      api,
      ready: undefined as unknown as Promise<WorkerInfo>,
      died: handle.died,
      dead: false,
      expected: false,
    };
    (member as { ready: Promise<WorkerInfo> }).ready = Promise.race([
      api.setup({ index, control: this.control, memoryBudget: this.memoryBudget }),
      handle.died.then((reason) => Promise.reject(new EngineError('worker-died', `worker ${index} ${reason} while starting`))),
    ]);
    member.ready.catch(() => undefined);
    handle.died.then((reason) => this.onDied(member, reason));
    return member;
  }

  private onDied(member: Member, reason: string): void {
    member.dead = true;
    if (this.disposed || this.members[member.index] !== member) return;
    if (this.control) raiseCancel(this.control, CANCEL_ABORT);
    this.members[member.index] = this.spawn(member.index);
    if (!member.expected) for (const listener of this.deathListeners) listener({ index: member.index, reason });
  }

  /** Listens for unexpected deaths (crashes, out of memory, external terminate). */
  onDeath(listener: (report: DeathReport) => void): () => void {
    this.deathListeners.add(listener);
    return () => this.deathListeners.delete(listener);
  }

  /** Resolves when every member is set up (after replacements too); returns their descriptions. */
  async ready(): Promise<WorkerInfo[]> {
    for (;;) {
      const members = [...this.members];
      const infos = await Promise.allSettled(members.map((m) => m.ready));
      if (members.every((m, i) => this.members[i] === m)) {
        const failed = infos.find((r) => r.status === 'rejected');
        if (failed && failed.status === 'rejected') throw failed.reason;
        return infos.map((r) => (r as PromiseFulfilledResult<WorkerInfo>).value);
      }
    }
  }

  /**
   * Calls member i; rejects with EngineError('worker-died') if it dies first. Errors thrown in
   * the worker come back as SuperposeError where they were one.
   */
  async call<T>(index: number, fn: (api: Comlink.Remote<SimulatorApi>) => Promise<T>): Promise<T> {
    if (this.disposed) throw new EngineError('disposed', 'the simulator pool was shut down');
    const member = this.members[index]!;
    await member.ready;
    const died = member.died.then((reason): never => {
      throw new EngineError('worker-died', `simulator worker ${index} ${reason}; it has been replaced, run again`);
    });
    try {
      return await Promise.race([fn(member.api), died]);
    } catch (error) {
      if (member.dead && member.expected) throw new EngineError('cancelled', 'cancelled');
      throw fromWire(error);
    }
  }

  /** Stops member i (a test of crash recovery, or a cancel where nothing is shared); it is replaced. */
  kill(index: number, expected = false): void {
    const member = this.members[index]!;
    member.expected = expected;
    member.handle.terminate();
  }

  setMemoryBudget(bytes: number): Promise<void[]> {
    this.memoryBudget = bytes;
    return Promise.all(this.members.map((_, i) => this.call(i, (api) => api.setMemoryBudget(bytes))));
  }

  get budget(): number {
    return this.memoryBudget;
  }

  dispose(): void {
    this.disposed = true;
    for (const m of this.members) {
      m.api[Comlink.releaseProxy]();
      m.handle.terminate();
    }
  }
}
