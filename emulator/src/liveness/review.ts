/**
 * Liveness inside an action's review: the clip(s) of the challenge the submit consumed are
 * verified on the server (never the browser's word), and the verdict is folded into the face
 * review's answer: its checks, labels, reject type and decision record.
 */
import type { ApplicantRow } from '../applicants/rows.js';
import type { ProviderContext } from '../platform/context.js';
import { parseJson } from '../platform/format.js';
import { withTimeout } from '../platform/timeout.js';
import type { ReviewOutcome } from '../reviews/engine/contract.js';
import type { ActionReviewWork } from '../reviews/jobs.js';
import type { LivenessChallenge } from './challenge.js';
import { LIVENESS_CHECK_TYPES, LIVENESS_REJECT_LABELS as L, withProviderLabels } from './labels.js';
import type { LivenessRejectLabel } from './labels.js';
import type { LivenessOutcome, LivenessThresholds } from './verdict.js';
import { LivenessVerifier } from './verifier.js';
import type { VerifyLivenessInput } from './verifier.js';
import { consumedChallenge, isJudged, livenessPolicy } from './store.js';
import type { ClipKind, LivenessPolicy, LivenessResult } from './store.js';

/** What verifies a clip: the worker-backed {@link LivenessVerifier}, or a test's stand-in. */
export interface ClipVerifier {
  verify(input: VerifyLivenessInput): Promise<LivenessOutcome>;
  /** Starts the clip's measurements when it arrives, where the verifier has idle capacity. */
  measureAhead?(clip: Uint8Array, options?: { submitted?: boolean; kind?: ClipKind }): void;
  close(): Promise<void>;
}

const verifiers = new WeakMap<ProviderContext, ClipVerifier>();

/** The emulator's verifier, started on first use (one worker with the face-api models). */
export function livenessVerifier(ctx: ProviderContext): ClipVerifier {
  let v = verifiers.get(ctx);
  if (!v) {
    v = new LivenessVerifier();
    verifiers.set(ctx, v);
  }
  return v;
}

/** Replaces the verifier (tests); the previous one is closed. */
export async function useLivenessVerifier(
  ctx: ProviderContext,
  verifier: ClipVerifier,
): Promise<void> {
  const old = verifiers.get(ctx);
  verifiers.set(ctx, verifier);
  if (old && old !== verifier) await old.close();
}

export async function closeLivenessVerifier(ctx: ProviderContext): Promise<void> {
  const v = verifiers.get(ctx);
  verifiers.delete(ctx);
  await v?.close();
}

/** A face review with the liveness verdict folded in, and what the commit stores about it. */
export type ActionReviewOutcome = ReviewOutcome & {
  liveness?: { challengeId: string; result: LivenessResult };
};

/** The applicant's thresholds; an action's level may override the face match (enrolment has none). */
export function livenessThresholds(
  ctx: ProviderContext,
  applicant: ApplicantRow,
  levelName?: string,
): LivenessThresholds {
  const s = parseJson<Partial<LivenessThresholds>>(applicant.settings, {});
  const level = ctx.config.levels.find((l) => l.name === levelName)?.thresholds ?? {};
  const d = ctx.config.applicants.validationRequestSettings;
  return {
    antiSpoofingPercent: s.antiSpoofingPercent ?? d.antiSpoofingPercent,
    livenessReflectionScore: s.livenessReflectionScore ?? d.livenessReflectionScore,
    faceValidationPercent:
      level.faceValidationPercent ?? s.faceValidationPercent ?? d.faceValidationPercent,
  };
}

/** The challenge an attempt's submit consumed, with its clips. */
export type ConsumedLiveness = NonNullable<ReturnType<typeof consumedChallenge>>;

/**
 * The clips this attempt's submit consumed, read once for the whole review, their measurements
 * started so they run while the face review runs (the verdict waits for the face's descriptors,
 * the measurements do not). Null when the submit consumed no challenge.
 */
export function submittedLiveness(
  ctx: ProviderContext,
  work: ActionReviewWork,
): ConsumedLiveness | null {
  const consumed = consumedChallenge(ctx.db, work.action.id, work.action.attempt_id);
  if (!consumed) return null;
  const policy = livenessPolicy(ctx, work.action.level_name);
  for (const [kind, clip] of consumed.clips) {
    if (isJudged(kind, policy)) {
      livenessVerifier(ctx).measureAhead?.(clip, { submitted: true, kind });
    }
  }
  return consumed;
}

/**
 * Runs liveness when the submit consumed a challenge for this attempt ({@link submittedLiveness}),
 * and folds it into `face`; returns `face` unchanged when it did not (a level without liveness, or
 * nothing sent).
 */
export async function reviewWithLiveness(
  ctx: ProviderContext,
  work: ActionReviewWork,
  face: ReviewOutcome,
  consumed: ConsumedLiveness | null,
): Promise<ActionReviewOutcome> {
  if (!consumed) return face;
  const policy = livenessPolicy(ctx, work.action.level_name);
  const profileDescriptor = parseJson<number[] | null>(work.applicant.profile_descriptor, null);
  const common = {
    receivedAt: new Date(consumed.row.used_ms!),
    profileDescriptor,
    selfieDescriptor: face.selfieDescriptor ?? null,
    thresholds: livenessThresholds(ctx, work.applicant, work.action.level_name),
  };
  const liveness = await verifyClips(ctx, consumed, policy, common);
  const how = consumed.clips.has('combined') ? 'combined' : 'two clips';
  return foldLiveness(face, liveness, policy, consumed.row.id, how);
}

/**
 * Verifies a consumed challenge's clip(s) with the emulator's verifier: one `combined` clip, or
 * the `turns` clip (its motion) and the `reflection` clip (its colours), merged. Actions and
 * enrolment attempts alike.
 */
export async function verifyClips(
  ctx: ProviderContext,
  consumed: { challenge: LivenessChallenge; clips: Map<ClipKind, Buffer> },
  policy: LivenessPolicy,
  common: Omit<VerifyLivenessInput, 'clip' | 'challenge'>,
): Promise<LivenessOutcome> {
  const verifier = livenessVerifier(ctx);
  const verify = (clip: Buffer, challenge: LivenessChallenge, kind: ClipKind) =>
    withTimeout(
      'The liveness verifier',
      ctx.config.reviewRetry.timeoutMs,
      verifier.verify({ ...common, clip, challenge, kind }),
    );
  const { clips, challenge } = consumed;
  const combined = clips.get('combined');
  if (combined) {
    const judged = await verify(combined, clipChallenge('combined', challenge, policy), 'combined');
    return restrict(judged, 'combined', policy);
  }
  const reflectionClip = policy.reflection ? clips.get('reflection') : undefined;
  // Both at once: one clip's ffmpeg decode overlaps the other's measurements, and a clip measured
  // ahead (measureAhead) is only judged.
  const [turns, reflection] = await Promise.all([
    verify(clips.get('turns')!, clipChallenge('turns', challenge), 'turns'),
    reflectionClip
      ? verify(reflectionClip, clipChallenge('reflection', challenge), 'reflection')
      : undefined,
  ]);
  const turnsOutcome = restrict(turns, 'turns', policy);
  return reflection
    ? mergeClips(turnsOutcome, restrict(reflection, 'reflection', policy))
    : turnsOutcome;
}

/**
 * What a clip of each kind is judged against: the colours' clip asks for no turns (they are
 * judged on the turns clip), the turns clip for no colours (judged on the colours' clip), and no
 * clip for colours where the level does not judge them. A verdict judges what it is asked, so
 * it neither runs the permutation test nor writes about colours for nothing.
 */
export function clipChallenge(
  kind: ClipKind,
  challenge: LivenessChallenge,
  policy: Pick<LivenessPolicy, 'reflection'> = { reflection: true },
): LivenessChallenge {
  if (kind === 'reflection') return { ...challenge, turns: [] };
  if (kind === 'turns' || !policy.reflection) return { ...challenge, colours: [] };
  return challenge;
}

/** The numbers a verdict leaves on its challenge; the reflection's null when it did not run. */
export function livenessResultOf(
  liveness: LivenessOutcome,
  policy: LivenessPolicy,
): LivenessResult {
  const reflectionRan = policy.reflection;
  return {
    reviewAnswer: liveness.reviewAnswer,
    antiSpoofingPercent: liveness.antiSpoofingPercent,
    antiSpoofingIsValid: liveness.antiSpoofingIsValid,
    livenessReflectionScore: reflectionRan ? liveness.livenessReflectionScore : null,
    livenessReflectionIsValid: reflectionRan ? liveness.livenessReflectionIsValid : null,
    livenessReflectionConfidence: reflectionRan ? liveness.livenessReflectionConfidence : null,
    rejectLabels: liveness.rejectLabels,
  };
}

const reflectionLabels: readonly LivenessRejectLabel[] = [
  L.reflectionMismatch,
  L.reflectionLate,
  L.clipTooShort,
];
const turnLabels: readonly LivenessRejectLabel[] = [L.turnMissing, L.turnOrder, L.noDepth];

/**
 * Keeps what a clip of this kind can say: a turns clip says nothing about the colours (nor is it
 * held to the colour schedule's length), a reflection clip nothing about turns; with reflection
 * off for the level, no clip speaks about colours.
 */
export function restrict(
  outcome: LivenessOutcome,
  kind: ClipKind,
  policy: LivenessPolicy,
): LivenessOutcome {
  const dropReflection = kind === 'turns' || !policy.reflection;
  const drop = new Set<LivenessRejectLabel>([
    ...(dropReflection ? reflectionLabels : []),
    ...(kind === 'reflection' ? turnLabels : []),
  ]);
  const rejectLabels = outcome.rejectLabels.filter((l) => !drop.has(l));
  // The LIVENESS check was answered from all of the clip's labels (as verdict.ts does: the turns
  // valid and no label but the colours'); answered again from the labels kept, so a turns clip
  // shorter than the colour schedule (CLIP_TOO_SHORT, dropped) does not leave it RED on a GREEN.
  const livenessOk =
    outcome.antiSpoofingIsValid &&
    rejectLabels.every((l) => l === L.reflectionMismatch || l === L.reflectionLate);
  const checks = outcome.checks
    .filter(
      (c) =>
        !(dropReflection && c.checkType === LIVENESS_CHECK_TYPES.reflection) &&
        !(kind === 'reflection' && c.checkType === LIVENESS_CHECK_TYPES.liveness),
    )
    .map((c) =>
      c.checkType === LIVENESS_CHECK_TYPES.liveness && c.answer !== 'ERROR'
        ? { ...c, answer: livenessOk ? ('GREEN' as const) : ('RED' as const) }
        : c,
    );
  return withLabels({ ...outcome, checks }, rejectLabels);
}

/** The turns clip's motion verdict with the reflection clip's colour verdict. */
export function mergeClips(turns: LivenessOutcome, reflection: LivenessOutcome): LivenessOutcome {
  const merged: LivenessOutcome = {
    ...turns,
    reviewAnswer:
      turns.reviewAnswer === 'ERROR' || reflection.reviewAnswer === 'ERROR' ? 'ERROR' : 'GREEN',
    livenessReflectionScore: reflection.livenessReflectionScore,
    livenessReflectionIsValid: reflection.livenessReflectionIsValid,
    livenessReflectionConfidence: reflection.livenessReflectionConfidence,
    checks: [...turns.checks, ...reflection.checks],
    moderationComment: `Turns clip: ${turns.moderationComment} Reflection clip: ${reflection.moderationComment}`,
    decision: {
      ...turns.decision,
      r: reflection.decision.r,
      p: reflection.decision.p,
      reflection: reflection.decision.reflection,
      timingsMs: Object.fromEntries([
        ...Object.entries(turns.decision.timingsMs).map(([k, v]) => [`turns_${k}`, v]),
        ...Object.entries(reflection.decision.timingsMs).map(([k, v]) => [`reflection_${k}`, v]),
      ]),
    },
  };
  return withLabels(
    merged,
    [...new Set([...turns.rejectLabels, ...reflection.rejectLabels])],
    [turns, reflection],
  );
}

/** Sets the labels and what follows from them: the answer (ERROR stays) and the reject type. */
function withLabels(
  outcome: LivenessOutcome,
  rejectLabels: LivenessRejectLabel[],
  parts: LivenessOutcome[] = [outcome],
): LivenessOutcome {
  const { reviewRejectType: _old, ...rest } = outcome;
  const answer = outcome.reviewAnswer === 'ERROR' ? 'ERROR' : rejectLabels.length ? 'RED' : 'GREEN';
  if (answer === 'GREEN') return { ...rest, reviewAnswer: answer, rejectLabels };
  const final = parts.some(
    (p) => p.reviewRejectType === 'FINAL' && p.rejectLabels.some((l) => rejectLabels.includes(l)),
  );
  return {
    ...rest,
    reviewAnswer: answer,
    rejectLabels,
    reviewRejectType: final ? 'FINAL' : 'RETRY',
  };
}

/**
 * The action's answer: RED when either the selfie or the liveness says so (FINAL when either is
 * final), GREEN only when both are. An unreadable clip is RED/RETRY for the action (the user
 * records again), not a final ERROR; an ERROR of the face review stays ERROR.
 */
export function foldLiveness(
  face: ReviewOutcome,
  liveness: LivenessOutcome,
  policy: LivenessPolicy,
  challengeId: string,
  clips: string,
): ActionReviewOutcome {
  const labels = withProviderLabels([...new Set([...face.rejectLabels, ...liveness.rejectLabels])]);
  const answer: ReviewOutcome['reviewAnswer'] =
    face.reviewAnswer === 'ERROR' ? 'ERROR' : labels.length ? 'RED' : 'GREEN';
  const result = livenessResultOf(liveness, policy);
  const { selfieDescriptor: _selfie, ...faceRest } = face;
  const outcome: ActionReviewOutcome = {
    ...faceRest,
    reviewAnswer: answer,
    rejectLabels: labels,
    checks: [...face.checks, ...liveness.checks],
    moderationComment: [face.moderationComment, liveness.moderationComment]
      .filter(Boolean)
      .join(' '),
    decision: {
      ...face.decision,
      scores: {
        ...face.decision.scores,
        antiSpoofingPercent: result.antiSpoofingPercent,
        livenessReflectionScore: result.livenessReflectionScore,
      },
      timingsMs: {
        ...face.decision.timingsMs,
        ...Object.fromEntries(
          Object.entries(liveness.decision.timingsMs).map(([k, v]) => [`liveness_${k}`, v]),
        ),
      },
      // The whole liveness verdict: yaw track, turns, r, p, continuity, identity, timings.
      liveness: { clips, ...result, decision: liveness.decision },
    } as ReviewOutcome['decision'],
    liveness: { challengeId, result },
  };
  delete outcome.reviewRejectType;
  if (answer === 'RED') {
    outcome.reviewRejectType =
      face.reviewRejectType === 'FINAL' || liveness.reviewRejectType === 'FINAL'
        ? 'FINAL'
        : 'RETRY';
  }
  return outcome;
}
