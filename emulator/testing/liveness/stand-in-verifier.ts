/**
 * A stand-in liveness verifier for tests of the plumbing around it (routes, storage, lockout):
 * it reads no clip. The real verifier on rendered clips is tested in `liveness-http.test.ts`,
 * `matrix.test.ts` and `enrolment-http.test.ts`.
 */
import type { ProviderContext } from '../../src/platform/context.js';
import { useLivenessVerifier } from '../../src/liveness/review.js';
import type { ClipVerifier } from '../../src/liveness/review.js';
import type { LivenessChallenge } from '../../src/liveness/challenge.js';
import { unreadableClip, type LivenessOutcome } from '../../src/liveness/verdict.js';

/** A clip's first bytes must be WebM's; the stand-in verifier reads nothing else. */
export const fakeClip = (tag = 'clip') =>
  Buffer.concat([Buffer.from([0x1a, 0x45, 0xdf, 0xa3]), Buffer.from(`fake webm ${tag}`)]);

/** Answers GREEN, or RED with a turn missing, as `verdict()` says; counts its calls. */
export function standInVerifier(verdict: () => 'GREEN' | 'RED' = () => 'GREEN') {
  const calls: { challenge: LivenessChallenge; bytes: number; selfie: unknown }[] = [];
  const verifier: ClipVerifier = {
    verify: async (input) => {
      calls.push({
        challenge: input.challenge,
        bytes: input.clip.length,
        selfie: input.selfieDescriptor,
      });
      const base = unreadableClip('stand-in', input.challenge);
      const green = verdict() === 'GREEN';
      const outcome: LivenessOutcome = {
        ...base,
        reviewAnswer: green ? 'GREEN' : 'RED',
        antiSpoofingPercent: green ? 88 : 12,
        antiSpoofingIsValid: green,
        livenessReflectionScore: 91,
        livenessReflectionIsValid: true,
        livenessReflectionConfidence: 99,
        checks: [
          { checkType: 'LIVENESS', answer: green ? 'GREEN' : 'RED', details: { standIn: true } },
          { checkType: 'LIVENESS_REFLECTION', answer: 'GREEN', details: { standIn: true } },
        ],
        rejectLabels: green ? [] : ['LIVENESS_TURN_MISSING'],
        moderationComment: green ? 'ok' : 'turn missing',
      };
      if (green) delete outcome.reviewRejectType;
      return outcome;
    },
    close: async () => undefined,
  };
  return { verifier, calls };
}

/** Puts a stand-in verifier in the emulator's place (e.g. a host backend's tests); returns its calls. */
export async function useStandInVerifier(
  ctx: ProviderContext,
  verdict: () => 'GREEN' | 'RED' = () => 'GREEN',
) {
  const stand = standInVerifier(verdict);
  await useLivenessVerifier(ctx, stand.verifier);
  return stand.calls;
}
