import { describe, expect, it } from 'vitest';
import type { AnalysedFace, FaceAnalysis } from './face-analysis.js';
import { ACCEPTED_ENROLMENT } from './fixtures/accepted-enrolment.js';
import {
  DEFAULT_THRESHOLDS,
  errorReview,
  judgeEnrolment,
  judgeReview,
  normaliseThresholds,
  rejectType,
  significantFaces,
  unreadableEnrolment,
  type JudgeContext,
} from './judge.js';

const context: JudgeContext = {
  engine: { engine: 'test-engine', models: { detector: 'tiny' }, loadMs: 1, warmUpMs: 1 },
  timingsMs: { total: 5 },
  decidedAt: new Date('2024-01-02T03:04:05Z'),
};

/** Descriptor at a chosen distance from the all-zero profile descriptor. */
const at = (distance: number): number[] => [distance, ...new Array<number>(127).fill(0)];
const profileDescriptor = at(0);

function face(overrides: Partial<AnalysedFace> & { distance?: number } = {}): AnalysedFace {
  const { distance = 0.4, ...rest } = overrides;
  return {
    box: { x: 100, y: 100, width: 300, height: 300 },
    detectionScore: 0.9,
    descriptor: at(distance),
    metrics: { faceSizePx: 300, sharpness: 0.3, brightness: 130, contrast: 45, inFrameRatio: 1 },
    ...rest,
  };
}

function analysis(...faces: AnalysedFace[]): FaceAnalysis {
  return {
    imageWidth: 800,
    imageHeight: 1000,
    detector: 'test-detector',
    faces,
    timingsMs: { inference: 1, measurements: 1 },
  };
}

const review = (selfie: FaceAnalysis, thresholds = DEFAULT_THRESHOLDS) =>
  judgeReview({ selfie, profileDescriptor, thresholds, context });

describe('judgeReview', () => {
  it('GREEN when one good face matches, with the three checks and a decision record', () => {
    const outcome = review(analysis(face({ distance: 0.4 })));
    expect(outcome).toMatchObject({
      reviewAnswer: 'GREEN',
      imageAnswer: 'GREEN',
      rejectLabels: [],
    });
    expect(outcome.reviewRejectType).toBeUndefined();
    expect(outcome.checks.map((c) => [c.checkType, c.answer])).toEqual([
      ['SINGLE_FACE', 'GREEN'],
      ['IMAGE_QUALITY', 'GREEN'],
      ['FACE_MATCH', 'GREEN'],
    ]);
    expect(outcome.decision).toMatchObject({
      engine: 'test-engine',
      models: { detector: 'tiny' },
      thresholds: { faceValidationPercent: 70, qualityScore: 30, matchDistance: 0.6 },
      scores: { faceCount: 1, qualityScore: 100, distance: 0.4, similarityPercent: 80 },
      timingsMs: { total: 5 },
      decidedAt: '2024-01-02T03:04:05.000Z',
    });
    expect(outcome.moderationComment).toMatch(/matches/);
  });

  it('RED NO_FACE, RETRY, without quality or match checks', () => {
    const outcome = review(analysis());
    expect(outcome).toMatchObject({
      reviewAnswer: 'RED',
      imageAnswer: 'RED',
      rejectLabels: ['NO_FACE'],
      reviewRejectType: 'RETRY',
    });
    expect(outcome.checks.map((c) => c.checkType)).toEqual(['SINGLE_FACE']);
    expect(outcome.decision.scores.similarityPercent).toBeNull();
  });

  it('RED MULTIPLE_FACES, RETRY, even when one of them matches', () => {
    const outcome = review(analysis(face({ distance: 0.3 }), face({ distance: 0.9 })));
    expect(outcome).toMatchObject({ rejectLabels: ['MULTIPLE_FACES'], reviewRejectType: 'RETRY' });
    expect(outcome.checks[0]?.details.faceCount).toBe(2);
  });

  it('ignores a small background face', () => {
    const background = face({ box: { x: 0, y: 0, width: 50, height: 50 }, distance: 1 });
    expect(significantFaces([face(), background])).toHaveLength(1);
    expect(review(analysis(face(), background)).reviewAnswer).toBe('GREEN');
  });

  it('RED LOW_QUALITY, RETRY, names the weakest property', () => {
    const dark = face({ metrics: { ...face().metrics, brightness: 30 } });
    const outcome = review(analysis(dark));
    expect(outcome).toMatchObject({ rejectLabels: ['LOW_QUALITY'], reviewRejectType: 'RETRY' });
    expect(outcome.checks[1]).toMatchObject({ checkType: 'IMAGE_QUALITY', answer: 'RED' });
    expect(outcome.checks[1]?.details.weakest).toBe('brightness');
    expect(outcome.moderationComment).toMatch(/too dark or too bright/);
  });

  it('RED FACE_MISMATCH is FINAL when clear-cut, RETRY in the grey zone below the threshold', () => {
    const clear = review(analysis(face({ distance: 0.86 })));
    expect(clear).toMatchObject({ rejectLabels: ['FACE_MISMATCH'], reviewRejectType: 'FINAL' });
    expect(clear.checks[2]).toMatchObject({ checkType: 'FACE_MATCH', answer: 'RED' });
    const close = review(analysis(face({ distance: 0.65 })));
    expect(close).toMatchObject({ rejectLabels: ['FACE_MISMATCH'], reviewRejectType: 'RETRY' });
  });

  it('a mismatch on a poor photo is RETRY (the photo, not the person, may be the problem)', () => {
    const blurred = face({ distance: 1.1, metrics: { ...face().metrics, sharpness: 0.02 } });
    const outcome = review(analysis(blurred));
    expect(outcome.rejectLabels).toEqual(['LOW_QUALITY', 'FACE_MISMATCH']);
    expect(outcome.reviewRejectType).toBe('RETRY');
  });

  it('honours the applicant thresholds', () => {
    const selfie = analysis(face({ distance: 0.5 })); // 75 %
    expect(review(selfie, { faceValidationPercent: 80, qualityScore: 30 }).rejectLabels).toEqual([
      'FACE_MISMATCH',
    ]);
    expect(review(selfie, { faceValidationPercent: 75, qualityScore: 30 }).reviewAnswer).toBe(
      'GREEN',
    );
    const soft = analysis(face({ metrics: { ...face().metrics, sharpness: 0.05 } })); // scores 60
    expect(review(soft, { faceValidationPercent: 70, qualityScore: 90 }).rejectLabels).toEqual([
      'LOW_QUALITY',
    ]);
  });

  it('errorReview is ERROR with the reason and no labels', () => {
    const outcome = errorReview('image cannot be decoded', DEFAULT_THRESHOLDS, context);
    expect(outcome).toMatchObject({
      reviewAnswer: 'ERROR',
      imageAnswer: 'ERROR',
      rejectLabels: [],
      moderationComment: 'image cannot be decoded',
    });
    expect(outcome.reviewRejectType).toBeUndefined();
  });
});

describe('rejectType', () => {
  it('FINAL only for a lone mismatch more than 15 points below the threshold', () => {
    expect(rejectType(['FACE_MISMATCH'], 54.9, DEFAULT_THRESHOLDS)).toBe('FINAL');
    expect(rejectType(['FACE_MISMATCH'], 55, DEFAULT_THRESHOLDS)).toBe('RETRY');
    expect(rejectType(['NO_FACE'], null, DEFAULT_THRESHOLDS)).toBe('RETRY');
  });
});

describe('judgeEnrolment', () => {
  it('accepts one good face, with the applicant API validationStatus flags and the descriptor', () => {
    const outcome = judgeEnrolment({
      image: analysis(face()),
      thresholds: DEFAULT_THRESHOLDS,
      context,
    });
    expect(outcome).toMatchObject(ACCEPTED_ENROLMENT);
    expect(outcome.descriptor).toHaveLength(128);
  });

  it('refuses a low-quality face: faceIsValid true, qualityIsValid false, no descriptor', () => {
    const small = face({ metrics: { ...face().metrics, faceSizePx: 50 } });
    const outcome = judgeEnrolment({
      image: analysis(small),
      thresholds: DEFAULT_THRESHOLDS,
      context,
    });
    expect(outcome).toMatchObject({
      accepted: false,
      rejectLabels: ['LOW_QUALITY'],
      validationStatus: { faceIsValid: true, qualityIsValid: false },
    });
    expect(outcome.descriptor).toBeUndefined();
  });

  it('refuses no face / several faces: faceIsValid false, quality not assessed (null)', () => {
    for (const [image, label] of [
      [analysis(), 'NO_FACE'],
      [analysis(face(), face()), 'MULTIPLE_FACES'],
    ] as const) {
      const outcome = judgeEnrolment({ image, thresholds: DEFAULT_THRESHOLDS, context });
      expect(outcome).toMatchObject({
        accepted: false,
        rejectLabels: [label],
        validationStatus: { faceIsValid: false, qualityIsValid: null },
      });
    }
  });

  it('unreadable image: not accepted, UNREADABLE_IMAGE, nothing claimed', () => {
    const outcome = unreadableEnrolment('bad bytes', DEFAULT_THRESHOLDS, context);
    expect(outcome).toMatchObject({
      accepted: false,
      rejectLabels: ['UNREADABLE_IMAGE'],
      validationStatus: { faceIsValid: null, qualityIsValid: null },
    });
  });
});

describe('normaliseThresholds', () => {
  it('fills defaults and clamps', () => {
    expect(normaliseThresholds(undefined)).toEqual({ faceValidationPercent: 70, qualityScore: 30 });
    expect(normaliseThresholds({ faceValidationPercent: 150, qualityScore: Number.NaN })).toEqual({
      faceValidationPercent: 100,
      qualityScore: 30,
    });
  });
});
