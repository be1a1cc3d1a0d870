/**
 * The liveness attack matrix as a bench table: the clips of emulator/src/liveness/matrix.test.ts
 * (rendered from ../shared/faces by emulator/testing/liveness/clips.ts, 480x360 Y4M at 5 fps,
 * the challenge seeded as the test seeds it), each run through the real verifyLiveness (ffmpeg,
 * face-api, the verdict) in this thread. The test asserts the verdicts; this prints them.
 */
import { readFileSync } from 'node:fs';
import { analyseFaces } from '../../emulator/src/reviews/engine/face-analyser.js';
import { decodeImage } from '../../emulator/src/reviews/engine/image-decode.js';
import { createChallenge, MAX_CHALLENGE_TTL_MS } from '../../emulator/src/liveness/challenge.js';
import { verifyLiveness } from '../../emulator/src/liveness/verifier.js';
import type { LivenessOutcome } from '../../emulator/src/liveness/verdict.js';
import { matrixClips, toY4m } from '../../emulator/testing/liveness/clips.js';
import { photoCast } from '../../emulator/testing/liveness/photo-cast.js';
import { photoPath } from '../../emulator/testing/liveness/photos.js';
import { seeded } from '../../emulator/testing/liveness/seeded.js';

const FPS = 5;
const DURATION_MS = 6400;

export interface MatrixRow {
  clip: string;
  outcome: LivenessOutcome;
  /** This thread's CPU plus ffmpeg's, ms. */
  cpuMs: number;
}

/** Every clip of the matrix, and the pass clip with another person's selfie, verified once. */
export async function livenessMatrix(): Promise<MatrixRow[]> {
  const challenge = createChallenge(seeded('matrix'), new Date());
  const clips = matrixClips(await photoCast({ challenge, fps: FPS, durationMs: DURATION_MS }));
  const descriptor = async (name: string) =>
    (await analyseFaces(await decodeImage(readFileSync(photoPath(name))))).faces[0]!.descriptor;
  const profile = await descriptor('obama-2.jpg');
  const ownerSelfie = await descriptor('obama-1.jpg');
  const otherSelfie = await descriptor('biden-2.jpg');
  // Arrived a second into the challenge's life: rendering takes a while, expiry is not measured.
  const receivedAt = new Date(Date.parse(challenge.expiresAt) - MAX_CHALLENGE_TTL_MS + 1000);

  const cases: Array<[string, string, number[]]> = [
    ...Object.keys(clips).map((name): [string, string, number[]] => [
      name,
      name,
      name === 'anotherPerson' ? otherSelfie : ownerSelfie,
    ]),
    ['swapped selfie', 'pass', otherSelfie],
  ];
  const rows: MatrixRow[] = [];
  for (const [label, clip, selfie] of cases) {
    const frames = clips[clip]!();
    const cpu = process.cpuUsage();
    const outcome = await verifyLiveness({
      clip: toY4m(frames, FPS),
      challenge,
      receivedAt,
      profileDescriptor: profile,
      selfieDescriptor: selfie,
      decodeLimits: { maxBytes: 64 * 1024 * 1024 },
    });
    const used = process.cpuUsage(cpu);
    rows.push({
      clip: label,
      outcome,
      cpuMs:
        Math.round((used.user + used.system) / 1000) + (outcome.decision.timingsMs.decodeCpu ?? 0),
    });
  }
  return rows;
}
