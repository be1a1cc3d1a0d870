/**
 * CPU per liveness verification, on the synthetic head's pass clip (a 6.4 s WebM/VP8 at 30 fps,
 * as MediaRecorder writes it): ffmpeg's CPU (decode, pts sampling to ~5 fps) plus this thread's
 * (face-api on ~32 frames, the verdict). Models are loaded and warm before timing.
 *
 *     npx tsx emulator/testing/liveness/bench.ts [runs=15]
 */
import { createHash } from 'node:crypto';
import { createChallenge } from '../../src/liveness/challenge.js';
import { loadLivenessModels } from '../../src/liveness/frame-analyser.js';
import { verifyLiveness } from '../../src/liveness/verifier.js';
import { buildHeadMesh, DEFAULT_MOTION, renderHeadFrames, toWebm } from './clips.js';
import { haveFaces, loadFaceTexture } from './photos.js';

if (!haveFaces('obama-1.jpg')) {
  console.log('skipped: ../shared/faces/obama-1.jpg is absent');
  process.exit(0);
}
const runs = Number(process.argv[2] ?? 15);
let counter = 0;
const bytes = (n: number) =>
  new Uint8Array(createHash('sha512').update(`bench${counter++}`).digest().subarray(0, n));
const challenge = createChallenge(bytes, new Date());
await loadLivenessModels();
const mesh = buildHeadMesh(await loadFaceTexture('obama-1.jpg'));
const fps = 30;
const frames = renderHeadFrames(mesh, {
  challenge,
  motion: { ...DEFAULT_MOTION, turns: challenge.turns },
  durationMs: 6400,
  fps,
});
const clip = toWebm(frames, fps);
console.log(`clip: ${frames.length} frames, ${(clip.length / 1024).toFixed(0)} KiB WebM`);

const rows: { decodeCpu: number; analyseCpu: number; total: number; wall: number }[] = [];
for (let i = 0; i < runs; i++) {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const outcome = await verifyLiveness({
    clip,
    challenge,
    receivedAt: new Date(),
    profileDescriptor: null,
    selfieDescriptor: null,
  });
  const used = process.cpuUsage(cpu);
  const analyseCpu = Math.round((used.user + used.system) / 1000);
  const decodeCpu = outcome.decision.timingsMs.decodeCpu ?? 0;
  rows.push({
    decodeCpu,
    analyseCpu,
    total: decodeCpu + analyseCpu,
    wall: Math.round(performance.now() - started),
  });
  if (outcome.reviewAnswer !== 'GREEN') console.log('unexpected verdict', outcome.rejectLabels);
  if (i === 0) console.log('timings (wall ms)', JSON.stringify(outcome.decision.timingsMs));
}
const pct = (key: keyof (typeof rows)[number], q: number) => {
  const sorted = rows.map((r) => r[key]).sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
};
for (const key of ['decodeCpu', 'analyseCpu', 'total', 'wall'] as const) {
  console.log(`${key.padEnd(10)} p50 ${pct(key, 0.5)} ms  p95 ${pct(key, 0.95)} ms`);
}
