/**
 * An enrolment attempt's review: the reviewer's `enrol` (or a sandbox outcome) judges the photo,
 * and the verdict is committed to the attempt and the applicant's status in one transaction.
 */

import type { ApplicantRow } from '../applicants/rows.js';
import { AttemptStatus } from '../applicants/rows.js';
import { reviewThresholds } from '../applicants/settings.js';
import { getBlob } from '../platform/blobs.js';
import type { ProviderContext } from '../platform/context.js';
import { withTimeout } from '../platform/timeout.js';
import {
  consumeSandboxOutcome,
  peekSandboxOutcome,
  sandboxEnrolmentOutcome,
} from '../sandbox/sandbox.js';
import { enrolWithLiveness } from '../liveness/enrolment-review.js';
import type { EnrolmentReviewOutcome } from '../liveness/enrolment-review.js';
import { saveLivenessResult } from '../liveness/store.js';
import type { FaceReviewer } from './engine/contract.js';
import type { EnrolmentWork } from './jobs.js';
import { finishJob, runningSubject } from './jobs.js';

/**
 * Asks for the verdict on an attempt's photo: a sandbox outcome when one is set, else the
 * reviewer's `enrol`, with the liveness of the clip(s) sent with the attempt folded in; a
 * reviewer or verifier that throws, or says nothing within `reviewRetry.timeoutMs`, is a failed
 * try.
 */
export async function enrol(
  ctx: ProviderContext,
  reviewer: FaceReviewer | null,
  work: EnrolmentWork,
): Promise<EnrolmentReviewOutcome | { error: string }> {
  const forced = work.sandbox ? peekSandboxOutcome(ctx, work.applicant.id, 'enrolment') : undefined;
  if (forced) {
    if (forced.reviewAnswer === 'ERROR') return { error: 'Sandbox forced ERROR' };
    return sandboxEnrolmentOutcome(ctx, forced);
  }
  const image = getBlob(ctx.db, work.attempt.blob_id)?.data;
  if (!image) return { error: 'Attempt image missing' };
  if (!reviewer) throw new Error('No reviewer configured');
  const photo = await withTimeout(
    'The reviewer',
    ctx.config.reviewRetry.timeoutMs,
    reviewer.enrol(image, reviewThresholds(ctx, work.applicant)),
  );
  return enrolWithLiveness(ctx, work, photo);
}

/**
 * Commits the verdict to the attempt and the applicant: accepted makes the photo the profile
 * face (Success); refused counts against `attemptsLimit` (FailedAttempt, then Failed). Nothing
 * is written when the job was cancelled meanwhile or the applicant is gone.
 */
export function commitEnrolment(
  ctx: ProviderContext,
  work: EnrolmentWork,
  outcome: EnrolmentReviewOutcome | { error: string },
): void {
  const { db } = ctx;
  const now = ctx.now();
  db.transaction(() => {
    const applicant = runningSubject<ApplicantRow>(db, work.job, 'applicants', work.applicant.id);
    if (!applicant) return;
    if (work.sandbox) consumeSandboxOutcome(ctx, applicant.id, 'enrolment');
    const accepted = !('error' in outcome) && outcome.accepted;
    // The liveness numbers on the challenge, and a failure for the lockout (actions' too).
    if (!('error' in outcome) && outcome.liveness)
      saveLivenessResult(
        db,
        outcome.liveness.challengeId,
        applicant.id,
        outcome.liveness.result,
        now,
      );
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
    finishJob(db, work.job.id, now);
  })();
}
