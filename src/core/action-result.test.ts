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
});
