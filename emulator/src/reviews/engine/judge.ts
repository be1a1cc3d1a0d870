/**
 * Turns face analyses into the verdicts of the contract: a review (GREEN / RED / ERROR) or an
 * enrolment (the applicant API's `validationStatus` flags). Pure: no models, no I/O, so every rule here is
 * unit-tested directly.
 */
import type {
  DecisionRecord,
  EnrolmentOutcome,
  ReviewCheck,
  ReviewOutcome,
  ReviewThresholds,
} from './contract.js';
import type { AnalysedFace, EngineInfo, FaceAnalysis } from './face-analysis.js';
import { CHECK_TYPES, REJECT_LABELS, type RejectLabel } from './labels.js';
import { assessQuality, type QualityAssessment, type QualityMetrics } from './quality.js';
import {
  distanceToSimilarityPercent,
  euclideanDistance,
  similarityPercentToDistance,
} from './similarity.js';

/** The applicant API's defaults for `validationRequestSettings`. */
export const DEFAULT_THRESHOLDS: ReviewThresholds = { faceValidationPercent: 70, qualityScore: 30 };

/**
 * A mismatch this many points (or more) below `faceValidationPercent` on a good-quality photo
 * is FINAL: the photo is clearly of someone else, and inviting retries would only let an
 * impostor try more photos. Closer to the threshold it is RETRY: a genuine user at a bad angle
 * or in bad light can land there and usually passes with a better selfie. With the defaults the
 * FINAL zone is similarity < 55 %, i.e. distance > 0.78; impostors measured here: 0.77..0.87.
 */
export const FINAL_MISMATCH_MARGIN = 15;

/** A face smaller than this share of the largest face's width is background, not a second person. */
export const BACKGROUND_FACE_RATIO = 0.25;

export interface JudgeContext {
  engine: EngineInfo;
  timingsMs: Record<string, number>;
  /** Defaults to now; fixed in tests. */
  decidedAt?: Date;
}

/** A threshold in percent: a finite number clamped to 0..100, else `fallback`. */
export function percentThreshold(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value)
    ? Math.min(100, Math.max(0, value))
    : fallback;
}

/** Fills missing or nonsensical thresholds with the defaults and clamps to 0..100. */
export function normaliseThresholds(
  input: Partial<ReviewThresholds> | undefined,
): ReviewThresholds {
  const pick = percentThreshold;
  return {
    faceValidationPercent: pick(
      input?.faceValidationPercent,
      DEFAULT_THRESHOLDS.faceValidationPercent,
    ),
    qualityScore: pick(input?.qualityScore, DEFAULT_THRESHOLDS.qualityScore),
  };
}

/** Faces that count: the largest and any other at least {@link BACKGROUND_FACE_RATIO} of its width. */
export function significantFaces(faces: readonly AnalysedFace[]): AnalysedFace[] {
  const largest = Math.max(0, ...faces.map((f) => f.box.width));
  return faces.filter((f) => f.box.width >= largest * BACKGROUND_FACE_RATIO);
}

interface FaceChecks {
  face?: AnalysedFace;
  faceCount: number;
  quality?: QualityAssessment;
  singleFaceOk: boolean;
  qualityOk: boolean | null;
  labels: RejectLabel[];
  checks: ReviewCheck[];
  comments: string[];
}

/** SINGLE_FACE and IMAGE_QUALITY, shared by review and enrolment. */
function checkFace(analysis: FaceAnalysis, thresholds: ReviewThresholds): FaceChecks {
  const faces = significantFaces(analysis.faces);
  const faceCount = faces.length;
  const face = faceCount === 1 ? faces[0] : undefined;
  const checks: ReviewCheck[] = [];
  const labels: RejectLabel[] = [];
  const comments: string[] = [];

  checks.push({
    checkType: CHECK_TYPES.singleFace,
    answer: face ? 'GREEN' : 'RED',
    details: {
      faceCount,
      detectedFaces: analysis.faces.length,
      detectionScore: face ? round(face.detectionScore, 3) : null,
    },
  });
  if (faceCount === 0) {
    labels.push(REJECT_LABELS.noFace);
    comments.push('No face was found in the image.');
  } else if (!face) {
    labels.push(REJECT_LABELS.multipleFaces);
    comments.push(`${faceCount} faces are in view; exactly one is required.`);
  }
  if (!face) return { faceCount, singleFaceOk: false, qualityOk: null, labels, checks, comments };

  const quality = assessQuality(face.metrics);
  const qualityOk = quality.score >= thresholds.qualityScore;
  checks.push({
    checkType: CHECK_TYPES.imageQuality,
    answer: qualityOk ? 'GREEN' : 'RED',
    details: {
      qualityScore: quality.score,
      threshold: thresholds.qualityScore,
      weakest: quality.weakest,
      ...prefixed('score_', quality.components),
      ...roundedMetrics(face.metrics),
    },
  });
  if (!qualityOk) {
    labels.push(REJECT_LABELS.lowQuality);
    comments.push(
      `Image quality ${quality.score}% is below ${thresholds.qualityScore}% (weakest: ${QUALITY_WORDS[quality.weakest]}).`,
    );
  }
  return { face, faceCount, quality, singleFaceOk: true, qualityOk, labels, checks, comments };
}

const QUALITY_WORDS: Record<QualityAssessment['weakest'], string> = {
  faceSize: 'the face is too small',
  sharpness: 'the face is blurred',
  brightness: 'the face is too dark or too bright',
  contrast: 'the face has too little contrast',
  framing: 'the face is cut off by the frame',
};

/** Judges a face-authorization selfie against the profile face's descriptor. */
export function judgeReview(input: {
  selfie: FaceAnalysis;
  profileDescriptor: readonly number[];
  thresholds: ReviewThresholds;
  context: JudgeContext;
}): ReviewOutcome {
  const { selfie, profileDescriptor, thresholds, context } = input;
  const faceChecks = checkFace(selfie, thresholds);
  const { face, labels, checks, comments } = faceChecks;

  let similarity: number | null = null;
  let distance: number | null = null;
  if (face) {
    distance = euclideanDistance(face.descriptor, profileDescriptor);
    similarity = distanceToSimilarityPercent(distance);
    const matchOk = similarity >= thresholds.faceValidationPercent;
    checks.push({
      checkType: CHECK_TYPES.faceMatch,
      answer: matchOk ? 'GREEN' : 'RED',
      details: {
        similarityPercent: similarity,
        threshold: thresholds.faceValidationPercent,
        distance: round(distance, 4),
        thresholdDistance: similarityPercentToDistance(thresholds.faceValidationPercent),
      },
    });
    if (!matchOk) {
      labels.push(REJECT_LABELS.faceMismatch);
      comments.push(
        `The face does not match the profile face (similarity ${similarity}% < ${thresholds.faceValidationPercent}%).`,
      );
    } else {
      comments.push(
        `The face matches the profile face (similarity ${similarity}% >= ${thresholds.faceValidationPercent}%).`,
      );
    }
  }

  const green = labels.length === 0;
  const outcome: ReviewOutcome = {
    reviewAnswer: green ? 'GREEN' : 'RED',
    rejectLabels: labels,
    imageAnswer: green ? 'GREEN' : 'RED',
    checks,
    decision: decisionRecord(context, thresholds, {
      faceCount: faceChecks.faceCount,
      detectionScore: face ? round(face.detectionScore, 3) : null,
      qualityScore: faceChecks.quality?.score ?? null,
      similarityPercent: similarity,
      distance: distance === null ? null : round(distance, 4),
      ...qualityScores(faceChecks),
    }),
    moderationComment: comments.join(' '),
  };
  if (!green) outcome.reviewRejectType = rejectType(labels, similarity, thresholds);
  if (face) outcome.selfieDescriptor = face.descriptor;
  return outcome;
}

/**
 * RETRY for anything a better selfie fixes (no face, several faces, low quality, or a mismatch
 * close to the threshold); FINAL only for a clear mismatch on an otherwise good photo.
 */
export function rejectType(
  labels: readonly string[],
  similarityPercent: number | null,
  thresholds: ReviewThresholds,
): 'RETRY' | 'FINAL' {
  const onlyMismatch = labels.length === 1 && labels[0] === REJECT_LABELS.faceMismatch;
  if (
    onlyMismatch &&
    similarityPercent !== null &&
    similarityPercent < thresholds.faceValidationPercent - FINAL_MISMATCH_MARGIN
  ) {
    return 'FINAL';
  }
  return 'RETRY';
}

/** A review that could not be performed on the image (undecodable selfie, unusable profile). */
export function errorReview(
  reason: string,
  thresholds: ReviewThresholds,
  context: JudgeContext,
): ReviewOutcome {
  return {
    reviewAnswer: 'ERROR',
    rejectLabels: [],
    imageAnswer: 'ERROR',
    checks: [{ checkType: CHECK_TYPES.singleFace, answer: 'ERROR', details: { error: reason } }],
    decision: decisionRecord(context, thresholds, { faceCount: null }),
    moderationComment: reason,
  };
}

/** Judges a candidate profile photo: accepted when it holds one face of acceptable quality. */
export function judgeEnrolment(input: {
  image: FaceAnalysis;
  thresholds: ReviewThresholds;
  context: JudgeContext;
}): EnrolmentOutcome {
  const faceChecks = checkFace(input.image, input.thresholds);
  const accepted = faceChecks.singleFaceOk && faceChecks.qualityOk === true;
  const outcome: EnrolmentOutcome = {
    accepted,
    validationStatus: {
      faceIsValid: faceChecks.singleFaceOk,
      // Quality is measured on the face: without exactly one face it was not assessed.
      qualityIsValid: faceChecks.qualityOk,
      // Not checked by this engine (no liveness or anti-spoofing model we trust): never claimed.
      antiSpoofingIsValid: null,
      livenessReflectionIsValid: null,
    },
    rejectLabels: faceChecks.labels,
    checks: faceChecks.checks,
    decision: decisionRecord(input.context, input.thresholds, {
      faceCount: faceChecks.faceCount,
      detectionScore: faceChecks.face ? round(faceChecks.face.detectionScore, 3) : null,
      qualityScore: faceChecks.quality?.score ?? null,
      ...qualityScores(faceChecks),
    }),
    moderationComment: accepted
      ? `One face of quality ${faceChecks.quality?.score}% (>= ${input.thresholds.qualityScore}%).`
      : faceChecks.comments.join(' '),
  };
  if (accepted && faceChecks.face) outcome.descriptor = faceChecks.face.descriptor;
  return outcome;
}

/** Enrolment of a file that is not a decodable image. */
export function unreadableEnrolment(
  reason: string,
  thresholds: ReviewThresholds,
  context: JudgeContext,
): EnrolmentOutcome {
  return {
    accepted: false,
    validationStatus: {
      faceIsValid: null,
      qualityIsValid: null,
      antiSpoofingIsValid: null,
      livenessReflectionIsValid: null,
    },
    rejectLabels: [REJECT_LABELS.unreadableImage],
    checks: [{ checkType: CHECK_TYPES.singleFace, answer: 'ERROR', details: { error: reason } }],
    decision: decisionRecord(context, thresholds, { faceCount: null }),
    moderationComment: reason,
  };
}

function qualityScores(faceChecks: FaceChecks): Record<string, number | null> {
  const { face, quality } = faceChecks;
  if (!face || !quality) return {};
  return {
    ...prefixed('quality_', quality.components),
    ...roundedMetrics(face.metrics),
  };
}

function decisionRecord(
  context: JudgeContext,
  thresholds: ReviewThresholds,
  scores: Record<string, number | null>,
): DecisionRecord {
  return {
    engine: context.engine.engine,
    models: context.engine.models,
    thresholds: {
      ...thresholds,
      matchDistance: similarityPercentToDistance(thresholds.faceValidationPercent),
      finalMismatchBelowPercent: thresholds.faceValidationPercent - FINAL_MISMATCH_MARGIN,
      backgroundFaceRatio: BACKGROUND_FACE_RATIO,
    },
    scores,
    timingsMs: context.timingsMs,
    decidedAt: (context.decidedAt ?? new Date()).toISOString(),
  };
}

/** The quality measurements as the check details and the decision record show them. */
function roundedMetrics(m: QualityMetrics): QualityMetrics {
  return {
    faceSizePx: Math.round(m.faceSizePx),
    sharpness: round(m.sharpness, 3),
    brightness: round(m.brightness, 1),
    contrast: round(m.contrast, 1),
    inFrameRatio: round(m.inFrameRatio, 3),
  };
}

function prefixed(prefix: string, values: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [`${prefix}${k}`, v]));
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
