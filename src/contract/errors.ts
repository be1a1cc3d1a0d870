import type { Received } from './schema.js';

/** Every provider error has this shape; `code` repeats the HTTP status. */
export const providerErrorSchema = {
  type: 'object',
  description: 'Every error has this shape; `code` repeats the HTTP status.',
  properties: {
    description: { type: 'string' },
    code: { type: 'integer' },
    correlationId: { type: 'string' },
    errorCode: { type: 'integer' },
    errorName: { type: 'string' },
  },
  required: ['description', 'code', 'correlationId', 'errorCode', 'errorName'],
  additionalProperties: false,
} as const;

export type ProviderErrorBody = Received<typeof providerErrorSchema>;
