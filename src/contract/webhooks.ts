/**
 * What the provider POSTs to a host's webhook URL about an applicant action (signed with
 * `X-Payload-Digest`; see `verifyWebhook` in `face-auth-widget/server`).
 */
import { reviewResultSchema, reviewStatusSchema } from './actions.js';
import { sentInFull } from './schema.js';
import type { Received } from './schema.js';

export const actionWebhookSchema = sentInFull(
  {
    applicantId: { type: 'string' },
    applicantActionId: { type: 'string' },
    externalApplicantActionId: { type: 'string' },
    externalUserId: { type: 'string' },
    levelName: { type: 'string' },
    type: {
      type: 'string',
      enum: ['applicantActionPending', 'applicantActionReviewed', 'applicantActionOnHold'],
    },
    reviewStatus: reviewStatusSchema,
    /** Present on `applicantActionReviewed`. */
    reviewResult: reviewResultSchema,
    createdAtMs: { type: 'string' },
    sandboxMode: { type: 'boolean' },
    correlationId: { type: 'string' },
    clientId: { type: 'string' },
  },
  ['reviewResult'],
);

export type ActionWebhook = Received<typeof actionWebhookSchema>;
export type ActionWebhookType = ActionWebhook['type'];
