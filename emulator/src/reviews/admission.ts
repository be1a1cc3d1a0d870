import type { ProviderConfig } from '../platform/config.js';
import { ApiError } from '../platform/errors.js';

/** Weight of the newest review in the mean review time. */
const ALPHA = 0.3;

/**
 * Admission control of the review queue. The reviewer clears `concurrency` reviews per review
 * time, so a queue longer than `concurrency × latencyBudgetMs / reviewMs` would make the last
 * one wait past the budget: such a submission is refused with 503 and a Retry-After of the time
 * the excess takes to drain, instead of joining a queue that only grows. The review time is an
 * exponentially weighted mean of the reviews run so far (`initialReviewMs` before the first).
 */
export class ReviewAdmission {
  private reviewMs: number | undefined;

  constructor(private readonly config: () => ProviderConfig['admission']) {}

  /** A review the reviewer ran took `ms`. */
  recordReview(ms: number): void {
    this.reviewMs = this.reviewMs === undefined ? ms : ALPHA * ms + (1 - ALPHA) * this.reviewMs;
  }

  /** The mean review time in use, and the most reviews that may wait at `concurrency`. */
  capacity(concurrency: number): { reviewMs: number; maxQueued: number } {
    const { latencyBudgetMs, initialReviewMs } = this.config();
    const reviewMs = Math.max(1, this.reviewMs ?? initialReviewMs);
    const maxQueued = Math.max(concurrency, Math.floor((concurrency * latencyBudgetMs) / reviewMs));
    return { reviewMs, maxQueued };
  }

  /** Throws 503 1503 with Retry-After when `queued` reviews already fill the budget. */
  admit(queued: number, concurrency: number): void {
    const { reviewMs, maxQueued } = this.capacity(concurrency);
    if (queued < maxQueued) return;
    const drainMs = ((queued + 1 - maxQueued) * reviewMs) / concurrency;
    const retryAfterSecs = Math.max(1, Math.ceil(drainMs / 1000));
    throw new ApiError(
      'reviewQueueFull',
      `The review queue is full (${queued} reviews waiting; the reviewer clears about ${maxQueued} within ${this.config().latencyBudgetMs} ms); retry in ${retryAfterSecs} s`,
      { retryAfterSecs },
    );
  }
}
