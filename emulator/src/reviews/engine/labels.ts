/**
 * The names a review speaks in: check types (an action's `checks[].checkType`) and reject labels
 * (`reviewResult.rejectLabels`). One name per reason, in the provider's SCREAMING_SNAKE style.
 */

export const CHECK_TYPES = {
  /** Exactly one face in the image. */
  singleFace: 'SINGLE_FACE',
  /** The face is big, sharp, lit and framed well enough (`qualityScore`). */
  imageQuality: 'IMAGE_QUALITY',
  /** The selfie's face is the profile face (`faceValidationPercent`). */
  faceMatch: 'FACE_MATCH',
} as const;

export type CheckType = (typeof CHECK_TYPES)[keyof typeof CHECK_TYPES];

export const REJECT_LABELS = {
  /** No face was found. RETRY. */
  noFace: 'NO_FACE',
  /** More than one face is in view. RETRY. */
  multipleFaces: 'MULTIPLE_FACES',
  /** The face is too small, blurred, dark/bright, flat or cut off by the frame. RETRY. */
  lowQuality: 'LOW_QUALITY',
  /** The face is not the profile face. FINAL when clear-cut, RETRY in the grey zone. */
  faceMismatch: 'FACE_MISMATCH',
  /** Enrolment only: the file could not be decoded as an image (a review answers ERROR instead). */
  unreadableImage: 'UNREADABLE_IMAGE',
} as const;

export type RejectLabel = (typeof REJECT_LABELS)[keyof typeof REJECT_LABELS];
