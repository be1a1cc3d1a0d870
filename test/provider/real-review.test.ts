import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFaceReviewer } from '../../demo/provider/review/index.js';
import type { FaceReviewer } from '../../demo/provider/review/contract.js';
import type { Receiver, TestProvider } from './support.js';
import { level, startReceiver, startTestProvider, until } from './support.js';

/**
 * End to end through HTTP with the real review engine and real photographs: enrolment, then
 * face-authorization actions that match (GREEN) and do not (RED), with the webhook.
 */
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
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

  it('enrols a face, then answers GREEN for the same person and RED for another', async () => {
    const { applicantId } = await t.client.applicants.create({
      referenceId: `obama-${Date.now()}`,
    });
    const attempt = await t.client.applicants.enrol(applicantId, photo('obama-1.jpg'), {
      waitMs: 90_000,
    });
    expect(attempt).toMatchObject({ status: 0, validationStatus: { faceIsValid: true } });
    expect((await t.client.applicants.get(applicantId)).statusName).toBe('Success');

    const run = async (file: string) => {
      const a = await t.client.createAction(applicantId, level, {
        externalActionId: `${file}-${Date.now()}`,
      });
      await t.client.addActionImage(a.id, {
        ...photo(file),
        metadata: { idDocType: 'SELFIE', country: 'USA' },
      });
      await t.client.submitAction(a.id);
      return until(
        () => t.client.getAction(a.id),
        (x) => x.review.reviewStatus === 'completed',
        90_000,
      );
    };
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

    const reviewed = await hooks.waitFor(
      (r) => r.filter((h) => h.body.type === 'applicantActionReviewed').length >= 2,
    );
    const answers = reviewed
      .filter((h) => h.body.type === 'applicantActionReviewed')
      .map((h) => (h.body.reviewResult as { reviewAnswer: string }).reviewAnswer);
    expect(answers).toEqual(['GREEN', 'RED']);
    expect(reviewed.every((h) => h.body.sandboxMode === false)).toBe(true);
  }, 180_000);
});
