/**
 * Liveness inside an enrolment attempt's review: the clip(s) sent with the attempt are verified
 * by the same verifier as an action's, against the attempt's own photo (there is no profile yet:
 * a swapped photo fails as `SELFIE_MISMATCH`), and folded into the attempt's verdict, so the
 * profile face is live too.
 */
import type { ProviderContext } from '../platform/context.js';
import type { EnrolmentOutcome } from '../reviews/engine/contract.js';
import type { EnrolmentWork } from '../reviews/jobs.js';
import { enrolmentChallenge, enrolmentLivenessPolicy } from './enrolment-store.js';
import { withProviderLabels } from './labels.js';
import { livenessResultOf, livenessThresholds, verifyClips } from './review.js';
import type { LivenessPolicy, LivenessResult } from './store.js';
import type { LivenessOutcome } from './verdict.js';

/** An enrolment verdict with the liveness folded in, and what the commit stores about it. */
export type EnrolmentReviewOutcome = EnrolmentOutcome & {
  liveness?: { challengeId: string; result: LivenessResult };
};

/** Runs liveness when the attempt consumed a challenge, and folds it into `photo`'s verdict. */
export async function enrolWithLiveness(
  ctx: ProviderContext,
  work: EnrolmentWork,
  photo: EnrolmentOutcome,
): Promise<EnrolmentReviewOutcome> {
  const consumed = enrolmentChallenge(ctx.db, work.attempt.id);
  if (!consumed) return photo;
  const policy = enrolmentLivenessPolicy(ctx);
  const liveness = await verifyClips(ctx, consumed, policy, {
    receivedAt: new Date(consumed.row.used_ms!),
    profileDescriptor: null,
    selfieDescriptor: photo.descriptor ?? null,
    thresholds: livenessThresholds(ctx, work.applicant),
  });
  return foldEnrolmentLiveness(photo, liveness, policy, consumed.row.id);
}

/**
 * Accepted only when the photo and the liveness both are; the labels, checks and the
 * `validationStatus` liveness flags (null where a check did not run) from the verdict; the whole
 * verdict (yaw track, r, p, timings) in the decision record. An unreadable clip refuses the
 * attempt too: the person sends a new one.
 */
export function foldEnrolmentLiveness(
  photo: EnrolmentOutcome,
  liveness: LivenessOutcome,
  policy: LivenessPolicy,
  challengeId: string,
): EnrolmentReviewOutcome {
  const result = livenessResultOf(liveness, policy);
  const live = liveness.reviewAnswer === 'GREEN';
  const rejectLabels = withProviderLabels([
    ...new Set([...photo.rejectLabels, ...liveness.rejectLabels]),
  ]);
  const folded: EnrolmentReviewOutcome = {
    ...photo,
    accepted: photo.accepted && live,
    validationStatus: {
      ...photo.validationStatus,
      antiSpoofingIsValid: result.antiSpoofingIsValid,
      livenessReflectionIsValid: result.livenessReflectionIsValid,
    },
    rejectLabels,
    checks: [...photo.checks, ...liveness.checks],
    decision: {
      ...photo.decision,
      scores: {
        ...photo.decision.scores,
        antiSpoofingPercent: result.antiSpoofingPercent,
        livenessReflectionScore: result.livenessReflectionScore,
      },
      liveness: { ...result, decision: liveness.decision },
    } as EnrolmentOutcome['decision'],
    liveness: { challengeId, result },
  };
  const comment = [photo.moderationComment, liveness.moderationComment].filter(Boolean).join(' ');
  if (comment) folded.moderationComment = comment;
  // Not live: the face is not kept as the profile's.
  if (!folded.accepted) delete folded.descriptor;
  return folded;
}
