import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FaceReviewer, ReviewOutcome } from '../reviews/engine/contract.js';
import { decodeImage, type RawImage } from '../reviews/engine/image-decode.js';
import type { ProviderClient } from '../../../src/server/index.js';
import { acceptedEnrolment } from '../../testing/reviewers.js';
import type { Receiver, TestProvider } from '../../testing/support.js';
import {
  approvedApplicant,
  enrolledApplicant,
  failure,
  level,
  makeImage,
  noiseJpeg,
  selfie,
  startReceiver,
  startTestProvider,
  submitSelfie,
  until,
} from '../../testing/support.js';

let t: TestProvider;
let hooks: Receiver;
beforeAll(async () => {
  hooks = await startReceiver();
  t = await startTestProvider({ webhookUrl: hooks.url, config: { images: { maxBytes: 200_000 } } });
});
afterAll(async () => {
  await t?.close();
  await hooks?.close();
});

const ext = () => `act-${Math.random().toString(36).slice(2)}`;
/** The action once its review is over (completed or on hold), read through `client`. */
const settledOn = (client: ProviderClient) => (id: string) =>
  until(
    () => client.getAction(id),
    (a) => a.review.reviewStatus === 'completed' || a.review.reviewStatus === 'onHold',
  );
const settled = (id: string) => settledOn(t.client)(id);

describe('creating actions', () => {
  it('creates an action in init, resolves the same externalActionId again, 409 for another applicant', async () => {
    const { applicantId, referenceId } = await approvedApplicant(t.client);
    const externalActionId = ext();
    const a = await t.client.createAction(applicantId, level, {
      externalActionId,
      email: 'a@example.com',
    });
    expect(a).toMatchObject({
      applicantId,
      externalActionId,
      externalUserId: referenceId,
      levelName: level,
      email: 'a@example.com',
      review: { reviewStatus: 'init', attemptCnt: 0, decision: null },
      checks: [],
      images: [],
    });
    expect((await t.client.createAction(applicantId, level, { externalActionId })).id).toBe(a.id);
    const other = await approvedApplicant(t.client);
    const e = await failure(t.client.createAction(other.applicantId, level, { externalActionId }));
    expect(e).toMatchObject({ status: 409, body: { errorCode: 1009 } });
  });

  it('refuses an applicant that is not approved, an unknown level, a missing externalActionId, an unknown applicant', async () => {
    const { applicantId } = await t.client.applicants.create({ firstName: 'NotYet' });
    expect(
      await failure(t.client.createAction(applicantId, level, { externalActionId: ext() })),
    ).toMatchObject({
      status: 409,
      body: { errorCode: 1022 },
    });
    const ok = await approvedApplicant(t.client);
    expect(
      (
        await failure(
          t.client.createAction(ok.applicantId, 'no-such-level', { externalActionId: ext() }),
        )
      ).status,
    ).toBe(404);
    const noExt = await t.client.signedFetch(
      'POST',
      `/resources/applicantActions/-/forApplicant/${ok.applicantId}?levelName=${level}`,
      { json: {} },
    );
    expect(noExt.status).toBe(400);
    expect(
      (await failure(t.client.createAction('nope', level, { externalActionId: ext() }))).status,
    ).toBe(404);
    expect((await failure(t.client.getAction('nope'))).body.errorCode).toBe(1004);
  });
});

describe('images', () => {
  it('adds JPEG, PNG and WebP images with the documented fields; serves the original and a preview', async () => {
    const { applicantId } = await approvedApplicant(t.client);
    const a = await t.client.createAction(applicantId, level, { externalActionId: ext() });
    const big = await makeImage({ width: 1200, height: 900, colour: '#345' });
    const img = await t.client.addActionImage(a.id, {
      content: big,
      fileName: 'big.jpg',
      mimeType: 'image/jpeg',
      metadata: { idDocType: 'SELFIE', country: 'RUS' },
    });
    expect(img).toMatchObject({
      imageFileName: 'big.jpg',
      mimeType: 'image/jpeg',
      actualResolution: { width: 1200, height: 900 },
      answer: null,
      idDocDef: { country: 'RUS', idDocType: 'SELFIE', idDocSubType: null },
      reviewResult: {},
      attemptId: a.review.attemptId,
    });
    expect(img.imageHash).toMatch(/^[0-9a-f]{64}$/);
    for (const f of ['png', 'webp'] as const) await t.client.addActionImage(a.id, await selfie(f));

    const original = await t.client.getActionImage(a.id, img.imageId);
    expect(original.mimeType).toBe('image/jpeg');
    expect(Buffer.from(original.data).equals(big)).toBe(true);
    const preview = await t.client.getActionImage(a.id, img.imageId, { preview: true });
    const meta = await sharp(Buffer.from(preview.data)).metadata();
    expect(Math.max(meta.width!, meta.height!)).toBeLessThanOrEqual(
      t.provider.config.images.previewMaxSide,
    );

    // The Actions API docs name the parameter isPreview: the same preview under that name.
    const path = `/resources/applicantActions/${a.id}/images/${img.imageId}`;
    for (const q of ['?isPreview=true', '?preview=true&isPreview=false']) {
      const res = await t.client.signedFetch('GET', path + q);
      expect(res.headers.get('content-type')).toBe('image/jpeg');
      expect(Buffer.from(await res.arrayBuffer()).equals(Buffer.from(preview.data))).toBe(true);
    }
    const notPreview = await t.client.signedFetch('GET', `${path}?isPreview=false`);
    expect(Buffer.from(await notPreview.arrayBuffer()).equals(big)).toBe(true);

    const one = await t.client.getAction(a.id);
    expect(one.images.map((i) => i.mimeType)).toEqual(['image/jpeg', 'image/png', 'image/webp']);
    expect((await failure(t.client.getActionImage(a.id, 'nope'))).status).toBe(404);
  });

  it('refuses a wrong type (415), too many bytes (413), undecodable or mislabelled bytes (400), bad metadata (400)', async () => {
    const { applicantId } = await approvedApplicant(t.client);
    const a = await t.client.createAction(applicantId, level, { externalActionId: ext() });
    const meta = { idDocType: 'SELFIE', country: 'RUS' };
    const tryUpload = (content: Buffer, fileName: string, mimeType: string, metadata = meta) =>
      failure(t.client.addActionImage(a.id, { content, fileName, mimeType, metadata }));
    const gif = await tryUpload(Buffer.from('GIF89a'), 'a.gif', 'image/gif');
    expect(gif).toMatchObject({ status: 415, body: { errorCode: 1015 } });
    const huge = await sharp({
      create: {
        width: 2000,
        height: 2000,
        channels: 3,
        background: '#000',
        noise: { type: 'gaussian', mean: 128, sigma: 60 },
      },
    })
      .png()
      .toBuffer();
    expect(huge.length).toBeGreaterThan(200_000);
    const tooBig = await tryUpload(huge, 'h.png', 'image/png');
    expect(tooBig).toMatchObject({ status: 413 });
    const junk = await tryUpload(Buffer.from('definitely not a jpeg'), 'j.jpg', 'image/jpeg');
    expect(junk).toMatchObject({ status: 400, body: { errorCode: 1016 } });
    const jpeg = await makeImage();
    const truncated = await tryUpload(jpeg.subarray(0, jpeg.length / 2), 't.jpg', 'image/jpeg');
    expect(truncated).toMatchObject({ status: 400, body: { errorCode: 1016 } });
    const mislabelled = await tryUpload(jpeg, 'm.png', 'image/png');
    expect(mislabelled.status).toBe(400);
    const tiny = await tryUpload(await makeImage({ width: 10, height: 10 }), 's.jpg', 'image/jpeg');
    expect(tiny.status).toBe(400);
    const noCountry = await tryUpload(jpeg, 'x.jpg', 'image/jpeg', {
      idDocType: 'SELFIE',
      country: 'ru',
    });
    expect(noCountry).toMatchObject({ status: 400, body: { errorCode: 1001 } });
    const noContent = await t.client.signedFetch(
      'POST',
      `/resources/applicantActions/${a.id}/images`,
      { multipart: { metadata: JSON.stringify(meta) } },
    );
    expect(noContent.status).toBe(400);
    expect((await t.client.getAction(a.id)).images).toHaveLength(0);
  });
});

describe('image metadata is bounded where it is stored', () => {
  it('refuses a 1 MB idDocType and a 100 KB file name, and names the field past its limit (400 1001); stores names up to 255', async () => {
    const { applicantId } = await approvedApplicant(t.client);
    const a = await t.client.createAction(applicantId, level, { externalActionId: ext() });
    const content = await makeImage();
    const upload = (fileName: string, idDocType = 'SELFIE') =>
      t.client.addActionImage(a.id, {
        content,
        fileName,
        mimeType: 'image/jpeg',
        metadata: { idDocType, country: 'RUS' },
      });
    // A 1 MB value is cut by the metadata part's size limit (413) before it is parsed; one just
    // past the field's own limit is parsed and refused by name.
    const hugeType = await failure(upload('s.jpg', 'X'.repeat(1_000_000)));
    expect(hugeType).toMatchObject({ status: 413, body: { errorCode: 1013 } });
    const hugeName = await failure(upload(`${'n'.repeat(100_000)}.jpg`));
    expect([400, 413]).toContain(hugeName.status);
    const longType = await failure(upload('s.jpg', 'X'.repeat(65)));
    expect(longType).toMatchObject({ status: 400, body: { errorCode: 1001 } });
    expect(String(longType.body.description)).toMatch(/idDocType.*64/);
    const longName = await failure(upload(`${'n'.repeat(252)}.jpg`));
    expect(longName).toMatchObject({ status: 400, body: { errorCode: 1001 } });
    expect(String(longName.body.description)).toMatch(/file name.*255/);
    expect((await t.client.getAction(a.id)).images).toHaveLength(0);

    const name = `${'n'.repeat(251)}.jpg`;
    const ok = await upload(name, 'I'.repeat(64));
    expect(ok).toMatchObject({ imageFileName: name, idDocDef: { idDocType: 'I'.repeat(64) } });
  });
});

describe('image checks agree with the review engine', () => {
  it('accepts a JPEG with a harmless decoder warning, refuses more than 40 MP (400 1016) unread', async () => {
    const { applicantId } = await approvedApplicant(t.client);
    const a = await t.client.createAction(applicantId, level, { externalActionId: ext() });
    const meta = { idDocType: 'SELFIE', country: 'RUS' };
    // Stray bytes before a marker: libjpeg warns ("extraneous bytes") but decodes every pixel.
    const jpeg = await makeImage();
    const odd = Buffer.concat([jpeg.subarray(0, 2), Buffer.alloc(10, 0x11), jpeg.subarray(2)]);
    const engineView = await decodeImage(odd);
    expect(engineView.width).toBe(320);
    const accepted = await t.client.addActionImage(a.id, {
      content: odd,
      fileName: 'odd.jpg',
      mimeType: 'image/jpeg',
      metadata: meta,
    });
    expect(accepted.id).toBeTruthy();
    // 7000x6000 = 42 MP: within maxSide (8000) and, being one colour, within maxBytes.
    const huge = await sharp({
      create: { width: 7000, height: 6000, channels: 3, background: '#8a6' },
    })
      .png({ compressionLevel: 9 })
      .toBuffer();
    expect(huge.length).toBeLessThan(200_000);
    await expect(decodeImage(huge)).rejects.toThrow(/pixel limit|cannot be decoded/);
    const tooMany = await failure(
      t.client.addActionImage(a.id, {
        content: huge,
        fileName: 'huge.png',
        mimeType: 'image/png',
        metadata: meta,
      }),
    );
    expect(tooMany).toMatchObject({ status: 400, body: { errorCode: 1016 } });
    expect(String(tooMany.body.description)).toMatch(/pixels/);
  });
});

describe('review flow', () => {
  it('submit without an image is refused; with one it goes pending → queued and stays queued without a reviewer', async () => {
    const { applicantId } = await enrolledApplicant(t.client);
    const a = await t.client.createAction(applicantId, level, { externalActionId: ext() });
    expect(await failure(t.client.submitAction(a.id))).toMatchObject({
      status: 409,
      body: { errorCode: 1022 },
    });
    await t.client.addActionImage(a.id, await selfie());
    const sub = await t.client.submitAction(a.id);
    expect(sub.review).toMatchObject({ reviewStatus: 'pending', attemptCnt: 1 });
    const queued = await until(
      () => t.client.getAction(a.id),
      (x) => x.review.reviewStatus === 'queued',
    );
    expect(queued.review.reviewResult).toBeUndefined();
    // Submitting again is harmless; adding images now is not allowed.
    expect((await t.client.submitAction(a.id)).id).toBe(a.id);
    expect(await failure(t.client.addActionImage(a.id, await selfie()))).toMatchObject({
      status: 409,
    });
    await hooks.waitFor((r) =>
      r.some((h) => h.body.applicantActionId === a.id && h.body.type === 'applicantActionPending'),
    );
    expect((await t.client.getAction(a.id)).review.reviewStatus).toBe('queued');
  });

  it('sandbox GREEN completes with reviewResult, checks, per-image answer and decision', async () => {
    const { applicantId } = await approvedApplicant(t.client);
    await t.client.setSandboxOutcome(applicantId, { reviewAnswer: 'GREEN' });
    const { action: a } = await submitSelfie(t.client, applicantId);
    const done = await settled(a.id);
    expect(done.review).toMatchObject({
      reviewStatus: 'completed',
      reviewResult: { reviewAnswer: 'GREEN', rejectLabels: [] },
    });
    expect(done.review.decision).toMatchObject({ engine: 'sandbox' });
    expect(done.checks).toEqual([
      { checkType: 'SANDBOX', answer: 'GREEN', details: { forced: true } },
    ]);
    expect(done.images[0]!.answer).toBe('GREEN');
    expect(done.review.reviewDate).not.toBeNull();
    // Completed GREEN cannot be re-submitted.
    expect((await failure(t.client.submitAction(a.id))).status).toBe(409);
  });

  it('RED/RETRY lets the user try again as a new attempt; FINAL does not', async () => {
    const { applicantId } = await approvedApplicant(t.client);
    await t.client.setSandboxOutcome(applicantId, {
      reviewAnswer: 'RED',
      rejectLabels: ['FACE_MISMATCH'],
      reviewRejectType: 'RETRY',
    });
    const { action: a } = await submitSelfie(t.client, applicantId);
    const red = await settled(a.id);
    expect(red.review.reviewResult).toEqual({
      reviewAnswer: 'RED',
      rejectLabels: ['FACE_MISMATCH'],
      reviewRejectType: 'RETRY',
    });
    await t.client.setSandboxOutcome(applicantId, {
      reviewAnswer: 'RED',
      reviewRejectType: 'FINAL',
    });
    const img2 = await t.client.addActionImage(a.id, await selfie());
    expect(img2.attemptId).not.toBe(red.review.attemptId);
    const resub = await t.client.submitAction(a.id);
    expect(resub.review).toMatchObject({ reviewStatus: 'pending', attemptCnt: 2 });
    const final = await settled(a.id);
    expect(final.review.reviewResult).toMatchObject({
      reviewAnswer: 'RED',
      reviewRejectType: 'FINAL',
    });
    expect(final.images.map((i) => i.answer)).toEqual(['RED', 'RED']);
    expect((await failure(t.client.addActionImage(a.id, await selfie()))).status).toBe(409);
  });

  it("every image of the reviewed attempt gets the answer; the create body's questionnaires come back", async () => {
    const { applicantId } = await approvedApplicant(t.client);
    await t.client.setSandboxOutcome(applicantId, { reviewAnswer: 'GREEN' });
    const questionnaires = [{ id: 'q1', sections: { s: { items: { a: { value: 'yes' } } } } }];
    const a = await t.client.createAction(applicantId, level, {
      externalActionId: ext(),
      questionnaires,
    });
    expect(a.questionnaires).toEqual(questionnaires);
    await t.client.addActionImage(a.id, await selfie());
    await t.client.addActionImage(a.id, await selfie());
    await t.client.submitAction(a.id);
    const done = await settled(a.id);
    expect(done.images.map((i) => i.answer)).toEqual(['GREEN', 'GREEN']);
    expect(done.images.map((i) => i.reviewResult)).toEqual([
      { reviewAnswer: 'GREEN', rejectLabels: [] },
      { reviewAnswer: 'GREEN', rejectLabels: [] },
    ]);
    expect(done.questionnaires).toEqual(questionnaires);
  });

  it('sandbox ON_HOLD puts the action on hold; ERROR completes with ERROR', async () => {
    const { applicantId } = await approvedApplicant(t.client);
    await t.client.setSandboxOutcome(applicantId, { reviewAnswer: 'ON_HOLD' });
    const { action: a } = await submitSelfie(t.client, applicantId);
    const held = await settled(a.id);
    expect(held.review).toMatchObject({ reviewStatus: 'onHold' });
    // No verdict yet and not a failure: the image is YELLOW, its reviewResult still empty.
    expect(held.images.map((i) => [i.answer, i.reviewResult])).toEqual([['YELLOW', {}]]);
    await hooks.waitFor((r) =>
      r.some((h) => h.body.applicantActionId === a.id && h.body.type === 'applicantActionOnHold'),
    );

    // The hold is a pause: released with a person's answer, the action completes and is
    // reported with applicantActionReviewed like any other review; its image gets the answer.
    const released = await t.client.releaseHold(a.id, {
      reviewAnswer: 'RED',
      rejectLabels: ['FACE_MISMATCH'],
      reviewRejectType: 'FINAL',
    });
    expect(released.review).toMatchObject({
      reviewStatus: 'completed',
      reviewResult: {
        reviewAnswer: 'RED',
        rejectLabels: ['FACE_MISMATCH'],
        reviewRejectType: 'FINAL',
      },
    });
    expect(released.images.map((i) => i.answer)).toEqual(['RED']);
    await hooks.waitFor((r) =>
      r.some(
        (h) =>
          h.body.applicantActionId === a.id &&
          h.body.type === 'applicantActionReviewed' &&
          (h.body.reviewResult as { reviewAnswer?: string } | undefined)?.reviewAnswer === 'RED',
      ),
    );
    // Only a hold is released: 409 1022 now.
    expect(await failure(t.client.releaseHold(a.id, { reviewAnswer: 'GREEN' }))).toMatchObject({
      status: 409,
      body: { errorCode: 1022 },
    });

    await t.client.setSandboxOutcome(applicantId, { reviewAnswer: 'ERROR' });
    const { action: b } = await submitSelfie(t.client, applicantId);
    expect((await settled(b.id)).review.reviewResult).toMatchObject({ reviewAnswer: 'ERROR' });
  });

  it('sandbox controls are refused (403 1030) when the sandbox is off', async () => {
    const off = await startTestProvider({ config: { sandbox: { enabled: false } } });
    try {
      const { applicantId } = await approvedApplicant(off.client);
      expect(
        await failure(off.client.setSandboxOutcome(applicantId, { reviewAnswer: 'GREEN' })),
      ).toMatchObject({ status: 403, body: { errorCode: 1030 } });
      expect(await failure(off.client.releaseHold('any', { reviewAnswer: 'GREEN' }))).toMatchObject(
        { status: 403, body: { errorCode: 1030 } },
      );
    } finally {
      await off.close();
    }
  });
});

describe('attempts per action', () => {
  it("stops at maxAttemptsPerAction: the last try's RETRY becomes FINAL, more images are 409 1022", async () => {
    const hooks2 = await startReceiver();
    const t2 = await startTestProvider({
      webhookUrl: hooks2.url,
      config: { maxAttemptsPerAction: 2 },
    });
    const settled2 = settledOn(t2.client);
    const redRetry = {
      reviewAnswer: 'RED' as const,
      rejectLabels: ['FACE_MISMATCH'],
      reviewRejectType: 'RETRY' as const,
    };
    try {
      const { applicantId } = await approvedApplicant(t2.client);
      await t2.client.setSandboxOutcome(applicantId, redRetry);
      const { action: a } = await submitSelfie(t2.client, applicantId);
      expect((await settled2(a.id)).review.reviewResult).toMatchObject({
        reviewRejectType: 'RETRY',
      });

      await t2.client.setSandboxOutcome(applicantId, redRetry);
      await t2.client.addActionImage(a.id, await selfie());
      await t2.client.submitAction(a.id);
      const last = await settled2(a.id);
      expect(last.review.attemptCnt).toBe(2);
      expect(last.review.reviewResult).toMatchObject({
        reviewAnswer: 'RED',
        rejectLabels: ['FACE_MISMATCH'],
        reviewRejectType: 'FINAL',
      });
      const more = await failure(t2.client.addActionImage(a.id, await selfie()));
      expect(more).toMatchObject({ status: 409, body: { code: 409, errorCode: 1022 } });
      const reviewed = await hooks2.waitFor(
        (r) =>
          r.filter(
            (h) => h.body.applicantActionId === a.id && h.body.type === 'applicantActionReviewed',
          ).length === 2,
      );
      expect(
        reviewed
          .filter((h) => h.body.type === 'applicantActionReviewed')
          .map((h) => (h.body.reviewResult as { reviewRejectType: string }).reviewRejectType),
      ).toEqual(['RETRY', 'FINAL']);
    } finally {
      await t2.close();
      await hooks2.close();
    }
  });

  it('an action left RETRY on its last try (e.g. the limit was lowered) refuses more images', async () => {
    const { applicantId } = await approvedApplicant(t.client);
    await t.client.setSandboxOutcome(applicantId, {
      reviewAnswer: 'RED',
      reviewRejectType: 'RETRY',
    });
    const { action: a } = await submitSelfie(t.client, applicantId);
    await settled(a.id);
    t.provider.ctx.db.prepare('UPDATE actions SET attempt_cnt = 3 WHERE id = ?').run(a.id);
    const more = await failure(t.client.addActionImage(a.id, await selfie()));
    expect(more).toMatchObject({ status: 409, body: { errorCode: 1022 } });
    expect(String(more.body.description)).toMatch(/all 3 attempts/);
  });
});

describe('listing actions', () => {
  it('returns the page under list (the documented element; the same at the top level as an extra) with limit, offset and order', async () => {
    const { applicantId } = await approvedApplicant(t.client);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      ids.push((await t.client.createAction(applicantId, level, { externalActionId: ext() })).id);
      await new Promise((r) => setTimeout(r, 5)); // distinct createdAt ms
    }
    const all = await t.client.listActions(applicantId);
    expect(all.list.totalItems).toBe(3);
    expect(all.list.items.map((i) => i.id)).toEqual([...ids].reverse());
    expect({ items: all.items, totalItems: all.totalItems }).toEqual(all.list);
    const page = await t.client.listActions(applicantId, {
      limit: 1,
      offset: 1,
      order: '-createdAt',
    });
    expect(page.list.items.map((i) => i.id)).toEqual([ids[1]]);
    expect(page.list.totalItems).toBe(3);
    const asc = await t.client.listActions(applicantId, { order: 'createdAt' });
    expect(asc.list.items.map((i) => i.id)).toEqual(ids);
    expect((await failure(t.client.listActions('nope'))).status).toBe(404);
    const badSelector = await t.client.signedFetch('GET', '/resources/applicantActions/-;foo=bar');
    expect(badSelector.status).toBe(404);
  });
});

describe('WebSDK link', () => {
  it('returns a URL to an emulator page that carries an access token; expired links are 410', async () => {
    const { applicantId, referenceId } = await approvedApplicant(t.client);
    const { url } = await t.client.createWebsdkLink(level, {
      externalUserId: referenceId,
      externalActionId: ext(),
      locale: 'ru',
      ttlInSecs: 60,
    });
    expect(url.startsWith(`${t.url}/websdk/p/`)).toBe(true);
    const page = await fetch(url);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('lang="ru"');
    expect(html).toMatch(/_act-/);
    t.advance(61_000);
    try {
      expect((await fetch(url)).status).toBe(410);
    } finally {
      t.advance(-61_000);
    }
    expect(
      (
        await failure(
          t.client.createWebsdkLink(level, { externalUserId: 'nobody', externalActionId: 'x' }),
        )
      ).status,
    ).toBe(404);
    // Deleting the applicant takes its tokens and links with it.
    await t.client.applicants.delete(applicantId);
    expect((await fetch(url)).status).toBe(404);
  });
});

describe('with a reviewer', () => {
  /**
   * Test double: answers with `answer(callNumber)` (throwing = engine failure) and records what it
   * was given. Other tests' queued reviews may reach it too, so answers must not depend on order.
   */
  class ScriptedReviewer implements FaceReviewer {
    calls: {
      selfie: number;
      profile: number;
      thresholds: unknown;
      selfieBytes: Uint8Array;
      selfiePixels: RawImage | undefined;
    }[] = [];
    constructor(private readonly answer: (call: number) => ReviewOutcome) {}
    async enrol() {
      return { ...acceptedEnrolment(), descriptor: [0.1, 0.2] };
    }
    async review(input: {
      selfie: Uint8Array;
      selfiePixels?: RawImage;
      profileImage: Uint8Array;
      profileDescriptor?: number[];
      thresholds: unknown;
    }) {
      this.calls.push({
        selfie: input.selfie.length,
        profile: input.profileImage.length,
        thresholds: input.thresholds,
        selfieBytes: input.selfie,
        selfiePixels: input.selfiePixels,
      });
      return this.answer(this.calls.length);
    }
    async close() {}
  }
  const green: ReviewOutcome = {
    reviewAnswer: 'GREEN',
    rejectLabels: [],
    imageAnswer: 'GREEN',
    checks: [{ checkType: 'FACE_MATCH', answer: 'GREEN', details: { similarity: 91 } }],
    decision: {
      engine: 'test-double',
      models: { m: '1' },
      thresholds: { faceValidationPercent: 70, qualityScore: 30 },
      scores: { similarity: 91 },
      timingsMs: { total: 1 },
      decidedAt: '2026-01-01T00:00:00.000Z',
    },
  };

  it('runs queued reviews through the reviewer once it is plugged in, with the profile face and thresholds', async () => {
    const { applicantId } = await enrolledApplicant(t.client);
    const { action: a } = await submitSelfie(t.client, applicantId);
    await until(
      () => t.client.getAction(a.id),
      (x) => x.review.reviewStatus === 'queued',
    );
    const reviewer = new ScriptedReviewer((n) => {
      if (n === 1) throw new Error('engine hiccup');
      return green;
    });
    t.provider.setReviewer(reviewer);
    try {
      const done = await settled(a.id);
      expect(done.review.reviewResult).toEqual({ reviewAnswer: 'GREEN', rejectLabels: [] });
      expect(done.checks).toEqual(green.checks);
      expect(done.review.decision).toEqual(green.decision);
      expect(reviewer.calls.length).toBeGreaterThanOrEqual(2); // the hiccup was retried
      expect(reviewer.calls[0]!.profile).toBeGreaterThan(0);
      expect(reviewer.calls[0]!.thresholds).toEqual({
        faceValidationPercent: 70,
        qualityScore: 30,
      });
    } finally {
      t.provider.setReviewer(null);
    }
  });

  it('forgets a selfie decoded at upload when its applicant is deleted before the review', async () => {
    const { applicantId } = await enrolledApplicant(t.client);
    const a = await t.client.createAction(applicantId, level, { externalActionId: ext() });
    await t.client.addActionImage(a.id, {
      content: await noiseJpeg(120),
      fileName: 'n.jpg',
      mimeType: 'image/jpeg',
    });
    const { blob_id: blobId } = t.provider.ctx.db
      .prepare('SELECT blob_id FROM action_images WHERE action_id = ?')
      .get(a.id) as { blob_id: string };
    expect(t.provider.ctx.decodedImages.has(blobId)).toBe(true);
    await t.client.applicants.delete(applicantId);
    expect(t.provider.ctx.decodedImages.has(blobId)).toBe(false);
  });

  it('hands the reviewer the selfie as decoded at upload, once: a retry decodes the bytes again', async () => {
    const { applicantId } = await enrolledApplicant(t.client);
    const a = await t.client.createAction(applicantId, level, { externalActionId: ext() });
    // Random pixels: no other test's selfie has these bytes.
    const jpeg = await noiseJpeg(120);
    await t.client.addActionImage(a.id, {
      content: jpeg,
      fileName: 'n.jpg',
      mimeType: 'image/jpeg',
    });
    const ours = () => reviewer.calls.filter((c) => Buffer.from(c.selfieBytes).equals(jpeg));
    const reviewer = new ScriptedReviewer(() => {
      if (ours().length === 1) throw new Error('engine hiccup');
      return green;
    });
    t.provider.setReviewer(reviewer);
    try {
      await t.client.submitAction(a.id);
      expect((await settled(a.id)).review.reviewResult?.reviewAnswer).toBe('GREEN');
      const [first, retry] = ours();
      const decoded = await decodeImage(jpeg);
      expect(first!.selfiePixels).toMatchObject({ width: 120, height: 120 });
      expect(Buffer.from(first!.selfiePixels!.data).equals(Buffer.from(decoded.data))).toBe(true);
      expect(retry!.selfiePixels).toBeUndefined();
    } finally {
      t.provider.setReviewer(null);
    }
  });

  it('a reviewer that keeps failing ends in ERROR, not GREEN', async () => {
    const { applicantId } = await enrolledApplicant(t.client);
    const { action: a } = await submitSelfie(t.client, applicantId, { submit: false });
    t.provider.setReviewer(
      new ScriptedReviewer(() => {
        throw new Error('down');
      }),
    );
    try {
      await t.client.submitAction(a.id);
      const done = await settled(a.id);
      expect(done.review.reviewResult).toMatchObject({
        reviewAnswer: 'ERROR',
        moderationComment: 'down',
      });
    } finally {
      t.provider.setReviewer(null);
    }
  });
});
