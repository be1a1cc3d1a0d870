import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../platform/errors.js';
import type { TestProvider } from '../../testing/support.js';
import {
  enrolledApplicant,
  level,
  selfie,
  startTestProvider,
  until,
} from '../../testing/support.js';
import { createSlowReviewer } from '../../testing/reviewers.js';
import { ReviewAdmission } from './admission.js';

describe('ReviewAdmission', () => {
  const budget = { latencyBudgetMs: 2000, initialReviewMs: 500 };

  it('admits what the reviewer clears within the budget, then 503 with the time to drain', () => {
    const a = new ReviewAdmission(() => budget);
    // 2 at once, 500 ms each: 8 reviews clear in 2 s.
    expect(a.capacity(2)).toEqual({ reviewMs: 500, maxQueued: 8 });
    expect(() => a.admit(7, 2)).not.toThrow();
    let refused: unknown;
    try {
      a.admit(10, 2);
    } catch (err) {
      refused = err;
    }
    expect(refused).toBeInstanceOf(ApiError);
    expect((refused as ApiError).status).toBe(503);
    // 3 reviews over the bound, 2 at a time, 500 ms each: 750 ms, rounded up to 1 s.
    expect((refused as ApiError).retryAfterSecs).toBe(1);
  });

  it('follows the measured review time', () => {
    const a = new ReviewAdmission(() => budget);
    a.recordReview(1000);
    expect(a.capacity(1)).toEqual({ reviewMs: 1000, maxQueued: 2 });
    for (let i = 0; i < 30; i++) a.recordReview(100);
    expect(a.capacity(1).maxQueued).toBeGreaterThanOrEqual(19);
    // Never below the reviewer's concurrency, however slow it gets.
    a.recordReview(1e9);
    expect(a.capacity(3).maxQueued).toBe(3);
  });
});

describe('admission control over HTTP', () => {
  /** One review at a time, 250 ms each: 4 a second. */
  const REVIEW_MS = 250;
  const BUDGET_MS = 1500;
  let t: TestProvider;
  beforeAll(async () => {
    t = await startTestProvider({
      reviewer: createSlowReviewer(REVIEW_MS, 1),
      config: { admission: { latencyBudgetMs: BUDGET_MS, initialReviewMs: REVIEW_MS } },
    });
  });
  afterAll(async () => t?.close());

  it('answers 503 with Retry-After at five times capacity, before a review waits past the budget', async () => {
    // Reviews of one applicant never run in parallel, so each action has its own applicant, with
    // a profile face (enrolled through the sandbox) so that the reviewer is asked.
    const applicants: string[] = [];
    for (let i = 0; i < 30; i++) applicants.push((await enrolledApplicant(t.client)).applicantId);
    const image = await selfie();
    // One upload at a time: 30 at once pass the emulator's own limit on uploads in flight (16,
    // images.maxUploadsInFlight) on a slow machine, and are refused before any review is asked.
    const ready: string[] = [];
    for (const [i, applicantId] of applicants.entries()) {
      const action = await t.client.createAction(applicantId, level, {
        externalActionId: `load-${i}`,
      });
      await t.client.addActionImage(action.id, image);
      ready.push(action.id);
    }

    // 20 arrivals a second for 1.5 s: five times the reviewer's 4 a second.
    const accepted: { id: string }[] = [];
    const refused: { status: number; retryAfter: string | null; body: Record<string, unknown> }[] =
      [];
    for (const id of ready) {
      const res = await t.client.signedFetch(
        'POST',
        `/resources/applicantActions/${id}/review/status/pending`,
      );
      if (res.ok) accepted.push({ id });
      else
        refused.push({
          status: res.status,
          retryAfter: res.headers.get('retry-after'),
          body: (await res.json()) as Record<string, unknown>,
        });
      await new Promise((r) => setTimeout(r, 50));
    }

    expect(refused.length).toBeGreaterThan(0);
    for (const r of refused) {
      expect(r.status).toBe(503);
      expect(Number(r.retryAfter)).toBeGreaterThanOrEqual(1);
      expect(Object.keys(r.body).sort()).toEqual([
        'code',
        'correlationId',
        'description',
        'errorCode',
        'errorName',
      ]);
      expect(r.body).toMatchObject({ code: 503, errorCode: 1503, errorName: 'review-queue-full' });
    }
    // Every review let in is done within the budget, plus the review under way and some slack:
    // from submission (pending) to the answer, as the emulator timed it.
    const latencies = await Promise.all(
      accepted.map(async ({ id }) => {
        // The emulator's own field; the client's type leaves it out.
        const done = await until(
          () =>
            t.client.request<{ review: { reviewStatus: string; elapsedSincePendingMs: number } }>(
              'GET',
              `/resources/applicantActions/${id}/one`,
            ),
          (a) => a.review.reviewStatus === 'completed',
          20_000,
        );
        return done.review.elapsedSincePendingMs;
      }),
    );
    console.log(
      `admission: ${accepted.length} admitted, ${refused.length} refused (503); slowest admitted review ${Math.max(...latencies)} ms`,
    );
    expect(Math.max(...latencies)).toBeLessThanOrEqual(BUDGET_MS + REVIEW_MS + 500);

    // A refused submission can come back once the queue has drained.
    const retried = refused.length ? ready.find((id) => !accepted.some((a) => a.id === id))! : '';
    const later = await t.client.submitAction(retried);
    expect(later.review.reviewStatus).toBe('pending');
  }, 60_000);
});
