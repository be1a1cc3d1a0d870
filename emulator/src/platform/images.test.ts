import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfigFile, mergeConfig } from './config.js';
import { ApiError } from './errors.js';
import { checkImage, checkImageForReview, jpegFloorBytes } from './images.js';
import { decodeImage } from '../reviews/engine/image-decode.js';
import { ProviderClient } from '../../../src/server/index.js';
import { appToken, level, makeImage, secretKey, tempDir } from '../../testing/support.js';
import { spawnProvider } from '../../testing/spawn-provider.mjs';

const flatJpegs = new Map<string, Promise<Buffer>>();
/** A JPEG of `width`x`height` in one colour: as small as a JPEG of that size gets. */
function flatJpeg(width: number, height: number, progressive = false): Promise<Buffer> {
  const key = `${width}x${height}${progressive ? 'p' : ''}`;
  if (!flatJpegs.has(key)) {
    flatJpegs.set(
      key,
      sharp({ create: { width, height, channels: 3, background: '#8a6' } })
        .jpeg({ progressive })
        .toBuffer(),
    );
  }
  return flatJpegs.get(key)!;
}

/** The headers of `jpeg` up to its first scan, then the end marker: a JPEG with no pixel data. */
function headersOnly(jpeg: Buffer): Buffer {
  let i = 2;
  for (;;) {
    const marker = jpeg[i + 1];
    const end = i + 2 + jpeg.readUInt16BE(i + 2);
    if (marker === 0xda) return Buffer.concat([jpeg.subarray(0, end), Buffer.from([0xff, 0xd9])]);
    i = end;
  }
}

const limits = loadConfigFile().images;

describe('an image that claims more pixels than its bytes can hold', () => {
  it('a few hundred bytes claiming 6300x6300 are refused before decoding (400 1016)', async () => {
    for (const progressive of [false, true]) {
      const liar = headersOnly(await flatJpeg(6300, 6300, progressive));
      expect(liar.length).toBeLessThan(400);
      // libjpeg would decode it (as grey), and only warn.
      const meta = await sharp(liar).metadata();
      expect([meta.width, meta.height]).toEqual([6300, 6300]);
      const refused = await checkImage(liar, 'image/jpeg', limits).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(ApiError);
      expect((refused as ApiError).toBody('x')).toMatchObject({ code: 400, errorCode: 1016 });
      expect((refused as ApiError).message).toMatch(/cannot hold/);
    }
  });

  it('the floor is below what a real JPEG of that size takes, one colour or not', async () => {
    const flat = await flatJpeg(6300, 6300, true);
    expect(jpegFloorBytes(flat)).toBeLessThan(flat.length);
    // 4:2:0: each chroma component has a quarter of the blocks; a bit each, in bytes.
    expect(jpegFloorBytes(flat)).toBe(Math.ceil((Math.ceil(3150 / 8) * Math.ceil(3150 / 8)) / 8));
    const photo = await makeImage({ width: 320, height: 240 });
    expect(jpegFloorBytes(photo)).toBeLessThan(photo.length);
    await expect(checkImage(photo, 'image/jpeg', limits)).resolves.toMatchObject({ width: 320 });
    // Not a JPEG frame header to read: no floor.
    expect(jpegFloorBytes(Buffer.from('not a jpeg'))).toBeUndefined();
  });
});

describe('a selfie checked for its review', () => {
  /** 600x400 stored sideways (EXIF orientation 6): upright it is 400x600. */
  const sideways = () =>
    sharp(randomBytes(600 * 400 * 3), { raw: { width: 600, height: 400, channels: 3 } })
      .withMetadata({ orientation: 6 })
      .jpeg({ quality: 90 })
      .toBuffer();

  it('is decoded once, as the review engine decodes it, and previewed from those pixels', async () => {
    const jpeg = await sideways();
    const { image, preview, pixels } = await checkImageForReview(
      jpeg,
      'image/jpeg',
      limits,
      decodeImage,
      1280,
    );
    expect(image).toMatchObject({ width: 400, height: 600, mime: 'image/jpeg', data: jpeg });
    // The very pixels the engine would decode from the stored bytes.
    const engine = await decodeImage(jpeg);
    expect(pixels).toMatchObject({ width: 400, height: 600, originalWidth: 400 });
    expect(Buffer.from(pixels!.data).equals(Buffer.from(engine.data))).toBe(true);
    // The preview, upright and within its side, the size the file's own decode gives.
    const side = limits.previewMaxSide;
    expect(preview).toMatchObject({
      mime: 'image/jpeg',
      width: Math.round((400 * side) / 600),
      height: side,
    });
    const meta = await sharp(preview.data).metadata();
    expect([meta.width, meta.height]).toEqual([Math.round((400 * side) / 600), side]);
  });

  it('larger than the engine reads at full size: previewed from the file, no pixels kept', async () => {
    const checked = await checkImageForReview(
      await sideways(),
      'image/jpeg',
      limits,
      decodeImage,
      599,
    );
    expect(checked.pixels).toBeUndefined();
    expect(checked.preview).toMatchObject({
      width: Math.round((400 * limits.previewMaxSide) / 600),
      height: limits.previewMaxSide,
    });
  });

  it('is accepted or refused as before when the review decode fails: the preview decode decides', async () => {
    const failing = () => Promise.reject(new Error('not for the review'));
    const jpeg = await sideways();
    const checked = await checkImageForReview(jpeg, 'image/jpeg', limits, failing, 1280);
    expect(checked.pixels).toBeUndefined();
    expect(checked.preview).toMatchObject({
      width: Math.round((400 * limits.previewMaxSide) / 600),
    });
    const truncated = jpeg.subarray(0, jpeg.length / 2);
    for (const decode of [failing, decodeImage]) {
      const refused = await checkImageForReview(
        truncated,
        'image/jpeg',
        limits,
        decode,
        1280,
      ).catch((e: unknown) => e);
      expect((refused as ApiError).toBody('x')).toMatchObject({ code: 400, errorCode: 1016 });
    }
  });
});

/** The process's resident memory now and at its peak (MB), from /proc. */
function memoryOf(pid: number): { rssMb: number; peakMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(status)![1]);
  return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
}

/** Resets the peak (VmHWM) to the current RSS, where the kernel lets us; false if not. */
function resetPeak(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

describe.runIf(process.platform === 'linux')('parallel uploads of 40-megapixel JPEGs', () => {
  const tmp = tempDir();
  let child: ChildProcess | undefined;
  afterAll(async () => {
    if (child && child.exitCode === null) {
      child.kill('SIGKILL');
      await new Promise((r) => child!.once('exit', r));
    }
    tmp.remove();
  });

  /** Decodes at once in the child; each holds ~120 MB for one of these files. */
  const DECODES = 2;
  /**
   * The most the peak may rise above the memory before the attack, in MB: two decodes of ~120
   * MB, the bodies, and slack.
   */
  const PEAK_GROWTH_MB = 450;

  it(`8 at once through one browser token, then through the backend: the peak stays within ${PEAK_GROWTH_MB} MB of the start; the liar is refused`, async () => {
    const config = path.join(tmp.dir, 'config.json');
    writeFileSync(
      config,
      JSON.stringify(
        mergeConfig(loadConfigFile(), {
          reviewer: null,
          images: { maxConcurrentDecodes: DECODES },
        }),
      ),
    );
    const spawned = spawnProvider(['--data', path.join(tmp.dir, 'data'), '--config', config]);
    child = spawned.child;
    const url = await spawned.listening;
    const pid = child.pid!;
    const client = new ProviderClient({
      baseUrl: url,
      appToken: appToken.token,
      appSecret: appToken.secret,
      secretKey,
    });
    const referenceId = 'load-1';
    const { applicantId } = await client.applicants.create({
      firstName: 'Load',
      referenceId,
      status: 1,
    });
    const externalActionId = 'load-action';
    const { token } = await client.createAccessToken({
      userId: referenceId,
      levelName: level,
      externalActionId,
    });
    const action = await client.createAction(applicantId, level, { externalActionId });
    const meta = { idDocType: 'SELFIE', country: 'RUS' };
    const asBrowser = (content: Buffer) => {
      const form = new FormData();
      form.append('metadata', JSON.stringify(meta));
      form.append('content', new Blob([Uint8Array.from(content)], { type: 'image/jpeg' }), 'x.jpg');
      return fetch(`${url}/resources/applicantActions/${action.id}/images`, {
        method: 'POST',
        headers: { 'x-access-token': token },
        body: form,
      }).then(
        (r): number | 'closed' => r.status,
        // The 503 comes before the body is read, with `Connection: close`: a client still
        // writing its body may see the socket closed (EPIPE, ECONNRESET) before the answer.
        (e: unknown) => {
          const code = (e as { cause?: { code?: string } }).cause?.code;
          if (code === 'EPIPE' || code === 'ECONNRESET') return 'closed' as const;
          throw e;
        },
      );
    };
    /** Runs `attack` and reports the child's memory around it. */
    const measured = async <T>(what: string, attack: () => Promise<T>) => {
      const peakReset = resetPeak(pid);
      const before = memoryOf(pid);
      const result = await attack();
      const after = memoryOf(pid);
      const growth = after.peakMb - (peakReset ? before.rssMb : before.peakMb);
      console.log(
        `${what}: RSS ${before.rssMb.toFixed(0)} MB before, peak ${after.peakMb.toFixed(0)} MB ` +
          `(+${growth.toFixed(0)} MB), ${after.rssMb.toFixed(0)} MB after; answers ${String(result)}`,
      );
      return { growth, result };
    };
    // Warm up the upload path (sharp, the multipart parser) with a small image.
    expect(await asBrowser(await makeImage())).toBe(200);

    // ~235 KB each: 7300x5470 (39.9 megapixels), progressive, so decoding holds every coefficient.
    const huge = await flatJpeg(7300, 5470, true);
    expect(huge.length).toBeLessThan(300_000);

    // The browser: two uploads at a time; the others are 503 1504 before their body is read.
    const browser = await measured('8 parallel 40 MP uploads, one access token', () =>
      Promise.all(Array.from({ length: 8 }, () => asBrowser(huge))),
    );
    expect(browser.result.filter((s) => s === 200).length).toBeGreaterThanOrEqual(1);
    expect(browser.result.every((s) => s === 200 || s === 503 || s === 'closed')).toBe(true);
    expect(browser.growth).toBeLessThan(PEAK_GROWTH_MB);

    // The backend, which may upload for many users at once: all accepted, DECODES at a time.
    const actions = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        client.createAction(applicantId, level, { externalActionId: `load-${i}` }),
      ),
    );
    const backend = await measured('8 parallel 40 MP uploads, the app token', () =>
      Promise.all(
        actions.map((a) =>
          client
            .addActionImage(a.id, {
              content: huge,
              fileName: 'huge.jpg',
              mimeType: 'image/jpeg',
              metadata: meta,
            })
            .then(() => 200),
        ),
      ),
    );
    expect(backend.result).toEqual(Array(8).fill(200));
    expect(backend.growth).toBeLessThan(PEAK_GROWTH_MB);

    // An attempt takes images.maxPerAttempt (5), then 409 1022 before decoding.
    const capped = await client.createAction(applicantId, level, { externalActionId: 'capped' });
    const small = { content: await makeImage(), fileName: 's.jpg', mimeType: 'image/jpeg' };
    for (let i = 0; i < limits.maxPerAttempt; i++) await client.addActionImage(capped.id, small);
    expect(await client.addActionImage(capped.id, small).catch((e: unknown) => e)).toMatchObject({
      status: 409,
      body: { errorCode: 1022 },
    });

    // A 6300x6300 JPEG of a few hundred bytes: refused, not stored.
    const other = await client.createAction(applicantId, level, { externalActionId: 'liar' });
    const liar = headersOnly(await flatJpeg(6300, 6300, true));
    const refused = await client
      .addActionImage(other.id, { content: liar, fileName: 'liar.jpg', mimeType: 'image/jpeg' })
      .catch((e: { status: number; body: Record<string, unknown> }) => e);
    expect(refused).toMatchObject({ status: 400, body: { errorCode: 1016 } });
    expect((await client.getAction(other.id)).images).toEqual([]);
  }, 120_000);
});
