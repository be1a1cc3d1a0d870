import type { FastifyInstance } from 'fastify';
import { createAction, listActions, requireLevel, submitAction } from './actions.js';
import { addImage, getActionImage, parseImageMetadata } from './images.js';
import { getActionRow } from './repository.js';
import { actionView } from './views.js';
import { getApplicantRow } from '../applicants/repository.js';
import type { Caller } from '../auth/auth.js';
import { assertActionInScope, issueAccessToken } from '../auth/auth.js';
import type { ProviderContext } from '../platform/context.js';
import { ApiError } from '../platform/errors.js';
import type { SchemaTypes } from '../platform/schema-types.js';
import * as s from '../schemas/actions.js';
import { appOrAccessSecurity, appTokenSecurity } from '../schemas/common.js';
import { assertSandbox, sandboxReviewOutcome, setSandboxOutcome } from '../sandbox/sandbox.js';
import { releaseHold } from '../reviews/action-review.js';
import { createWebsdkLink } from '../pages/routes.js';

declare module 'fastify' {
  interface FastifyRequest {
    caller: Caller;
  }
}

export function actionRoutes(app: FastifyInstance, ctx: ProviderContext): void {
  const api = app.withTypeProvider<SchemaTypes>();
  const app_ = { auth: 'app' } as const;
  const either = { auth: 'app-or-access' } as const;

  /** Resolves the action and applies the access-token scope (404 before 403: ids are not secrets we hide). */
  const scopedAction = (req: { params: { actionId: string }; caller: Caller }) => {
    const row = getActionRow(ctx, req.params.actionId);
    assertActionInScope(req.caller, row);
    return row;
  };

  api.post('/resources/applicantActions/-/forApplicant/:applicantId', {
    schema: { ...s.createActionSchema, security: appOrAccessSecurity },
    config: either,
    handler: async (req) => {
      const { applicantId } = req.params;
      const { levelName } = req.query;
      const body = req.body;
      const caller = req.caller;
      if (caller.kind === 'access') {
        const a = caller.access;
        if (
          (applicantId !== '-' && applicantId !== a.applicant_id) ||
          (levelName && levelName !== a.level_name) ||
          body.externalActionId !== a.external_action_id
        ) {
          throw new ApiError(
            'accessTokenScope',
            'The access token does not cover this applicant, level or externalActionId',
          );
        }
        return actionView(
          ctx,
          createAction(ctx, getApplicantRow(ctx, a.applicant_id), a.level_name, body).row,
        );
      }
      if (applicantId === '-')
        throw new ApiError('validation', "applicantId '-' needs an access token");
      const applicant = getApplicantRow(ctx, applicantId);
      requireLevel(ctx, levelName);
      return actionView(ctx, createAction(ctx, applicant, levelName!, body).row);
    },
  });

  api.post('/resources/sdkIntegrations/levels/:levelName/websdkLink', {
    schema: { ...s.websdkLinkSchema, security: appTokenSecurity },
    config: app_,
    handler: async (req) => {
      const { levelName } = req.params;
      return { url: createWebsdkLink(ctx, { levelName, ...req.query }) };
    },
  });

  api.post('/resources/applicantActions/:actionId/images', {
    schema: { ...s.addImageSchema, security: appOrAccessSecurity },
    config: either,
    handler: async (req) => {
      const action = scopedAction(req);
      const meta = parseImageMetadata(req.body.metadata);
      return addImage(ctx, action, req.body.content, meta);
    },
  });

  api.post('/resources/applicantActions/:actionId/review/status/pending', {
    schema: { ...s.submitSchema, security: appOrAccessSecurity },
    config: either,
    handler: async (req) => submitAction(ctx, scopedAction(req), req.id),
  });

  api.get('/resources/applicantActions/:actionId/one', {
    schema: { ...s.getActionSchema, security: appOrAccessSecurity },
    config: either,
    handler: async (req) => actionView(ctx, scopedAction(req)),
  });

  api.get('/resources/applicantActions/:selector', {
    schema: { ...s.listActionsSchema, security: appTokenSecurity },
    config: app_,
    handler: async (req) => {
      const { selector } = req.params;
      const m = /^-;applicantId=([^;]+)$/.exec(selector);
      if (!m)
        throw new ApiError(
          'notFound',
          `Unknown action selector '${selector}'; use -;applicantId=<applicantId>`,
        );
      const list = listActions(ctx, m[1]!, req.query);
      return { ...list, list };
    },
  });

  api.get('/resources/applicantActions/:actionId/images/:imageId', {
    schema: { ...s.getImageSchema, security: appTokenSecurity },
    config: app_,
    handler: async (req, reply) => {
      const { actionId, imageId } = req.params;
      const preview = req.query.preview ?? req.query.isPreview ?? false;
      const blob = getActionImage(ctx, getActionRow(ctx, actionId), imageId, preview);
      return reply.type(blob.mime).header('cache-control', 'private, max-age=0').send(blob.data);
    },
  });

  api.post('/resources/accessTokens', {
    schema: { ...s.accessTokenSchema, security: appTokenSecurity },
    config: app_,
    handler: async (req) => {
      const row = issueAccessToken(ctx, req.query);
      return { token: row.token, userId: row.user_id };
    },
  });

  api.post('/resources/sandbox/applicants/:applicantId/nextReview', {
    schema: { ...s.sandboxSchema, security: appTokenSecurity },
    config: app_,
    handler: async (req) => {
      const applicant = getApplicantRow(ctx, req.params.applicantId);
      setSandboxOutcome(ctx, applicant.id, req.body);
      return { ok: true };
    },
  });

  api.post('/resources/sandbox/applicantActions/:actionId/release', {
    schema: { ...s.sandboxReleaseSchema, security: appTokenSecurity },
    config: app_,
    handler: async (req) => {
      assertSandbox(ctx);
      const outcome = sandboxReviewOutcome(ctx, { target: 'action', ...req.body });
      if (outcome === 'ON_HOLD') throw new ApiError('validation', 'A release needs an answer');
      releaseHold(ctx, req.params.actionId, outcome);
      return actionView(ctx, getActionRow(ctx, req.params.actionId));
    },
  });
}
