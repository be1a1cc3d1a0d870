/**
 * An action's review: what the reviewer (or a sandbox outcome) is asked, and how its answer is
 * committed: the review state, the evidence, the image's answer and the webhook, in one
 * transaction.
 */

import { getActionRow, latestImage } from '../actions/repository.js';
import type { ReviewState } from '../actions/review-lifecycle.js';
import { isRefusal } from '../actions/review-lifecycle.js';
import { assertReviewEvent, reviewMove, saveReviewState } from '../actions/review-state.js';
import type { ActionRow } from '../actions/rows.js';
import { getApplicantRow } from '../applicants/repository.js';
import { reviewThresholds } from '../applicants/settings.js';
import type { ActionImage } from '../contract.js';
import { getBlob } from '../platform/blobs.js';
import type { ProviderContext } from '../platform/context.js';
import { newCorrelationId } from '../platform/errors.js';
import { withTimeout } from '../platform/timeout.js';
import {
  consumeSandboxOutcome,
  peekSandboxOutcome,
  sandboxReviewOutcome,
} from '../sandbox/sandbox.js';
import { actionWebhookBase, enqueueWebhook } from '../webhooks/webhooks.js';
import { reviewWithLiveness, submittedLiveness } from '../liveness/review.js';
import type { ActionReviewOutcome } from '../liveness/review.js';
import { saveLivenessResult } from '../liveness/store.js';
import type { FaceReviewer, ReviewOutcome } from './engine/contract.js';
import type { ActionReviewWork } from './jobs.js';
import { finishJob, runningSubject } from './jobs.js';

/**
 * Asks for the answer: a sandbox outcome when one is set, else the reviewer compares the
 * attempt's last image with the profile face. What is wrong with the data is an answer (ERROR);
 * a reviewer that throws, or says nothing within `reviewRetry.timeoutMs`, is a failed try.
 */
export async function reviewAction(
  ctx: ProviderContext,
  reviewer: FaceReviewer | null,
  work: ActionReviewWork,
): Promise<ActionReviewOutcome | 'ON_HOLD' | { error: string }> {
  const forced = work.sandbox ? peekSandboxOutcome(ctx, work.applicant.id, 'action') : undefined;
  if (forced) return sandboxReviewOutcome(ctx, forced);
  const image = latestImage(ctx, work.action);
  const { db } = ctx;
  const selfie = image ? getBlob(db, image.blob_id)?.data : undefined;
  const profile = work.applicant.profile_blob_id
    ? getBlob(db, work.applicant.profile_blob_id)?.data
    : undefined;
  if (!image || !selfie) return { error: 'The action has no image to review' };
  if (!profile)
    return { error: 'The applicant has no profile face (approved without an enrolment photo)' };
  if (!reviewer) throw new Error('No reviewer configured');
  const descriptor = work.applicant.profile_descriptor
    ? (JSON.parse(work.applicant.profile_descriptor) as number[])
    : undefined;
  const liveness = submittedLiveness(ctx, work);
  // Decoded at upload, when that was recent (platform/decoded-images.ts); taken once: a retry decodes.
  const selfiePixels = ctx.decodedImages.take(image.blob_id);
  const face = await withTimeout(
    'The reviewer',
    ctx.config.reviewRetry.timeoutMs,
    reviewer.review({
      // Buffers are Uint8Arrays already: handed over without a copy.
      selfie,
      ...(selfiePixels ? { selfiePixels } : {}),
      profileImage: profile,
      ...(descriptor ? { profileDescriptor: descriptor } : {}),
      thresholds: reviewThresholds(ctx, work.applicant, work.action.level_name),
    }),
  );
  // The clip(s) of the challenge this attempt's submit consumed, if it did.
  return reviewWithLiveness(ctx, work, face, liveness);
}

/** What a review that failed for good answers: ERROR, with the reason for a person to read. */
function errorOutcome(
  ctx: ProviderContext,
  engine: string,
  work: ActionReviewWork,
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
      engine,
      models: {},
      thresholds: reviewThresholds(ctx, work.applicant, action.level_name),
      scores: {},
      timingsMs: {},
      decidedAt: new Date(now).toISOString(),
    },
    moderationComment: error,
  };
}

/**
 * Commits the answer, or the hold, through the review lifecycle; `engine` names what decided an
 * ERROR. Nothing is written when the job was cancelled meanwhile or the action is gone.
 */
export function commitActionResult(
  ctx: ProviderContext,
  engine: string,
  work: ActionReviewWork,
  outcome: ActionReviewOutcome | 'ON_HOLD' | { error: string },
): void {
  const { db } = ctx;
  const now = ctx.now();
  db.transaction(() => {
    const action = runningSubject<ActionRow>(db, work.job, 'actions', work.action.id);
    if (!action) return;
    const answer: ActionReviewOutcome | undefined =
      outcome === 'ON_HOLD'
        ? undefined
        : 'error' in outcome
          ? errorOutcome(ctx, engine, work, action, outcome.error, now)
          : outcome;
    const move = reviewMove(
      action,
      answer
        ? {
            type: 'reviewed',
            at: now,
            answer,
            maxAttempts: ctx.config.maxAttemptsPerAction,
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
    if (work.sandbox) consumeSandboxOutcome(ctx, work.applicant.id, 'action');
    saveReviewState(db, action.id, move.state);
    const base = {
      ...actionWebhookBase(action, work.applicant),
      correlationId: newCorrelationId(),
    };
    const { state } = move;
    if (state.reviewStatus === 'onHold') {
      // YELLOW: listed by the documents for an image's `answer` (and the mobile SDK's result
      // handler) but never for the action's reviewAnswer (GREEN/RED/ERROR). The one state with
      // no verdict yet that is not a failure is the hold: its images are YELLOW until released.
      answerImages(ctx, action, 'YELLOW', null);
      enqueueWebhook(ctx, {
        ...base,
        type: 'applicantActionOnHold',
        reviewStatus: 'onHold',
      });
    } else if (state.reviewStatus === 'completed' && answer) {
      if (answer.liveness) {
        const { challengeId, result } = answer.liveness;
        saveLivenessResult(db, challengeId, action.applicant_id, result, now);
      }
      writeCompletion(ctx, action, state, answer, base);
    }
    finishJob(db, work.job.id, now);
  })();
}

/**
 * Every image of the reviewed attempt carries the attempt's answer: the documents give each
 * image an `answer` and a `reviewResult` "empty until the action check is completed". The
 * attempt is judged as one (by its last image), so its images share the verdict.
 */
function answerImages(
  ctx: ProviderContext,
  action: ActionRow,
  answer: ActionImage['answer'],
  reviewResult: string | null,
): void {
  ctx.db
    .prepare(
      'UPDATE action_images SET answer = ?, review_result = ? WHERE action_id = ? AND attempt_id = ?',
    )
    .run(answer, reviewResult, action.id, action.attempt_id);
}

/**
 * What a completed review writes besides its state: the evidence, the images' answers and the
 * `applicantActionReviewed` webhook. Inside the caller's transaction.
 */
function writeCompletion(
  ctx: ProviderContext,
  action: ActionRow,
  state: Extract<ReviewState, { reviewStatus: 'completed' }>,
  answer: ReviewOutcome,
  base: ReturnType<typeof actionWebhookBase> & { correlationId: string },
): void {
  const { reviewResult } = state;
  ctx.db
    .prepare('UPDATE actions SET checks = ?, decision = ? WHERE id = ?')
    .run(JSON.stringify(answer.checks), JSON.stringify(answer.decision), action.id);
  answerImages(
    ctx,
    action,
    answer.imageAnswer,
    JSON.stringify({ reviewAnswer: answer.imageAnswer, rejectLabels: answer.rejectLabels }),
  );
  enqueueWebhook(ctx, {
    ...base,
    type: 'applicantActionReviewed',
    reviewStatus: 'completed',
    reviewResult: {
      reviewAnswer: reviewResult.reviewAnswer,
      rejectLabels: reviewResult.rejectLabels,
      ...(reviewResult.reviewRejectType ? { reviewRejectType: reviewResult.reviewRejectType } : {}),
    },
  });
}

/**
 * Ends a hold with a person's answer (the emulator's sandbox stands in for the person): the
 * review lifecycle's `released`, then what any completed review writes, webhook included.
 * 409 1022 when the action is not on hold.
 */
export function releaseHold(ctx: ProviderContext, actionId: string, answer: ReviewOutcome): void {
  const { db } = ctx;
  const now = ctx.now();
  db.transaction(() => {
    const action = getActionRow(ctx, actionId);
    const applicant = getApplicantRow(ctx, action.applicant_id);
    const move = assertReviewEvent(action, {
      type: 'released',
      at: now,
      answer,
      maxAttempts: ctx.config.maxAttemptsPerAction,
    });
    saveReviewState(db, action.id, move.state);
    if (move.state.reviewStatus !== 'completed') return;
    writeCompletion(ctx, action, move.state, answer, {
      ...actionWebhookBase(action, applicant),
      correlationId: newCorrelationId(),
    });
  })();
  ctx.wake.webhooks();
}
