/**
 * The liveness verdict: from a clip's per-frame measurements, the challenge it answers and the
 * faces it must match, to the provider's liveness fields, checks and reject labels. Pure: no
 * models, no I/O (see README.md in this folder for the method and the thresholds' reasons).
 *
 * - `antiSpoofingPercent` is the weakest of the motion evidence: each requested turn's amplitude,
 *   each turn's nose parallax (3D), the order of the turns, one face in one continuous take. Each
 *   component maps its pass mark to 70 (the seeds' default `antiSpoofingPercent`), so the default
 *   threshold means exactly the calibrated pass marks, and the value reported is the value compared.
 * - `livenessReflectionScore` is the colour correlation r in percent (threshold: the seeds'
 *   `livenessReflectionScore`, default 30); it is valid only with a permutation p-value at most
 *   `reflectionAlpha` and the best lag inside the camera's window. `livenessReflectionConfidence`
 *   is (1 − p) in percent.
 * - No decision rests on a passive anti-spoofing model: none reacts to photo attacks.
 */
import type { ReviewCheck } from '../reviews/engine/contract.js';
import { FINAL_MISMATCH_MARGIN, percentThreshold } from '../reviews/engine/judge.js';
import {
  distanceToSimilarityPercent,
  euclideanDistance,
  piecewiseLinear,
  similarityPercentToDistance,
} from '../reviews/engine/similarity.js';
import { scheduleMs, type LivenessChallenge, type TurnDirection } from './challenge.js';
import {
  LIVENESS_CHECK_TYPES,
  LIVENESS_REJECT_LABELS as L,
  type LivenessRejectLabel,
} from './labels.js';
import type { ClipMeasurements } from './measurements.js';
import { measureReflection, NO_REFLECTION, type ReflectionResult } from './reflection.js';
import {
  analyseMotion,
  DEFAULT_MOTION_CALIBRATION,
  type ContinuityBreak,
  type FullRateCheck,
  type MotionCalibration,
  type TrackPoint,
  type Turn,
} from './track.js';

/** The applicant's `validationRequestSettings` that liveness honours (percent, 0..100). */
export interface LivenessThresholds {
  antiSpoofingPercent: number;
  livenessReflectionScore: number;
  faceValidationPercent: number;
}

/** Seed 002's defaults. */
export const DEFAULT_LIVENESS_THRESHOLDS: LivenessThresholds = {
  antiSpoofingPercent: 70,
  livenessReflectionScore: 30,
  faceValidationPercent: 70,
};

export interface LivenessCalibration extends MotionCalibration {
  /** Largest permutation p-value of a valid reflection. */
  reflectionAlpha: number;
  /** Camera delays accepted, ms. */
  reflectionWindowMs: [number, number];
  /** Share of the colour segments that must have frames. */
  minSegmentsSeen: number;
  /** The clip's last frame may end this much before the schedule does, ms. */
  durationToleranceMs: number;
}

export const DEFAULT_LIVENESS_CALIBRATION: LivenessCalibration = {
  ...DEFAULT_MOTION_CALIBRATION,
  reflectionAlpha: 0.01,
  reflectionWindowMs: [0, 400],
  minSegmentsSeen: 0.75,
  durationToleranceMs: 250,
};

/**
 * The reflection's rule: the colours are on the face (score and p), best inside the camera's
 * window, over enough segments; or they are there, significantly, but later than any camera
 * delay explains (late). Exported for the calibration of the schedule's length.
 */
export function reflectionRule(
  reflection: ReflectionResult,
  segments: number,
  thresholds: Pick<LivenessThresholds, 'livenessReflectionScore'>,
  cal: Pick<LivenessCalibration, 'reflectionAlpha' | 'reflectionWindowMs' | 'minSegmentsSeen'>,
): { score: number; valid: boolean; late: boolean } {
  const score = Math.round(100 * Math.max(0, reflection.r));
  const late =
    reflection.rOutside > reflection.r &&
    reflection.lagOutsideMs > cal.reflectionWindowMs[1] &&
    reflection.pOutside <= cal.reflectionAlpha &&
    Math.round(100 * reflection.rOutside) >= thresholds.livenessReflectionScore;
  const valid =
    score >= thresholds.livenessReflectionScore &&
    reflection.p <= cal.reflectionAlpha &&
    reflection.r >= reflection.rOutside &&
    reflection.segmentsSeen >= Math.ceil(cal.minSegmentsSeen * segments);
  return { score, valid, late };
}

export interface LivenessDecision {
  challengeId: string;
  thresholds: LivenessThresholds;
  calibration: LivenessCalibration;
  /** Per analysed frame: faces, yaw and pitch from frontal, nose parallax. */
  yawTrack: TrackPoint[];
  turns: { requested: TurnDirection[]; made: Turn[]; amplitudeDeg: Record<TurnDirection, number> };
  /** The reflection's correlation and p-value, and where it peaked. */
  r: number;
  p: number;
  reflection: ReflectionResult;
  components: Record<string, number>;
  continuity: ContinuityBreak[];
  /** Sudden pose changes looked at frame by frame: a cut, or a head turning quickly. */
  fullRateChecks: FullRateCheck[];
  identity: {
    descriptorFrames: number;
    /** Largest distance of a frame's descriptor from the reference frame's. */
    maxDistanceWithinClip: number | null;
    profileSimilarityPercent: number | null;
    selfieSimilarityPercent: number | null;
  };
  durationMs: number;
  scheduleMs: number;
  timingsMs: Record<string, number>;
  decidedAt: string;
}

export interface LivenessOutcome {
  reviewAnswer: 'GREEN' | 'RED' | 'ERROR';
  antiSpoofingPercent: number;
  antiSpoofingIsValid: boolean;
  livenessReflectionScore: number;
  livenessReflectionIsValid: boolean;
  livenessReflectionConfidence: number;
  checks: ReviewCheck[];
  rejectLabels: LivenessRejectLabel[];
  reviewRejectType?: 'RETRY' | 'FINAL';
  moderationComment: string;
  decision: LivenessDecision;
}

export interface LivenessInput {
  measurements: ClipMeasurements;
  challenge: LivenessChallenge;
  /** When the clip arrived (judged against `challenge.expiresAt`). */
  receivedAt: Date;
  /** The applicant's approved profile face. */
  profileDescriptor: readonly number[] | null;
  /** The selfie submitted with the clip. */
  selfieDescriptor: readonly number[] | null;
  thresholds?: Partial<LivenessThresholds>;
  calibration?: Partial<LivenessCalibration>;
  timingsMs?: Record<string, number>;
  /** Defaults to now; fixed in tests. */
  decidedAt?: Date;
}

/** 0 at nothing, 70 at the pass mark, 100 at `full`. */
const component = (value: number, pass: number, full: number): number =>
  Math.round(
    piecewiseLinear(value, [
      [0, 0],
      [pass, 70],
      [full, 100],
    ]),
  );

/** Judges a clip. */
export function judgeLiveness(input: LivenessInput): LivenessOutcome {
  const thresholds = normaliseLivenessThresholds(input.thresholds);
  const cal: LivenessCalibration = { ...DEFAULT_LIVENESS_CALIBRATION, ...input.calibration };
  const { measurements, challenge } = input;
  const frames = measurements.frames;
  const labels = new Set<LivenessRejectLabel>();
  const comments: string[] = [];

  const motion = analyseMotion(frames, cal, measurements.fullRate ?? null);
  const requested = challenge.turns;

  // --- Faces: exactly one, throughout.
  const faceFrames = frames.filter((f) => f.faces.length > 0).length;
  if (faceFrames === 0 || motion.framesWithoutFace > cal.maxFramesWithoutFace) {
    labels.add(L.noFace);
    comments.push(
      `No face in ${motion.framesWithoutFace} of ${frames.length} frames (at most ${cal.maxFramesWithoutFace} allowed).`,
    );
  }
  if (motion.framesWithSeveralFaces > 0) {
    labels.add(L.multipleFaces);
    comments.push(`More than one face in ${motion.framesWithSeveralFaces} frames.`);
  }

  // --- Turns: amplitude, order, return to frontal, depth.
  const components: Record<string, number> = {};
  for (const direction of requested) {
    const pass = direction === 'up' ? cal.upDeg : cal.turnDeg;
    components[`turn_${direction}`] = component(motion.amplitudeDeg[direction], pass, pass + 15);
  }
  const made = motion.turns.map((t) => t.direction);
  const missing = requested.filter((d) => !made.includes(d));
  const unreturned = motion.turns.some((t) => !t.returned);
  if (missing.length || unreturned) {
    labels.add(L.turnMissing);
    if (missing.length) {
      comments.push(
        `Turn ${missing.map((d) => `${d} (reached ${motion.amplitudeDeg[d]}°)`).join(', ')} not made; ${d2(requested)} requested.`,
      );
    }
    if (unreturned) comments.push('The head did not come back to frontal after its last turn.');
  }
  const orderOk = !missing.length && made.join() === requested.join();
  components.order = orderOk || missing.length ? 100 : 0;
  if (!missing.length && !orderOk) {
    labels.add(L.turnOrder);
    comments.push(`Turns made: ${d2(made)}; requested: ${d2(requested)}.`);
  }
  const matched = requested
    .map((d) => motion.turns.find((t) => t.direction === d))
    .filter((t): t is Turn => !!t);
  for (const turn of matched) {
    components[`depth_${turn.direction}`] = component(
      turn.parallax,
      cal.minParallax,
      2 * cal.minParallax,
    );
  }
  const flat = matched.filter((t) => t.parallax < cal.minParallax);
  if (flat.length) {
    labels.add(L.noDepth);
    comments.push(
      `The face turned like a flat picture (nose parallax ${flat.map((t) => t.parallax.toFixed(3)).join(', ')} < ${cal.minParallax}).`,
    );
  }

  // --- Continuity.
  components.continuity = motion.breaks.length ? 0 : 100;
  if (motion.breaks.length) {
    labels.add(L.discontinuity);
    const b = motion.breaks[0] as ContinuityBreak;
    comments.push(
      `The clip is not one continuous take (${motion.breaks.length} jumps; first: ${b.kind} ${b.value} at ${b.tMs} ms).`,
    );
  }
  components.faces = labels.has(L.noFace) || labels.has(L.multipleFaces) ? 0 : 100;

  // --- Identity: the same person throughout, the selfie's and the profile's.
  const identity = judgeIdentity(input, motion.referenceIndex, thresholds);
  for (const label of identity.labels) labels.add(label);
  comments.push(...identity.comments);

  // --- Clip length and challenge validity.
  const schedule = scheduleMs(challenge);
  if (measurements.durationMs < schedule - cal.durationToleranceMs) {
    labels.add(L.clipTooShort);
    comments.push(
      `The clip lasts ${measurements.durationMs} ms; the colour schedule ${schedule} ms.`,
    );
  }
  if (input.receivedAt.getTime() > Date.parse(challenge.expiresAt)) {
    labels.add(L.challengeExpired);
    comments.push(`The challenge expired at ${challenge.expiresAt}.`);
  }

  // --- Reflection.
  const reflection = measureReflection(
    measurements.colourSamples ??
      frames.map((f) => ({ tMs: f.tMs, face: f.faceRgb, background: f.backgroundRgb })),
    challenge,
    { windowMs: cal.reflectionWindowMs, seed: seedOf(challenge.challengeId) },
  );
  const {
    score: reflectionScore,
    valid: reflectionValid,
    late,
  } = reflectionRule(reflection, challenge.colours.length, thresholds, cal);
  // A challenge without colours (the turns clip's, or a level without reflection) asks nothing of
  // them: no label, no comment about them.
  const coloursAsked = challenge.colours.length > 0;
  if (coloursAsked && !reflectionValid) {
    if (late) {
      labels.add(L.reflectionLate);
      comments.push(
        `The screen's colours showed on the face ${reflection.lagOutsideMs} ms late (at most ${cal.reflectionWindowMs[1]} ms).`,
      );
    } else {
      labels.add(L.reflectionMismatch);
      comments.push(
        `The face did not take on the screen's colours (r ${reflection.r}, p ${reflection.p}).`,
      );
    }
  }

  const antiSpoofingPercent = Math.min(100, ...Object.values(components));
  const antiSpoofingIsValid = antiSpoofingPercent >= thresholds.antiSpoofingPercent;
  const livenessLabels = [...labels].filter(
    (l) => l !== L.reflectionMismatch && l !== L.reflectionLate,
  );
  const livenessOk = antiSpoofingIsValid && livenessLabels.length === 0;
  const rejectLabels = [...labels];
  const green = rejectLabels.length === 0;

  const checks: ReviewCheck[] = [
    {
      checkType: LIVENESS_CHECK_TYPES.liveness,
      answer: livenessOk ? 'GREEN' : 'RED',
      details: {
        antiSpoofingPercent,
        threshold: thresholds.antiSpoofingPercent,
        turnsRequested: requested.join(','),
        turnsMade: made.join(','),
        ...Object.fromEntries(
          Object.entries(motion.amplitudeDeg).map(([d, v]) => [`amplitude_${d}`, v]),
        ),
        maxParallax: Math.max(0, ...motion.turns.map((t) => t.parallax)),
        continuityBreaks: motion.breaks.length,
        framesAnalysed: frames.length,
        framesWithoutFace: motion.framesWithoutFace,
        profileSimilarityPercent: identity.profileSimilarityPercent,
        selfieSimilarityPercent: identity.selfieSimilarityPercent,
        durationMs: measurements.durationMs,
        scheduleMs: schedule,
      },
    },
    {
      checkType: LIVENESS_CHECK_TYPES.reflection,
      answer: reflectionValid ? 'GREEN' : 'RED',
      details: {
        livenessReflectionScore: reflectionScore,
        threshold: thresholds.livenessReflectionScore,
        r: reflection.r,
        p: reflection.p,
        lagMs: reflection.lagMs,
        rOutsideWindow: reflection.rOutside,
        lagOutsideWindowMs: reflection.lagOutsideMs,
        segmentsSeen: reflection.segmentsSeen,
        samples: reflection.samples,
        alpha: cal.reflectionAlpha,
      },
    },
  ];

  const outcome: LivenessOutcome = {
    reviewAnswer: green ? 'GREEN' : 'RED',
    antiSpoofingPercent,
    antiSpoofingIsValid,
    livenessReflectionScore: reflectionScore,
    livenessReflectionIsValid: reflectionValid,
    livenessReflectionConfidence: Math.round(100 * (1 - reflection.p)),
    checks,
    rejectLabels,
    moderationComment: green
      ? [
          requested.length ? `Turns ${d2(requested)} made by a 3D head in one take.` : 'One take.',
          coloursAsked
            ? `Screen colours reflected (r ${reflection.r}, p ${reflection.p}, lag ${reflection.lagMs} ms).`
            : '',
        ]
          .filter(Boolean)
          .join(' ')
      : comments.join(' '),
    decision: {
      challengeId: challenge.challengeId,
      thresholds,
      calibration: cal,
      yawTrack: motion.track,
      turns: { requested: [...requested], made: motion.turns, amplitudeDeg: motion.amplitudeDeg },
      r: reflection.r,
      p: reflection.p,
      reflection,
      components,
      continuity: motion.breaks,
      fullRateChecks: motion.fullRateChecks,
      identity: {
        descriptorFrames: identity.descriptorFrames,
        maxDistanceWithinClip: identity.maxDistanceWithinClip,
        profileSimilarityPercent: identity.profileSimilarityPercent,
        selfieSimilarityPercent: identity.selfieSimilarityPercent,
      },
      durationMs: measurements.durationMs,
      scheduleMs: schedule,
      timingsMs: input.timingsMs ?? {},
      decidedAt: (input.decidedAt ?? new Date()).toISOString(),
    },
  };
  if (!green) {
    const finalMismatch =
      identity.profileSimilarityPercent !== null &&
      identity.profileSimilarityPercent < thresholds.faceValidationPercent - FINAL_MISMATCH_MARGIN;
    outcome.reviewRejectType =
      labels.has(L.selfieMismatch) || (labels.has(L.faceMismatch) && finalMismatch)
        ? 'FINAL'
        : 'RETRY';
  }
  return outcome;
}

/** A verdict for a clip that could not be analysed (undecodable, over the limits). */
export function unreadableClip(
  reason: string,
  challenge: LivenessChallenge,
  thresholds?: Partial<LivenessThresholds>,
  decidedAt: Date = new Date(),
): LivenessOutcome {
  const t = normaliseLivenessThresholds(thresholds);
  return {
    reviewAnswer: 'ERROR',
    antiSpoofingPercent: 0,
    antiSpoofingIsValid: false,
    livenessReflectionScore: 0,
    livenessReflectionIsValid: false,
    livenessReflectionConfidence: 0,
    checks: [
      { checkType: LIVENESS_CHECK_TYPES.liveness, answer: 'ERROR', details: { error: reason } },
    ],
    rejectLabels: [L.unreadableClip],
    reviewRejectType: 'RETRY',
    moderationComment: reason,
    decision: {
      challengeId: challenge.challengeId,
      thresholds: t,
      calibration: DEFAULT_LIVENESS_CALIBRATION,
      yawTrack: [],
      turns: {
        requested: [...challenge.turns],
        made: [],
        amplitudeDeg: { left: 0, right: 0, up: 0 },
      },
      r: 0,
      p: 1,
      reflection: { ...NO_REFLECTION },
      components: {},
      continuity: [],
      fullRateChecks: [],
      identity: {
        descriptorFrames: 0,
        maxDistanceWithinClip: null,
        profileSimilarityPercent: null,
        selfieSimilarityPercent: null,
      },
      durationMs: 0,
      scheduleMs: scheduleMs(challenge),
      timingsMs: {},
      decidedAt: decidedAt.toISOString(),
    },
  };
}

/** Fills missing or nonsensical thresholds with the defaults and clamps to 0..100. */
export function normaliseLivenessThresholds(
  input: Partial<LivenessThresholds> | undefined,
): LivenessThresholds {
  const pick = percentThreshold;
  const d = DEFAULT_LIVENESS_THRESHOLDS;
  return {
    antiSpoofingPercent: pick(input?.antiSpoofingPercent, d.antiSpoofingPercent),
    livenessReflectionScore: pick(input?.livenessReflectionScore, d.livenessReflectionScore),
    faceValidationPercent: pick(input?.faceValidationPercent, d.faceValidationPercent),
  };
}

function judgeIdentity(
  input: LivenessInput,
  referenceIndex: number,
  thresholds: LivenessThresholds,
) {
  const labels: LivenessRejectLabel[] = [];
  const comments: string[] = [];
  const withDescriptor = input.measurements.frames
    .map((f, i) => ({ i, d: f.faces.length === 1 ? f.descriptor : null }))
    .filter((x): x is { i: number; d: number[] } => !!x.d);
  // The reference is the descriptor frame nearest the frontal reference frame.
  const reference = withDescriptor.reduce<{ i: number; d: number[] } | undefined>(
    (best, x) =>
      !best || Math.abs(x.i - referenceIndex) < Math.abs(best.i - referenceIndex) ? x : best,
    undefined,
  );
  const matchDistance = similarityPercentToDistance(thresholds.faceValidationPercent);
  let maxDistanceWithinClip: number | null = null;
  let profileSimilarityPercent: number | null = null;
  let selfieSimilarityPercent: number | null = null;
  if (reference) {
    maxDistanceWithinClip = round(
      Math.max(0, ...withDescriptor.map((x) => euclideanDistance(x.d, reference.d))),
      4,
    );
    if (maxDistanceWithinClip > matchDistance) {
      labels.push(L.discontinuity);
      comments.push(`The face changes person during the clip (distance ${maxDistanceWithinClip}).`);
    }
    const similarity = (other: readonly number[] | null) =>
      other ? distanceToSimilarityPercent(euclideanDistance(reference.d, other)) : null;
    const below = (percent: number | null) =>
      percent !== null && percent < thresholds.faceValidationPercent;
    const versus = (percent: number | null) =>
      `similarity ${percent}% < ${thresholds.faceValidationPercent}%`;
    profileSimilarityPercent = similarity(input.profileDescriptor);
    if (below(profileSimilarityPercent)) {
      labels.push(L.faceMismatch);
      comments.push(
        `The clip's face does not match the profile face (${versus(profileSimilarityPercent)}).`,
      );
    }
    selfieSimilarityPercent = similarity(input.selfieDescriptor);
    if (below(selfieSimilarityPercent)) {
      labels.push(L.selfieMismatch);
      comments.push(`The selfie is not the clip's face (${versus(selfieSimilarityPercent)}).`);
    }
  }
  return {
    labels,
    comments,
    descriptorFrames: withDescriptor.length,
    maxDistanceWithinClip,
    profileSimilarityPercent,
    selfieSimilarityPercent,
  };
}

/** A 32-bit seed from the challenge id (FNV-1a), so the permutation test is reproducible. */
function seedOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

const d2 = (turns: readonly string[]) => (turns.length ? turns.join(' then ') : 'none');

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
