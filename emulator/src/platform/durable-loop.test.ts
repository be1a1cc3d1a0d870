import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DurableLoopOptions } from './durable-loop.js';
import { DurableLoop } from './durable-loop.js';

interface Job {
  id: string;
  dueAt: number;
  lane?: string;
  /** Resolves the run; a job runs until its test says so. */
  finish?: () => void;
}

/** Jobs in memory, run by hand: each run waits until the test finishes it. */
class TestLoop extends DurableLoop<Job> {
  readonly queue: Job[] = [];
  readonly started: string[] = [];
  readonly signals: AbortSignal[] = [];
  slots = 1;
  nextJobCalls = 0;
  fail: { next?: Error; run?: Error } = {};
  /** Pick jobs whatever their lane (a broken subclass). */
  ignoreLanes = false;
  /** Count due jobs held back by a busy lane in nextDueAt() (allowed by the contract). */
  countHeldBack = false;

  constructor(options: Partial<DurableLoopOptions> = {}) {
    super({ name: 'test loop', now: () => Date.now(), ...options });
  }

  add(id: string, dueIn = 0, lane?: string): Job {
    const job: Job = { id, dueAt: Date.now() + dueIn, ...(lane ? { lane } : {}) };
    this.queue.push(job);
    return job;
  }

  protected override concurrency(): number {
    return this.slots;
  }

  protected override laneOf(job: Job): string | undefined {
    return job.lane;
  }

  protected nextJob(inFlight: readonly Job[], busyLanes: ReadonlySet<string>): Job | undefined {
    this.nextJobCalls++;
    if (this.fail.next) throw this.fail.next;
    return this.queue.find(
      (j) =>
        j.dueAt <= Date.now() &&
        !inFlight.includes(j) &&
        (this.ignoreLanes || j.lane === undefined || !busyLanes.has(j.lane)),
    );
  }

  protected nextDueAt(): number | null {
    const later = this.queue
      .filter((j) => j.dueAt > Date.now() || (this.countHeldBack && j.finish === undefined))
      .map((j) => j.dueAt);
    return later.length ? Math.min(...later) : null;
  }

  protected runJob(job: Job, signal: AbortSignal): Promise<void> {
    this.started.push(job.id);
    this.signals.push(signal);
    if (this.fail.run) {
      // A job moves on even when it fails (given up, or due again later): here it is dropped.
      this.queue.splice(this.queue.indexOf(job), 1);
      return Promise.reject(this.fail.run);
    }
    return new Promise<void>((resolve) => {
      job.finish = () => {
        this.queue.splice(this.queue.indexOf(job), 1);
        resolve();
      };
    });
  }
}

/** Lets the promise callbacks of finished jobs run. */
const settle = () => vi.advanceTimersByTimeAsync(0);

describe('DurableLoop', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it('runs due jobs one at a time by default, each end starting the next', async () => {
    const loop = new TestLoop();
    const a = loop.add('a');
    const b = loop.add('b');
    loop.wake();
    loop.wake(); // a second wake while `a` runs starts nothing more
    expect(loop.started).toEqual(['a']);
    a.finish!();
    await settle();
    expect(loop.started).toEqual(['a', 'b']);
    b.finish!();
    await settle();
    expect(loop.started).toEqual(['a', 'b']);
  });

  it('runs up to concurrency() jobs at once, read at every wake', async () => {
    const loop = new TestLoop();
    loop.slots = 2;
    const [a] = [loop.add('a'), loop.add('b'), loop.add('c'), loop.add('d')];
    loop.wake();
    expect(loop.started).toEqual(['a', 'b']);
    loop.slots = 3;
    loop.wake();
    expect(loop.started).toEqual(['a', 'b', 'c']);
    a!.finish!();
    await settle();
    expect(loop.started).toEqual(['a', 'b', 'c', 'd']);
  });

  it('runs one job per lane at a time, lanes side by side, each lane in its order', async () => {
    const loop = new TestLoop();
    loop.slots = 4;
    const a1 = loop.add('a1', 0, 'A');
    loop.add('a2', 0, 'A');
    const b1 = loop.add('b1', 0, 'B');
    loop.add('b2', 0, 'B');
    loop.add('c', 0);
    loop.wake();
    expect(loop.started).toEqual(['a1', 'b1', 'c']);
    b1.finish!();
    await settle();
    expect(loop.started).toEqual(['a1', 'b1', 'c', 'b2']);
    a1.finish!();
    await settle();
    expect(loop.started).toEqual(['a1', 'b1', 'c', 'b2', 'a2']);
  });

  it('a lane whose job never ends holds one slot, not the loop', async () => {
    const loop = new TestLoop();
    loop.slots = 2;
    loop.add('hangs', 0, 'slow');
    loop.add('after-hang', 0, 'slow');
    const x1 = loop.add('x1', 0, 'fast');
    const x2 = loop.add('x2', 0, 'fast');
    loop.add('x3', 0, 'fast');
    loop.wake();
    expect(loop.started).toEqual(['hangs', 'x1']);
    x1.finish!();
    await settle();
    x2.finish!();
    await settle();
    expect(loop.started).toEqual(['hangs', 'x1', 'x2', 'x3']);
  });

  it('refuses a job nextJob() picked from a busy lane, and logs the mistake', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const loop = new TestLoop();
    loop.slots = 2;
    loop.ignoreLanes = true;
    loop.add('a1', 0, 'A');
    loop.add('a2', 0, 'A');
    loop.wake();
    expect(loop.started).toEqual(['a1']);
    expect(error).toHaveBeenCalledWith(
      '[provider] test loop failed:',
      new Error('nextJob() picked a job in the busy lane A'),
    );
  });

  it('does not spin while a due job waits for its busy lane: the lane’s end wakes it', async () => {
    const loop = new TestLoop();
    loop.slots = 2;
    loop.countHeldBack = true;
    const a1 = loop.add('a1', 0, 'A');
    loop.add('a2', 0, 'A');
    loop.wake();
    expect(loop.started).toEqual(['a1']);
    expect(vi.getTimerCount()).toBe(0);
    const calls = loop.nextJobCalls;
    await vi.advanceTimersByTimeAsync(1000);
    expect(loop.nextJobCalls).toBe(calls);
    a1.finish!();
    await settle();
    expect(loop.started).toEqual(['a1', 'a2']);
  });

  it('sleeps until the next job is due, then runs it', async () => {
    const loop = new TestLoop();
    loop.add('later', 1000);
    loop.wake();
    expect(loop.started).toEqual([]);
    await vi.advanceTimersByTimeAsync(999);
    expect(loop.started).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(loop.started).toEqual(['later']);
  });

  it('does not spin while it waits: one look at the queue per wake', async () => {
    const loop = new TestLoop();
    loop.add('later', 60_000);
    loop.wake();
    const calls = loop.nextJobCalls;
    await vi.advanceTimersByTimeAsync(59_999);
    expect(loop.nextJobCalls).toBe(calls);
  });

  it('a wake replaces the timer: a job that became due sooner runs now, the later one on time', async () => {
    const loop = new TestLoop();
    loop.add('later', 5000);
    loop.wake();
    const soon = loop.add('soon');
    loop.wake();
    expect(loop.started).toEqual(['soon']);
    soon.finish!();
    await settle();
    expect(vi.getTimerCount()).toBe(1);
    await vi.advanceTimersByTimeAsync(5000);
    expect(loop.started).toEqual(['soon', 'later']);
  });

  it('caps a far-off wake-up at what setTimeout can wait, and wakes again on the way', async () => {
    const loop = new TestLoop();
    const timeout = vi.spyOn(globalThis, 'setTimeout');
    loop.add('next-month', 40 * 86_400_000);
    loop.wake();
    expect(timeout).toHaveBeenLastCalledWith(expect.any(Function), 2_147_000_000);
  });

  it('sleeps on the clock it is given', async () => {
    const loop = new TestLoop({ now: () => Date.now() - 400 });
    loop.add('due', 1000);
    loop.wake();
    await vi.advanceTimersByTimeAsync(1399);
    expect(loop.started).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(loop.started).toEqual(['due']);
  });

  it('logs a job that fails and goes on with the next', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const loop = new TestLoop();
    loop.add('a');
    const b = loop.add('b');
    loop.fail.run = new Error('boom');
    loop.wake();
    loop.fail.run = undefined;
    await settle();
    expect(error).toHaveBeenCalledWith('[provider] test loop: a job failed:', new Error('boom'));
    expect(loop.started).toEqual(['a', 'b']);
    b.finish!();
    await settle();
    expect(loop.queue).toEqual([]);
  });

  it('logs a failure to pick the next job instead of throwing to the caller', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const loop = new TestLoop();
    loop.fail.next = new Error('database is locked');
    expect(() => loop.wake()).not.toThrow();
    expect(error).toHaveBeenCalledWith('[provider] test loop failed:', loop.fail.next);
  });

  it('stop() aborts the jobs’ signal, waits for the job in flight, and starts nothing after', async () => {
    const loop = new TestLoop();
    const a = loop.add('a');
    loop.add('b');
    loop.add('c', 1000);
    loop.wake();
    let stopped = false;
    const stopping = loop.stop().then(() => (stopped = true));
    expect(loop.signals[0]!.aborted).toBe(true);
    await settle();
    expect(stopped).toBe(false);
    a.finish!();
    await stopping;
    loop.wake();
    await vi.advanceTimersByTimeAsync(1000);
    expect(loop.started).toEqual(['a']);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('stop() waits no longer than stopGraceMs for a job that does not end', async () => {
    const loop = new TestLoop({ stopGraceMs: 50 });
    loop.add('hangs');
    loop.wake();
    let stopped = false;
    void loop.stop().then(() => (stopped = true));
    await vi.advanceTimersByTimeAsync(49);
    expect(stopped).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(stopped).toBe(true);
  });

  it('stop() with nothing in flight clears the timer and returns at once', async () => {
    const loop = new TestLoop();
    loop.add('later', 1000);
    loop.wake();
    expect(vi.getTimerCount()).toBe(1);
    await loop.stop();
    expect(vi.getTimerCount()).toBe(0);
  });
});
