/**
 * The engine end to end on the shared photos (real models, one worker, loaded once for the file).
 * Skips itself when ../shared/faces is absent.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EnrolmentOutcome, ReviewOutcome } from './contract.js';
import { ACCEPTED_ENROLMENT } from './fixtures/accepted-enrolment.js';
import { createFaceReviewer, DEFAULT_THRESHOLDS, type FaceReviewEngine } from './index.js';
import { decodeImage } from './image-decode.js';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const facesDir = path.resolve(repoRoot, '../shared/faces');
const haveFaces = existsSync(facesDir);
if (!haveFaces) {
  console.warn(
    `SKIP review engine tests: ${facesDir} is missing; they need the shared face photos.`,
  );
}

const photo = async (name: string) => new Uint8Array(await readFile(path.join(facesDir, name)));
const thresholds = DEFAULT_THRESHOLDS;

describe.skipIf(!haveFaces)('review engine on the shared photos', () => {
  let engine: FaceReviewEngine;
  let obama1: Uint8Array;
  let enrolment: Promise<EnrolmentOutcome> | undefined;
  /** obama-1 enrolled once for the file; whichever test asks first runs it. */
  const enrolObama1 = () => (enrolment ??= engine.enrol(obama1, thresholds));
  /** A review of `selfie` against the enrolled obama-1 (its stored descriptor). */
  const vsObama1 = async (selfie: Uint8Array) =>
    engine.review({
      selfie,
      profileImage: obama1,
      profileDescriptor: (await enrolObama1()).descriptor as number[],
      thresholds,
    });

  beforeAll(async () => {
    engine = await createFaceReviewer({ workers: 1 });
    obama1 = await photo('obama-1.jpg');
  });
  afterAll(async () => {
    await engine?.close();
  });

  it('tells the dispatcher one review per worker and one decoding for the next free worker', () => {
    expect(engine.concurrency).toBe(2);
  });

  it('enrols obama-1: accepted, validationStatus flags, descriptor, decision record', async () => {
    const outcome = await enrolObama1();
    expect(outcome).toMatchObject(ACCEPTED_ENROLMENT);
    expect(outcome.descriptor).toHaveLength(128);
    expect(outcome.decision.models).toMatchObject({
      'face-api': '1.7.15',
      tfjs: '4.22.0',
      recognition: expect.stringMatching(/^face_recognition_model sha256:/),
    });
    expect(outcome.decision.timingsMs.total).toBeGreaterThan(0);
  });

  it('obama-2 vs obama-1: GREEN', async () => {
    const outcome = await vsObama1(await photo('obama-2.jpg'));
    expect(outcome).toMatchObject({
      reviewAnswer: 'GREEN',
      imageAnswer: 'GREEN',
      rejectLabels: [],
    });
    expect(outcome.decision.scores.similarityPercent).toBeGreaterThanOrEqual(70);
    expect(outcome.decision.timingsMs.profile).toBe(0); // stored descriptor used
  });

  it('a selfie handed over decoded (as the upload decoded it) gets the same review as its bytes', async () => {
    for (const name of ['obama-2.jpg', 'biden-2.jpg']) {
      const bytes = await photo(name);
      const fromBytes = await vsObama1(bytes);
      const fromPixels = await engine.review({
        selfie: bytes,
        selfiePixels: await decodeImage(bytes),
        profileImage: obama1,
        profileDescriptor: (await enrolObama1()).descriptor as number[],
        thresholds,
      });
      // Everything but when and how long: the same detections, scores, checks and answer.
      const timeless = ({ decision, ...rest }: ReviewOutcome) => ({
        ...rest,
        decision: { ...decision, timingsMs: undefined, decidedAt: undefined },
      });
      expect(timeless(fromPixels)).toEqual(timeless(fromBytes));
      expect(fromPixels.decision.timingsMs.decode).toBe(0);
      expect(fromBytes.decision.timingsMs.decode).toBeGreaterThan(0);
    }
  });

  it('biden-2 vs obama-1: RED FACE_MISMATCH, FINAL', async () => {
    const outcome = await vsObama1(await photo('biden-2.jpg'));
    expect(outcome).toMatchObject({
      reviewAnswer: 'RED',
      rejectLabels: ['FACE_MISMATCH'],
      reviewRejectType: 'FINAL',
    });
    expect(outcome.decision.scores.similarityPercent).toBeLessThan(55);
  });

  it('biden-2 vs biden-1 (profile from the image, no stored descriptor): GREEN', async () => {
    const outcome = await engine.review({
      selfie: await photo('biden-2.jpg'),
      profileImage: await photo('biden-1.jpg'),
      thresholds,
    });
    expect(outcome).toMatchObject({ reviewAnswer: 'GREEN', rejectLabels: [] });
  });

  it('two-people: RED MULTIPLE_FACES, RETRY', async () => {
    const outcome = await vsObama1(await photo('two-people.jpg'));
    expect(outcome).toMatchObject({
      reviewAnswer: 'RED',
      rejectLabels: ['MULTIPLE_FACES'],
      reviewRejectType: 'RETRY',
    });
  });

  it('a face cut off by the frame (obama-partial): RED LOW_QUALITY, RETRY', async () => {
    const outcome = await vsObama1(await photo('obama-partial.jpg'));
    expect(outcome.rejectLabels).toContain('LOW_QUALITY');
    expect(outcome.reviewRejectType).toBe('RETRY');
    expect(outcome.checks.find((c) => c.checkType === 'IMAGE_QUALITY')?.details.weakest).toBe(
      'framing',
    );
  });

  it('a non-face image (gradient + noise): RED NO_FACE', async () => {
    const gradient = Buffer.alloc(640 * 480 * 3);
    for (let y = 0; y < 480; y++)
      for (let x = 0; x < 640; x++)
        gradient.set([x % 256, y % 256, (x + y) % 256], (y * 640 + x) * 3);
    const noFace = await sharp(gradient, { raw: { width: 640, height: 480, channels: 3 } })
      .composite([
        {
          input: {
            create: {
              width: 640,
              height: 480,
              channels: 3,
              background: '#808080',
              noise: { type: 'gaussian', mean: 128, sigma: 40 },
            },
          },
          blend: 'overlay',
        },
      ])
      .jpeg()
      .toBuffer();
    const outcome = await vsObama1(new Uint8Array(noFace));
    expect(outcome).toMatchObject({
      reviewAnswer: 'RED',
      rejectLabels: ['NO_FACE'],
      reviewRejectType: 'RETRY',
    });
  });

  /**
   * obama-2 as a 640x480 webcam gives it: the face ~145 px wide in front of a busy background,
   * then softened, dimmed to what the widget still accepts, saved at JPEG q50; `small`: the
   * frame at 320x240 instead (a 240p camera), JPEG q75.
   */
  async function webcamFrame(small = false): Promise<Uint8Array> {
    const person = await sharp(await photo('obama-2.jpg'))
      .resize({ height: 480 })
      .toBuffer();
    // sharp composites last in a pipeline: compose first, then degrade the whole frame.
    const composed = await sharp({
      create: {
        width: 640,
        height: 480,
        channels: 3,
        background: '#c83020',
        noise: { type: 'gaussian', mean: 128, sigma: 90 },
      },
    })
      .composite([{ input: person, left: 195, top: 0 }])
      .png()
      .toBuffer();
    const frame = small
      ? sharp(composed).removeAlpha().resize(320, 240).jpeg({ quality: 75 })
      : sharp(composed).removeAlpha().blur(1.2).linear(0.6, 0).jpeg({ quality: 50 });
    return new Uint8Array(await frame.toBuffer());
  }

  // What a cooperating person's webcam gives passes every check (CALIBRATION.md).
  it('a soft, dim, JPEG q50 webcam frame in front of a busy background: GREEN', async () => {
    const outcome = await vsObama1(await webcamFrame());
    expect(outcome.decision.scores.faceCount).toBe(1);
    expect(outcome).toMatchObject({ reviewAnswer: 'GREEN', rejectLabels: [] });
  });

  it('the same frame from a 320x240 camera: GREEN', async () => {
    const outcome = await vsObama1(await webcamFrame(true));
    expect(outcome.decision.scores.faceCount).toBe(1);
    expect(outcome).toMatchObject({ reviewAnswer: 'GREEN', rejectLabels: [] });
  });

  it('a truncated JPEG: ERROR, and the pool keeps working', async () => {
    const whole = await photo('obama-2.jpg');
    const outcome = await vsObama1(whole.subarray(0, Math.floor(whole.length / 2)));
    expect(outcome).toMatchObject({
      reviewAnswer: 'ERROR',
      imageAnswer: 'ERROR',
      rejectLabels: [],
    });
    expect(outcome.moderationComment).toMatch(/cannot be decoded/);
    const garbage = await engine.enrol(new Uint8Array([1, 2, 3, 4]), thresholds);
    expect(garbage).toMatchObject({ accepted: false, rejectLabels: ['UNREADABLE_IMAGE'] });

    const after = await vsObama1(whole);
    expect(after.reviewAnswer).toBe('GREEN');
    expect(engine.stats()).toMatchObject({ crashed: 0, replaced: 0, ready: 1 });
  });

  it('honours EXIF orientation (a sideways file tagged to be shown upright)', async () => {
    const sideways = await sharp(await photo('obama-2.jpg'))
      .rotate(270)
      .withMetadata({ orientation: 6 })
      .jpeg()
      .toBuffer();
    const outcome = await vsObama1(new Uint8Array(sideways));
    expect(outcome.reviewAnswer).toBe('GREEN');
  });

  it('an unusable profile photo (two faces, no stored descriptor): ERROR', async () => {
    const outcome = await engine.review({
      selfie: await photo('obama-2.jpg'),
      profileImage: await photo('two-people.jpg'),
      thresholds,
    });
    expect(outcome).toMatchObject({ reviewAnswer: 'ERROR', rejectLabels: [] });
    expect(outcome.moderationComment).toMatch(/profile photo cannot be used/);
  });

  it('refuses to enrol a photo with two people', async () => {
    const outcome = await engine.enrol(await photo('two-people.jpg'), thresholds);
    expect(outcome).toMatchObject({
      accepted: false,
      rejectLabels: ['MULTIPLE_FACES'],
      validationStatus: { faceIsValid: false, qualityIsValid: null },
    });
    expect(outcome.descriptor).toBeUndefined();
  });
});
