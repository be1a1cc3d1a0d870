import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActionClientConfig, ActionPhase } from '../../src/api/index.js';
import { runAction } from '../../src/api/index.js';
import type { TestProvider } from 'face-auth-emulator/testing';
import { approvedApplicant, level, makeImage, startTestProvider } from 'face-auth-emulator/testing';

/**
 * The provider flow against the real emulator (sandbox outcomes decide the reviews, so no face
 * model is needed): the same paths, auth and error shapes as the browser will meet.
 */

let t: TestProvider;

beforeAll(async () => {
  t = await startTestProvider();
});

afterAll(async () => {
  await t?.close();
});

async function setup(outcome: Parameters<TestProvider['client']['setSandboxOutcome']>[1]) {
  const a = await approvedApplicant(t.client);
  await t.client.setSandboxOutcome(a.applicantId, outcome);
  const externalActionId = `ext-${Math.random().toString(36).slice(2)}`;
  let minted = 0;
  const s: { beforeMint?: () => void } = {};
  const config: ActionClientConfig = {
    apiBaseUrl: t.url,
    country: 'RUS',
    externalActionId,
    accessTokenProvider: async () => {
      minted += 1;
      // The app-token signature allows ±60 s, so the backend mints at the real time.
      s.beforeMint?.();
      const { token } = await t.client.createAccessToken({
        userId: a.referenceId,
        levelName: level,
        externalActionId,
        ttlInSecs: 600,
      });
      return token;
    },
    retry: { retries: 2, baseMs: 10, factor: 2, maxMs: 50 },
    poll: { initialDelayMs: 20, factor: 1.5, maxDelayMs: 200, jitter: 0.2, timeoutMs: 15_000 },
  };
  const image = new Blob([new Uint8Array(await makeImage({ width: 480, height: 640 }))], {
    type: 'image/jpeg',
  });
  return Object.assign(s, { ...a, externalActionId, config, image, minted: () => minted });
}

describe('runAction against the emulator', () => {
  it('GREEN: the action ends completed in the emulator, with our image', async () => {
    const s = await setup({ reviewAnswer: 'GREEN' });
    const outcome = await runAction(s.config, { image: s.image });
    expect(outcome).toMatchObject({
      externalActionId: s.externalActionId,
      reviewStatus: 'completed',
      answer: 'GREEN',
    });
    const action = await t.client.getAction(outcome.actionId);
    expect(action.review.reviewStatus).toBe('completed');
    expect(action.images).toHaveLength(1);
    expect(action.images[0]!.idDocDef).toMatchObject({ idDocType: 'SELFIE', country: 'RUS' });
  });

  it('RED with labels and reject type', async () => {
    const s = await setup({
      reviewAnswer: 'RED',
      rejectLabels: ['FACE_MISMATCH'],
      reviewRejectType: 'FINAL',
    });
    const outcome = await runAction(s.config, { image: s.image });
    expect(outcome).toMatchObject({
      answer: 'RED',
      reviewResult: { rejectLabels: ['FACE_MISMATCH'], reviewRejectType: 'FINAL' },
    });
  });

  it('the access token expires between upload and submit: refreshed once, then completed', async () => {
    const s = await setup({ reviewAnswer: 'GREEN' });
    let advanced = false;
    // The emulator's clock jumps past the token's TTL before the submit, and back before the
    // backend mints the next token.
    s.beforeMint = () => {
      if (advanced) t.advance(-601_000);
      advanced = false;
    };
    try {
      const outcome = await runAction(s.config, {
        image: s.image,
        onState: (phase: ActionPhase) => {
          if (phase === 'submitting') {
            t.advance(601_000);
            advanced = true;
          }
        },
      });
      expect(outcome.answer).toBe('GREEN');
      expect(s.minted()).toBe(2);
    } finally {
      if (advanced) t.advance(-601_000);
    }
  });

  it('an image the emulator cannot decode: provider-rejected with its errorCode and description', async () => {
    const s = await setup({ reviewAnswer: 'GREEN' });
    const garbage = new Blob([new Uint8Array(10)], { type: 'image/jpeg' });
    const e = await runAction(s.config, { image: garbage }).catch((x: unknown) => x);
    expect(e).toMatchObject({ code: 'provider-rejected', step: 'upload' });
    expect((e as { errorCode?: number }).errorCode).toBeTypeOf('number');
    expect((e as { description?: string }).description).toBeTypeOf('string');
  });
});
