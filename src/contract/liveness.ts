/**
 * Liveness under the Actions API: the challenge a browser records its clip under, and the
 * action's `liveness` object (the applicant API's antiSpoofing* and livenessReflection* fields).
 */
import { nullableBoolean, nullableString } from './schema.js';
import type { Received } from './schema.js';

const nullableNumber = { type: ['number', 'null'] } as const;

/**
 * The provider's answer while an applicant is locked out of liveness (5 failed liveness reviews
 * within 3 minutes): 429 with this `errorCode` / `errorName` and a `Retry-After`. The widget tells
 * the person to come back later instead of offering "Try again".
 */
export const LIVENESS_LOCKED_OUT = {
  status: 429,
  errorCode: 1043,
  errorName: 'liveness-locked-out',
} as const;

/** `POST /resources/applicantActions/{actionId}/liveness/challenge`: single use, expires soon. */
export const livenessChallengeSchema = {
  type: 'object',
  properties: {
    challengeId: { type: 'string', description: '128 random bits, base64url' },
    expiresAt: { type: 'string', format: 'date-time' },
    colours: {
      type: 'array',
      description: 'CSS colours (#rrggbb) to show, `segmentMs` each, from the start of the clip',
      items: { type: 'string', pattern: '^#[0-9a-f]{6}$' },
    },
    segmentMs: { type: 'integer' },
    turns: { type: 'array', items: { type: 'string', enum: ['left', 'right', 'up'] } },
  },
  required: ['challengeId', 'expiresAt', 'colours', 'segmentMs', 'turns'],
  additionalProperties: false,
} as const;
export type LivenessChallenge = Received<typeof livenessChallengeSchema>;

/** The action's `liveness`: the latest consumed challenge's result; null when none was sent. */
export const livenessViewSchema = {
  description:
    "Liveness of the action's latest submitted attempt (null when none was sent): the applicant API's " +
    'antiSpoofing*/livenessReflection* fields, null until reviewed or where a check did not run.',
  anyOf: [
    { type: 'null' },
    {
      type: 'object',
      properties: {
        challengeId: { type: 'string' },
        attemptId: nullableString,
        reviewAnswer: { type: ['string', 'null'], enum: ['GREEN', 'RED', 'ERROR', null] },
        antiSpoofingIsValid: nullableBoolean,
        antiSpoofingPercent: nullableNumber,
        livenessReflectionIsValid: nullableBoolean,
        livenessReflectionScore: nullableNumber,
        livenessReflectionConfidence: nullableNumber,
        rejectLabels: { type: 'array', items: { type: 'string' } },
        clips: { type: 'array', items: { type: 'string' } },
        livenessReflectionVideoLink: nullableString,
        livenessActionVideoLink: nullableString,
      },
    },
  ],
} as const;
export type ActionLiveness = Received<typeof livenessViewSchema>;
