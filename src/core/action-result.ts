/** The outcome of a face-authorization action, named as in the provider's API and mobile SDKs. */

import type { ReviewAnswer, ReviewRejectType } from '../contract/index.js';

/** `GREEN`, `RED` or `ERROR`: the review's answer (the provider contract's type). */
export type { ReviewAnswer };

export interface ActionResult {
  actionId: string;
  /**
   * `null` only when the provider put the review `onHold` (a person decides later): the Android
   * SDK's `null` answer. The host hears the final answer from its backend (webhook), not here.
   */
  answer: ReviewAnswer | null;
}

/** Why a RED (or ERROR) came out, as the provider's `reviewResult` says. */
export interface ActionReviewResult {
  /** The provider's reject labels, such as `FACE_MISMATCH`, `NO_FACE`; empty for GREEN. */
  rejectLabels: string[];
  /** `RETRY`: the person may send a new photo on the same action; `FINAL`: they may not. */
  reviewRejectType: ReviewRejectType | null;
}

/** What the host's `actionResultHandler` decides: show the result screen, or close without it. */
export type ActionResultDecision = 'continue' | 'cancel';

/** The reject labels the widget explains in plain words, one sentence each. */
export const KNOWN_REJECT_LABELS = [
  'FACE_MISMATCH',
  'NO_FACE',
  'MULTIPLE_FACES',
  'LOW_QUALITY',
] as const;
export type KnownRejectLabel = (typeof KNOWN_REJECT_LABELS)[number];

/**
 * What a person can learn from a failed liveness check, in the order shown. The provider gives one
 * precise label per rule; the widget folds them into what the person can do about it (turn as
 * asked; face the screen while it changes colour; let the recording finish) and one sentence that
 * says only that a live person could not be confirmed, for the rules that catch pictures, cuts and
 * swapped faces: telling an attacker which rule fired would tell them what to fix.
 */
export const LIVENESS_REJECT_REASONS = [
  'livenessTurns',
  'livenessReflection',
  'livenessRecording',
  'livenessNotConfirmed',
] as const;
export type LivenessRejectReason = (typeof LIVENESS_REJECT_REASONS)[number];

/** A reason the result screen explains in one sentence. */
export type RejectReason = KnownRejectLabel | LivenessRejectReason;

const LIVENESS_REASON_OF: Readonly<Record<string, LivenessRejectReason>> = {
  LIVENESS_TURN_MISSING: 'livenessTurns',
  LIVENESS_TURN_ORDER: 'livenessTurns',
  LIVENESS_REFLECTION_MISMATCH: 'livenessReflection',
  LIVENESS_REFLECTION_LATE: 'livenessReflection',
  LIVENESS_CLIP_TOO_SHORT: 'livenessRecording',
  LIVENESS_UNREADABLE_CLIP: 'livenessRecording',
  LIVENESS_CHALLENGE_EXPIRED: 'livenessRecording',
  LIVENESS_NO_DEPTH: 'livenessNotConfirmed',
  LIVENESS_DISCONTINUITY: 'livenessNotConfirmed',
  SELFIE_MISMATCH: 'livenessNotConfirmed',
};

/**
 * The provider's own liveness labels, which lead a liveness RED: they only speak for themselves
 * when no precise label came with them (a provider that sends only these).
 */
const PROVIDER_LIVENESS_REASON_OF: Readonly<Record<string, LivenessRejectReason>> = {
  FRAUDULENT_LIVENESS: 'livenessNotConfirmed',
  BAD_VIDEO_SELFIE: 'livenessRecording',
};

const isKnown = (l: string): l is KnownRejectLabel =>
  (KNOWN_REJECT_LABELS as readonly string[]).includes(l);

/**
 * The reasons to show for a RED, most telling first, each once: known labels by themselves,
 * liveness labels as what the person can do about them, any unknown ones folded into one `other`
 * (a label is a code, not a sentence for a person).
 */
export function rejectReasons(labels: readonly string[]): (RejectReason | 'other')[] {
  const precise = new Set(labels.map((l) => LIVENESS_REASON_OF[l]).filter((r) => r));
  const liveness =
    precise.size > 0
      ? precise
      : new Set(labels.map((l) => PROVIDER_LIVENESS_REASON_OF[l]).filter((r) => r));
  const explained = (l: string) =>
    isKnown(l) || l in LIVENESS_REASON_OF || l in PROVIDER_LIVENESS_REASON_OF;
  const reasons: (RejectReason | 'other')[] = [
    ...KNOWN_REJECT_LABELS.filter((l) => labels.includes(l)),
    ...LIVENESS_REJECT_REASONS.filter((r) => liveness.has(r)),
  ];
  return labels.some((l) => !explained(l)) || reasons.length === 0
    ? [...reasons, 'other']
    : reasons;
}
