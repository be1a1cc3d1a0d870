import type { ApplicantRow, AttemptRow } from '../applicants/rows.js';
import { isRefusal } from '../actions/review-lifecycle.js';
import { reviewMove, saveReviewState } from '../actions/review-state.js';
import type { ActionRow } from '../actions/rows.js';
import type { ProviderContext } from '../platform/context.js';
import type { Db } from '../platform/db.js';
import { DurableLoop } from '../platform/durable-loop.js';
import { ReviewAdmission } from './admission.js';
import { peekSandboxOutcome } from '../sandbox/sandbox.js';
import { commitActionResult, reviewAction } from './action-review.js';
import { commitEnrolment, enrol } from './enrolment-review.js';
import type { EnrolmentOutcome, FaceReviewer, ReviewOutcome } from './engine/contract.js';
import type { JobRow, Work } from './jobs.js';

/**
 * What wake() runs, prepared once: it runs after every submission and every finished job, once
 * per job in the queue, and better-sqlite3 does not cache statements.
 */
function queueStatements(db: Db) {
  return {
    pendingJobs: db.prepare(`SELECT * FROM jobs WHERE state = 'pending' ORDER BY id`),
    queueJob: db.prepare(`UPDATE jobs SET state = 'queued' WHERE id = ?`),
    dueJobs: db.prepare(
      `SELECT * FROM jobs WHERE state = 'queued' AND not_before_ms <= ? ORDER BY id`,
    ),
    applicant: db.prepare('SELECT * FROM applicants WHERE id = ?'),
    action: db.prepare('SELECT * FROM actions WHERE id = ?'),
    attempt: db.prepare('SELECT * FROM attempts WHERE id = ?'),
    cancelJob: db.prepare(`UPDATE jobs SET state = 'cancelled' WHERE id = ?`),
    nextRetry: db.prepare(
      `SELECT MIN(not_before_ms) AS t FROM jobs WHERE state = 'queued' AND not_before_ms > ?`,
    ),
    waiting: db.prepare(
      `SELECT COUNT(*) AS n FROM jobs WHERE state IN ('pending', 'queued', 'running')`,
    ),
  };
}

/**
 * Runs reviews off the request path: up to the reviewer's `concurrency` at once (its worker
 * pool size; 1 when it does not say), never two for the same applicant, so one applicant's
 * results land in submission order. Jobs live in SQLite: a job that was `running` when the
 * process died is `queued` again at the next start and redone. A result, the per-image answer,
 * the decision record and the webhook rows are committed in one transaction, so a crash leaves
 * either all of them or none.
 *
 * Without a reviewer only jobs with a sandbox outcome can run; the rest wait in `queued`.
 *
 * With a reviewer, {@link admit} keeps the queue within what the reviewer clears in the latency
 * budget (see ReviewAdmission), timing each review it runs.
 */
export class ReviewDispatcher extends DurableLoop<Work> {
  private reviewer: FaceReviewer | null = null;
  private readonly sql: ReturnType<typeof queueStatements>;
  private readonly admission: ReviewAdmission;

  constructor(private readonly ctx: ProviderContext) {
    // At stop a review in flight is abandoned, not awaited: its job is redone at the next start.
    super({ name: 'review dispatcher', now: () => ctx.now(), stopGraceMs: 50 });
    // Whatever was mid-review when the last process died is redone.
    ctx.db
      .prepare(`UPDATE jobs SET state = 'queued', started_ms = NULL WHERE state = 'running'`)
      .run();
    this.sql = queueStatements(ctx.db);
    this.admission = new ReviewAdmission(() => ctx.config.admission);
  }

  /**
   * Throws 503 with Retry-After when one more review would wait past the latency budget. Without
   * a reviewer nothing is refused: reviews wait in `queued` by design until one is plugged in.
   */
  admit(): void {
    if (!this.reviewer) return;
    const { n } = this.sql.waiting.get() as { n: number };
    this.admission.admit(n, this.concurrency());
  }

  setReviewer(reviewer: FaceReviewer | null): void {
    this.reviewer = reviewer;
    this.wake();
  }

  protected override concurrency(): number {
    return this.reviewer?.concurrency ?? 1;
  }

  /** One review at a time per applicant, so its results land in submission order. */
  protected override laneOf(work: Work): string {
    return work.applicant.id;
  }

  /** `pending` → `queued`: the action has entered the review queue. */
  private promotePending(): void {
    const { sql } = this;
    const pending = sql.pendingJobs.all() as JobRow[];
    if (pending.length === 0) return;
    const now = this.ctx.now();
    const { db } = this.ctx;
    db.transaction(() => {
      for (const job of pending) {
        const action = sql.action.get(job.subject_id) as ActionRow | undefined;
        const move = action ? reviewMove(action, { type: 'queued', at: now }) : undefined;
        // An action that is gone or no longer pending is left as it is; the job is queued all the same.
        if (move && !isRefusal(move)) saveReviewState(db, job.subject_id, move.state);
        sql.queueJob.run(job.id);
      }
    })();
  }

  /**
   * The oldest due job whose applicant has none in flight (a free lane) and that can run now
   * (with a reviewer, or decided by a sandbox outcome). Jobs submitted since the last look are
   * queued first.
   */
  protected nextJob(_inFlight: readonly Work[], busy: ReadonlySet<string>): Work | undefined {
    this.promotePending();
    const { sql } = this;
    const jobs = sql.dueJobs.all(this.ctx.now()) as JobRow[];
    for (const job of jobs) {
      const isAction = job.kind === 'action-review';
      // The job's subject: the action to review, or the enrolment attempt to judge.
      const subject = (
        isAction ? sql.action.get(job.subject_id) : sql.attempt.get(Number(job.subject_id))
      ) as ActionRow | AttemptRow | undefined;
      const applicant = subject
        ? (sql.applicant.get(subject.applicant_id) as ApplicantRow | undefined)
        : undefined;
      if (!subject || !applicant) {
        sql.cancelJob.run(job.id);
        continue;
      }
      if (busy.has(applicant.id)) continue;
      const target = isAction ? 'action' : 'enrolment';
      const sandbox = peekSandboxOutcome(this.ctx, applicant.id, target) !== undefined;
      if (!sandbox && !this.reviewer) continue;
      return isAction
        ? { kind: 'action-review', job, action: subject as ActionRow, applicant, sandbox }
        : { kind: 'enrolment', job, attempt: subject as AttemptRow, applicant, sandbox };
    }
    return undefined;
  }

  /** The next retry's time: a job put back with a backoff. */
  protected nextDueAt(): number | null {
    return (this.sql.nextRetry.get(this.ctx.now()) as { t: number | null }).t;
  }

  /** Marks the job `running` before its first await, so nextJob() cannot pick it again. */
  protected async runJob(work: Work, stopping: AbortSignal): Promise<void> {
    const { db } = this.ctx;
    const { maxTries } = this.ctx.config.reviewRetry;
    // `tries` counts starts and is committed before the reviewer runs. A job that comes back
    // queued with every try used was never failed by the catch below (that path commits ERROR),
    // so the process died during each of those tries: running it again would likely crash the
    // emulator again, at every start, forever.
    if (work.job.tries >= maxTries) {
      db.prepare(`UPDATE jobs SET state = 'running', started_ms = ? WHERE id = ?`).run(
        this.ctx.now(),
        work.job.id,
      );
      this.commit(work, {
        error: `Review crashed ${work.job.tries} times (the process stopped during it); not run again`,
      });
      return;
    }
    db.prepare(
      `UPDATE jobs SET state = 'running', started_ms = ?, tries = tries + 1 WHERE id = ?`,
    ).run(this.ctx.now(), work.job.id);
    const tries = work.job.tries + 1;
    let outcome: ReviewOutcome | EnrolmentOutcome | 'ON_HOLD' | { error: string };
    const started = performance.now();
    // Only the reviewer's own reviews tell its pace; a sandbox outcome takes no time.
    const timed = () => {
      if (!work.sandbox) this.admission.recordReview(performance.now() - started);
    };
    try {
      outcome =
        work.kind === 'action-review'
          ? await reviewAction(this.ctx, this.reviewer, work)
          : await enrol(this.ctx, this.reviewer, work);
      timed();
    } catch (err) {
      timed();
      const message = (err as Error)?.message ?? String(err);
      if (stopping.aborted) return;
      if (tries < maxTries) {
        db.prepare(
          `UPDATE jobs SET state = 'queued', not_before_ms = ?, last_error = ? WHERE id = ?`,
        ).run(
          this.ctx.now() + this.ctx.config.reviewRetry.initialDelayMs * 2 ** (tries - 1),
          message,
          work.job.id,
        );
        return;
      }
      outcome = { error: message };
    }
    // Stopped while the reviewer worked: write nothing, the job is redone at the next start.
    if (stopping.aborted) return;
    this.commit(work, outcome);
  }

  private commit(
    work: Work,
    outcome: ReviewOutcome | EnrolmentOutcome | 'ON_HOLD' | { error: string },
  ): void {
    if (work.kind === 'action-review') {
      const engine = this.reviewer ? 'review-engine' : 'none';
      commitActionResult(
        this.ctx,
        engine,
        work,
        outcome as ReviewOutcome | 'ON_HOLD' | { error: string },
      );
    } else commitEnrolment(this.ctx, work, outcome as EnrolmentOutcome | { error: string });
    this.ctx.events.emit('job-finished', work.job.id, work.kind, work.job.subject_id);
    this.ctx.wake.webhooks();
  }
}
