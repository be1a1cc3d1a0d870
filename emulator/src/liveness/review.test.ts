import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createChallenge } from './challenge.js';
import type { LivenessRejectLabel } from './labels.js';
import { restrict } from './review.js';
import { unreadableClip, type LivenessOutcome } from './verdict.js';

const policy = { required: true, reflection: true };

/** A clip's verdict as judgeLiveness answers it: LIVENESS answered from every label it found. */
function judged(rejectLabels: LivenessRejectLabel[], antiSpoofingIsValid = true): LivenessOutcome {
  const base = unreadableClip('shape only', createChallenge(randomBytes, new Date()));
  const livenessOk =
    antiSpoofingIsValid &&
    rejectLabels.every(
      (l) => l === 'LIVENESS_REFLECTION_MISMATCH' || l === 'LIVENESS_REFLECTION_LATE',
    );
  return {
    ...base,
    reviewAnswer: rejectLabels.length ? 'RED' : 'GREEN',
    antiSpoofingPercent: antiSpoofingIsValid ? 96 : 10,
    antiSpoofingIsValid,
    checks: [
      { checkType: 'LIVENESS', answer: livenessOk ? 'GREEN' : 'RED', details: {} },
      { checkType: 'LIVENESS_REFLECTION', answer: 'RED', details: {} },
    ],
    rejectLabels,
  };
}

describe('restrict: what a clip of each kind can say', () => {
  // Seen on the validationLink page: an approved enrolment whose checks said "LIVENESS RED".
  it('a turns clip shorter than the colour schedule: CLIP_TOO_SHORT is dropped and its LIVENESS check is GREEN again', () => {
    const out = restrict(
      judged(['LIVENESS_CLIP_TOO_SHORT', 'LIVENESS_REFLECTION_MISMATCH']),
      'turns',
      policy,
    );
    expect(out.reviewAnswer).toBe('GREEN');
    expect(out.rejectLabels).toEqual([]);
    expect(out.checks.map((c) => `${c.checkType} ${c.answer}`)).toEqual(['LIVENESS GREEN']);
  });

  it('a turns clip with a turn missing stays RED, its LIVENESS check too', () => {
    const out = restrict(
      judged(['LIVENESS_TURN_MISSING', 'LIVENESS_CLIP_TOO_SHORT'], false),
      'turns',
      policy,
    );
    expect(out.reviewAnswer).toBe('RED');
    expect(out.rejectLabels).toEqual(['LIVENESS_TURN_MISSING']);
    expect(out.checks.map((c) => `${c.checkType} ${c.answer}`)).toEqual(['LIVENESS RED']);
  });

  it('a combined clip keeps CLIP_TOO_SHORT, and its LIVENESS check stays RED', () => {
    const out = restrict(judged(['LIVENESS_CLIP_TOO_SHORT']), 'combined', policy);
    expect(out.reviewAnswer).toBe('RED');
    expect(out.checks.map((c) => `${c.checkType} ${c.answer}`)).toEqual([
      'LIVENESS RED',
      'LIVENESS_REFLECTION RED',
    ]);
  });

  it('an unreadable clip keeps its ERROR check', () => {
    const base = unreadableClip('garbage', createChallenge(randomBytes, new Date()));
    const out = restrict(base, 'turns', policy);
    expect(out.checks.find((c) => c.checkType === 'LIVENESS')?.answer).toBe('ERROR');
  });
});
