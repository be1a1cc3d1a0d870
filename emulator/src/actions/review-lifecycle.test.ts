import { describe, expect, it } from 'vitest';
import type { Refusal, ReviewEvent, ReviewResult, ReviewState } from './review-lifecycle.js';
import { isRefusal, isRetryable, isUnderReview, reviewReducer } from './review-lifecycle.js';

const max = 3;
const a = { attemptId: 'attempt-1', attemptCnt: 1 };

const states = {
  init: { reviewStatus: 'init', attemptId: 'attempt-1', attemptCnt: 0 },
  pending: { reviewStatus: 'pending', ...a, pendingMs: 100 },
  queued: { reviewStatus: 'queued', ...a, queuedMs: 200 },
  green: {
    reviewStatus: 'completed',
    ...a,
    reviewMs: 300,
    reviewResult: { reviewAnswer: 'GREEN', rejectLabels: [] },
  },
  redRetry: {
    reviewStatus: 'completed',
    ...a,
    reviewMs: 300,
    reviewResult: { reviewAnswer: 'RED', rejectLabels: ['LOW_QUALITY'], reviewRejectType: 'RETRY' },
  },
  redRetryNoTriesLeft: {
    reviewStatus: 'completed',
    attemptId: 'attempt-3',
    attemptCnt: max,
    reviewMs: 300,
    reviewResult: { reviewAnswer: 'RED', rejectLabels: ['LOW_QUALITY'], reviewRejectType: 'RETRY' },
  },
  redFinal: {
    reviewStatus: 'completed',
    ...a,
    reviewMs: 300,
    reviewResult: {
      reviewAnswer: 'RED',
      rejectLabels: ['FACE_MISMATCH'],
      reviewRejectType: 'FINAL',
    },
  },
  error: {
    reviewStatus: 'completed',
    ...a,
    reviewMs: 300,
    reviewResult: { reviewAnswer: 'ERROR', rejectLabels: [], moderationComment: 'no profile face' },
  },
  onHold: { reviewStatus: 'onHold', ...a, reviewMs: 300 },
} satisfies Record<string, ReviewState>;

type Name = keyof typeof states;

const events = {
  imageAdded: {
    type: 'imageAdded',
    nextAttemptId: 'attempt-2',
    maxAttempts: max,
    imagesInAttempt: 1,
    maxImages: 5,
  },
  /** The attempt under way already holds `maxImages`. */
  imageAddedPastCap: {
    type: 'imageAdded',
    nextAttemptId: 'attempt-2',
    maxAttempts: max,
    imagesInAttempt: 5,
    maxImages: 5,
  },
  submitted: { type: 'submitted', at: 1000, images: 1 },
  submittedWithoutImage: { type: 'submitted', at: 1000, images: 0 },
  queued: { type: 'queued', at: 2000 },
  reviewed: {
    type: 'reviewed',
    at: 3000,
    answer: { reviewAnswer: 'GREEN', rejectLabels: [] },
    maxAttempts: max,
  },
  putOnHold: { type: 'putOnHold', at: 3000 },
  released: {
    type: 'released',
    at: 4000,
    answer: { reviewAnswer: 'RED', rejectLabels: ['FACE_MISMATCH'] },
    maxAttempts: max,
  },
} satisfies Record<string, ReviewEvent>;

type EventName = keyof typeof events;

/** What each event does in each state: the next state, `same` (nothing moves) or a refusal. */
type Outcome = ReviewState | 'same' | { refused: RegExp };

const notBeforeSubmission = (status: string) => ({
  refused: new RegExp(
    `^Images can only be added before submission \\(reviewStatus is '${status}'\\)$`,
  ),
});
const alreadyReviewed = (status: string) => ({
  refused: new RegExp(`^Action is already reviewed \\(reviewStatus '${status}'\\)$`),
});
const notPending = (status: string) => ({
  refused: new RegExp(`^Only a pending review can be queued \\(reviewStatus is '${status}'\\)$`),
});
const notQueued = (status: string) => ({
  refused: new RegExp(`^Only a queued review can be decided \\(reviewStatus is '${status}'\\)$`),
});
const notOnHold = (status: string) => ({
  refused: new RegExp(`^Only an action on hold can be released \\(reviewStatus is '${status}'\\)$`),
});
const noImage = { refused: /^Add an image before submitting the action for review$/ };
const attemptFull = {
  refused:
    /^The attempt already holds 5 images \(images\.maxPerAttempt\); submit it, or start a new action$/,
};

/** A completed review refuses everything but the retry's first image (RED/RETRY, tries left). */
const answered: Record<EventName, Outcome> = {
  imageAdded: notBeforeSubmission('completed'),
  imageAddedPastCap: notBeforeSubmission('completed'),
  submitted: alreadyReviewed('completed'),
  submittedWithoutImage: alreadyReviewed('completed'),
  queued: notPending('completed'),
  reviewed: notQueued('completed'),
  putOnHold: notQueued('completed'),
  released: notOnHold('completed'),
};

const table: Record<Name, Record<EventName, Outcome>> = {
  init: {
    imageAdded: 'same',
    imageAddedPastCap: attemptFull,
    submitted: { reviewStatus: 'pending', attemptId: 'attempt-1', attemptCnt: 1, pendingMs: 1000 },
    submittedWithoutImage: noImage,
    queued: notPending('init'),
    reviewed: notQueued('init'),
    putOnHold: notQueued('init'),
    released: notOnHold('init'),
  },
  pending: {
    imageAdded: notBeforeSubmission('pending'),
    imageAddedPastCap: notBeforeSubmission('pending'),
    submitted: 'same',
    submittedWithoutImage: 'same',
    queued: { reviewStatus: 'queued', ...a, queuedMs: 2000 },
    reviewed: notQueued('pending'),
    putOnHold: notQueued('pending'),
    released: notOnHold('pending'),
  },
  queued: {
    imageAdded: notBeforeSubmission('queued'),
    imageAddedPastCap: notBeforeSubmission('queued'),
    submitted: 'same',
    submittedWithoutImage: 'same',
    queued: notPending('queued'),
    reviewed: {
      reviewStatus: 'completed',
      ...a,
      reviewMs: 3000,
      reviewResult: { reviewAnswer: 'GREEN', rejectLabels: [] },
    },
    putOnHold: { reviewStatus: 'onHold', ...a, reviewMs: 3000 },
    released: notOnHold('queued'),
  },
  green: answered,
  redRetry: {
    ...answered,
    imageAdded: { reviewStatus: 'init', attemptId: 'attempt-2', attemptCnt: 1 },
    // The images counted are the answered attempt's; the image starts a new, empty one.
    imageAddedPastCap: { reviewStatus: 'init', attemptId: 'attempt-2', attemptCnt: 1 },
  },
  redRetryNoTriesLeft: {
    ...answered,
    imageAdded: {
      refused: /^The action has used all 3 attempts \(maxAttemptsPerAction\); start a new action$/,
    },
    imageAddedPastCap: {
      refused: /^The action has used all 3 attempts \(maxAttemptsPerAction\); start a new action$/,
    },
  },
  redFinal: answered,
  error: answered,
  onHold: {
    imageAdded: notBeforeSubmission('onHold'),
    imageAddedPastCap: notBeforeSubmission('onHold'),
    submitted: alreadyReviewed('onHold'),
    submittedWithoutImage: alreadyReviewed('onHold'),
    queued: notPending('onHold'),
    reviewed: notQueued('onHold'),
    putOnHold: notQueued('onHold'),
    // The hold is a pause: a person's answer completes it (RED gets its reject type as usual).
    released: {
      reviewStatus: 'completed',
      ...a,
      reviewMs: 4000,
      reviewResult: {
        reviewAnswer: 'RED',
        rejectLabels: ['FACE_MISMATCH'],
        reviewRejectType: 'RETRY',
      },
    },
  },
};

describe('the review lifecycle', () => {
  for (const [name, row] of Object.entries(table) as [Name, Record<EventName, Outcome>][]) {
    for (const [eventName, expected] of Object.entries(row) as [EventName, Outcome][]) {
      const label =
        expected === 'same'
          ? '(unchanged)'
          : 'refused' in expected
            ? '(refused)'
            : expected.reviewStatus;
      it(`${name} ─${eventName}→ ${label}`, () => {
        const state = states[name];
        const next = reviewReducer(state, events[eventName]);
        if (expected === 'same') expect(next).toBe(state);
        else if ('refused' in expected) {
          expect(isRefusal(next)).toBe(true);
          expect((next as Refusal).refused).toMatch(expected.refused);
        } else {
          expect(isRefusal(next)).toBe(false);
          expect(next).toEqual(expected);
        }
      });
    }
  }

  it('names what it decides on: under review, retryable', () => {
    const under = (Object.keys(states) as Name[]).filter((n) => isUnderReview(states[n]));
    expect(under).toEqual(['pending', 'queued']);
    const retryable = (Object.keys(states) as Name[]).filter((n) => isRetryable(states[n]));
    expect(retryable).toEqual(['redRetry', 'redRetryNoTriesLeft']);
  });
});

describe('the stored answer', () => {
  const review = (
    attemptCnt: number,
    answer: Extract<ReviewEvent, { type: 'reviewed' }>['answer'],
  ) =>
    reviewReducer(
      { reviewStatus: 'queued', attemptId: 'x', attemptCnt, queuedMs: 0 },
      { type: 'reviewed', at: 5, answer, maxAttempts: max },
    );

  it('RED without a reject type is RETRY while tries are left', () => {
    expect(review(1, { reviewAnswer: 'RED', rejectLabels: ['NO_FACE'] })).toMatchObject({
      reviewResult: { reviewAnswer: 'RED', rejectLabels: ['NO_FACE'], reviewRejectType: 'RETRY' },
    });
  });

  it('RED on the last try allowed is FINAL, even when the reviewer said RETRY', () => {
    const answer: ReviewResult = {
      reviewAnswer: 'RED',
      rejectLabels: ['NO_FACE'],
      reviewRejectType: 'RETRY',
    };
    expect(review(max, answer)).toMatchObject({ reviewResult: { reviewRejectType: 'FINAL' } });
    expect(review(max - 1, answer)).toMatchObject({ reviewResult: { reviewRejectType: 'RETRY' } });
  });

  it("keeps the reviewer's FINAL before the last try", () => {
    expect(
      review(1, { reviewAnswer: 'RED', rejectLabels: [], reviewRejectType: 'FINAL' }),
    ).toMatchObject({ reviewResult: { reviewRejectType: 'FINAL' } });
  });

  it('GREEN and ERROR carry no reject type; a comment only when there is one', () => {
    const green = review(max, {
      reviewAnswer: 'GREEN',
      rejectLabels: [],
      reviewRejectType: 'RETRY',
    });
    expect((green as { reviewResult: unknown }).reviewResult).toEqual({
      reviewAnswer: 'GREEN',
      rejectLabels: [],
    });
    const error = review(1, { reviewAnswer: 'ERROR', rejectLabels: [], moderationComment: 'why' });
    expect((error as { reviewResult: unknown }).reviewResult).toEqual({
      reviewAnswer: 'ERROR',
      rejectLabels: [],
      moderationComment: 'why',
    });
    const silent = review(1, { reviewAnswer: 'ERROR', rejectLabels: [], moderationComment: '' });
    expect((silent as { reviewResult: unknown }).reviewResult).toEqual({
      reviewAnswer: 'ERROR',
      rejectLabels: [],
    });
  });

  it('writes the answer in the order the API shows it', () => {
    const next = review(1, {
      moderationComment: 'c',
      reviewRejectType: 'RETRY',
      rejectLabels: ['NO_FACE'],
      reviewAnswer: 'RED',
    });
    expect(Object.keys((next as { reviewResult: object }).reviewResult)).toEqual([
      'reviewAnswer',
      'rejectLabels',
      'reviewRejectType',
      'moderationComment',
    ]);
  });
});
