/**
 * Liveness on the server: CPU per verification (ffmpeg's decode plus face-api and the verdict, one
 * thread, warm models) on the synthetic 3D head's pass clip as MediaRecorder would write it (WebM
 * VP8, 30 fps, 6.4 s), and the bytes one attempt uploads (the clip and a selfie, with multipart
 * framing). Uses ../shared/faces; skips with a message when it is absent.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { passClip, verificationCosts } from '../emulator/testing/liveness/cpu.js';
import { encodeMultipart } from '../src/server/index.js';
import { facesOrSkip } from './support/paths.js';
import { percentiles } from './support/percentiles.js';

const RUNS = 10;

export async function run(): Promise<void> {
  const facesDir = facesOrSkip('liveness');
  if (!facesDir) return;
  const { clip, challenge, frames } = await passClip();
  const selfie = readFileSync(path.join(facesDir, 'obama-1.jpg'));
  const upload = (metadata: object, content: Buffer, fileName: string, mimeType: string) =>
    encodeMultipart({
      metadata: JSON.stringify(metadata),
      content: { content, fileName, mimeType },
    }).body.length;
  const clipBody = upload(
    { challengeId: challenge.challengeId, kind: 'combined' },
    clip,
    'clip.webm',
    'video/webm',
  );
  const selfieBody = upload(
    { idDocType: 'SELFIE', country: 'USA' },
    selfie,
    'selfie.jpg',
    'image/jpeg',
  );
  const rows = await verificationCosts(clip, challenge, RUNS);
  const cpu = percentiles(rows.map((r) => r.total));
  const wall = percentiles(rows.map((r) => r.wall));
  console.log(
    `liveness: CPU per verification p50 ${cpu.p50} ms, p95 ${cpu.p95} ms ` +
      `(wall p50 ${wall.p50} ms, p95 ${wall.p95} ms; n=${cpu.n}; ${frames} frames, 30 fps WebM)`,
  );
  console.log(
    `liveness: bytes uploaded per attempt ${clipBody + selfieBody} ` +
      `(clip ${clip.length}, clip request ${clipBody}, selfie request ${selfieBody})`,
  );
}
