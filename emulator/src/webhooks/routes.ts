import type { FastifyInstance } from 'fastify';
import { getActionRow } from '../actions/repository.js';
import type { ProviderContext } from '../platform/context.js';
import { appTokenSecurity, errors } from '../schemas/common.js';
import { resendWebhooks } from './webhooks.js';

const resendSchema = {
  tags: ['Emulator: webhooks'],
  summary: 'Send an action’s webhooks again',
  description:
    'The emulator’s own endpoint (the API documents none): queues every webhook of the action ' +
    'again, in order and byte for byte, to each configured URL that takes its type; one still ' +
    'waiting for delivery is not queued twice. For a receiver that was down until its ' +
    'deliveries died (after about a day of retries), or that lost them.',
  params: {
    type: 'object',
    properties: { actionId: { type: 'string' } },
    required: ['actionId'],
  },
  security: appTokenSecurity,
  response: {
    200: {
      type: 'object',
      properties: {
        queued: {
          type: 'array',
          items: {
            type: 'object',
            properties: { type: { type: 'string' }, url: { type: 'string' } },
          },
        },
      },
    },
    ...errors(401, 403, 404),
  },
} as const;

/** The emulator's webhook controls, signed with the app token like the rest of `/resources`. */
export function webhookRoutes(app: FastifyInstance, ctx: ProviderContext): void {
  app.post('/resources/applicantActions/:actionId/webhooks/resend', {
    schema: resendSchema,
    config: { auth: 'app' },
    handler: async (req) => {
      const action = getActionRow(ctx, (req.params as { actionId: string }).actionId);
      const queued = resendWebhooks(ctx, action.id);
      ctx.wake.webhooks();
      return { queued };
    },
  });
}
