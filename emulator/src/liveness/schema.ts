/** The action view's `liveness` object (JSON schema): the latest consumed challenge's result. */
const nullableNumber = { type: ['number', 'null'] } as const;
const nullableBoolean = { type: ['boolean', 'null'] } as const;
const nullableString = { type: ['string', 'null'] } as const;

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
