import type { FastifyInstance, FastifyRequest } from 'fastify';
import { createAction, listActions, requireLevel, submitAction } from './actions.js';
import type { CreateActionInput } from './actions.js';
import { addImage, getActionImage, parseImageMetadata } from './images.js';
import { getActionRow } from './repository.js';
import { actionView } from './views.js';
import { getApplicantRow } from '../applicants/repository.js';
import type { Caller } from '../auth/auth.js';
import { assertActionInScope, issueAccessToken } from '../auth/auth.js';
import type { ProviderContext } from '../platform/context.js';
import { ApiError } from '../platform/errors.js';
import type { FilePart } from '../platform/body.js';
import * as s from '../schemas/actions.js';
import { appOrAccessSecurity, appTokenSecurity } from '../schemas/common.js';
import { setSandboxOutcome } from '../sandbox/sandbox.js';
import type { SandboxOutcome } from '../sandbox/sandbox.js';
import { createWebsdkLink } from '../pages/routes.js';

declare module 'fastify' {
  interface FastifyRequest {
    caller: Caller;
  }
}

type ActionParams = { actionId: string };

export function actionRoutes(app: FastifyInstance, ctx: ProviderContext): void {
  const app_ = { auth: 'app' } as const;
  const either = { auth: 'app-or-access' } as const;

  /** Resolves the action and applies the access-token scope (404 before 403: ids are not secrets we hide). */
  const scopedAction = (req: FastifyRequest) => {
    const row = getActionRow(ctx, (req.params as ActionParams).actionId);
    assertActionInScope(req.caller, row);
    return row;
  };

  app.post('/resources/applicantActions/-/forApplicant/:applicantId', {
    schema: { ...s.createActionSchema, security: appOrAccessSecurity },
    config: either,
    handler: async (req) => {
      const { applicantId } = req.params as { applicantId: string };
      const { levelName } = req.query as { levelName?: string };
      const body = req.body as CreateActionInput;
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

  app.post('/resources/sdkIntegrations/levels/:levelName/websdkLink', {
    schema: { ...s.websdkLinkSchema, security: appTokenSecurity },
    config: app_,
    handler: async (req) => {
      const { levelName } = req.params as { levelName: string };
      const q = req.query as {
        externalUserId: string;
        externalActionId: string;
        locale?: string;
        ttlInSecs?: number;
      };
      return { url: createWebsdkLink(ctx, { levelName, ...q }) };
    },
  });

  app.post('/resources/applicantActions/:actionId/images', {
    schema: { ...s.addImageSchema, security: appOrAccessSecurity },
    config: either,
    handler: async (req) => {
      const action = scopedAction(req);
      const body = req.body as { metadata: string; content: FilePart };
      const meta = parseImageMetadata(body.metadata);
      return addImage(ctx, action, body.content, meta);
    },
  });

  app.post('/resources/applicantActions/:actionId/review/status/pending', {
    schema: { ...s.submitSchema, security: appOrAccessSecurity },
    config: either,
    handler: async (req) => submitAction(ctx, scopedAction(req), req.id),
  });

  app.get('/resources/applicantActions/:actionId/one', {
    schema: { ...s.getActionSchema, security: appOrAccessSecurity },
    config: either,
    handler: async (req) => actionView(ctx, scopedAction(req)),
  });

  app.get('/resources/applicantActions/:selector', {
    schema: { ...s.listActionsSchema, security: appTokenSecurity },
    config: app_,
    handler: async (req) => {
      const { selector } = req.params as { selector: string };
      const m = /^-;applicantId=([^;]+)$/.exec(selector);
      if (!m)
        throw new ApiError(
          'notFound',
          `Unknown action selector '${selector}'; use -;applicantId=<applicantId>`,
        );
      const q = req.query as { limit: number; offset: number; order: string };
      const list = listActions(ctx, m[1]!, q);
      return { ...list, list };
    },
  });

  app.get('/resources/applicantActions/:actionId/images/:imageId', {
    schema: { ...s.getImageSchema, security: appTokenSecurity },
    config: app_,
    handler: async (req, reply) => {
      const { imageId } = req.params as { imageId: string };
      const q = req.query as { preview?: boolean; isPreview?: boolean };
      const preview = q.preview ?? q.isPreview ?? false;
      const blob = getActionImage(
        ctx,
        getActionRow(ctx, (req.params as ActionParams).actionId),
        imageId,
        preview,
      );
      return reply.type(blob.mime).header('cache-control', 'private, max-age=0').send(blob.data);
    },
  });

  app.post('/resources/accessTokens', {
    schema: { ...s.accessTokenSchema, security: appTokenSecurity },
    config: app_,
    handler: async (req) => {
      const q = req.query as {
        userId: string;
        levelName: string;
        externalActionId: string;
        ttlInSecs?: number;
      };
      const row = issueAccessToken(ctx, q);
      return { token: row.token, userId: row.user_id };
    },
  });

  app.post('/resources/sandbox/applicants/:applicantId/nextReview', {
    schema: { ...s.sandboxSchema, security: appTokenSecurity },
    config: app_,
    handler: async (req) => {
      const { applicantId } = req.params as { applicantId: string };
      const applicant = getApplicantRow(ctx, applicantId);
      setSandboxOutcome(ctx, applicant.id, req.body as SandboxOutcome);
      return { ok: true };
    },
  });
}
