/** setTimeout's longest delay (about 24.8 days); a job due later gets a wake-up on the way. */
const MAX_DELAY_MS = 2_147_000_000;

export interface DurableLoopOptions {
  /** Names the loop in the log. */
  name: string;
  /** Milliseconds since the epoch: the clock `nextDueAt()` is on. */
  now: () => number;
  /**
   * How long stop() waits for the jobs in flight; unbounded when absent. A loop whose jobs
   * write nothing once stopped (they are redone at the next start) need not wait for them.
   */
  stopGraceMs?: number;
}

/**
 * A background loop over durable jobs, rows that outlive the process: `wake()` starts whatever
 * is due, up to `concurrency()` jobs at once; with a slot free and nothing due it sleeps until
 * `nextDueAt()`; each job that ends wakes it again. `wake()` is synchronous, so two calls
 * cannot interleave, and a subclass's `nextJob` must mark a job taken (or see it in `inFlight`)
 * before its `runJob` first awaits. `stop()` stops taking work, aborts the signal every job was
 * given, and waits for the jobs in flight.
 *
 * Jobs may go in lanes (`laneOf`): one job at a time per lane, in the order `nextJob` picks
 * them, and lanes side by side up to `concurrency()`. A slow lane then holds one slot, not the
 * loop: the review queue's lanes are applicants, the webhook sender's are receivers.
 */
export abstract class DurableLoop<Job> {
  private stopped = false;
  private timer: NodeJS.Timeout | undefined;
  private readonly inFlight = new Map<Job, { done: Promise<void>; lane: string | undefined }>();
  private readonly busyLanes = new Set<string>();
  private readonly stopping = new AbortController();

  constructor(private readonly options: DurableLoopOptions) {}

  /**
   * The next job to start now, given those in flight and the lanes they hold; undefined when
   * none is due. It must not be in a busy lane (the loop refuses it and logs the mistake).
   */
  protected abstract nextJob(
    inFlight: readonly Job[],
    busyLanes: ReadonlySet<string>,
  ): Job | undefined;

  /** The lane a job runs in; undefined (the default): a lane of its own. */
  protected laneOf(_job: Job): string | undefined {
    return undefined;
  }

  /**
   * Does one job, and moves it on even when it fails (done, given up, or due again later): a
   * job still due when its run ends is started again at once. `signal` aborts when the loop
   * stops; from then on, write nothing.
   */
  protected abstract runJob(job: Job, signal: AbortSignal): Promise<void>;

  /**
   * When the next job that is not due yet will be, on the `now` clock; null for none. A due job
   * held back by its busy lane may count: the loop waits for the lane's job to end instead.
   */
  protected abstract nextDueAt(): number | null;

  /** How many jobs may run at once (read at every wake). */
  protected concurrency(): number {
    return 1;
  }

  /** Starts whatever due work fits in the free slots. */
  wake(): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    try {
      const limit = Math.max(1, Math.floor(this.concurrency()));
      while (this.inFlight.size < limit) {
        const job = this.nextJob([...this.inFlight.keys()], this.busyLanes);
        if (job === undefined) {
          // A free slot and nothing due now: come back when the next job is.
          this.sleepUntilDue();
          return;
        }
        const lane = this.laneOf(job);
        if (lane !== undefined && this.busyLanes.has(lane)) {
          throw new Error(`nextJob() picked a job in the busy lane ${lane}`);
        }
        this.start(job, lane);
      }
      // All slots busy: each job that ends wakes the loop again.
    } catch (err) {
      console.error(`[provider] ${this.options.name} failed:`, err);
    }
  }

  /** Stops taking work, aborts the jobs' signal and waits for the jobs in flight (see `stopGraceMs`). */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.stopping.abort();
    const running = Promise.all([...this.inFlight.values()].map((f) => f.done));
    const grace = this.options.stopGraceMs;
    if (grace === undefined) await running;
    else await Promise.race([running, new Promise((r) => setTimeout(r, grace))]);
  }

  private start(job: Job, lane: string | undefined): void {
    if (lane !== undefined) this.busyLanes.add(lane);
    const done = this.runJob(job, this.stopping.signal)
      .catch((err: unknown) => {
        console.error(`[provider] ${this.options.name}: a job failed:`, err);
      })
      .finally(() => {
        this.inFlight.delete(job);
        if (lane !== undefined) this.busyLanes.delete(lane);
        this.wake();
      });
    this.inFlight.set(job, { done, lane });
  }

  private sleepUntilDue(): void {
    const at = this.nextDueAt();
    if (at === null) return;
    const wait = at - this.options.now();
    // Due already, yet not picked: its lane is busy, and the end of the lane's job wakes the
    // loop. A timer now would only spin.
    if (wait <= 0 && this.inFlight.size > 0) return;
    const delay = Math.min(Math.max(0, wait), MAX_DELAY_MS);
    this.timer = setTimeout(() => this.wake(), delay);
    // A sleeping loop does not keep the process alive.
    this.timer.unref();
  }
}
