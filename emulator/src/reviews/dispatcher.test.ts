import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FaceReviewer, ReviewOutcome } from './engine/contract.js';
import { startProvider } from '../server.js';
import { acceptedEnrolment, greenOutcome } from '../../testing/reviewers.js';
import {
  clientFor,
  enrolledApplicant,
  startTestProvider,
  submitSelfie,
  tempDir,
  testConfig,
  until,
} from '../../testing/support.js';

/** A reviewer whose reviews answer with `answer()`; counts the calls. */
function countingReviewer(answer: () => Promise<ReviewOutcome>): FaceReviewer & { calls: number } {
  const r = {
    calls: 0,
    enrol: async () => acceptedEnrolment(),
    review: () => {
      r.calls++;
      return answer();
    },
    close: async () => undefined,
  };
  return r;
}

describe('review queue robustness', () => {
  it('a job whose every try was cut off by the process dying ends in ERROR without running again', async () => {
    const tmp = tempDir();
    const dataDir = path.join(tmp.dir, 'data');
    const first = await startProvider({ port: 0, dataDir, config: testConfig(), reviewer: null });
    let actionId: string;
    try {
      const client = clientFor(first.url);
      const { applicantId } = await enrolledApplicant(client);
      const { action: a } = await submitSelfie(client, applicantId);
      actionId = a.id;
      await until(
        () => client.getAction(a.id),
        (x) => x.review.reviewStatus === 'queued',
      );
      // What two crashes mid-review leave behind: the job running, both tries (maxTries 2) used.
      first.ctx.db
        .prepare(`UPDATE jobs SET state = 'running', tries = 2 WHERE subject_id = ?`)
        .run(a.id);
    } finally {
      await first.close();
    }
    const reviewer = countingReviewer(async () => greenOutcome());
    const second = await startProvider({ port: 0, dataDir, config: testConfig(), reviewer });
    try {
      const client = clientFor(second.url);
      const done = await until(
        () => client.getAction(actionId),
        (x) => x.review.reviewStatus === 'completed',
      );
      expect(done.review.reviewResult).toMatchObject({ reviewAnswer: 'ERROR' });
      expect(done.review.reviewResult?.moderationComment).toMatch(/crashed 2 times/);
      expect(reviewer.calls).toBe(0);
    } finally {
      await second.close();
      tmp.remove();
    }
  });

  it('a reviewer that never answers times out into the retry path and then ERROR; the queue moves on', async () => {
    let hang = true;
    const reviewer = countingReviewer(() =>
      hang ? new Promise<ReviewOutcome>(() => undefined) : Promise.resolve(greenOutcome()),
    );
    const t = await startTestProvider({
      reviewer,
      config: { reviewRetry: { maxTries: 2, initialDelayMs: 20, timeoutMs: 200 } },
    });
    try {
      const { applicantId } = await enrolledApplicant(t.client);
      const { action: a } = await submitSelfie(t.client, applicantId);
      const done = await until(
        () => t.client.getAction(a.id),
        (x) => x.review.reviewStatus === 'completed',
      );
      expect(done.review.reviewResult).toMatchObject({ reviewAnswer: 'ERROR' });
      expect(done.review.reviewResult?.moderationComment).toMatch(/did not answer within 200 ms/);
      expect(reviewer.calls).toBe(2);

      hang = false;
      const { action: b } = await submitSelfie(t.client, applicantId);
      const next = await until(
        () => t.client.getAction(b.id),
        (x) => x.review.reviewStatus === 'completed',
      );
      expect(next.review.reviewResult).toMatchObject({ reviewAnswer: 'GREEN' });
    } finally {
      await t.close();
    }
  });

  it("runs up to the reviewer's concurrency at once, never two for the same applicant", async () => {
    let inFlight = 0;
    let most = 0;
    const reviewer: FaceReviewer & { calls: number } = {
      concurrency: 2,
      ...countingReviewer(async () => {
        inFlight++;
        most = Math.max(most, inFlight);
        await new Promise((r) => setTimeout(r, 150));
        inFlight--;
        return greenOutcome();
      }),
    };
    const t = await startTestProvider({ reviewer: null });
    // Queue everything before the reviewer arrives, so it all competes for the slots at once.
    const submit = async (applicantId: string) =>
      (await submitSelfie(t.client, applicantId)).action.id;
    const allDone = (ids: string[]) =>
      until(
        () => Promise.all(ids.map((id) => t.client.getAction(id))),
        (xs) => xs.every((x) => x.review.reviewStatus === 'completed'),
      );
    try {
      const three = [
        await submit((await enrolledApplicant(t.client)).applicantId),
        await submit((await enrolledApplicant(t.client)).applicantId),
        await submit((await enrolledApplicant(t.client)).applicantId),
      ];
      t.provider.setReviewer(reviewer);
      await allDone(three);
      expect(most).toBe(2);

      t.provider.setReviewer(null);
      most = 0;
      const { applicantId } = await enrolledApplicant(t.client);
      const same = [await submit(applicantId), await submit(applicantId)];
      t.provider.setReviewer(reviewer);
      const done = await allDone(same);
      expect(most).toBe(1);
      expect(done.map((x) => x.review.reviewResult?.reviewAnswer)).toEqual(['GREEN', 'GREEN']);
    } finally {
      await t.close();
    }
  });
});
