import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFaceReviewer } from './engine/index.js';
import type { FaceReviewer } from './engine/contract.js';
import type { Receiver, TestProvider } from '../../testing/support.js';
import {
  level,
  makeImage,
  startReceiver,
  startTestProvider,
  until,
} from '../../testing/support.js';

/**
 * End to end through HTTP with the real review engine and real photographs: enrolment, then
 * face-authorization actions that match (GREEN) and do not (RED), with the webhook.
 */
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const faces = path.resolve(repoRoot, '../shared/faces');
const haveFaces = existsSync(path.join(faces, 'obama-1.jpg'));
if (!haveFaces) console.warn(`[real-review] skipped: no face photos at ${faces}`);

describe.skipIf(!haveFaces)('emulator with the real review engine', () => {
  let t: TestProvider;
  let hooks: Receiver;
  let reviewer: FaceReviewer;
  const photo = (name: string) => ({
    content: readFileSync(path.join(faces, name)),
    fileName: name,
    mimeType: 'image/jpeg',
  });

  beforeAll(async () => {
    reviewer = await createFaceReviewer({ workers: 1 });
    hooks = await startReceiver();
    t = await startTestProvider({
      reviewer,
      webhookUrl: hooks.url,
      config: { sandbox: { enabled: false } },
    });
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await hooks?.close();
    await reviewer?.close();
  });

  const enrol = async () => {
    const { applicantId } = await t.client.applicants.create({
      referenceId: `obama-${Date.now()}`,
    });
    const attempt = await t.client.applicants.enrol(applicantId, photo('obama-1.jpg'), {
      waitMs: 90_000,
    });
    return { applicantId, attempt };
  };
  let enrolment: ReturnType<typeof enrol> | undefined;
  /** obama-1 enrolled once for the file; whichever test asks first runs it. */
  const enrolObama1 = () => (enrolment ??= enrol());
  const review = async (content: Buffer, fileName: string) => {
    const { applicantId } = await enrolObama1();
    const a = await t.client.createAction(applicantId, level, {
      externalActionId: `${fileName}-${Date.now()}`,
    });
    await t.client.addActionImage(a.id, {
      content,
      fileName,
      mimeType: 'image/jpeg',
      metadata: { idDocType: 'SELFIE', country: 'USA' },
    });
    await t.client.submitAction(a.id);
    return until(
      () => t.client.getAction(a.id),
      (x) => x.review.reviewStatus === 'completed',
      90_000,
    );
  };
  const run = (file: string) => review(photo(file).content, file);

  it('enrols a face, then answers GREEN for the same person and RED for another', async () => {
    const { applicantId, attempt } = await enrolObama1();
    expect(attempt).toMatchObject({ status: 0, validationStatus: { faceIsValid: true } });
    expect((await t.client.applicants.get(applicantId)).statusName).toBe('Success');

    const same = await run('obama-2.jpg');
    expect(same.review.reviewResult?.reviewAnswer).toBe('GREEN');
    expect(same.images[0]!.answer).toBe('GREEN');
    expect(same.checks.map((c) => c.checkType)).toContain('FACE_MATCH');
    expect(same.review.decision).toMatchObject({
      engine: expect.any(String),
      thresholds: { faceValidationPercent: 70 },
    });

    const other = await run('biden-2.jpg');
    expect(other.review.reviewResult).toMatchObject({
      reviewAnswer: 'RED',
      rejectLabels: expect.arrayContaining(['FACE_MISMATCH']),
    });
    expect(other.images[0]!.answer).toBe('RED');

    const reviewed = await hooks.waitFor(
      (r) => r.filter((h) => h.body.type === 'applicantActionReviewed').length >= 2,
    );
    const answers = reviewed
      .filter((h) => h.body.type === 'applicantActionReviewed')
      .map((h) => (h.body.reviewResult as { reviewAnswer: string }).reviewAnswer);
    expect(answers).toEqual(['GREEN', 'RED']);
    expect(reviewed.every((h) => h.body.sandboxMode === false)).toBe(true);
  }, 180_000);

  it('answers RED with MULTIPLE_FACES for two people in the selfie', async () => {
    const result = await run('two-people.jpg');
    expect(result.review.reviewResult).toMatchObject({
      reviewAnswer: 'RED',
      rejectLabels: expect.arrayContaining(['MULTIPLE_FACES']),
      reviewRejectType: 'RETRY',
    });
  }, 120_000);

  it('answers RED with NO_FACE for a picture without a face', async () => {
    const result = await review(await makeImage({ width: 640, height: 480 }), 'wall.jpg');
    expect(result.review.reviewResult).toMatchObject({
      reviewAnswer: 'RED',
      rejectLabels: ['NO_FACE'],
      reviewRejectType: 'RETRY',
    });
  }, 120_000);

  it('refuses a corrupt JPEG at upload, and the emulator keeps serving', async () => {
    const { applicantId } = await enrolObama1();
    const a = await t.client.createAction(applicantId, level, {
      externalActionId: `corrupt-${Date.now()}`,
    });
    const whole = photo('obama-2.jpg').content;
    const corrupt = Buffer.concat([whole.subarray(0, 2000), Buffer.alloc(2000, 0x5a)]);
    await expect(
      t.client.addActionImage(a.id, {
        content: corrupt,
        fileName: 'corrupt.jpg',
        mimeType: 'image/jpeg',
        metadata: { idDocType: 'SELFIE', country: 'USA' },
      }),
    ).rejects.toMatchObject({ status: 400 });
    // Still alive and still judging.
    expect((await run('obama-2.jpg')).review.reviewResult?.reviewAnswer).toBe('GREEN');
  }, 120_000);
});
