import { describe, expect, it } from 'vitest';
import { EngineError } from '../../../src/engine/errors.ts';
import { SimulationQueue } from '../../../src/engine/queue.ts';

const tick = () => new Promise((r) => setTimeout(r, 0));

/** A job that runs until released or stopped; records what happened. */
function controllable(log: string[], name: string) {
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  return {
    release: () => release(),
    run: async (context: { onStop(hook: (reason: string) => void): void }) => {
      log.push(`start ${name}`);
      context.onStop((reason) => {
        log.push(`stop ${name} (${reason})`);
        release();
      });
      await released;
      log.push(`end ${name}`);
      return name;
    },
  };
}

describe('SimulationQueue', () => {
  it('runs one job at a time, in order', async () => {
    const log: string[] = [];
    const queue = new SimulationQueue();
    const a = controllable(log, 'a');
    const b = controllable(log, 'b');
    const ha = queue.submit(a.run);
    const hb = queue.submit(b.run);
    await tick();
    expect(log).toEqual(['start a']);
    a.release();
    expect(await ha.promise).toBe('a');
    await tick();
    expect(log).toEqual(['start a', 'end a', 'start b']);
    b.release();
    expect(await hb.promise).toBe('b');
  });

  it('a newer job in the same lane drops waiting ones and stops the running one; other lanes are untouched', async () => {
    const log: string[] = [];
    const queue = new SimulationQueue();
    const a = controllable(log, 'a');
    const other = controllable(log, 'other');
    const b = controllable(log, 'b');
    const c = controllable(log, 'c');
    const ha = queue.submit(a.run, { lane: 'live' });
    await tick();
    const hOther = queue.submit(other.run);
    const hb = queue.submit(b.run, { lane: 'live' }); // stops a
    const hc = queue.submit(c.run, { lane: 'live' }); // drops b before it starts
    await expect(ha.promise).rejects.toMatchObject({ code: 'superseded' });
    await expect(hb.promise).rejects.toMatchObject({ code: 'superseded' });
    await tick();
    other.release();
    await expect(hOther.promise).resolves.toBe('other');
    await tick();
    c.release();
    await expect(hc.promise).resolves.toBe('c');
    expect(log).toEqual(['start a', 'stop a (superseded)', 'end a', 'start other', 'end other', 'start c', 'end c']);
  });

  it('cancel drops a waiting job and stops a running one with EngineError "cancelled"', async () => {
    const log: string[] = [];
    const queue = new SimulationQueue();
    const a = controllable(log, 'a');
    const b = controllable(log, 'b');
    const ha = queue.submit(a.run);
    const hb = queue.submit(b.run);
    hb.cancel();
    await tick();
    ha.cancel();
    const error = await ha.promise.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EngineError);
    expect((error as EngineError).code).toBe('cancelled');
    await expect(hb.promise).rejects.toMatchObject({ code: 'cancelled' });
    expect(log).toEqual(['start a', 'stop a (cancelled)', 'end a']);
    expect(queue.busy).toBe(false);
  });

  it('a failing job rejects with its error and the queue goes on', async () => {
    const queue = new SimulationQueue();
    const bad = queue.submit(async () => {
      throw new RangeError('boom');
    });
    const good = queue.submit(async () => 7);
    await expect(bad.promise).rejects.toThrow('boom');
    await expect(good.promise).resolves.toBe(7);
  });
});
