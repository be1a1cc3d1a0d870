import type { FaceObservation } from './face.js';
import { countedFaces } from './face-count.js';
import { clamp, ellipseDistance, rectCentre, type Ellipse } from './geometry.js';
import { sortHints, type HintCode } from './hints.js';
import type { CropStats } from './image-stats.js';
import type { QualityThresholds } from './thresholds.js';

/** The side of the square grayscale face crop the image statistics are measured on. */
export const FACE_CROP_SIZE = 64;

/** What the scorer needs to know about one video frame. */
export interface FrameInput {
  faces: ReadonlyArray<FaceObservation>;
  /** The guidance oval in the same (video pixel) coordinates as the faces. */
  oval: Ellipse;
  /**
   * Statistics of the face crop (null: could not be read). Reading pixels back from the video
   * is the costly part of a frame, so it may be a function: it is then called only when the
   * face is well placed, since light and sharpness hints rank below every placement hint, and
   * with the face the checks picked, so "which face" is decided here alone.
   */
  crop?: CropStats | null | ((face: FaceObservation) => CropStats | null);
  /**
   * From `motionOver`: null while there is not enough history yet. A function is called with the
   * counted face, only when there is exactly one (a tracker records it there).
   */
  motion?: number | null | ((face: FaceObservation) => number | null);
}

export type CheckName =
  | 'faceCount'
  | 'detectionScore'
  | 'size'
  | 'centring'
  | 'roll'
  | 'yaw'
  | 'brightness'
  | 'contrast'
  | 'sharpness'
  | 'stillness';

export interface CheckResult {
  pass: boolean;
  /** The measured value (units as in `QualityThresholds`); null when it could not be measured. */
  value: number | null;
  /** The hint this failure maps to, if any. */
  hint?: HintCode;
}

/** The outcome of scoring one frame; also sent with the captured image. */
export interface QualityReport {
  /** Every check passed. */
  ok: boolean;
  /** Hints for the failing checks, most important first. */
  hints: HintCode[];
  checks: Partial<Record<CheckName, CheckResult>>;
  /** 0..1, used to pick the best frame of a stable window; 0 without exactly one face. */
  score: number;
  face: FaceObservation | null;
}

/** Tilt of the eye line in degrees (0 when level). */
export function rollDegrees(face: FaceObservation): number {
  const { rightEye: r, leftEye: l } = face;
  return (Math.atan2(l.y - r.y, l.x - r.x) * 180) / Math.PI;
}

/**
 * Nose offset from the eye midpoint along the eye line, in inter-eye distances: about 0 for a
 * frontal face, growing as the head turns. Projecting on the eye line keeps roll out of it.
 */
export function yawRatio(face: FaceObservation): number {
  const { rightEye: r, leftEye: l, noseTip: n } = face;
  const ex = l.x - r.x;
  const ey = l.y - r.y;
  const d = Math.hypot(ex, ey);
  if (d === 0) return 0;
  const mx = (r.x + l.x) / 2;
  const my = (r.y + l.y) / 2;
  return ((n.x - mx) * ex + (n.y - my) * ey) / (d * d);
}

function faceToOvalRatio(face: FaceObservation, oval: Ellipse): number {
  return face.box.height / (2 * oval.ry);
}

function centreOffset(face: FaceObservation, oval: Ellipse): number {
  return ellipseDistance(oval, rectCentre(face.box));
}

function check(pass: boolean, value: number | null, hint: HintCode): CheckResult {
  return pass ? { pass, value } : { pass, value, hint };
}

/** Scores one frame against every check; pure, so it is unit-tested on synthetic detections. */
export function assessFrame(input: FrameInput, t: QualityThresholds): QualityReport {
  // Faces counted as the review counts them: overlapping boxes are one, background faces none.
  const faces = countedFaces(input.faces.filter((f) => f.score >= t.minFaceScore));
  const checks: QualityReport['checks'] = {};
  if (faces.length !== 1) {
    checks.faceCount = check(false, faces.length, faces.length === 0 ? 'noFace' : 'multipleFaces');
    return { ok: false, hints: [checks.faceCount.hint!], checks, score: 0, face: null };
  }
  const face = faces[0]!;
  checks.faceCount = check(true, 1, 'noFace');
  checks.detectionScore = check(face.score >= t.minDetectionScore, face.score, 'faceUnclear');

  const size = faceToOvalRatio(face, input.oval);
  checks.size =
    size < t.minFaceToOval
      ? check(false, size, 'moveCloser')
      : check(size <= t.maxFaceToOval, size, 'moveBack');

  const offset = centreOffset(face, input.oval);
  checks.centring = check(offset <= t.maxCentreOffset, offset, 'centreFace');

  const roll = rollDegrees(face);
  checks.roll = check(Math.abs(roll) <= t.maxRollDeg, roll, 'levelHead');

  const yaw = yawRatio(face);
  checks.yaw = check(Math.abs(yaw) <= t.maxYaw, yaw, 'lookStraight');

  const placed = Object.values(checks).every((c) => c.pass);
  const crop = typeof input.crop === 'function' ? (placed ? input.crop(face) : null) : input.crop;
  if (crop) {
    checks.brightness =
      crop.mean < t.minBrightness
        ? check(false, crop.mean, 'moreLight')
        : check(crop.mean <= t.maxBrightness, crop.mean, 'lessLight');
    checks.contrast = check(crop.stdDev >= t.minContrast, crop.stdDev, 'evenLight');
    checks.sharpness = check(crop.sharpness >= t.minSharpness, crop.sharpness, 'blurry');
  }

  // Unknown motion (too little history yet) is not a pass: the person is asked to hold still.
  const motion = typeof input.motion === 'function' ? input.motion(face) : (input.motion ?? null);
  checks.stillness = check(motion !== null && motion <= t.maxMotion, motion, 'holdStill');

  const results = Object.values(checks);
  const hints = sortHints(results.flatMap((c) => (c.hint ? [c.hint] : [])));
  return {
    ok: hints.length === 0,
    hints,
    checks,
    score: frameScore(face, crop, offset, yaw, t),
    face,
  };
}

/**
 * Ranks frames that may all pass: confidence, sharpness, centring and frontality. Sharpness is
 * saturated at four times its threshold so one noisy frame cannot win on noise alone.
 */
function frameScore(
  face: FaceObservation,
  crop: CropStats | null | undefined,
  offset: number,
  yaw: number,
  t: QualityThresholds,
): number {
  const sharp = crop ? clamp(crop.sharpness / (4 * t.minSharpness), 0, 1) : 0.5;
  const centred = clamp(1 - offset / (2 * t.maxCentreOffset), 0, 1);
  const frontal = clamp(1 - Math.abs(yaw) / (2 * t.maxYaw), 0, 1);
  return 0.3 * clamp(face.score, 0, 1) + 0.3 * sharp + 0.2 * centred + 0.2 * frontal;
}
