/**
 * Liveness on the server: CPU per verification (ffmpeg's decode plus face-api and the verdict, one
 * thread, warm models) on the synthetic 3D head's pass clip as MediaRecorder would write it (WebM
 * VP8, 30 fps, 6.4 s), and the bytes one attempt uploads (the clip and a selfie, with multipart
 * framing). Uses ../shared/faces; skips with a message when it is absent.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createChallenge } from '../emulator/src/liveness/challenge.js';
import { loadLivenessModels } from '../emulator/src/liveness/frame-analyser.js';
import { verifyLiveness } from '../emulator/src/liveness/verifier.js';
import {
  buildHeadMesh,
  DEFAULT_MOTION,
  renderHeadFrames,
  toWebm,
} from '../emulator/testing/liveness/clips.js';
import { loadFaceTexture } from '../emulator/testing/liveness/photos.js';
import { encodeMultipart } from '../src/server/index.js';
import { facesOrSkip } from './support/paths.js';
import { percentiles } from './support/percentiles.js';

const RUNS = 10;
const FPS = 30;
const DURATION_MS = 6400;

export async function run(): Promise<void> {
  const facesDir = facesOrSkip('liveness');
  if (!facesDir) return;
  const { randomBytes } = await import('node:crypto');
  const challenge = createChallenge(randomBytes, new Date());
  await loadLivenessModels();
  const mesh = buildHeadMesh(await loadFaceTexture('obama-1.jpg'));
  const frames = renderHeadFrames(mesh, {
    challenge,
    motion: { ...DEFAULT_MOTION, turns: challenge.turns },
    durationMs: DURATION_MS,
    fps: FPS,
  });
  const clip = toWebm(frames, FPS);
  const selfie = readFileSync(path.join(facesDir, 'obama-1.jpg'));
  const clipBody = encodeMultipart({
    metadata: JSON.stringify({ challengeId: challenge.challengeId, kind: 'combined' }),
    content: { content: clip, fileName: 'clip.webm', mimeType: 'video/webm' },
  }).body.length;
  const selfieBody = encodeMultipart({
    metadata: JSON.stringify({ idDocType: 'SELFIE', country: 'USA' }),
    content: { content: selfie, fileName: 'selfie.jpg', mimeType: 'image/jpeg' },
  }).body.length;

  const cpu: number[] = [];
  const wall: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const before = process.cpuUsage();
    const started = performance.now();
    const outcome = await verifyLiveness({
      clip,
      challenge,
      receivedAt: new Date(),
      profileDescriptor: null,
      selfieDescriptor: null,
    });
    const used = process.cpuUsage(before);
    wall.push(performance.now() - started);
    cpu.push((used.user + used.system) / 1000 + (outcome.decision.timingsMs.decodeCpu ?? 0));
    if (outcome.reviewAnswer !== 'GREEN') console.log('liveness: unexpected', outcome.rejectLabels);
  }
  const c = percentiles(cpu);
  const w = percentiles(wall);
  console.log(
    `liveness: CPU per verification p50 ${c.p50.toFixed(0)} ms, p95 ${c.p95.toFixed(0)} ms ` +
      `(wall p50 ${w.p50.toFixed(0)} ms, p95 ${w.p95.toFixed(0)} ms; n=${c.n}; ${frames.length} frames, ${FPS} fps WebM)`,
  );
  console.log(
    `liveness: bytes uploaded per attempt ${clipBody + selfieBody} ` +
      `(clip ${clip.length}, clip request ${clipBody}, selfie request ${selfieBody})`,
  );
}
