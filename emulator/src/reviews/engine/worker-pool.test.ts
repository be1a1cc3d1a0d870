import { afterEach, describe, expect, it, vi } from 'vitest';
import { defaultPoolSize, WorkerPool } from './worker-pool.js';

type Request =
  { op: 'echo'; value: unknown; delayMs?: number } | { op: 'fail' | 'crash' | 'exit' | 'hang' };

const fixture = new URL('./fixtures/pool-worker.mjs', import.meta.url);
const pools: WorkerPool<unknown, unknown>[] = [];

function pool(
  options: { size?: number; data?: unknown; jobTimeoutMs?: number; startTimeoutMs?: number } = {},
) {
  const created = new WorkerPool<Request, unknown>({ moduleUrl: fixture, size: 1, ...options });
  pools.push(created as WorkerPool<unknown, unknown>);
  return created;
}

afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});

describe('defaultPoolSize', () => {
  it('is one worker per core, and never 0', () => {
    expect(defaultPoolSize(1)).toBe(1);
    expect(defaultPoolSize(2)).toBe(2);
    expect(defaultPoolSize(8)).toBe(8);
    expect(defaultPoolSize(0)).toBe(1);
  });
});

describe('WorkerPool', () => {
  it('is ready with the worker info and runs jobs', async () => {
    const p = pool({ size: 2, data: { tag: 'a' } });
    await expect(p.ready).resolves.toMatchObject({ threadId: 'a' });
    const results = await Promise.all(
      [1, 2, 3, 4, 5].map((value) => p.run({ op: 'echo', value, delayMs: 5 })),
    );
    expect(results).toEqual([1, 2, 3, 4, 5]);
    await vi.waitFor(() => expect(p.stats()).toMatchObject({ ready: 2 }), { timeout: 30_000 });
    expect(p.stats()).toMatchObject({ size: 2, ready: 2, completed: 5, queued: 0, busy: 0 });
  });

  it('runs jobs on the first ready worker without waiting for the others', async () => {
    // The second worker never becomes ready: jobs run all the same, on the first.
    const p = pool({ size: 2, data: { hangFrom: 1 }, startTimeoutMs: 60_000 });
    await expect(p.ready).resolves.toMatchObject({ threadId: 'x' });
    const results = await Promise.all([1, 2, 3].map((value) => p.run({ op: 'echo', value })));
    expect(results).toEqual([1, 2, 3]);
    expect(p.stats()).toMatchObject({ size: 2, workers: 2, ready: 1, completed: 3 });
  });

  it('starts one worker, and another only when a job waits for one, one at a time', async () => {
    const p = pool({ size: 3 });
    await p.ready;
    // One job at a time never waits: the pool stays at one worker.
    for (const value of [1, 2, 3]) await expect(p.run({ op: 'echo', value })).resolves.toBe(value);
    expect(p.stats()).toMatchObject({ size: 3, workers: 1, ready: 1 });
    // Jobs that wait bring the others up, one after another, never more than `size`.
    const waiting = Array.from({ length: 12 }, (_, value) =>
      p.run({ op: 'echo', value, delayMs: 100 }),
    );
    expect(p.stats()).toMatchObject({ workers: 2, ready: 1 });
    await vi.waitFor(() => expect(p.stats()).toMatchObject({ workers: 3, ready: 3 }), {
      timeout: 30_000,
    });
    await Promise.all(waiting);
  });

  it('startAll() brings every worker up, one after another, and resolves when all are ready', async () => {
    const p = pool({ size: 3 });
    await p.startAll();
    expect(p.stats()).toMatchObject({ size: 3, workers: 3, ready: 3 });
    const failing = pool({ size: 2, data: { failStart: true } });
    await expect(failing.startAll()).rejects.toThrow(/keep failing at start-up/);
  });

  it('does not start a second worker while the first is still loading', async () => {
    const p = pool({ size: 3, data: { hangFrom: 0 }, startTimeoutMs: 60_000 });
    const jobs = [1, 2, 3].map((value) => p.run({ op: 'echo', value }));
    jobs.forEach((job) => job.catch(() => undefined));
    expect(p.stats()).toMatchObject({ workers: 1, ready: 0, queued: 3 });
  });

  it('queues jobs submitted before the workers are ready', async () => {
    const p = pool();
    await expect(p.run({ op: 'echo', value: 'early' })).resolves.toBe('early');
  });

  it('rejects a job the worker reports as failed, and keeps the worker', async () => {
    const p = pool();
    await expect(p.run({ op: 'fail' })).rejects.toThrow('bad input');
    await expect(p.run({ op: 'echo', value: 1 })).resolves.toBe(1);
    expect(p.stats()).toMatchObject({ failed: 1, replaced: 0 });
  });

  it('rejects the job of a worker that crashes mid-job, replaces the worker, carries on', async () => {
    const p = pool();
    await p.ready;
    const queued = p.run({ op: 'echo', value: 'after crash' });
    await expect(p.run({ op: 'crash' })).rejects.toThrow(/died during the job: boom/);
    await expect(p.run({ op: 'exit' })).rejects.toThrow(
      /died during the job: worker exited with code 3/,
    );
    await expect(queued).resolves.toBe('after crash');
    await expect(p.run({ op: 'echo', value: 2 })).resolves.toBe(2);
    expect(p.stats()).toMatchObject({ crashed: 2, replaced: 2, ready: 1 });
  });

  it('rejects a job over its time limit and replaces the worker', async () => {
    const p = pool({ jobTimeoutMs: 200 });
    await expect(p.run({ op: 'hang' })).rejects.toThrow(/timed out after 200 ms/);
    await expect(p.run({ op: 'echo', value: 'next' })).resolves.toBe('next');
    expect(p.stats()).toMatchObject({ timedOut: 1, replaced: 1 });
  });

  it('gives up after repeated start-up failures instead of respawning forever', async () => {
    for (const data of [{ failStart: true }, { dieAtStart: true }]) {
      const p = pool({ data });
      const job = p.run({ op: 'echo', value: 1 });
      await expect(p.ready).rejects.toThrow(/keep failing at start-up/);
      await expect(job).rejects.toThrow(/keep failing at start-up/);
      await expect(p.run({ op: 'echo', value: 1 })).rejects.toThrow(/keep failing/);
    }
  });

  it('treats a worker that never becomes ready as a failed start', async () => {
    const p = pool({ data: { hangAtStart: true }, startTimeoutMs: 150 });
    await expect(p.ready).rejects.toThrow(/did not become ready in time/);
  });

  it('close() rejects running and queued jobs and refuses new ones', async () => {
    const p = pool();
    await p.ready;
    const running = p.run({ op: 'hang' });
    const queued = p.run({ op: 'echo', value: 1 });
    const settled = Promise.all([
      expect(running).rejects.toThrow(/closed/),
      expect(queued).rejects.toThrow(/closed/),
    ]);
    await p.close();
    await settled;
    await expect(p.run({ op: 'echo', value: 1 })).rejects.toThrow(/closed/);
  });

  it('loads a TypeScript worker through the tsx bootstrap', async () => {
    const p = new WorkerPool<{ value: number }, number>({
      moduleUrl: new URL('./fixtures/ts-worker.ts', import.meta.url),
      size: 1,
    });
    pools.push(p as WorkerPool<unknown, unknown>);
    await expect(p.ready).resolves.toEqual({ typescript: true });
    await expect(p.run({ value: 21 })).resolves.toBe(42);
  });
});
