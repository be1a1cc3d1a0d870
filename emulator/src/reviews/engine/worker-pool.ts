/**
 * A fixed-size pool of worker threads running one job at a time each. It only executes what it
 * is handed (durability is the caller's: the emulator's SQLite queue). Guarantees:
 * - every job's promise settles: a worker that crashes or exits mid-job rejects that job, a job
 *   over its time limit rejects and its worker is terminated; the worker is then replaced;
 * - a worker that keeps failing (or hanging) at start-up, 3 times in a row, fails the pool
 *   instead of respawning forever;
 * - idle workers are unref'd, so a forgotten pool does not keep the process alive;
 * - jobs run as soon as one worker is ready. One worker starts with the pool; another starts
 *   only when a job waits with every ready worker busy, one at a time, up to `size`: a worker
 *   loading its models takes a core for seconds, so starting them all at once, on a box where
 *   several emulators start together (tests, the demo), only delayed the first worker and with
 *   it the first review, and an emulator that never has two reviews at once never needs more.
 */
import { availableParallelism } from 'node:os';
import { Worker, type Transferable } from 'node:worker_threads';
import type { JobMessage, WorkerMessage } from './worker-protocol.js';

export interface WorkerPoolOptions {
  /** Worker module: a `.ts` file is loaded through tsx, anything else directly. */
  moduleUrl: URL;
  /** Number of workers; defaults to {@link defaultPoolSize}. */
  size?: number;
  /** Passed to each worker as `workerData.data`. */
  data?: unknown;
  /** A job running longer is rejected and its worker replaced. Default 60 s. */
  jobTimeoutMs?: number;
  /** Consecutive start-up failures after which the pool gives up. Default 3. */
  maxStartFailures?: number;
  /** A worker not ready after this long counts as a failed start. Default 120 s. */
  startTimeoutMs?: number;
}

export class WorkerPoolError extends Error {
  override name = 'WorkerPoolError';
}

/**
 * At most one worker per core. Workers start on demand (one with the pool, another only when a
 * review waits for one), so an emulator that runs one review at a time, as tests and the demo
 * do, loads one worker whatever this says, and several emulators starting at once on a small
 * box no longer load all their workers together. Under load on 2 cores, 2 workers cleared 1.7x
 * the reviews over HTTP that 1 did (CALIBRATION.md); the HTTP thread's share of a review is
 * small.
 */
export function defaultPoolSize(cores = availableParallelism()): number {
  return Math.max(1, Math.floor(cores));
}

interface Job<Req, Res> {
  id: number;
  request: Req;
  transfer: readonly Transferable[];
  resolve: (result: Res) => void;
  reject: (error: Error) => void;
}

interface Slot<Req, Res> {
  worker: Worker;
  /** Accepts jobs: started and not retired. */
  ready: boolean;
  /** Has reported ready once (a later death is a crash, not a start-up failure). */
  started: boolean;
  job?: Job<Req, Res>;
  timer?: NodeJS.Timeout;
  /** Set when we terminate it on purpose (timeout, close) so its exit is not a crash. */
  lastError?: Error;
}

const ENTRY = new URL('./ts-worker-entry.mjs', import.meta.url);

export class WorkerPool<Req, Res, Info = unknown> {
  readonly size: number;
  /** Resolves with the first worker's info once one worker is ready (jobs run from then). */
  readonly ready: Promise<Info>;

  private readonly options: WorkerPoolOptions;
  private readonly slots = new Set<Slot<Req, Res>>();
  private readonly queue: Job<Req, Res>[] = [];
  private nextId = 1;
  private startFailures = 0;
  private closed = false;
  private failure?: Error;
  private spawned = 0;
  private eager = false;
  private allReady: { resolve: () => void; reject: (error: Error) => void }[] = [];
  private info?: Info;
  private settleReady!: { resolve: (info: Info) => void; reject: (error: Error) => void };
  private counters = { completed: 0, failed: 0, crashed: 0, timedOut: 0, replaced: 0 };

  constructor(options: WorkerPoolOptions) {
    this.options = options;
    this.size = Math.max(1, Math.floor(options.size ?? defaultPoolSize()));
    this.ready = new Promise<Info>((resolve, reject) => {
      this.settleReady = { resolve, reject };
    });
    // Callers may only ever use run(); an unobserved rejection of `ready` must not crash them.
    this.ready.catch(() => undefined);
    this.spawn();
  }

  /** Runs one job on the next free worker. Rejects on crash, timeout, or a closed/failed pool. */
  run(request: Req, transfer: readonly Transferable[] = []): Promise<Res> {
    if (this.closed) return Promise.reject(new WorkerPoolError('worker pool is closed'));
    if (this.failure) return Promise.reject(this.failure);
    return new Promise<Res>((resolve, reject) => {
      this.queue.push({ id: this.nextId++, request, transfer, resolve, reject });
      this.dispatch();
    });
  }

  /**
   * Starts the workers the pool has not started yet, one after another, and resolves once all
   * `size` are ready: for a dedicated emulator, or a bench, that wants its full rate from the
   * first request rather than after the first queue.
   */
  startAll(): Promise<void> {
    if (this.closed) return Promise.reject(new WorkerPoolError('worker pool is closed'));
    if (this.failure) return Promise.reject(this.failure);
    this.eager = true;
    const done = new Promise<void>((resolve, reject) => this.allReady.push({ resolve, reject }));
    this.settleAllReady();
    this.grow();
    return done;
  }

  stats() {
    return {
      size: this.size,
      workers: this.slots.size,
      ready: [...this.slots].filter((s) => s.ready).length,
      busy: [...this.slots].filter((s) => s.job).length,
      queued: this.queue.length,
      ...this.counters,
    };
  }

  /** Terminates every worker; queued and running jobs are rejected. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const error = new WorkerPoolError('worker pool is closed');
    this.settleReady.reject(error);
    for (const waiter of this.allReady.splice(0)) waiter.reject(error);
    for (const job of this.queue.splice(0)) job.reject(error);
    await Promise.all(
      [...this.slots].map((slot) => {
        this.finishJob(slot)?.reject(error);
        return slot.worker.terminate();
      }),
    );
    this.slots.clear();
  }

  private spawn(): void {
    const { moduleUrl, data } = this.options;
    const isTs = moduleUrl.pathname.endsWith('.ts');
    const worker = new Worker(isTs ? ENTRY : moduleUrl, {
      workerData: { moduleUrl: moduleUrl.href, data, index: this.spawned++ },
    });
    const slot: Slot<Req, Res> = { worker, ready: false, started: false };
    this.slots.add(slot);
    // Stays ref'd while starting (someone may be awaiting `ready`); unref'd once idle.
    slot.timer = setTimeout(() => {
      slot.lastError = new WorkerPoolError('worker did not become ready in time');
      void worker.terminate();
    }, this.options.startTimeoutMs ?? 120_000);
    worker.on('message', (message: WorkerMessage<Res, Info>) => this.onMessage(slot, message));
    worker.on('error', (error) => {
      slot.lastError = error;
    });
    worker.on('exit', (code) => this.onExit(slot, code));
  }

  private onMessage(slot: Slot<Req, Res>, message: WorkerMessage<Res, Info>): void {
    switch (message.kind) {
      case 'ready':
        clearTimeout(slot.timer);
        slot.timer = undefined;
        slot.ready = true;
        slot.started = true;
        slot.worker.unref();
        this.startFailures = 0;
        if (this.info === undefined) {
          this.info = message.info;
          this.settleReady.resolve(message.info);
        }
        this.settleAllReady();
        this.dispatch();
        break;
      case 'startup-failed':
        slot.lastError = new WorkerPoolError(`worker failed to start: ${message.message}`);
        void slot.worker.terminate();
        break;
      case 'done':
      case 'failed': {
        const job = slot.job?.id === message.id ? this.finishJob(slot) : undefined;
        if (!job) break;
        if (message.kind === 'done') {
          this.counters.completed++;
          job.resolve(message.result);
        } else {
          this.counters.failed++;
          job.reject(new WorkerPoolError(message.message));
        }
        this.dispatch();
        break;
      }
    }
  }

  private onExit(slot: Slot<Req, Res>, code: number): void {
    this.slots.delete(slot);
    if (!slot.started) clearTimeout(slot.timer);
    if (this.closed) return;
    const reason = slot.lastError?.message ?? `worker exited with code ${code}`;
    const job = this.finishJob(slot);
    if (job) {
      this.counters.crashed++;
      job.reject(new WorkerPoolError(`review worker died during the job: ${reason}`));
    }
    if (!slot.started && ++this.startFailures >= (this.options.maxStartFailures ?? 3)) {
      this.fail(new WorkerPoolError(`workers keep failing at start-up: ${reason}`));
      return;
    }
    this.counters.replaced++;
    this.spawn();
  }

  private settleAllReady(): void {
    const ready = [...this.slots].filter((s) => s.ready).length;
    if (ready >= this.size) for (const waiter of this.allReady.splice(0)) waiter.resolve();
  }

  private fail(error: Error): void {
    this.failure = error;
    this.settleReady.reject(error);
    for (const waiter of this.allReady.splice(0)) waiter.reject(error);
    for (const job of this.queue.splice(0)) job.reject(error);
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (this.queue.length === 0) break;
      if (!slot.ready || slot.job) continue;
      const job = this.queue.shift() as Job<Req, Res>;
      slot.job = job;
      slot.worker.ref();
      slot.timer = setTimeout(() => this.timeOut(slot, job), this.options.jobTimeoutMs ?? 60_000);
      const message: JobMessage<Req> = { id: job.id, request: job.request };
      try {
        slot.worker.postMessage(message, [...job.transfer]);
      } catch (error) {
        this.finishJob(slot);
        job.reject(error instanceof Error ? error : new Error(String(error)));
      }
    }
    this.grow();
  }

  /**
   * One more worker when a job waits (or {@link startAll} asked), no worker is already starting,
   * and the pool has room.
   */
  private grow(): void {
    if (!(this.queue.length > 0 || this.eager) || this.slots.size >= this.size) return;
    if (this.failure || this.closed) return;
    for (const slot of this.slots) if (!slot.started) return;
    this.spawn();
  }

  private timeOut(slot: Slot<Req, Res>, job: Job<Req, Res>): void {
    if (slot.job !== job) return;
    this.finishJob(slot);
    this.counters.timedOut++;
    job.reject(
      new WorkerPoolError(`review job timed out after ${this.options.jobTimeoutMs ?? 60_000} ms`),
    );
    slot.lastError = new WorkerPoolError('terminated after a job timeout');
    slot.ready = false; // never hand it another job; its exit spawns the replacement
    void slot.worker.terminate();
  }

  /** Detaches the running job from its slot (exactly once) and lets an idle worker be unref'd. */
  private finishJob(slot: Slot<Req, Res>): Job<Req, Res> | undefined {
    const job = slot.job;
    if (slot.timer) clearTimeout(slot.timer);
    slot.job = undefined;
    slot.timer = undefined;
    slot.worker.unref();
    return job;
  }
}
