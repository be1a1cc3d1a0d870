import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProviderClient } from '../../../src/server/index.js';
import type { TestProvider } from '../../testing/support.js';
import {
  appToken,
  databaseBytes,
  failure,
  level,
  noiseJpeg,
  sampleOf,
  secretKey,
  startTestProvider,
} from '../../testing/support.js';

const jpeg = (content: Buffer) => ({ content, fileName: 'f.jpg', mimeType: 'image/jpeg' });

let t: TestProvider;
/** Signs on the emulator's clock, so its calls stay within the allowed skew as `advance` moves it. */
let client: ProviderClient;
const windowMs = 3600_000;
beforeAll(async () => {
  t = await startTestProvider({ config: { applicants: { imagesAvailableForSecs: 3600 } } });
  client = new ProviderClient({
    baseUrl: t.url,
    appToken: appToken.token,
    appSecret: appToken.secret,
    secretKey,
    now: () => t.provider.ctx.now(),
  });
});
afterAll(async () => t?.close());

const onDisk = () => databaseBytes(t.provider);

describe('the retention window (applicants.imagesAvailableForSecs)', () => {
  it('covers action images: refused once past it, then erased with their previews; the profile face stays', async () => {
    // An applicant enrolled on its second try: a refused photo, then its profile face.
    const refused = await noiseJpeg();
    const profile = await noiseJpeg();
    const { applicantId } = await client.applicants.create({ firstName: 'Kept' });
    await client.setSandboxOutcome(applicantId, { target: 'enrolment', reviewAnswer: 'RED' });
    const first = await client.applicants.enrol(applicantId, jpeg(refused));
    await client.setSandboxOutcome(applicantId, { target: 'enrolment', reviewAnswer: 'GREEN' });
    await client.applicants.enrol(applicantId, jpeg(profile));
    const selfie = await noiseJpeg();
    const action = await client.createAction(applicantId, level, { externalActionId: 'ret-1' });
    const image = await client.addActionImage(action.id, {
      ...jpeg(selfie),
      metadata: { idDocType: 'SELFIE', country: 'RUS' },
    });
    expect(Buffer.from((await client.getActionImage(action.id, image.imageId)).data)).toEqual(
      selfie,
    );

    t.advance(windowMs - 1000);
    // Inside the window: served.
    expect((await client.getActionImage(action.id, image.imageId)).data.byteLength).toBe(
      selfie.length,
    );
    t.advance(2000);
    // Past it: refused, the original and the preview alike, as attempt images are (120032).
    for (const preview of [false, true]) {
      const e = await failure(client.getActionImage(action.id, image.imageId, { preview }));
      expect(e).toMatchObject({ status: 404, body: { errorCode: 1004 } });
      expect(String(e.body.description)).toMatch(/retention/);
    }
    expect(
      (await failure(client.applicants.attemptImages(applicantId, first.attemptId))).status,
    ).toBe(413);
    // The action still lists the image (its hash, answer and metadata), not its bytes.
    expect((await client.getAction(action.id)).images.map((i) => i.id)).toEqual([image.id]);

    // The sweep erases the bytes: the action image, its preview, the refused attempt photo.
    t.provider.ctx.wake.retention();
    const purged = () =>
      t.provider.ctx.db
        .prepare('SELECT COUNT(*) AS n FROM blobs WHERE purged_ms IS NOT NULL')
        .get() as { n: number };
    for (let i = 0; purged().n < 3 && i < 100; i++) await new Promise((r) => setTimeout(r, 20));
    expect(purged().n).toBe(3);
    const disk = onDisk();
    expect(disk.includes(sampleOf(selfie))).toBe(false);
    expect(disk.includes(sampleOf(refused))).toBe(false);
    // The profile face is what later actions are matched against: kept while the applicant is.
    expect(disk.includes(sampleOf(profile))).toBe(true);
  });
});
