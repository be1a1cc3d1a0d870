/**
 * CPU of liveness verifications, shared by the bench script (`bench.ts`) and `npm run bench`:
 * the synthetic 3D head's two pass clips as the widget sends them (the colours', the turns') in
 * MediaRecorder's format, verified in this thread (warm models), ffmpeg's CPU added to this
 * thread's.
 */
import { createHash } from 'node:crypto';
import { DEFAULT_TURN_GUIDE } from '../../../src/core/liveness.js';
import { RECORDER_BITS_PER_SECOND } from '../../../src/core/recording.js';
import {
  createChallenge,
  MAX_CHALLENGE_TTL_MS,
  scheduleMs,
  type LivenessChallenge,
} from '../../src/liveness/challenge.js';
import { loadLivenessModels } from '../../src/liveness/frame-analyser.js';
import { clipChallenge, mergeClips, restrict } from '../../src/liveness/review.js';
import { verifyLiveness } from '../../src/liveness/verifier.js';
import { buildHeadMesh, DEFAULT_MOTION, renderHeadFrames, type Motion } from './clips.js';
import { toWebm } from './webm.js';
import { loadFaceTexture } from './photos.js';

/** The two clips the widget sends, rendered from the synthetic head as WebM/VP8. */
export interface PassClips {
  challenge: LivenessChallenge;
  /** The head holding still under the colours: the schedule plus the widget's dark tail. */
  reflection: { clip: Buffer; frames: number; ms: number };
  /** The head making the turns (out, held, back), unlit: about what a person takes. */
  turns: { clip: Buffer; frames: number; ms: number };
}

/** The pass path's two clips for a fresh challenge (the provider's default schedule). */
export async function passClips(fps = 30): Promise<PassClips> {
  let counter = 0;
  const bytes = (n: number) =>
    new Uint8Array(createHash('sha512').update(`bench${counter++}`).digest().subarray(0, n));
  const challenge = createChallenge(bytes, new Date());
  await loadLivenessModels();
  const mesh = buildHeadMesh(await loadFaceTexture('obama-1.jpg'));
  const render = (ms: number, turns: LivenessChallenge['turns'], colours: string[]) => {
    const frames = renderHeadFrames(mesh, {
      challenge: { ...challenge, colours },
      motion: { ...DEFAULT_MOTION, turns },
      durationMs: ms,
      fps,
    });
    // At the widget's bitrate: the decoder's work grows with it.
    return {
      clip: toWebm(frames, fps, `${RECORDER_BITS_PER_SECOND / 1000}k`),
      frames: frames.length,
      ms,
    };
  };
  const motion = { ...DEFAULT_MOTION, turns: challenge.turns };
  const turnsMs = motion.startMs + turnsLength(motion) + DEFAULT_TURN_GUIDE.tailMs;
  return {
    challenge,
    reflection: render(scheduleMs(challenge) + DEFAULT_TURN_GUIDE.tailMs, [], challenge.colours),
    turns: render(turnsMs, challenge.turns, []),
  };
}

/** From the first turn's start to the last one's end, ms. */
function turnsLength(motion: Motion): number {
  return motion.turns.length * motion.turnMs + (motion.turns.length - 1) * motion.pauseMs;
}

export interface VerificationCost {
  decodeCpu: number;
  analyseCpu: number;
  total: number;
  wall: number;
}

/**
 * `runs` verifications of both clips, as the provider verifies an attempt (the colours' clip
 * judged for its colours, the turns clip for its turns), each one's CPU (ms, ffmpeg's included)
 * and wall time; logs a verdict that is not GREEN.
 */
export async function verificationCosts(
  clips: PassClips,
  runs: number,
  onFirst?: (timingsMs: Record<string, number>) => void,
): Promise<VerificationCost[]> {
  const { challenge } = clips;
  const rows: VerificationCost[] = [];
  // Each clip arrives a second into the challenge's life: on a loaded machine the runs outlast
  // its two minutes, and expiry is not what this measures.
  const receivedAt = new Date(Date.parse(challenge.expiresAt) - MAX_CHALLENGE_TTL_MS + 1000);
  const policy = { required: true, reflection: true };
  for (let i = 0; i < runs; i++) {
    const cpu = process.cpuUsage();
    const started = performance.now();
    const verify = (clip: Buffer, against: LivenessChallenge, kind: 'reflection' | 'turns') =>
      verifyLiveness({
        clip,
        kind,
        challenge: against,
        receivedAt,
        profileDescriptor: null,
        selfieDescriptor: null,
      });
    const reflection = await verify(
      clips.reflection.clip,
      clipChallenge('reflection', challenge),
      'reflection',
    );
    const turns = await verify(clips.turns.clip, clipChallenge('turns', challenge), 'turns');
    const used = process.cpuUsage(cpu);
    const analyseCpu = Math.round((used.user + used.system) / 1000);
    const decodeCpu =
      (reflection.decision.timingsMs.decodeCpu ?? 0) + (turns.decision.timingsMs.decodeCpu ?? 0);
    rows.push({
      decodeCpu,
      analyseCpu,
      total: decodeCpu + analyseCpu,
      wall: Math.round(performance.now() - started),
    });
    const outcome = mergeClips(
      restrict(turns, 'turns', policy),
      restrict(reflection, 'reflection', policy),
    );
    if (outcome.reviewAnswer !== 'GREEN') console.log('unexpected verdict', outcome.rejectLabels);
    if (i === 0) onFirst?.(turns.decision.timingsMs);
  }
  return rows;
}
