/**
 * CPU per liveness verification, on the synthetic head's two pass clips as the widget sends them
 * (the colours' and the turns', WebM/VP8 at 30 fps, as MediaRecorder writes them): ffmpeg's CPU
 * (decode, pts sampling to ~5 fps, the full-rate passes) plus this thread's (face-api on the
 * analysed frames, the verdicts). Models are loaded and warm before timing.
 *
 *     npx tsx emulator/testing/liveness/bench.ts [runs=15]
 */
import { passClips, verificationCosts, type VerificationCost } from './cpu.js';
import { haveFaces } from './photos.js';

if (!haveFaces('obama-1.jpg')) {
  console.log('skipped: ../shared/faces/obama-1.jpg is absent');
  process.exit(0);
}
const runs = Number(process.argv[2] ?? 15);
const clips = await passClips();
for (const kind of ['reflection', 'turns'] as const) {
  const { clip, frames, ms } = clips[kind];
  console.log(
    `${kind} clip: ${ms} ms, ${frames} frames, ${(clip.length / 1024).toFixed(0)} KiB WebM`,
  );
}
const rows = await verificationCosts(clips, runs, (timings) =>
  console.log('turns clip timings (wall ms)', JSON.stringify(timings)),
);
const pct = (key: keyof VerificationCost, q: number) => {
  const sorted = rows.map((r) => r[key]).sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
};
for (const key of ['decodeCpu', 'analyseCpu', 'total', 'wall'] as const) {
  console.log(`${key.padEnd(10)} p50 ${pct(key, 0.5)} ms  p95 ${pct(key, 0.95)} ms`);
}
