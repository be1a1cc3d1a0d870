/**
 * Continuity at a person's speed: renders the synthetic head turning as prompted at several peak
 * angular speeds, with and without uneven camera frames, recorded as the widget records (WebM/VP8
 * at 300 kbps, 30 fps), analyses each clip through the real pipeline (ffmpeg, face-api) and
 * prints, per analysed frame, what the continuity rules look at: the time step, yaw, pitch, the
 * pose step and its speed, the second difference, and the appearance similarity with the previous
 * frame. Then the verdict's labels and breaks.
 *
 *   npx tsx emulator/testing/liveness/turn-speeds.ts [faces=obama-1.jpg,biden-2.jpg]
 *     [speeds=90,150,200,300] [jitter=0,1] [quiet=1]
 */
import { createChallenge, MAX_CHALLENGE_TTL_MS } from '../../src/liveness/challenge.js';
import { decodeClip } from '../../src/liveness/decode.js';
import { analyseClipFrames } from '../../src/liveness/frame-analyser.js';
import { changeSpread } from '../../src/liveness/full-rate.js';
import { appearanceSimilarity } from '../../src/liveness/pixels.js';
import { judgeLiveness } from '../../src/liveness/verdict.js';
import { buildHeadMesh } from './clips.js';
import {
  betweenTurnsMs,
  cameraTimes,
  NATURAL_MOTION,
  naturalMotionMs,
  renderNaturalFrames,
  xorshift,
  type NaturalMotion,
} from './natural-turns.js';
import { haveFaces, loadFaceTexture } from './photos.js';
import { seeded } from './seeded.js';
import { toWebm } from './webm.js';

const arg = (name: string, fallback: string) =>
  process.argv.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1) ?? fallback;
const faces = arg('faces', 'obama-1.jpg,biden-2.jpg').split(',');
const speeds = arg('speeds', '90,150,200,300').split(',').map(Number);
const jitters = arg('jitter', '0,1').split(',').map(Number);
const quiet = arg('quiet', '0') === '1';
const detectEvery = Number(arg('detect', '2'));
/** `head`: one head; `alternate`: the heads of the faces swapped every 400 ms; `splice`: the first
 * face's head until the pause between the turns, then the second's (two takes joined). */
const kind = arg('kind', 'head');
/** Yaw added to each face's head, degrees: a photo taken turned makes a head that faces away. */
const offsets = arg('offsets', '').split(',').filter(Boolean).map(Number);
const pairs: { step: number; ncc: number; yaw: number }[] = [];
const FPS = 30;

if (!haveFaces(...faces)) {
  console.log(`turn-speeds skipped: ${faces.join(', ')} not in ../shared/faces`);
  process.exit(0);
}

const challenge = createChallenge(seeded('matrix'), new Date());
const summary: string[] = [];
const meshes = await Promise.all(faces.map(async (f) => buildHeadMesh(await loadFaceTexture(f))));
const subjects: { face: string; pick: (t: number, m: NaturalMotion) => number }[] =
  kind === 'head'
    ? faces.map((f, i) => ({ face: f, pick: () => i }))
    : [
        {
          face: `${kind} ${faces.join('/')}`,
          pick: (t, m) =>
            kind === 'alternate'
              ? Math.floor(t / 400) % meshes.length
              : t < betweenTurnsMs(m)
                ? 0
                : 1,
        },
      ];
for (const { face, pick } of subjects) {
  for (const peak of speeds) {
    for (const jitter of jitters) {
      const motion: NaturalMotion = {
        ...NATURAL_MOTION,
        turns: challenge.turns,
        peakDegPerS: peak,
      };
      const durationMs = Math.max(6400, naturalMotionMs(motion) + 400);
      const count = Math.ceil((durationMs * FPS) / 1000);
      const times = cameraTimes(
        count,
        FPS,
        jitter ? { jitterMs: 10, stallChance: 0.03 } : { jitterMs: 0, stallChance: 0 },
        xorshift(peak * 7 + jitter),
      );
      const frames = await renderNaturalFrames(
        meshes.map((mesh, k) => ({ mesh, yawOffsetDeg: offsets[k] ?? 0 })),
        motion,
        { challenge, fps: FPS, durationMs, times, takeAt: (t) => pick(t, motion) },
      );
      const clip = toWebm(frames, FPS, '300k');
      const decoded = await decodeClip(clip);
      const measured = await analyseClipFrames(decoded, { detectEvery });
      const outcome = judgeLiveness({
        measurements: { ...measured, fullRate: decoded.fullRate },
        challenge,
        receivedAt: new Date(Date.parse(challenge.expiresAt) - MAX_CHALLENGE_TTL_MS + 1000),
        profileDescriptor: null,
        selfieDescriptor: null,
      });
      const track = outcome.decision.yawTrack;
      const name = `${face} peak ${peak}°/s${jitter ? ' jitter' : ''}`;
      if (!quiet) {
        console.log(`\n${name}: ${clip.length} bytes, ${track.length} frames`);
        console.log(
          't ms | dt | tracked | yaw | pitch | pose step° | yaw °/s | 2nd diff °/s² | NCC prev | full-rate share/steps',
        );
        for (let i = 0; i < track.length; i++) {
          const p = track[i]!;
          const q = track[i - 1];
          const z = track[i - 2];
          const f = measured.frames[i]!;
          const g = measured.frames[i - 1];
          const step = q && p.yawDeg !== null && q.yawDeg !== null ? p.yawDeg - q.yawDeg : null;
          const dt = q ? p.tMs - q.tMs : 0;
          const second =
            z && step !== null && q!.yawDeg !== null && z.yawDeg !== null
              ? step - (q!.yawDeg - z.yawDeg)
              : null;
          const ncc =
            g?.appearance && f.appearance ? appearanceSimilarity(f.appearance, g.appearance) : null;
          const poseStep =
            q &&
            p.yawDeg !== null &&
            q.yawDeg !== null &&
            p.pitchDeg !== null &&
            q.pitchDeg !== null
              ? Math.max(Math.abs(p.yawDeg - q.yawDeg), Math.abs(p.pitchDeg - q.pitchDeg))
              : null;
          if (ncc !== null && poseStep !== null)
            pairs.push({ step: poseStep, ncc, yaw: Math.abs(p.yawDeg ?? 0) });
          const spread =
            ((poseStep !== null && poseStep >= 8) || (ncc !== null && ncc < 0.6)) &&
            decoded.fullRate &&
            g &&
            f.faces[0] &&
            g.faces[0]
              ? changeSpread(decoded.fullRate, g.tMs, f.tMs, [f.faces[0].box, g.faces[0].box])
              : null;
          const dtPrev = q && z ? q.tMs - z.tMs : 0;
          console.log(
            [
              Math.round(p.tMs),
              Math.round(dt),
              f.tracked ? 't' : 'd',
              p.yawDeg,
              p.pitchDeg,
              step?.toFixed(1) ?? '-',
              poseStep?.toFixed(1) ?? '-',
              step !== null && dt ? Math.round((1000 * step) / dt) : '-',
              second !== null && dt && dtPrev
                ? Math.round(second / ((dt / 1000) * (dtPrev / 1000)))
                : '-',
              ncc?.toFixed(3) ?? '-',
              spread ? `${spread.share}/${spread.steps} ${spread.largest}` : '',
            ].join(' | '),
          );
        }
      }
      const breaks = outcome.decision.continuity.map(
        (b) => `${b.kind} ${b.value}@${Math.round(b.tMs)}`,
      );
      const checks = outcome.decision.fullRateChecks.map(
        (c) => `${c.stepDeg}° ${c.share}/${c.steps} ${c.largest}@${Math.round(c.tMs)}`,
      );
      const line = `${name} | checks ${checks.join(' ') || '-'} | ${outcome.reviewAnswer} | ${outcome.rejectLabels.join(',') || '-'} | L/R ${outcome.decision.turns.amplitudeDeg.left}/${outcome.decision.turns.amplitudeDeg.right} | ${breaks.join(' ') || '-'} | r ${outcome.decision.r}`;
      summary.push(line);
      console.log(line);
    }
  }
}
console.log(`\n${summary.join('\n')}`);
// Appearance against pose change, over every pair of consecutive frames above.
for (const [lo, hi] of [
  [0, 2],
  [2, 4],
  [4, 6],
  [6, 8],
  [8, 12],
  [12, 20],
] as const) {
  const inBucket = pairs.filter((x) => x.step >= lo && x.step < hi).map((x) => x.ncc);
  inBucket.sort((a, b) => a - b);
  console.log(
    `pose step ${lo}-${hi}°: ${inBucket.length} pairs, NCC min ${inBucket[0]?.toFixed(3)} p5 ${inBucket[Math.floor(inBucket.length * 0.05)]?.toFixed(3)} median ${inBucket[Math.floor(inBucket.length / 2)]?.toFixed(3)}`,
  );
}
