/**
 * Liveness over HTTP with a stand-in clip verifier (no models): challenges, clips, the submit's
 * checks, the review's fields, the lockout, the sandbox seed, deletion. The real verifier on
 * rendered clips is in `liveness-http.test.ts`.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  appToken,
  enrolledApplicant,
  failure,
  level,
  secretKey,
  selfie,
  startTestProvider,
  until,
  type TestProvider,
} from '../../testing/support.js';
import { createGreenReviewer } from '../../testing/reviewers.js';
import { ProviderClient } from '../../../src/server/index.js';
import type { LivenessChallenge } from './challenge.js';
import { useLivenessVerifier } from './review.js';
import { LIVENESS_LOCKOUT } from './store.js';
import { fakeClip, standInVerifier } from '../../testing/liveness/stand-in-verifier.js';

const livenessLevel = (required: boolean) => ({
  levels: [
    { name: level, type: 'faceAuthorization' as const, liveness: { required, reflection: true } },
  ],
});

const base = (actionId: string) => `/resources/applicantActions/${actionId}`;

function challenge(client: ProviderClient, actionId: string) {
  return client.request<LivenessChallenge>('POST', `${base(actionId)}/liveness/challenge`);
}

function sendClip(
  client: ProviderClient,
  actionId: string,
  challengeId: string,
  kind = 'combined',
  content: Buffer = fakeClip(),
) {
  return client.request<{ challengeId: string; kind: string; bytes: number }>(
    'POST',
    `${base(actionId)}/videos`,
    {
      multipart: {
        metadata: JSON.stringify({ challengeId, kind }),
        content: { content, fileName: 'clip.webm', mimeType: 'video/webm' },
      },
    },
  );
}

async function newAction(client: ProviderClient, applicantId: string) {
  const action = await client.createAction(applicantId, level, {
    externalActionId: `act-${Math.random().toString(36).slice(2)}`,
  });
  await client.addActionImage(action.id, await selfie());
  return action;
}

const completed = (client: ProviderClient, actionId: string) =>
  until(
    () => client.getAction(actionId),
    (a) => a.review.reviewStatus === 'completed',
  );

describe('liveness over HTTP', () => {
  let t: TestProvider;
  let client: ProviderClient;
  let applicantId: string;
  let stand: ReturnType<typeof standInVerifier>;
  let verdict: 'GREEN' | 'RED';
  let shift = 0;
  /** Moves the emulator's clock and the client's signing clock together. */
  const advance = (ms: number) => {
    t.advance(ms);
    shift += ms;
  };

  async function start(required: boolean, extra: Record<string, unknown> = {}) {
    t = await startTestProvider({
      reviewer: createGreenReviewer(),
      config: { ...livenessLevel(required), ...extra },
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
    ({ applicantId } = await enrolledApplicant(client));
  }

  afterEach(async () => t?.close());

  describe('with liveness required', () => {
    beforeEach(() => start(true));

    it('issues a challenge bound to the action: 128-bit id, expiry within 120 s, colours and turns', async () => {
      const action = await newAction(client, applicantId);
      const c = await challenge(client, action.id);
      expect(Buffer.from(c.challengeId, 'base64url')).toHaveLength(16);
      expect(Date.parse(c.expiresAt) - Date.now()).toBeLessThanOrEqual(120_000);
      expect(c.colours.length).toBeGreaterThanOrEqual(4);
      expect(c.segmentMs).toBeGreaterThanOrEqual(334);
      expect([...c.turns].sort()).toEqual(['left', 'right']);
      // Another action's clip cannot use it.
      const other = await newAction(client, applicantId);
      const wrong = await failure(sendClip(client, other.id, c.challengeId));
      expect(wrong.status).toBe(404);
    });

    it('refuses a submit without a challenge, and one without its clip (400 1040)', async () => {
      const action = await newAction(client, applicantId);
      const none = await failure(client.submitAction(action.id));
      expect([none.status, none.body.errorCode]).toEqual([400, 1040]);
      const c = await challenge(client, action.id);
      const noClip = await failure(client.submitAction(action.id));
      expect([noClip.status, noClip.body.errorCode]).toEqual([400, 1040]);
      // Two clips: the turns alone are not enough when the level wants the reflection.
      await sendClip(client, action.id, c.challengeId, 'turns');
      const half = await failure(client.submitAction(action.id));
      expect(half.body.description).toMatch(/reflection/);
      expect((await client.getAction(action.id)).review.reviewStatus).toBe('init');
      await sendClip(client, action.id, c.challengeId, 'reflection');
      expect((await client.submitAction(action.id)).review.reviewStatus).toBe('pending');
      const done = await completed(client, action.id);
      expect(done.review.reviewResult?.reviewAnswer).toBe('GREEN');
      // One verification per clip; the colours' clip is asked for no turns.
      expect(stand.calls.map((c) => c.challenge.turns.length).sort()).toEqual([0, 2]);
    });

    it('verifies the clip in the review and shows the liveness fields, checks and decision', async () => {
      const action = await newAction(client, applicantId);
      const c = await challenge(client, action.id);
      const sent = await sendClip(client, action.id, c.challengeId);
      expect(sent).toMatchObject({ challengeId: c.challengeId, kind: 'combined' });
      await client.submitAction(action.id);
      const done = (await completed(client, action.id)) as unknown as {
        review: { reviewResult: { reviewAnswer: string }; decision: Record<string, unknown> };
        checks: { checkType: string }[];
        liveness: Record<string, unknown>;
      };
      expect(done.review.reviewResult.reviewAnswer).toBe('GREEN');
      expect(done.checks.map((x) => x.checkType)).toEqual([
        'FACE_MATCH',
        'LIVENESS',
        'LIVENESS_REFLECTION',
      ]);
      expect(done.liveness).toMatchObject({
        challengeId: c.challengeId,
        reviewAnswer: 'GREEN',
        antiSpoofingIsValid: true,
        antiSpoofingPercent: 88,
        livenessReflectionIsValid: true,
        livenessReflectionScore: 91,
        livenessReflectionConfidence: 99,
        clips: ['combined'],
      });
      const decision = done.review.decision.liveness as Record<string, unknown>;
      expect(decision).toMatchObject({ clips: 'combined', antiSpoofingPercent: 88 });
      expect(decision.decision).toHaveProperty('yawTrack');
      // The backend reads the clip back; both endpoints serve a combined clip.
      for (const which of ['Video', 'LivenessActionVideo']) {
        const res = await client.signedFetch('GET', `${base(action.id)}/${which}`);
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type')).toBe('video/webm');
        expect(Buffer.from(await res.arrayBuffer())).toEqual(fakeClip());
      }
    });

    it('refuses a reused challenge (409 1041) and an expired one (400 1042)', async () => {
      const action = await newAction(client, applicantId);
      const c = await challenge(client, action.id);
      await sendClip(client, action.id, c.challengeId);
      await client.submitAction(action.id);
      const reused = await failure(sendClip(client, action.id, c.challengeId));
      expect([reused.status, reused.body.errorCode]).toEqual([409, 1041]);

      const later = await newAction(client, applicantId);
      const old = await challenge(client, later.id);
      await sendClip(client, later.id, old.challengeId);
      advance(121_000);
      const expired = await failure(client.submitAction(later.id));
      expect([expired.status, expired.body.errorCode]).toEqual([400, 1042]);
      const lateClip = await failure(sendClip(client, later.id, old.challengeId));
      expect([lateClip.status, lateClip.body.errorCode]).toEqual([400, 1042]);
    });

    it('a RED liveness is RED/RETRY; a retry needs a new challenge (the old one is used)', async () => {
      verdict = 'RED';
      const action = await newAction(client, applicantId);
      const c = await challenge(client, action.id);
      await sendClip(client, action.id, c.challengeId);
      await client.submitAction(action.id);
      const red = await completed(client, action.id);
      expect(red.review.reviewResult).toMatchObject({
        reviewAnswer: 'RED',
        rejectLabels: ['BAD_VIDEO_SELFIE', 'LIVENESS_TURN_MISSING'],
        reviewRejectType: 'RETRY',
      });
      await client.addActionImage(action.id, await selfie());
      const reused = await failure(client.submitAction(action.id));
      expect([reused.status, reused.body.errorCode]).toEqual([409, 1041]);
    });

    it(`locks the applicant out after ${LIVENESS_LOCKOUT.failures} failures within 3 minutes (429 1043)`, async () => {
      verdict = 'RED';
      const fail = async (actionId: string, first: boolean) => {
        if (!first) await client.addActionImage(actionId, await selfie());
        const c = await challenge(client, actionId);
        await sendClip(client, actionId, c.challengeId);
        await client.submitAction(actionId);
        await until(
          () => client.getAction(actionId),
          (a) => a.review.reviewStatus === 'completed',
        );
      };
      const a = await newAction(client, applicantId);
      const b = await newAction(client, applicantId);
      for (let i = 0; i < 3; i++) await fail(a.id, i === 0);
      await fail(b.id, true);
      // Ready to submit on a third action before the fifth failure lands.
      const ready = await newAction(client, applicantId);
      const c = await challenge(client, ready.id);
      await sendClip(client, ready.id, c.challengeId);
      await fail(b.id, false);

      const locked = await failure(challenge(client, b.id));
      expect([locked.status, locked.body.errorCode]).toEqual([429, 1043]);
      // Retry-After says when the lock ends (the widget shows "come back later" meanwhile).
      const raw = await client.signedFetch(
        'POST',
        `/resources/applicantActions/${b.id}/liveness/challenge`,
      );
      const retryAfter = Number(raw.headers.get('retry-after'));
      expect(raw.status).toBe(429);
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(LIVENESS_LOCKOUT.lockMs / 1000);
      const submit = await failure(client.submitAction(ready.id));
      expect([submit.status, submit.body.errorCode]).toEqual([429, 1043]);
      advance(LIVENESS_LOCKOUT.lockMs + 1000);
      await client.addActionImage(b.id, await selfie());
      expect((await challenge(client, b.id)).challengeId).toBeTruthy();
    });

    it('binds the challenge to the token that asked: a browser token asks, another caller cannot add clips', async () => {
      const action = await newAction(client, applicantId);
      const applicant = await client.applicants.get(applicantId);
      const { token } = await client.createAccessToken({
        userId: applicant.referenceId ?? applicantId,
        levelName: level,
        externalActionId: action.externalActionId,
      });
      const res = await fetch(`${t.url}${base(action.id)}/liveness/challenge`, {
        method: 'POST',
        headers: { 'x-access-token': token },
      });
      expect(res.status).toBe(200);
      const c = (await res.json()) as LivenessChallenge;
      const other = await failure(sendClip(client, action.id, c.challengeId));
      expect([other.status, other.body.errorCode]).toEqual([403, 4030]);
      // A token for another action is out of scope for the challenge itself.
      const { token: otherToken } = await client.createAccessToken({
        userId: applicant.referenceId ?? applicantId,
        levelName: level,
        externalActionId: 'someone-else',
      });
      const scoped = await fetch(`${t.url}${base(action.id)}/liveness/challenge`, {
        method: 'POST',
        headers: { 'x-access-token': otherToken },
      });
      expect(scoped.status).toBe(403);
    });

    it('seeds the next challenge (sandbox) and deletes the clips with the applicant', async () => {
      const action = await newAction(client, applicantId);
      const seed = {
        challengeId: 'AAAAAAAAAAAAAAAAAAAAAA',
        colours: ['#ff0000', '#00ff00', '#0000ff', '#ffff00'],
        segmentMs: 500,
        turns: ['right', 'left'],
      };
      const seeded = await client.request(
        'POST',
        `/resources/sandbox/applicantActions/${action.id}/livenessChallenge`,
        {
          json: seed,
        },
      );
      expect(seeded).toEqual(seed);
      const c = await challenge(client, action.id);
      expect(c).toMatchObject(seed);
      // Used once: the next challenge is random again.
      expect((await challenge(client, action.id)).challengeId).not.toBe(seed.challengeId);
      await sendClip(client, action.id, c.challengeId);
      const { db } = t.provider.ctx;
      const clips = () =>
        (
          db.prepare(`SELECT COUNT(*) AS n FROM blobs WHERE mime = 'video/webm'`).get() as {
            n: number;
          }
        ).n;
      expect(clips()).toBe(1);
      await client.applicants.delete(applicantId);
      expect(clips()).toBe(0);
      expect(db.prepare('SELECT COUNT(*) AS n FROM liveness_challenges').get()).toEqual({ n: 0 });
    });
  });

  describe('with liveness not required (a level that says so; the shipped one requires it)', () => {
    beforeEach(() => start(false));

    it('submits without a challenge as before, and answers 120033 for the videos', async () => {
      const action = await newAction(client, applicantId);
      await client.submitAction(action.id);
      const done = (await completed(client, action.id)) as unknown as {
        review: { reviewResult: { reviewAnswer: string } };
        liveness: unknown;
      };
      expect(done.review.reviewResult.reviewAnswer).toBe('GREEN');
      expect(done.liveness).toBeNull();
      expect(stand.calls).toHaveLength(0);
      const res = await client.signedFetch('GET', `${base(action.id)}/Video`);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { errorCode: number }).errorCode).toBe(120033);
    });

    it('still verifies a complete challenge the browser sent', async () => {
      const action = await newAction(client, applicantId);
      const c = await challenge(client, action.id);
      await sendClip(client, action.id, c.challengeId);
      await client.submitAction(action.id);
      await completed(client, action.id);
      expect(stand.calls).toHaveLength(1);
    });
  });

  it('refuses the sandbox seed when the sandbox is off (403 1030)', async () => {
    await start(true);
    const action = await newAction(client, applicantId);
    await t.close();
    t = await startTestProvider({
      reviewer: createGreenReviewer(),
      config: { ...livenessLevel(true), sandbox: { enabled: false } },
    });
    const res = await failure(
      t.client.request(
        'POST',
        `/resources/sandbox/applicantActions/${action.id}/livenessChallenge`,
        {
          json: {},
        },
      ),
    );
    // The action is another emulator's: with the sandbox off the answer is 403 before 404.
    expect([res.status, res.body.errorCode]).toEqual([403, 1030]);
  });
});
