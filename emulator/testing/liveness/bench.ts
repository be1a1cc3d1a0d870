/**
 * CPU per liveness verification, on the synthetic head's pass clip (a 6.4 s WebM/VP8 at 30 fps,
 * as MediaRecorder writes it): ffmpeg's CPU (decode, pts sampling to ~5 fps) plus this thread's
 * (face-api on ~32 frames, the verdict). Models are loaded and warm before timing.
 *
 *     npx tsx emulator/testing/liveness/bench.ts [runs=15]
 */
import { passClip, verificationCosts, type VerificationCost } from './cpu.js';
import { haveFaces } from './photos.js';

if (!haveFaces('obama-1.jpg')) {
  console.log('skipped: ../shared/faces/obama-1.jpg is absent');
  process.exit(0);
}
const runs = Number(process.argv[2] ?? 15);
const { clip, challenge, frames } = await passClip();
console.log(`clip: ${frames} frames, ${(clip.length / 1024).toFixed(0)} KiB WebM`);
const rows = await verificationCosts(clip, challenge, runs, (timings) =>
  console.log('timings (wall ms)', JSON.stringify(timings)),
);
const pct = (key: keyof VerificationCost, q: number) => {
  const sorted = rows.map((r) => r[key]).sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
};
for (const key of ['decodeCpu', 'analyseCpu', 'total', 'wall'] as const) {
  console.log(`${key.padEnd(10)} p50 ${pct(key, 0.5)} ms  p95 ${pct(key, 0.95)} ms`);
}
