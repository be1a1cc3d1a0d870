/**
 * The names a liveness verdict speaks in. The Actions API seeds name the liveness flags
 * (`antiSpoofingIsValid`, `livenessReflectionIsValid`, their percent thresholds) but list no reject
 * labels. The provider's published label set (the one its `rejectLabels` come from) has three for
 * a failed liveness: `FRAUDULENT_LIVENESS` ("an attempt to bypass the liveness check"),
 * `BAD_VIDEO_SELFIE` (the video selfie does not meet the requirements) and `SELFIE_MISMATCH`.
 * An answer carries those, so an integrator's rules written for the provider work unchanged
 * ({@link withProviderLabels}); each is followed by the precise reasons below, one per rule, in the
 * engine's SCREAMING_SNAKE style with a `LIVENESS_` prefix, which the widget explains in words.
 */
import { REJECT_LABELS } from '../reviews/engine/labels.js';

export const LIVENESS_CHECK_TYPES = {
  /** The head turns were made, in order, by a 3D head, in one continuous take, by the right person. */
  liveness: 'LIVENESS',
  /** The screen's colours were reflected by the face, in time. */
  reflection: 'LIVENESS_REFLECTION',
} as const;

export const LIVENESS_REJECT_LABELS = {
  /** No face in the clip, or in too many frames. RETRY. */
  noFace: REJECT_LABELS.noFace,
  /** A second face in view. RETRY. */
  multipleFaces: REJECT_LABELS.multipleFaces,
  /** The clip's face is not the profile face. FINAL when clear-cut, RETRY in the grey zone. */
  faceMismatch: REJECT_LABELS.faceMismatch,
  /** The selfie sent with the clip is not the clip's face (a swapped selfie). FINAL. */
  selfieMismatch: 'SELFIE_MISMATCH',
  /** A requested turn was not made far enough, or the head did not come back to frontal. RETRY. */
  turnMissing: 'LIVENESS_TURN_MISSING',
  /** The turns were made in another order than requested, or others were added. RETRY. */
  turnOrder: 'LIVENESS_TURN_ORDER',
  /** The face turned like a flat picture: no parallax between the nose and the eyes and lips. RETRY. */
  noDepth: 'LIVENESS_NO_DEPTH',
  /** A cut or a jump between frames (position, size, pose, appearance or identity). RETRY. */
  discontinuity: 'LIVENESS_DISCONTINUITY',
  /** The face did not take on the screen's colours. RETRY. */
  reflectionMismatch: 'LIVENESS_REFLECTION_MISMATCH',
  /** The face took on the screen's colours too late (over the camera's delay): a relay. RETRY. */
  reflectionLate: 'LIVENESS_REFLECTION_LATE',
  /** The clip is shorter than the colour schedule. RETRY. */
  clipTooShort: 'LIVENESS_CLIP_TOO_SHORT',
  /** The clip arrived after the challenge expired. RETRY (with a new challenge). */
  challengeExpired: 'LIVENESS_CHALLENGE_EXPIRED',
  /** The clip could not be decoded, or is over the size/duration limits. RETRY. */
  unreadableClip: 'LIVENESS_UNREADABLE_CLIP',
} as const;

export type LivenessRejectLabel =
  (typeof LIVENESS_REJECT_LABELS)[keyof typeof LIVENESS_REJECT_LABELS];

/** The provider's own labels for a failed liveness, which every liveness RED starts with. */
export const PROVIDER_LIVENESS_LABELS = {
  /** Evidence of a presentation or replay: a flat picture, a cut, colours not (or late) on the face. */
  fraudulentLiveness: 'FRAUDULENT_LIVENESS',
  /** The clip does not show what was asked: turns missing or out of order, too short, unreadable. */
  badVideoSelfie: 'BAD_VIDEO_SELFIE',
} as const;

export type ProviderLivenessLabel =
  (typeof PROVIDER_LIVENESS_LABELS)[keyof typeof PROVIDER_LIVENESS_LABELS];

const fraudEvidence: ReadonlySet<string> = new Set<LivenessRejectLabel>([
  LIVENESS_REJECT_LABELS.noDepth,
  LIVENESS_REJECT_LABELS.discontinuity,
  LIVENESS_REJECT_LABELS.reflectionMismatch,
  LIVENESS_REJECT_LABELS.reflectionLate,
]);
const badVideo: ReadonlySet<string> = new Set<LivenessRejectLabel>([
  LIVENESS_REJECT_LABELS.turnMissing,
  LIVENESS_REJECT_LABELS.turnOrder,
  LIVENESS_REJECT_LABELS.clipTooShort,
  LIVENESS_REJECT_LABELS.challengeExpired,
  LIVENESS_REJECT_LABELS.unreadableClip,
]);
const providerLabels: ReadonlySet<string> = new Set(Object.values(PROVIDER_LIVENESS_LABELS));

/**
 * An answer's labels with the provider's liveness labels first (each once, derived again from the
 * precise reasons, so folding answers twice changes nothing). A still photo is both: its turns are
 * missing (`BAD_VIDEO_SELFIE`) and the screen's colours are not on it (`FRAUDULENT_LIVENESS`).
 * Neither decides the reject type: liveness failures stay RETRY (a person in sunlight can miss the
 * colours), and the lockout bounds how often anyone may try.
 */
export function withProviderLabels(labels: readonly string[]): string[] {
  const reasons = labels.filter((l) => !providerLabels.has(l));
  return [
    ...(reasons.some((l) => fraudEvidence.has(l))
      ? [PROVIDER_LIVENESS_LABELS.fraudulentLiveness]
      : []),
    ...(reasons.some((l) => badVideo.has(l)) ? [PROVIDER_LIVENESS_LABELS.badVideoSelfie] : []),
    ...reasons,
  ];
}
