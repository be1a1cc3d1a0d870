import { sentInFull } from './schema.js';
import type { Received } from './schema.js';

/** Every provider error has this shape; `code` repeats the HTTP status. */
export const providerErrorSchema = {
  description: 'Every error has this shape; `code` repeats the HTTP status.',
  ...sentInFull({
    description: { type: 'string' },
    code: { type: 'integer' },
    correlationId: { type: 'string' },
    errorCode: { type: 'integer' },
    errorName: { type: 'string' },
  }),
} as const;

export type ProviderErrorBody = Received<typeof providerErrorSchema>;
