/**
 * The names a liveness verdict speaks in. The provider's documentation names the liveness flags
 * (`antiSpoofingIsValid`, `livenessReflectionIsValid`, their percent thresholds) but no reject
 * labels for them, so these follow the review engine's SCREAMING_SNAKE labels, one per reason,
 * with a `LIVENESS_` prefix; the face labels are the engine's own.
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
