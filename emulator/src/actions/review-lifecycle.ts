import type { ReviewResult, ReviewStatus } from '../contract.js';

/**
 * An action's review as a reducer over a discriminated union on `reviewStatus`. Pure: no
 * database and no clock (each event brings its time, and the new attempt's id when it may start
 * one), so every rule of the lifecycle is here, and refused here.
 *
 *   init ─submitted (an image in this attempt)→ pending ─queued→ queued ─reviewed→ completed
 *                                                                queued ─putOnHold→ onHold
 *   onHold ─released→ completed   (the hold is a pause: a person decides, and the action is
 *                                  reviewed like any other, `applicantActionReviewed` included)
 *   completed (RED, RETRY, tries left) ─imageAdded→ init   (a new attempt)
 *   init ─imageAdded (fewer than maxImages in this attempt)→ init
 *   pending|queued ─submitted→ unchanged (a retried submit)
 *
 * `attemptCnt` counts submissions: `submitted` adds one, and a RED answer to the last one
 * allowed (`maxAttempts`) is FINAL whatever the reviewer said. GREEN, ERROR and RED/FINAL
 * are final; `onHold` waits for its release. Any other event is refused with the reason, which the API answers as
 * 409 1022; an event that changes nothing returns the very same object, so callers can compare
 * by reference to see whether anything moved.
 */

export type { ReviewResult, ReviewStatus };

interface Attempt {
  /** The attempt under way: the images added since the action began, or since its last retry. */
  attemptId: string;
  /** Submissions so far. */
  attemptCnt: number;
}

/** Each state carries the time it was entered (ms since the epoch) under its stored name. */
export type ReviewState =
  | (Attempt & { reviewStatus: 'init' })
  | (Attempt & { reviewStatus: 'pending'; pendingMs: number })
  | (Attempt & { reviewStatus: 'queued'; queuedMs: number })
  | (Attempt & { reviewStatus: 'completed'; reviewMs: number; reviewResult: ReviewResult })
  | (Attempt & { reviewStatus: 'onHold'; reviewMs: number });

export type ReviewEvent =
  /**
   * An image was added. It starts `nextAttemptId` when it comes after a RED/RETRY; otherwise the
   * attempt under way, holding `imagesInAttempt` already, takes it if that is below `maxImages`.
   */
  | {
      type: 'imageAdded';
      nextAttemptId: string;
      maxAttempts: number;
      imagesInAttempt: number;
      maxImages: number;
    }
  /** The action was submitted for review; `images` is how many the current attempt holds. */
  | { type: 'submitted'; at: number; images: number }
  /** The review queue took the action in. */
  | { type: 'queued'; at: number }
  /** The reviewer answered, or gave up (ERROR). RETRY is the default for RED. */
  | { type: 'reviewed'; at: number; answer: ReviewResult; maxAttempts: number }
  /** The review is left for a person to decide. */
  | { type: 'putOnHold'; at: number }
  /** The person decided: the hold ends with this answer. */
  | { type: 'released'; at: number; answer: ReviewResult; maxAttempts: number };

/** An event the current state does not allow, and why. */
export interface Refusal {
  refused: string;
}

export function isRefusal<T extends object>(next: T | Refusal): next is Refusal {
  return 'refused' in next;
}

const refuse = (reason: string): Refusal => ({ refused: reason });

/** Submitted and not answered yet. */
export function isUnderReview(state: ReviewState): boolean {
  return state.reviewStatus === 'pending' || state.reviewStatus === 'queued';
}

/** Answered RED with RETRY: new images may start another attempt, if tries are left. */
export function isRetryable(state: ReviewState): boolean {
  return (
    state.reviewStatus === 'completed' &&
    state.reviewResult.reviewAnswer === 'RED' &&
    state.reviewResult.reviewRejectType === 'RETRY'
  );
}

/** The stored answer: RED gets its reject type (FINAL on the last try), a comment only when there is one. */
function finalResult(answer: ReviewResult, lastTry: boolean): ReviewResult {
  const rejectType = lastTry ? 'FINAL' : (answer.reviewRejectType ?? 'RETRY');
  return {
    reviewAnswer: answer.reviewAnswer,
    rejectLabels: answer.rejectLabels,
    ...(answer.reviewAnswer === 'RED' ? { reviewRejectType: rejectType } : {}),
    ...(answer.moderationComment ? { moderationComment: answer.moderationComment } : {}),
  };
}

export function reviewReducer(state: ReviewState, event: ReviewEvent): ReviewState | Refusal {
  const { attemptId, attemptCnt } = state;
  switch (event.type) {
    case 'imageAdded':
      if (state.reviewStatus === 'init') {
        if (event.imagesInAttempt < event.maxImages) return state;
        return refuse(
          `The attempt already holds ${event.maxImages} images (images.maxPerAttempt); submit it, or start a new action`,
        );
      }
      if (!isRetryable(state)) {
        return refuse(
          `Images can only be added before submission (reviewStatus is '${state.reviewStatus}')`,
        );
      }
      if (attemptCnt >= event.maxAttempts) {
        return refuse(
          `The action has used all ${event.maxAttempts} attempts (maxAttemptsPerAction); start a new action`,
        );
      }
      return { reviewStatus: 'init', attemptId: event.nextAttemptId, attemptCnt };

    case 'submitted':
      if (isUnderReview(state)) return state;
      if (state.reviewStatus !== 'init') {
        return refuse(`Action is already reviewed (reviewStatus '${state.reviewStatus}')`);
      }
      if (event.images === 0) return refuse('Add an image before submitting the action for review');
      return {
        reviewStatus: 'pending',
        attemptId,
        attemptCnt: attemptCnt + 1,
        pendingMs: event.at,
      };

    case 'queued':
      if (state.reviewStatus !== 'pending') {
        return refuse(
          `Only a pending review can be queued (reviewStatus is '${state.reviewStatus}')`,
        );
      }
      return { reviewStatus: 'queued', attemptId, attemptCnt, queuedMs: event.at };

    case 'reviewed':
    case 'putOnHold':
      if (state.reviewStatus !== 'queued') {
        return refuse(
          `Only a queued review can be decided (reviewStatus is '${state.reviewStatus}')`,
        );
      }
      if (event.type === 'putOnHold') {
        return { reviewStatus: 'onHold', attemptId, attemptCnt, reviewMs: event.at };
      }
      return completed(state, event);

    case 'released':
      if (state.reviewStatus !== 'onHold') {
        return refuse(
          `Only an action on hold can be released (reviewStatus is '${state.reviewStatus}')`,
        );
      }
      return completed(state, event);
  }
}

/** The attempt answered, by the reviewer or by the release of a hold. */
function completed(
  { attemptId, attemptCnt }: ReviewState,
  event: { at: number; answer: ReviewResult; maxAttempts: number },
): ReviewState {
  return {
    reviewStatus: 'completed',
    attemptId,
    attemptCnt,
    reviewMs: event.at,
    reviewResult: finalResult(event.answer, attemptCnt >= event.maxAttempts),
  };
}
