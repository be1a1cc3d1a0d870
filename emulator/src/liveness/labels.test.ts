import { describe, expect, it } from 'vitest';
import { LIVENESS_REJECT_LABELS as L, withProviderLabels } from './labels.js';

describe("the provider's own liveness labels", () => {
  it('lead a RED: FRAUDULENT_LIVENESS for evidence of a picture, a cut or a relay', () => {
    expect(withProviderLabels([L.noDepth])).toEqual(['FRAUDULENT_LIVENESS', L.noDepth]);
    expect(withProviderLabels([L.discontinuity])).toEqual(['FRAUDULENT_LIVENESS', L.discontinuity]);
    expect(withProviderLabels([L.reflectionLate])).toEqual([
      'FRAUDULENT_LIVENESS',
      L.reflectionLate,
    ]);
  });

  it('BAD_VIDEO_SELFIE for a clip that does not show what was asked', () => {
    expect(withProviderLabels([L.turnOrder])).toEqual(['BAD_VIDEO_SELFIE', L.turnOrder]);
    expect(withProviderLabels([L.clipTooShort, L.unreadableClip])).toEqual([
      'BAD_VIDEO_SELFIE',
      L.clipTooShort,
      L.unreadableClip,
    ]);
  });

  it('both for a still photo; none for face labels alone; the same when folded twice', () => {
    const photo = withProviderLabels([L.turnMissing, L.reflectionMismatch]);
    expect(photo).toEqual([
      'FRAUDULENT_LIVENESS',
      'BAD_VIDEO_SELFIE',
      L.turnMissing,
      L.reflectionMismatch,
    ]);
    expect(withProviderLabels(photo)).toEqual(photo);
    expect(withProviderLabels(['FACE_MISMATCH'])).toEqual(['FACE_MISMATCH']);
    expect(withProviderLabels([L.selfieMismatch])).toEqual([L.selfieMismatch]);
    expect(withProviderLabels([])).toEqual([]);
  });
});
