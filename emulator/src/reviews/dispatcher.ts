import type { ApplicantRow, AttemptRow } from '../applicants/rows.js';
import { AttemptStatus } from '../applicants/rows.js';
import { applicantThresholds } from '../applicants/settings.js';
import { latestImage } from '../actions/repository.js';
import { isRefusal } from '../actions/review-lifecycle.js';
import { reviewMove, saveReviewState } from '../actions/review-state.js';
import type { ActionRow } from '../actions/rows.js';
import { getBlob } from '../platform/blobs.js';
import type { ProviderContext } from '../platform/context.js';
import type { Db } from '../platform/db.js';
import { DurableLoop } from '../platform/durable-loop.js';
import { newCorrelationId } from '../platform/errors.js';
import type { EnrolmentOutcome, FaceReviewer, ReviewOutcome } from './engine/contract.js';
import {
  consumeSandboxOutcome,
  peekSandboxOutcome,
  sandboxEnrolmentOutcome,
  sandboxReviewOutcome,
} from '../sandbox/sandbox.js';
import { actionWebhookBase, enqueueWebhook } from '../webhooks/webhooks.js';

interface JobRow {
  id: number;
  kind: 'action-review' | 'enrolment';
  subject_id: string;
  state: 'pending' | 'queued' | 'running' | 'done' | 'cancelled';
  tries: number;
  not_before_ms: number;
}

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
  };
}

type Work =
  | {
      kind: 'action-review';
      job: JobRow;
      action: ActionRow;
      applicant: ApplicantRow;
      sandbox: boolean;
    }
  | {
      kind: 'enrolment';
      job: JobRow;
      attempt: AttemptRow;
      applicant: ApplicantRow;
      sandbox: boolean;
    };

/**
 * Runs reviews off the request path: up to the reviewer's `concurrency` at once (its worker
 * pool size; 1 when it does not say), never two for the same applicant, so one applicant's
 * results land in submission order. Jobs live in SQLite: a job that was `running` when the
 * process died is `queued` again at the next start and redone. A result, the per-image answer,
 * the decision record and the webhook rows are committed in one transaction, so a crash leaves
 * either all of them or none.
 *
 * Without a reviewer only jobs with a sandbox outcome can run; the rest wait in `queued`.
 */
export class ReviewDispatcher extends DurableLoop<Work> {
  private reviewer: FaceReviewer | null = null;
  private readonly sql: ReturnType<typeof queueStatements>;

  constructor(private readonly ctx: ProviderContext) {
    // At stop a review in flight is abandoned, not awaited: its job is redone at the next start.
    super({ name: 'review dispatcher', now: () => ctx.now(), stopGraceMs: 50 });
    // Whatever was mid-review when the last process died is redone.
    ctx.db
      .prepare(`UPDATE jobs SET state = 'queued', started_ms = NULL WHERE state = 'running'`)
      .run();
    this.sql = queueStatements(ctx.db);
  }

  setReviewer(reviewer: FaceReviewer | null): void {
    this.reviewer = reviewer;
    this.wake();
  }

  protected override concurrency(): number {
    return this.reviewer?.concurrency ?? 1;
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
   * The oldest due job whose applicant has none in flight and that can run now (with a reviewer,
   * or decided by a sandbox outcome). Jobs submitted since the last look are queued first.
   */
  protected nextJob(inFlight: readonly Work[]): Work | undefined {
    this.promotePending();
    const { sql } = this;
    const busy = new Set(inFlight.map((w) => w.applicant.id));
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
    try {
      outcome =
        work.kind === 'action-review' ? await this.reviewAction(work) : await this.enrol(work);
    } catch (err) {
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
    if (work.kind === 'action-review')
      this.commitActionResult(work, outcome as ReviewOutcome | 'ON_HOLD' | { error: string });
    else this.commitEnrolment(work, outcome as EnrolmentOutcome | { error: string });
    this.ctx.events.emit('job-finished', work.job.id, work.kind, work.job.subject_id);
    this.ctx.wake.webhooks();
  }

  /**
   * A reviewer promise that never settles (a wedged worker, a lost message) would hold the queue
   * forever; after `reviewRetry.timeoutMs` it counts as a failed try like any thrown error.
   */
  private withTimeout<T>(what: string, p: Promise<T>): Promise<T> {
    const ms = this.ctx.config.reviewRetry.timeoutMs;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
      timer.unref();
    });
    return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
  }

  private thresholds(applicant: ApplicantRow, levelName?: string) {
    const base = applicantThresholds(applicant);
    const level = levelName ? this.ctx.config.levels.find((l) => l.name === levelName) : undefined;
    return { ...base, ...(level?.thresholds ?? {}) };
  }

  private async reviewAction(
    work: Extract<Work, { kind: 'action-review' }>,
  ): Promise<ReviewOutcome | 'ON_HOLD' | { error: string }> {
    const forced = work.sandbox
      ? peekSandboxOutcome(this.ctx, work.applicant.id, 'action')
      : undefined;
    if (forced) return sandboxReviewOutcome(this.ctx, forced);
    const image = latestImage(this.ctx, work.action);
    const { db } = this.ctx;
    const selfie = image ? getBlob(db, image.blob_id)?.data : undefined;
    const profile = work.applicant.profile_blob_id
      ? getBlob(db, work.applicant.profile_blob_id)?.data
      : undefined;
    if (!selfie) return { error: 'The action has no image to review' };
    if (!profile)
      return { error: 'The applicant has no profile face (approved without an enrolment photo)' };
    const reviewer = this.reviewer;
    if (!reviewer) throw new Error('No reviewer configured');
    const descriptor = work.applicant.profile_descriptor
      ? (JSON.parse(work.applicant.profile_descriptor) as number[])
      : undefined;
    return this.withTimeout(
      'The reviewer',
      reviewer.review({
        // Buffers are Uint8Arrays already: handed over without a copy.
        selfie,
        profileImage: profile,
        ...(descriptor ? { profileDescriptor: descriptor } : {}),
        thresholds: this.thresholds(work.applicant, work.action.level_name),
      }),
    );
  }

  private async enrol(
    work: Extract<Work, { kind: 'enrolment' }>,
  ): Promise<EnrolmentOutcome | { error: string }> {
    const forced = work.sandbox
      ? peekSandboxOutcome(this.ctx, work.applicant.id, 'enrolment')
      : undefined;
    if (forced) {
      if (forced.reviewAnswer === 'ERROR') return { error: 'Sandbox forced ERROR' };
      return sandboxEnrolmentOutcome(this.ctx, forced);
    }
    const image = getBlob(this.ctx.db, work.attempt.blob_id)?.data;
    if (!image) return { error: 'Attempt image missing' };
    const reviewer = this.reviewer;
    if (!reviewer) throw new Error('No reviewer configured');
    return this.withTimeout('The reviewer', reviewer.enrol(image, this.thresholds(work.applicant)));
  }

  /**
   * The row a result is written to, re-read inside the commit's transaction; undefined when the
   * result must be dropped: the job is no longer running (its applicant was deleted, which
   * cancels it) or the row itself is gone.
   */
  private runningSubject<Row>(
    job: JobRow,
    subject: 'action' | 'applicant',
    id: string,
  ): Row | undefined {
    const current = this.ctx.db.prepare('SELECT state FROM jobs WHERE id = ?').get(job.id) as
      { state: string } | undefined;
    if (current?.state !== 'running') return undefined;
    return this.sql[subject].get(id) as Row | undefined;
  }

  /** What a review that failed for good answers: ERROR, with the reason for a person to read. */
  private errorOutcome(
    work: Extract<Work, { kind: 'action-review' }>,
    action: ActionRow,
    error: string,
    now: number,
  ): ReviewOutcome {
    return {
      reviewAnswer: 'ERROR',
      rejectLabels: [],
      imageAnswer: 'ERROR',
      checks: [],
      decision: {
        engine: this.reviewer ? 'review-engine' : 'none',
        models: {},
        thresholds: this.thresholds(work.applicant, action.level_name),
        scores: {},
        timingsMs: {},
        decidedAt: new Date(now).toISOString(),
      },
      moderationComment: error,
    };
  }

  private commitActionResult(
    work: Extract<Work, { kind: 'action-review' }>,
    outcome: ReviewOutcome | 'ON_HOLD' | { error: string },
  ): void {
    const { db } = this.ctx;
    const now = this.ctx.now();
    db.transaction(() => {
      const action = this.runningSubject<ActionRow>(work.job, 'action', work.action.id);
      if (!action) return;
      const answer =
        outcome === 'ON_HOLD'
          ? undefined
          : 'error' in outcome
            ? this.errorOutcome(work, action, outcome.error, now)
            : outcome;
      const move = reviewMove(
        action,
        answer
          ? {
              type: 'reviewed',
              at: now,
              answer,
              maxAttempts: this.ctx.config.maxAttemptsPerAction,
            }
          : { type: 'putOnHold', at: now },
      );
      if (isRefusal(move)) {
        // Only a queued review is decided; a result for anything else is dropped, not written.
        db.prepare(
          `UPDATE jobs SET state = 'cancelled', finished_ms = ?, last_error = ? WHERE id = ?`,
        ).run(now, move.refused, work.job.id);
        return;
      }
      if (work.sandbox) consumeSandboxOutcome(this.ctx, work.applicant.id, 'action');
      saveReviewState(db, action.id, move.state);
      const base = {
        ...actionWebhookBase(action, work.applicant),
        correlationId: newCorrelationId(),
      };
      const { state } = move;
      if (state.reviewStatus === 'onHold') {
        enqueueWebhook(this.ctx, {
          ...base,
          type: 'applicantActionOnHold',
          reviewStatus: 'onHold',
        });
      } else if (state.reviewStatus === 'completed' && answer) {
        const { reviewResult } = state;
        db.prepare('UPDATE actions SET checks = ?, decision = ? WHERE id = ?').run(
          JSON.stringify(answer.checks),
          JSON.stringify(answer.decision),
          action.id,
        );
        const image = latestImage(this.ctx, action);
        if (image) {
          db.prepare('UPDATE action_images SET answer = ?, review_result = ? WHERE id = ?').run(
            answer.imageAnswer,
            JSON.stringify({ reviewAnswer: answer.imageAnswer, rejectLabels: answer.rejectLabels }),
            image.id,
          );
        }
        enqueueWebhook(this.ctx, {
          ...base,
          type: 'applicantActionReviewed',
          reviewStatus: 'completed',
          reviewResult: {
            reviewAnswer: reviewResult.reviewAnswer,
            rejectLabels: reviewResult.rejectLabels,
            ...(reviewResult.reviewRejectType
              ? { reviewRejectType: reviewResult.reviewRejectType }
              : {}),
          },
        });
      }
      db.prepare(`UPDATE jobs SET state = 'done', finished_ms = ? WHERE id = ?`).run(
        now,
        work.job.id,
      );
    })();
  }

  private commitEnrolment(
    work: Extract<Work, { kind: 'enrolment' }>,
    outcome: EnrolmentOutcome | { error: string },
  ): void {
    const { db } = this.ctx;
    const now = this.ctx.now();
    db.transaction(() => {
      const applicant = this.runningSubject<ApplicantRow>(work.job, 'applicant', work.applicant.id);
      if (!applicant) return;
      if (work.sandbox) consumeSandboxOutcome(this.ctx, applicant.id, 'enrolment');
      const accepted = !('error' in outcome) && outcome.accepted;
      if ('error' in outcome) {
        db.prepare(`UPDATE attempts SET status = ?, decided_ms = ?, error = ? WHERE id = ?`).run(
          AttemptStatus.failed,
          now,
          outcome.error,
          work.attempt.id,
        );
      } else {
        db.prepare(
          `UPDATE attempts SET status = ?, decided_ms = ?, validation_status = ?, reject_labels = ?, checks = ?, decision = ?
           WHERE id = ?`,
        ).run(
          accepted ? AttemptStatus.success : AttemptStatus.failed,
          now,
          JSON.stringify(outcome.validationStatus),
          JSON.stringify(outcome.rejectLabels),
          JSON.stringify(outcome.checks),
          JSON.stringify(outcome.decision),
          work.attempt.id,
        );
      }
      // A Canceled (3) applicant stays canceled whatever the late result says.
      if (applicant.status !== 3) {
        if (accepted && !('error' in outcome)) {
          db.prepare(
            `UPDATE applicants SET status = 1, success_attempt_id = ?, profile_blob_id = ?, profile_descriptor = ? WHERE id = ?`,
          ).run(
            work.attempt.id,
            work.attempt.blob_id,
            outcome.descriptor ? JSON.stringify(outcome.descriptor) : null,
            applicant.id,
          );
        } else if (applicant.status !== 1) {
          const decided = (
            db
              .prepare(`SELECT COUNT(*) AS n FROM attempts WHERE applicant_id = ? AND status != ?`)
              .get(applicant.id, AttemptStatus.inProgress) as { n: number }
          ).n;
          db.prepare('UPDATE applicants SET status = ? WHERE id = ?').run(
            decided >= applicant.attempts_limit ? 2 : 5,
            applicant.id,
          );
        }
      }
      db.prepare(`UPDATE jobs SET state = 'done', finished_ms = ? WHERE id = ?`).run(
        now,
        work.job.id,
      );
    })();
  }
}
