/**
 * Liveness for enrolment attempts over HTTP, with a stand-in clip verifier (no models): the
 * challenge bound to the applicant and to who asked, consumed by the attempt's submit with its
 * clips, the verdict folded into the attempt, the lockout, retention and deletion. The real
 * verifier on rendered clips is in `enrolment-http.test.ts`.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  appToken,
  databaseBytes,
  failure,
  level,
  makeImage,
  sampleOf,
  secretKey,
  startTestProvider,
  type TestProvider,
} from '../../testing/support.js';
import { createGreenReviewer } from '../../testing/reviewers.js';
import { fakeClip, standInVerifier } from '../../testing/liveness/stand-in-verifier.js';
import { ProviderClient } from '../../../src/server/index.js';
import type { EnrolmentLivenessParts } from '../../../src/server/index.js';
import type { LivenessChallenge } from './challenge.js';
import { useLivenessVerifier } from './review.js';
import { LIVENESS_LOCKOUT } from './store.js';

const webm = (content: Buffer) => ({ content, fileName: 'clip.webm', mimeType: 'video/webm' });

describe('liveness in enrolment', () => {
  let t: TestProvider;
  let client: ProviderClient;
  let stand: ReturnType<typeof standInVerifier>;
  let verdict: 'GREEN' | 'RED';
  let shift = 0;
  const advance = (ms: number) => {
    t.advance(ms);
    shift += ms;
  };

  async function start(required: boolean, extra: Record<string, number> = {}) {
    t = await startTestProvider({
      reviewer: createGreenReviewer(),
      config: {
        applicants: {
          liveness: { required, reflection: true },
          attemptsLimit: 10,
          ...extra,
        },
      },
    });
    shift = 0;
    client = new ProviderClient({
      baseUrl: t.url,
      appToken: appToken.token,
      appSecret: appToken.secret,
      secretKey,
      now: () => Date.now() + shift,
    });
    verdict = 'GREEN';
    stand = standInVerifier(() => verdict);
    await useLivenessVerifier(t.provider.ctx, stand.verifier);
  }

  afterEach(async () => t?.close());

  const applicant = async () =>
    (await client.applicants.create({ firstName: 'Ada', referenceId: `e-${Math.random()}` }))
      .applicantId;
  const photo = async () => ({
    content: await makeImage(),
    fileName: 'p.jpg',
    mimeType: 'image/jpeg',
  });
  const enrol = async (applicantId: string, liveness?: EnrolmentLivenessParts) =>
    client.applicants.enrol(applicantId, await photo(), liveness ? { liveness } : {});
  const combined = (c: LivenessChallenge, tag = 'clip'): EnrolmentLivenessParts => ({
    challengeId: c.challengeId,
    clips: { combined: webm(fakeClip(tag)) },
  });

  describe('required (applicants.liveness.required)', () => {
    beforeEach(() => start(true));

    it('refuses an attempt without a challenge, or without its clips (400 1040); nothing is stored', async () => {
      const id = await applicant();
      const none = await failure(enrol(id));
      expect([none.status, none.body.errorCode]).toEqual([400, 1040]);
      const c = await client.applicants.livenessChallenge(id);
      const half = await failure(
        enrol(id, { challengeId: c.challengeId, clips: { turns: webm(fakeClip()) } }),
      );
      expect([half.status, half.body.errorCode]).toEqual([400, 1040]);
      expect(half.body.description).toMatch(/reflection/);
      // A clip without the challenge it answers is refused before anything else.
      const orphan = await failure(
        enrol(id, { challengeId: '', clips: { combined: webm(fakeClip()) } }),
      );
      expect([orphan.status, orphan.body.errorCode]).toEqual([400, 1001]);
      expect((await client.applicants.attempts(id)).attempts).toHaveLength(0);
    });

    it('verifies the clip with the attempt: accepted when live, with the numbers, checks and clips', async () => {
      const id = await applicant();
      const c = await client.applicants.livenessChallenge(id);
      expect(Buffer.from(c.challengeId, 'base64url')).toHaveLength(16);
      expect(Date.parse(c.expiresAt) - Date.now()).toBeLessThanOrEqual(120_000);
      const clip = fakeClip('live');
      const attempt = await enrol(id, {
        challengeId: c.challengeId,
        clips: { combined: webm(clip) },
      });
      expect(attempt.status).toBe(0);
      expect((await client.applicants.get(id)).status).toBe(1);
      // The verifier saw the challenge and the clip, with the attempt's photo as the face to match.
      expect(stand.calls).toHaveLength(1);
      expect(stand.calls[0]).toMatchObject({ challenge: { challengeId: c.challengeId } });
      expect(stand.calls[0]!.bytes).toBe(clip.length);
      const detail = (await client.applicants.attempt(id, attempt.attemptId)) as unknown as {
        validationStatus: Record<string, unknown>;
        dvsResult: { faceVerificationResult: Record<string, number> };
        checks: { checkType: string; answer: string }[];
        content: { livenessReflectionVideoLink: string | null };
        decision: { liveness: Record<string, unknown> };
      };
      expect(detail.validationStatus).toMatchObject({
        antiSpoofingIsValid: true,
        livenessReflectionIsValid: true,
      });
      expect(detail.dvsResult.faceVerificationResult).toMatchObject({
        antiSpoofing: 88,
        livenessReflectionConfidence: 99,
      });
      expect(detail.checks.map((x) => [x.checkType, x.answer])).toEqual([
        ['LIVENESS', 'GREEN'],
        ['LIVENESS_REFLECTION', 'GREEN'],
      ]);
      expect(detail.decision.liveness).toMatchObject({ reviewAnswer: 'GREEN' });
      expect(detail.content.livenessReflectionVideoLink).toMatch(/\/Video$/);
      for (const kind of ['Video', 'LivenessActionVideo'] as const)
        expect(
          Buffer.from((await client.applicants.video(id, attempt.attemptId, kind)).data),
        ).toEqual(clip);
    });

    it('a challenge is single use (409 1041), expires (400 1042), and is the applicant’s own', async () => {
      const id = await applicant();
      verdict = 'RED';
      const c = await client.applicants.livenessChallenge(id);
      await enrol(id, combined(c));
      const reused = await failure(enrol(id, combined(c, 'again')));
      expect([reused.status, reused.body.errorCode]).toEqual([409, 1041]);

      const late = await client.applicants.livenessChallenge(id);
      advance(121_000);
      const expired = await failure(enrol(id, combined(late)));
      expect([expired.status, expired.body.errorCode]).toEqual([400, 1042]);

      const other = await applicant();
      const theirs = await client.applicants.livenessChallenge(other);
      expect((await failure(enrol(id, combined(theirs)))).status).toBe(404);
      // A refused submit leaves no attempt behind: only the first one counts.
      expect((await client.applicants.attempts(id)).attempts).toHaveLength(1);
    });

    it('a failed liveness rejects the attempt with the liveness labels; the photo is not the profile', async () => {
      const id = await applicant();
      verdict = 'RED';
      const attempt = await enrol(id, combined(await client.applicants.livenessChallenge(id)));
      expect(attempt.status).toBe(2);
      const applicantNow = await client.applicants.get(id);
      expect(applicantNow.status).toBe(5); // FailedAttempt: attempts left
      const detail = (await client.applicants.attempt(id, attempt.attemptId)) as unknown as {
        faceFailStatusReasons: string[];
        validationStatus: Record<string, unknown>;
      };
      expect(detail.faceFailStatusReasons).toEqual(['BAD_VIDEO_SELFIE', 'LIVENESS_TURN_MISSING']);
      expect(detail.validationStatus).toMatchObject({
        faceIsValid: true,
        antiSpoofingIsValid: false,
      });
      const row = t.provider.ctx.db
        .prepare('SELECT profile_blob_id FROM applicants WHERE id = ?')
        .get(id) as { profile_blob_id: string | null };
      expect(row.profile_blob_id).toBeNull();
    });

    it('the lockout counts enrolment failures (429 1043 on the next challenge)', async () => {
      const id = await applicant();
      verdict = 'RED';
      for (let i = 0; i < LIVENESS_LOCKOUT.failures; i++)
        await enrol(id, combined(await client.applicants.livenessChallenge(id), `try-${i}`));
      const locked = await failure(client.applicants.livenessChallenge(id));
      expect([locked.status, locked.body.errorCode]).toEqual([429, 1043]);
      advance(LIVENESS_LOCKOUT.lockMs + 1000);
      await client.applicants.livenessChallenge(id);
    });

    it('the validationLink page asks with its requestId; the secret key cannot spend that challenge', async () => {
      const created = await client.applicants.create({ firstName: 'Page', referenceId: 'page-1' });
      const id = created.applicantId;
      const requestId = new URL(created.validationLink).searchParams.get('requestId')!;
      const res = await fetch(
        `${t.url}/embedded/liveness/challenge?requestId=${encodeURIComponent(requestId)}`,
        { method: 'POST' },
      );
      expect(res.status).toBe(200);
      const c = (await res.json()) as LivenessChallenge;
      // The page says liveness is wanted, asks the widget for it, and offers no photo file.
      const page = await (
        await fetch(`${t.url}/embedded?requestId=${encodeURIComponent(requestId)}`)
      ).text();
      expect(page).toContain('"liveness":{"required":true,"reflection":true}');
      expect(page).not.toContain('type="file"');
      const viaKey = await failure(enrol(id, combined(c)));
      expect(viaKey.status).toBe(403);
      const photoForm = async () => {
        const fd = new FormData();
        fd.append(
          'image',
          new Blob([new Uint8Array(await makeImage())], { type: 'image/jpeg' }),
          'selfie.jpg',
        );
        return fd;
      };
      const pageSubmit = (fd: FormData) =>
        fetch(`${t.url}/embedded/attempts?requestId=${encodeURIComponent(requestId)}`, {
          method: 'POST',
          body: fd,
        });
      // What the page's old file form sent, a photo alone: refused before any review.
      const alone = await pageSubmit(await photoForm());
      expect([alone.status, ((await alone.json()) as { errorCode: number }).errorCode]).toEqual([
        400, 1040,
      ]);
      expect((await client.applicants.attempts(id)).attempts).toHaveLength(0);
      // The page's own submit spends it.
      const fd = await photoForm();
      fd.append('challengeId', c.challengeId);
      fd.append(
        'combined',
        new Blob([new Uint8Array(fakeClip('page'))], { type: 'video/webm' }),
        'clip.webm',
      );
      const sent = await pageSubmit(fd);
      expect(sent.status).toBe(200);
      const answer = (await sent.json()) as { attempt: { attemptId: number } };
      expect(answer).toMatchObject({ status: 1, attempt: { status: 0 }, rejectLabels: [] });
      // The page reads its attempt again (a review may outlast the submit's wait); only with its
      // own link's requestId.
      const again = await fetch(
        `${t.url}/embedded/attempts/${answer.attempt.attemptId}?requestId=${encodeURIComponent(requestId)}`,
      );
      expect(await again.json()).toMatchObject({ status: 1, closed: true, attempt: { status: 0 } });
      const other = await client.applicants.create({ firstName: 'Other', referenceId: 'page-2' });
      const otherRequestId = new URL(other.validationLink).searchParams.get('requestId')!;
      const notTheirs = await fetch(
        `${t.url}/embedded/attempts/${answer.attempt.attemptId}?requestId=${otherRequestId}`,
      );
      expect(notTheirs.status).toBe(404);
    });

    it("the validationLink page shows a refusal's labels and whether another attempt is allowed", async () => {
      const created = await client.applicants.create({ firstName: 'Page', referenceId: 'page-3' });
      const requestId = encodeURIComponent(
        new URL(created.validationLink).searchParams.get('requestId')!,
      );
      const c = (await (
        await fetch(`${t.url}/embedded/liveness/challenge?requestId=${requestId}`, {
          method: 'POST',
        })
      ).json()) as LivenessChallenge;
      verdict = 'RED';
      const fd = new FormData();
      fd.append('image', new Blob([new Uint8Array(await makeImage())], { type: 'image/jpeg' }));
      fd.append('challengeId', c.challengeId);
      fd.append('combined', new Blob([new Uint8Array(fakeClip('still'))], { type: 'video/webm' }));
      const sent = await fetch(`${t.url}/embedded/attempts?requestId=${requestId}`, {
        method: 'POST',
        body: fd,
      });
      expect(await sent.json()).toMatchObject({
        status: 5,
        statusName: 'FailedAttempt',
        closed: false,
        rejectLabels: ['BAD_VIDEO_SELFIE', 'LIVENESS_TURN_MISSING'],
        attempt: { status: 2 },
      });
    });

    it('the clips go with the applicant', async () => {
      const gone = await applicant();
      const clipOfGone = fakeClip(`gone-${Math.random()}`.repeat(20));
      await enrol(gone, {
        challengeId: (await client.applicants.livenessChallenge(gone)).challengeId,
        clips: { combined: webm(clipOfGone) },
      });
      expect(databaseBytes(t.provider).includes(sampleOf(clipOfGone))).toBe(true);
      await client.applicants.delete(gone);
      expect(databaseBytes(t.provider).includes(sampleOf(clipOfGone))).toBe(false);
      const clipRows = t.provider.ctx.db
        .prepare('SELECT COUNT(*) AS n FROM liveness_clips')
        .get() as { n: number };
      expect(clipRows.n).toBe(0);
    });
  });

  describe('not required (the test config: the shipped one requires it)', () => {
    beforeEach(() => start(false, { imagesAvailableForSecs: 3600 }));

    it('an attempt without a challenge is judged on its photo alone, as before', async () => {
      const id = await applicant();
      expect((await enrol(id)).status).toBe(0);
      expect(stand.calls).toHaveLength(0);
    });

    it('liveness clips, of enrolment attempts and of actions, are erased by the retention sweeper', async () => {
      const id = await applicant();
      const enrolClip = fakeClip(`enrol-${Math.random()}`.repeat(20));
      const attempt = await enrol(id, {
        challengeId: (await client.applicants.livenessChallenge(id)).challengeId,
        clips: { combined: webm(enrolClip) },
      });
      expect(attempt.status).toBe(0);
      const action = await client.createAction(id, level, { externalActionId: 'ret-clip' });
      const base = `/resources/applicantActions/${action.id}`;
      const c = await client.request<LivenessChallenge>('POST', `${base}/liveness/challenge`);
      const actionClip = fakeClip(`action-${Math.random()}`.repeat(20));
      await client.request('POST', `${base}/videos`, {
        multipart: {
          metadata: JSON.stringify({ challengeId: c.challengeId, kind: 'combined' }),
          content: webm(actionClip),
        },
      });
      const onDisk = (clip: Buffer) => databaseBytes(t.provider).includes(sampleOf(clip));
      expect([onDisk(enrolClip), onDisk(actionClip)]).toEqual([true, true]);

      advance(3600_000 + 1000);
      t.provider.ctx.wake.retention();
      for (let i = 0; (onDisk(enrolClip) || onDisk(actionClip)) && i < 200; i++)
        await new Promise((r) => setTimeout(r, 25));
      expect([onDisk(enrolClip), onDisk(actionClip)]).toEqual([false, false]);
      const kept = t.provider.ctx.db
        .prepare(
          'SELECT COUNT(*) AS n FROM liveness_clips c JOIN blobs b ON b.id = c.blob_id WHERE b.purged_ms IS NULL',
        )
        .get() as { n: number };
      expect(kept.n).toBe(0);
    });
  });
});
