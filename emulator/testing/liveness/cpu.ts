/**
 * CPU of liveness verifications, shared by the bench script (`bench.ts`) and `npm run bench`:
 * the synthetic 3D head's pass clip as MediaRecorder writes it, verified in this thread (warm
 * models), with ffmpeg's CPU added to this thread's.
 */
import { createHash } from 'node:crypto';
import {
  createChallenge,
  MAX_CHALLENGE_TTL_MS,
  type LivenessChallenge,
} from '../../src/liveness/challenge.js';
import { loadLivenessModels } from '../../src/liveness/frame-analyser.js';
import { verifyLiveness } from '../../src/liveness/verifier.js';
import { buildHeadMesh, DEFAULT_MOTION, renderHeadFrames } from './clips.js';
import { toWebm } from './webm.js';
import { loadFaceTexture } from './photos.js';

/** The pass clip (WebM/VP8) for a fresh challenge, and its frame count. */
export async function passClip(
  fps = 30,
  durationMs = 6400,
): Promise<{ clip: Buffer; challenge: LivenessChallenge; frames: number }> {
  let counter = 0;
  const bytes = (n: number) =>
    new Uint8Array(createHash('sha512').update(`bench${counter++}`).digest().subarray(0, n));
  const challenge = createChallenge(bytes, new Date());
  await loadLivenessModels();
  const mesh = buildHeadMesh(await loadFaceTexture('obama-1.jpg'));
  const frames = renderHeadFrames(mesh, {
    challenge,
    motion: { ...DEFAULT_MOTION, turns: challenge.turns },
    durationMs,
    fps,
  });
  return { clip: toWebm(frames, fps), challenge, frames: frames.length };
}

export interface VerificationCost {
  decodeCpu: number;
  analyseCpu: number;
  total: number;
  wall: number;
}

/** `runs` verifications of `clip`, each one's CPU (ms) and wall time; logs a non-GREEN verdict. */
export async function verificationCosts(
  clip: Buffer,
  challenge: LivenessChallenge,
  runs: number,
  onFirst?: (timingsMs: Record<string, number>) => void,
): Promise<VerificationCost[]> {
  const rows: VerificationCost[] = [];
  // Each clip arrives a second into the challenge's life: on a loaded machine the runs outlast
  // its two minutes, and expiry is not what this measures.
  const receivedAt = new Date(Date.parse(challenge.expiresAt) - MAX_CHALLENGE_TTL_MS + 1000);
  for (let i = 0; i < runs; i++) {
    const cpu = process.cpuUsage();
    const started = performance.now();
    const outcome = await verifyLiveness({
      clip,
      challenge,
      receivedAt,
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
    if (i === 0) onFirst?.(outcome.decision.timingsMs);
  }
  return rows;
}
