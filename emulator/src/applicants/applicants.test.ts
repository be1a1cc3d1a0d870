import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestProvider } from '../../testing/support.js';
import { migrations, openDb } from '../platform/db.js';
import { acceptedEnrolment, greenOutcome } from '../../testing/reviewers.js';
import {
  databaseBytes,
  failure,
  level,
  makeImage,
  noiseJpeg,
  sampleOf,
  secretKey,
  startTestProvider,
  tempDir,
} from '../../testing/support.js';

let t: TestProvider;
beforeAll(async () => {
  t = await startTestProvider({ config: { applicants: { attemptsLimit: 2 } } });
});
afterAll(async () => t?.close());

/** The first bytes of real containers (the emulator sniffs them; it never plays a video). */
const webm = Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01]);
const mp4 = Buffer.from([0, 0, 0, 0x18, ...Buffer.from('ftypisom'), 0, 0, 2, 0]);

const jpeg = async () => ({
  content: await makeImage(),
  fileName: 'face.jpg',
  mimeType: 'image/jpeg',
});

function expectError(
  e: { status: number; body: Record<string, unknown> },
  status: number,
  errorCode: number,
) {
  expect(e.status).toBe(status);
  expect(e.body).toMatchObject({ code: status, errorCode });
  expect(typeof e.body.description).toBe('string');
  expect(e.body.correlationId).toMatch(/^req-/);
  expect(typeof e.body.errorName).toBe('string');
}

describe('the applicant API', () => {
  it('creates an applicant with validation links, on both documented prefixes', async () => {
    const a = await t.client.applicants.create({
      firstName: 'John',
      lastName: 'Dow',
      email: 'j@example.com',
    });
    expect(a.applicantId).toMatch(/^[0-9a-f-]{36}$/);
    expect(a.validationLink).toMatch(new RegExp(`^${t.url}/embedded\\?requestId=[0-9a-f-]{36}$`));
    expect(a.shortValidationLink).toMatch(new RegExp(`^${t.url}/s/`));

    const doubled = await fetch(`${t.url}/publicapi/publicapi/api/v2/private/Applicants`, {
      method: 'POST',
      headers: { authorization: `Bearer ${secretKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ firstName: 'Doubled' }),
    });
    expect(doubled.status).toBe(200);

    const got = await t.client.applicants.get(a.applicantId);
    expect(got).toMatchObject({
      applicantId: a.applicantId,
      firstName: 'John',
      lastName: 'Dow',
      status: 0,
      statusName: 'Pending',
      completed: false,
      attemptsCount: 0,
      attemptsUsed: 0,
      successAttempt: null,
      verificationMethod: 1,
    });
    expect(got.validationRequestSettings).toMatchObject({
      faceValidationPercent: 70,
      qualityScore: 30,
    });
  });

  it('refuses a missing or wrong secret key with the error shape', async () => {
    const res = await fetch(`${t.url}/publicapi/api/v2/private/Applicants`);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ code: 401, errorCode: 4010 });
    const wrong = await fetch(`${t.url}/publicapi/api/v2/private/Applicants`, {
      headers: { authorization: 'Bearer sk_nope' },
    });
    expect(wrong.status).toBe(401);
  });

  it('120027: sendSms with a bad phone, and ReNotify with SMS off; ReNotify works with SMS on', async () => {
    expectError(
      await failure(t.client.applicants.create({ sendSms: true, phone: 'abc' })),
      400,
      120027,
    );
    const off = await t.client.applicants.create({ firstName: 'NoSms' });
    expectError(await failure(t.client.applicants.reNotify(off.applicantId)), 400, 120027);
    const on = await t.client.applicants.create({ sendSms: true, phone: '49828585009568' });
    await expect(t.client.applicants.reNotify(on.applicantId)).resolves.toBeUndefined();
  });

  it('updates with PUT (empty string clears) and with the documented GET-with-body; 120028 for sms without phone', async () => {
    const a = await t.client.applicants.create({
      firstName: 'Old',
      lastName: 'Name',
      email: 'x@example.com',
    });
    const updated = await t.client.applicants.update(a.applicantId, {
      firstName: 'New',
      email: '',
    });
    expect(updated).toMatchObject({ firstName: 'New', lastName: 'Name', email: null });

    // the applicant API documents the update as GET; curl can send a body with GET.
    const viaGet = await new Promise<{ status: number; body: Record<string, unknown> }>(
      (resolve, reject) => {
        const body = JSON.stringify({ lastName: 'ByGet' });
        import('node:http').then(({ request }) => {
          const req = request(
            `${t.url}/publicapi/api/v2/private/Applicants/${a.applicantId}`,
            {
              method: 'GET',
              headers: {
                authorization: `Bearer ${secretKey}`,
                'content-type': 'application/json-patch+json',
                'content-length': Buffer.byteLength(body),
              },
            },
            (res) => {
              const chunks: Buffer[] = [];
              res.on('data', (c: Buffer) => chunks.push(c));
              res.on('end', () =>
                resolve({
                  status: res.statusCode!,
                  body: JSON.parse(Buffer.concat(chunks).toString()),
                }),
              );
            },
          );
          req.on('error', reject);
          req.end(body);
        }, reject);
      },
    );
    expect(viaGet.status).toBe(200);
    expect(viaGet.body).toMatchObject({ firstName: 'New', lastName: 'ByGet' });

    const sms = await t.client.applicants.create({ sendSms: true, phone: '+7 982 200-00-00' });
    expectError(
      await failure(t.client.applicants.update(sms.applicantId, { phone: '' })),
      400,
      120028,
    );
  });

  it('deletes; 120029 for an unknown applicant; then 404 120031', async () => {
    const a = await t.client.applicants.create({ firstName: 'Gone' });
    await t.client.applicants.delete(a.applicantId);
    expectError(await failure(t.client.applicants.get(a.applicantId)), 404, 120031);
    expectError(await failure(t.client.applicants.delete(a.applicantId)), 400, 120029);
  });

  /** An applicant enrolled with `photo` (sandbox GREEN, with a video if asked), and an action with `selfie`. */
  async function withFaces(opts: { photo?: Buffer; selfie?: Buffer; video?: boolean } = {}) {
    const { applicantId } = await t.client.applicants.create({ firstName: 'Faces' });
    await t.client.setSandboxOutcome(applicantId, { target: 'enrolment', reviewAnswer: 'GREEN' });
    await t.client.applicants.enrol(
      applicantId,
      opts.photo ? { ...(await jpeg()), content: opts.photo } : await jpeg(),
      opts.video ? { video: { content: webm, fileName: 'v.webm', mimeType: 'video/webm' } } : {},
    );
    const action = await t.client.createAction(applicantId, level, {
      externalActionId: `faces-${Math.random().toString(36).slice(2)}`,
    });
    await t.client.addActionImage(action.id, {
      ...(await jpeg()),
      ...(opts.selfie ? { content: opts.selfie } : {}),
      metadata: { idDocType: 'SELFIE', country: 'RUS' },
    });
    return applicantId;
  }

  it('deleting an applicant deletes its images and videos; other applicants keep theirs', async () => {
    const blobs = () =>
      (t.provider.ctx.db.prepare('SELECT COUNT(*) AS n FROM blobs').get() as { n: number }).n;
    const keep = await withFaces();
    const before = blobs();
    const gone = await withFaces({ video: true });
    // Attempt photo (also the profile face), its video, the action image and its preview.
    expect(blobs()).toBe(before + 4);
    await t.client.applicants.delete(gone);
    expect(blobs()).toBe(before);
    expect((await t.client.applicants.get(keep)).applicantId).toBe(keep);
    const kept = t.provider.ctx.db
      .prepare(
        `SELECT COUNT(*) AS n FROM blobs WHERE id IN (SELECT profile_blob_id FROM applicants WHERE id = ?)`,
      )
      .get(keep) as { n: number };
    expect(kept.n).toBe(1);
  });

  it('deleted faces are gone from the database file and its WAL, not left in free pages', async () => {
    const onDisk = () => databaseBytes(t.provider);
    const photo = await noiseJpeg();
    const selfie = await noiseJpeg();
    const applicantId = await withFaces({ photo, selfie });
    // The search works: both photos are on disk while the applicant exists.
    expect(onDisk().includes(sampleOf(photo))).toBe(true);
    expect(onDisk().includes(sampleOf(selfie))).toBe(true);
    // The delete itself zeroes them and checkpoints the WAL.
    await t.client.applicants.delete(applicantId);
    expect(onDisk().includes(sampleOf(photo))).toBe(false);
    expect(onDisk().includes(sampleOf(selfie))).toBe(false);
  });

  it('metadata is bounded where it is stored: 50 entries, keys of 64 and values of 1024 characters (400 1001)', async () => {
    const entries = (n: number, key = 8, value = 8) =>
      Object.fromEntries(
        Array.from({ length: n }, (_, i) => [`${i}`.padEnd(key, 'k'), 'v'.repeat(value)]),
      );
    for (const [metadata, says] of [
      [{ note: 'v'.repeat(1025) }, /metadata value.*1024/],
      [{ ['k'.repeat(65)]: 'v' }, /metadata key.*64/],
      [entries(51), /metadata.*50 entries/],
    ] as const) {
      const e = await failure(t.client.applicants.create({ firstName: 'Meta', metadata }));
      expectError(e, 400, 1001);
      expect(String(e.body.description)).toMatch(says);
    }
    // A 1 MB value does not reach the check: the JSON body limit (64 KB) refuses it first.
    const huge = await failure(
      t.client.applicants.create({ firstName: 'Meta', metadata: { note: 'v'.repeat(1_000_000) } }),
    );
    expectError(huge, 413, 1013);
    const most = entries(50, 64, 1024);
    const { applicantId } = await t.client.applicants.create({ firstName: 'Meta', metadata: most });
    expect((await t.client.applicants.get(applicantId)).metadata).toEqual(most);
  });

  it('callbackUrl must be an absolute http(s) URL (400 1001); empty means none', async () => {
    for (const callbackUrl of [
      'javascript:alert(1)',
      'JAVASCRIPT:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      '/relative/path',
      'http://',
      'ftp://host/x',
    ]) {
      expectError(await failure(t.client.applicants.create({ callbackUrl })), 400, 1001);
    }
    for (const callbackUrl of ['https://host/?fromonline', 'HTTP://example.test:8080/done']) {
      const { applicantId } = await t.client.applicants.create({ callbackUrl });
      expect((await t.client.applicants.get(applicantId)).callbackUrl).toBe(callbackUrl);
    }
    const none = await t.client.applicants.create({ callbackUrl: '' });
    expect((await t.client.applicants.get(none.applicantId)).callbackUrl).toBeNull();
  });

  it('a stored non-http(s) callbackUrl from before the check is dropped at the next start', () => {
    const tmp = tempDir();
    try {
      // A database as it was before the check: the first migration only.
      const db = new Database(path.join(tmp.dir, 'provider.sqlite'));
      db.exec(migrations[0]!);
      db.pragma('user_version = 1');
      db.prepare(
        `INSERT INTO applicants (id, seq, account_id, created_ms, callback_url, request_id, short_code, settings, attempts_limit)
         VALUES (?, ?, 'acc', 0, ?, ?, ?, '{}', 3)`,
      ).run('bad', 1, 'javascript:alert(1)', 'r1', 's1');
      db.prepare(
        `INSERT INTO applicants (id, seq, account_id, created_ms, callback_url, request_id, short_code, settings, attempts_limit)
         VALUES (?, ?, 'acc', 0, ?, ?, ?, '{}', 3)`,
      ).run('good', 2, 'https://host/done', 'r2', 's2');
      db.close();
      const again = openDb(tmp.dir);
      const rows = again
        .prepare('SELECT id, callback_url AS url FROM applicants ORDER BY seq')
        .all() as { id: string; url: string | null }[];
      again.close();
      expect(rows).toEqual([
        { id: 'bad', url: null },
        { id: 'good', url: 'https://host/done' },
      ]);
    } finally {
      tmp.remove();
    }
  });

  it('enrolment video: mp4 or webm only (415), within videos.maxBytes (413), bytes must match (400)', async () => {
    const { applicantId } = await t.client.applicants.create({ firstName: 'Vid' });
    const video = (content: Buffer, mimeType: string) => ({
      video: { content, fileName: 'v.bin', mimeType },
    });
    expectError(
      await failure(
        t.client.applicants.enrol(applicantId, await jpeg(), video(webm, 'video/quicktime')),
      ),
      415,
      1015,
    );
    expectError(
      await failure(t.client.applicants.enrol(applicantId, await jpeg(), video(webm, 'text/html'))),
      415,
      1015,
    );
    expectError(
      await failure(t.client.applicants.enrol(applicantId, await jpeg(), video(webm, 'video/mp4'))),
      400,
      1001,
    );
    const big = Buffer.concat([webm, Buffer.alloc(4 * 1024 * 1024)]);
    expectError(
      await failure(t.client.applicants.enrol(applicantId, await jpeg(), video(big, 'video/webm'))),
      413,
      1013,
    );
    // None of the refusals used an attempt; a real mp4 header is accepted.
    await t.client.setSandboxOutcome(applicantId, { target: 'enrolment', reviewAnswer: 'GREEN' });
    const ok = await t.client.applicants.enrol(applicantId, await jpeg(), video(mp4, 'video/mp4'));
    expect(ok.attemptId).toBeGreaterThan(0);
    expect((await t.client.applicants.get(applicantId)).attemptsUsed).toBe(1);
  });

  it('Completed: 404 120025 until completed; Complete forces status 3 Canceled', async () => {
    const a = await t.client.applicants.create({
      firstName: 'C',
      callbackUrl: 'https://host/?back',
    });
    expectError(await failure(t.client.applicants.completed(a.applicantId)), 404, 120025);
    await expect(t.client.applicants.complete(a.applicantId)).resolves.toEqual({
      callbackUrl: 'https://host/?back',
    });
    await expect(t.client.applicants.completed(a.applicantId)).resolves.toMatchObject({
      completed: true,
      status: 3,
    });
    const got = await t.client.applicants.get(a.applicantId);
    expect(got).toMatchObject({ status: 3, statusName: 'Canceled', completed: true });
  });

  it('enrolment: a rejected attempt counts (FailedAttempt), an accepted one approves (Success) and is listed', async () => {
    const a = await t.client.applicants.create({ firstName: 'E' });
    await t.client.setSandboxOutcome(a.applicantId, {
      target: 'enrolment',
      reviewAnswer: 'RED',
      rejectLabels: ['LOW_QUALITY'],
    });
    const failed = await t.client.applicants.enrol(a.applicantId, await jpeg());
    expect(failed).toMatchObject({ status: 2, documentTypeInt: 10 });
    // completed: true, as the applicant API's list example shows FailedAttempt (this asserted
    // false before: the document contradicts that); it still takes the next attempt below.
    expect(await t.client.applicants.get(a.applicantId)).toMatchObject({
      status: 5,
      statusName: 'FailedAttempt',
      completed: true,
      attemptsUsed: 1,
    });
    await expect(t.client.applicants.completed(a.applicantId)).resolves.toMatchObject({
      status: 5,
    });

    await t.client.setSandboxOutcome(a.applicantId, { target: 'enrolment', reviewAnswer: 'GREEN' });
    const ok = await t.client.applicants.enrol(a.applicantId, await jpeg(), {
      video: {
        content: Buffer.concat([webm, Buffer.from('fake-webm')]),
        fileName: 'v.webm',
        mimeType: 'video/webm',
      },
    });
    expect(ok).toMatchObject({
      status: 0,
      validationStatus: { faceIsValid: true, qualityIsValid: true },
    });
    const got = await t.client.applicants.get(a.applicantId);
    expect(got).toMatchObject({
      status: 1,
      statusName: 'Success',
      completed: true,
      attemptsCount: 2,
      successAttemptId: ok.attemptId,
    });
    expect(got.successAttempt).toMatchObject({ attemptId: ok.attemptId, status: 0 });
    await expect(t.client.applicants.completed(a.applicantId)).resolves.toMatchObject({
      status: 1,
    });

    const { attempts } = await t.client.applicants.attempts(a.applicantId);
    expect(attempts.map((x) => x.status)).toEqual([2, 0]);

    const detail = await t.client.applicants.attempt(a.applicantId, ok.attemptId);
    expect(detail).toMatchObject({
      attemptId: ok.attemptId,
      applicantId: a.applicantId,
      status: 0,
      documentTypeInt: 10,
    });
    expect((detail.content as { faceImageBase64: string }).faceImageBase64.length).toBeGreaterThan(
      100,
    );
    expect(detail.decision).toMatchObject({ engine: 'sandbox' });
    const failedDetail = await t.client.applicants.attempt(a.applicantId, failed.attemptId);
    expect(failedDetail.faceFailStatusReasons).toEqual(['LOW_QUALITY']);

    const images = await t.client.applicants.attemptImages(a.applicantId, ok.attemptId);
    expect(Buffer.from(images.faceImageBase64!, 'base64').subarray(0, 2)).toEqual(
      Buffer.from([0xff, 0xd8]),
    );
    expect(images.livenessReflectionVideoLink).toContain(`/Attempts/${ok.attemptId}/Video`);

    const video = await t.client.applicants.video(a.applicantId, ok.attemptId);
    expect(Buffer.from(video.data)).toEqual(Buffer.concat([webm, Buffer.from('fake-webm')]));
    expectError(
      await failure(t.client.applicants.video(a.applicantId, failed.attemptId)),
      400,
      120033,
    );
    expectError(
      await failure(t.client.applicants.video(a.applicantId, ok.attemptId, 'LivenessActionVideo')),
      400,
      120033,
    );

    // A completed applicant takes no more attempts.
    expectError(await failure(t.client.applicants.enrol(a.applicantId, await jpeg())), 409, 1022);
  });

  it("faceVerificationResult carries the engine's quality score", async () => {
    const a = await t.client.applicants.create({ firstName: 'Q' });
    const base = acceptedEnrolment();
    t.provider.setReviewer({
      enrol: async () => ({
        ...base,
        decision: { ...base.decision, scores: { faceCount: 1, qualityScore: 46 } },
        descriptor: [0.1, 0.2],
      }),
      review: async () => greenOutcome(),
      close: async () => undefined,
    });
    try {
      const ok = await t.client.applicants.enrol(a.applicantId, await jpeg());
      const detail = await t.client.applicants.attempt(a.applicantId, ok.attemptId);
      expect(detail.dvsResult).toMatchObject({
        faceVerificationResult: {
          antiSpoofing: 0,
          quality: 46,
          confidence: 0,
          livenessReflectionConfidence: 0,
        },
      });
    } finally {
      t.provider.setReviewer(null);
    }
  });

  it('the attempt limit closes the applicant as Failed (2)', async () => {
    const a = await t.client.applicants.create({ firstName: 'L' });
    for (let i = 0; i < 2; i++) {
      await t.client.setSandboxOutcome(a.applicantId, { target: 'enrolment', reviewAnswer: 'RED' });
      await t.client.applicants.enrol(a.applicantId, await jpeg());
    }
    expect(await t.client.applicants.get(a.applicantId)).toMatchObject({
      status: 2,
      statusName: 'Failed',
      completed: true,
      attemptsUsed: 2,
    });
    expectError(await failure(t.client.applicants.enrol(a.applicantId, await jpeg())), 409, 1022);
  });

  it('without a reviewer or sandbox outcome an enrolment waits (status 1), never a made-up verdict', async () => {
    const a = await t.client.applicants.create({ firstName: 'W' });
    const attempt = await t.client.applicants.enrol(a.applicantId, await jpeg(), { wait: false });
    expect(attempt.status).toBe(1);
    expect(await t.client.applicants.get(a.applicantId)).toMatchObject({
      status: 0,
      completed: false,
    });
    // A second attempt while one is being verified is refused.
    expectError(
      await failure(t.client.applicants.enrol(a.applicantId, await jpeg(), { wait: false })),
      409,
      1022,
    );
  });

  it('120030 for an attempt whose review failed; 120032 once images are past the viewing window', async () => {
    const a = await t.client.applicants.create({ firstName: 'D' });
    await t.client.setSandboxOutcome(a.applicantId, { target: 'enrolment', reviewAnswer: 'ERROR' });
    const err = await t.client.applicants.enrol(a.applicantId, await jpeg());
    expectError(
      await failure(t.client.applicants.attempt(a.applicantId, err.attemptId)),
      400,
      120030,
    );

    await t.client.setSandboxOutcome(a.applicantId, { target: 'enrolment', reviewAnswer: 'GREEN' });
    const ok = await t.client.applicants.enrol(a.applicantId, await jpeg());
    t.advance((t.provider.config.applicants.imagesAvailableForSecs + 1) * 1000);
    try {
      expectError(
        await failure(t.client.applicants.attemptImages(a.applicantId, ok.attemptId)),
        413,
        120032,
      );
      // The documents put 120032 on /Images only: the detail answers, without the images.
      const detail = await t.client.applicants.attempt(a.applicantId, ok.attemptId);
      expect(detail).toMatchObject({ attemptId: ok.attemptId, content: { faceImageBase64: null } });
    } finally {
      t.advance(-(t.provider.config.applicants.imagesAvailableForSecs + 1) * 1000);
    }
  });

  it('120032 when the account may not view images at all', async () => {
    const closed = await startTestProvider({ config: { applicants: { canViewImages: false } } });
    try {
      const a = await closed.client.applicants.create({ firstName: 'P' });
      await closed.client.setSandboxOutcome(a.applicantId, {
        target: 'enrolment',
        reviewAnswer: 'GREEN',
      });
      const ok = await closed.client.applicants.enrol(a.applicantId, await jpeg());
      const e = await failure(closed.client.applicants.attemptImages(a.applicantId, ok.attemptId));
      expectError(e, 413, 120032);
      expect(e.body.description).toContain('permission');
    } finally {
      await closed.close();
    }
  });

  it('404 120031 for an unknown attempt; image checks on enrolment uploads', async () => {
    const a = await t.client.applicants.create({ firstName: 'X' });
    expectError(await failure(t.client.applicants.attempt(a.applicantId, 999999)), 404, 120031);
    expectError(
      await failure(
        t.client.applicants.enrol(a.applicantId, {
          content: Buffer.from('not an image'),
          fileName: 'x.jpg',
          mimeType: 'image/jpeg',
        }),
      ),
      400,
      1016,
    );
  });
});

describe('the applicant list: pagination, sort, filter', () => {
  let ids: string[] = [];
  const tag = `zz${Date.now()}`;
  beforeAll(async () => {
    ids = [];
    for (const [first, last] of [
      ['Carol', 'Avery'],
      ['alice', 'Brown'],
      ['Bob', 'Clark'],
    ]) {
      ids.push(
        (
          await t.client.applicants.create({
            firstName: first,
            lastName: last,
            referenceId: `${tag}-${first}`,
          })
        ).applicantId,
      );
    }
  });

  it('pages (newest first by default) with page/pageSize/total/totalPages', async () => {
    const p1 = await t.client.applicants.list({ TextFilter: tag, Page: 1, PageSize: 2 });
    expect(p1).toMatchObject({ page: 1, pageSize: 2, total: 3, totalPages: 2 });
    expect(p1.items.map((i) => i.applicantId)).toEqual([ids[2], ids[1]]);
    const p2 = await t.client.applicants.list({ TextFilter: tag, Page: 2, PageSize: 2 });
    expect(p2.items.map((i) => i.applicantId)).toEqual([ids[0]]);
  });

  it('sorts by a field, ascending by default, descending on request; 120026 for an unknown field', async () => {
    const asc = await t.client.applicants.list({ TextFilter: tag, SortField: 'lastName' });
    expect(asc.items.map((i) => i.lastName)).toEqual(['Avery', 'Brown', 'Clark']);
    const desc = await t.client.applicants.list({
      TextFilter: tag,
      SortField: 'firstName',
      Order: 'descending',
    });
    expect(desc.items.map((i) => i.firstName)).toEqual(['Carol', 'Bob', 'alice']);
    expectError(await failure(t.client.applicants.list({ SortField: 'shoeSize' })), 400, 120026);
  });

  it('filters by text (case-insensitive) and by creation day (dd-mm-yyyy)', async () => {
    const bob = await t.client.applicants.list({ TextFilter: `${tag}-BOB` });
    expect(bob.items.map((i) => i.firstName)).toEqual(['Bob']);
    const d = new Date();
    const today = `${String(d.getUTCDate()).padStart(2, '0')}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${d.getUTCFullYear()}`;
    expect(
      (await t.client.applicants.list({ TextFilter: tag, CreatedFrom: today, CreatedTo: today }))
        .total,
    ).toBe(3);
    expect(
      (await t.client.applicants.list({ TextFilter: tag, CreatedTo: '01-01-2000' })).total,
    ).toBe(0);
    expectError(await failure(t.client.applicants.list({ CreatedFrom: '2024-01-01' })), 400, 1001);
  });

  it('filters and sorts case-insensitively beyond ASCII (Cyrillic)', async () => {
    const cyr = `cyr${Date.now()}`;
    const made: Record<string, string> = {};
    for (const first of ['Иван', 'борис', 'Ярослав']) {
      made[first] = (
        await t.client.applicants.create({ firstName: first, referenceId: `${cyr}-${first}` })
      ).applicantId;
    }
    const ivan = await t.client.applicants.list({ TextFilter: 'иван' });
    expect(ivan.items.map((i) => i.applicantId)).toContain(made['Иван']);
    const boris = await t.client.applicants.list({ TextFilter: `${cyr}-БОРИС` });
    expect(boris.items.map((i) => i.applicantId)).toEqual([made['борис']]);
    const sorted = await t.client.applicants.list({ TextFilter: cyr, SortField: 'firstName' });
    expect(sorted.items.map((i) => i.firstName)).toEqual(['борис', 'Иван', 'Ярослав']);
  });

  it('validates PageSize 1..400 and Page >= 1', async () => {
    expectError(await failure(t.client.applicants.list({ PageSize: 401 })), 400, 1001);
    expectError(await failure(t.client.applicants.list({ Page: 0 })), 400, 1001);
    expect((await t.client.applicants.list({ PageSize: 400 })).pageSize).toBe(400);
  });
});

describe('validationLink page', () => {
  it('serves the page, counts openings, takes an upload, and the short link redirects to it', async () => {
    const a = await t.client.applicants.create({ firstName: 'Page' });
    const short = await fetch(a.shortValidationLink, { redirect: 'manual' });
    expect(short.status).toBe(302);
    expect(short.headers.get('location')).toBe(a.validationLink);

    const page = await fetch(a.validationLink);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('type="file"');
    expect((await t.client.applicants.get(a.applicantId)).openedLinkTimes).toBe(1);

    await t.client.setSandboxOutcome(a.applicantId, { target: 'enrolment', reviewAnswer: 'GREEN' });
    const fd = new FormData();
    fd.append(
      'image',
      new Blob([Uint8Array.from(await makeImage())], { type: 'image/jpeg' }),
      'me.jpg',
    );
    const requestId = new URL(a.validationLink).searchParams.get('requestId')!;
    const res = await fetch(`${t.url}/embedded/attempts?requestId=${requestId}`, {
      method: 'POST',
      body: fd,
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      status: 1,
      statusName: 'Success',
      attempt: { status: 0 },
    });
    expect((await t.client.applicants.get(a.applicantId)).status).toBe(1);

    expect((await fetch(`${t.url}/embedded?requestId=nope`)).status).toBe(404);
  });
});
