/**
 * What the pages use of `<face-auth>`'s provider-flow surface: the package's own types (one
 * name for one thing), and the sentences the demo shows for each answer.
 */
import type { FaceAuthActionResultDetail, ReviewAnswer } from '../../src/index.js';

export type { FaceAuthErrorDetail, ReviewAnswer } from '../../src/index.js';
export type ActionResultDetail = FaceAuthActionResultDetail;

export const detailOf = <T>(e: Event): T => (e as Event & { detail: T }).detail;

const answerText: Record<ReviewAnswer, string> = {
  GREEN: "It's you: payout approved",
  RED: 'Not you: payout blocked',
  ERROR: 'The check could not be done: try again',
};

/** `null` is a review on hold: a person decides later and the backend hears by webhook. */
export const answerSentence = (answer: ReviewAnswer | null): string =>
  answer ? answerText[answer] : 'On hold: a person will decide; payout waits for the webhook';

/** The `data-answer` the pages (and their tests) mark the outcome with. */
export const answerMark = (answer: ReviewAnswer | null): string => answer ?? 'ON_HOLD';
