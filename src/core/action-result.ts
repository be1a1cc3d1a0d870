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

/** The reject labels the widget explains in plain words; others get a generic sentence. */
export const KNOWN_REJECT_LABELS = [
  'FACE_MISMATCH',
  'NO_FACE',
  'MULTIPLE_FACES',
  'LOW_QUALITY',
] as const;
export type KnownRejectLabel = (typeof KNOWN_REJECT_LABELS)[number];

/**
 * The reasons to show for a RED, most telling first, each once: known labels by themselves,
 * any unknown ones folded into one `other` (a label is a code, not a sentence for a person).
 */
export function rejectReasons(labels: readonly string[]): (KnownRejectLabel | 'other')[] {
  const known = KNOWN_REJECT_LABELS.filter((l) => labels.includes(l));
  const hasOther = labels.some((l) => !(KNOWN_REJECT_LABELS as readonly string[]).includes(l));
  return hasOther || known.length === 0 ? [...known, 'other'] : known;
}
