import { describe, expect, it } from 'vitest';
import { rejectReasons } from './action-result.js';

describe('reject reasons', () => {
  it('keeps known labels in their order of importance, each once', () => {
    expect(rejectReasons(['LOW_QUALITY', 'FACE_MISMATCH', 'LOW_QUALITY'])).toEqual([
      'FACE_MISMATCH',
      'LOW_QUALITY',
    ]);
  });

  it('folds unknown labels into one generic reason, and never shows an empty list', () => {
    expect(rejectReasons(['SANDBOX', 'WHATEVER'])).toEqual(['other']);
    expect(rejectReasons(['NO_FACE', 'SANDBOX'])).toEqual(['NO_FACE', 'other']);
    expect(rejectReasons([])).toEqual(['other']);
  });

  it('says what a person can do about a failed liveness, not which rule caught a picture', () => {
    expect(
      rejectReasons([
        'FRAUDULENT_LIVENESS',
        'BAD_VIDEO_SELFIE',
        'LIVENESS_TURN_MISSING',
        'LIVENESS_REFLECTION_MISMATCH',
      ]),
    ).toEqual(['livenessTurns', 'livenessReflection']);
    expect(rejectReasons(['BAD_VIDEO_SELFIE', 'LIVENESS_TURN_ORDER'])).toEqual(['livenessTurns']);
    expect(
      rejectReasons(['BAD_VIDEO_SELFIE', 'LIVENESS_CLIP_TOO_SHORT', 'LIVENESS_CHALLENGE_EXPIRED']),
    ).toEqual(['livenessRecording']);
    expect(
      rejectReasons(['FRAUDULENT_LIVENESS', 'LIVENESS_NO_DEPTH', 'LIVENESS_DISCONTINUITY']),
    ).toEqual(['livenessNotConfirmed']);
    expect(rejectReasons(['SELFIE_MISMATCH'])).toEqual(['livenessNotConfirmed']);
    expect(
      rejectReasons(['FACE_MISMATCH', 'FRAUDULENT_LIVENESS', 'LIVENESS_REFLECTION_LATE']),
    ).toEqual(['FACE_MISMATCH', 'livenessReflection']);
  });

  it("explains the provider's own liveness labels when they come alone", () => {
    expect(rejectReasons(['FRAUDULENT_LIVENESS'])).toEqual(['livenessNotConfirmed']);
    expect(rejectReasons(['BAD_VIDEO_SELFIE'])).toEqual(['livenessRecording']);
    expect(rejectReasons(['BAD_VIDEO_SELFIE', 'SOMETHING_NEW'])).toEqual([
      'livenessRecording',
      'other',
    ]);
  });
});
