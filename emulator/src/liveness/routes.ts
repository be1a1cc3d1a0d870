/**
 * Liveness over HTTP: a challenge for an action, the clip(s) recorded under it, the clips back for
 * the backend, and a sandbox control that fixes the next challenge (a browser test builds its
 * fake camera's clip before Chromium starts). The verdict itself is part of the action's review.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { getActionRow } from '../actions/repository.js';
import { assertActionInScope } from '../auth/auth.js';
import type { FilePart } from '../platform/body.js';
import type { ProviderContext } from '../platform/context.js';
import { ApiError } from '../platform/errors.js';
import { checkVideo } from '../platform/videos.js';
import { appOrAccessSecurity, appTokenSecurity, errors, fileSchema } from '../schemas/common.js';
import { livenessChallengeSchema } from '../contract.js';
import type { SchemaTypes } from '../platform/schema-types.js';
import { getApplicantRow } from '../applicants/repository.js';
import { seedNextEnrolmentChallenge } from './enrolment-store.js';
import { closeLivenessVerifier, livenessVerifier } from './review.js';
import {
  actionVideo,
  addClip,
  assertSandbox,
  CLIP_KINDS,
  isJudged,
  issueChallenge,
  livenessPolicy,
  seedNextChallenge,
} from './store.js';
import type { ClipKind } from './store.js';

const tags = ['Emulator: liveness'];

/** A sandbox seed: the next challenge's id, colours, segment and turns (any may be left out). */
const seedBody = {
  type: 'object',
  properties: {
    challengeId: { type: 'string' },
    colours: { type: 'array', items: { type: 'string' }, minItems: 4, maxItems: 30 },
    segmentMs: { type: 'integer', minimum: 334, maximum: 2000 },
    turns: {
      type: 'array',
      items: { type: 'string', enum: ['left', 'right', 'up'] },
      minItems: 1,
      maxItems: 3,
    },
  },
  additionalProperties: false,
} as const;

const seedAnswer = {
  200: {
    type: 'object',
    properties: {
      challengeId: { type: 'string' },
      colours: { type: 'array', items: { type: 'string' } },
      segmentMs: { type: 'integer' },
      turns: { type: 'array', items: { type: 'string' } },
    },
  },
  ...errors(400, 401, 403, 404, 409),
};
const actionIdParams = {
  type: 'object',
  properties: { actionId: { type: 'string' } },
  required: ['actionId'],
} as const;

/** The only container a clip may be: MediaRecorder's WebM. */
const CLIP_MIME_TYPES = ['video/webm'];

export function livenessRoutes(app: FastifyInstance, ctx: ProviderContext): void {
  const api = app.withTypeProvider<SchemaTypes>();
  const scopedAction = (req: Pick<FastifyRequest, 'caller'> & { params: { actionId: string } }) => {
    const row = getActionRow(ctx, req.params.actionId);
    assertActionInScope(req.caller, row);
    return row;
  };

  app.addHook('onClose', async () => closeLivenessVerifier(ctx));

  api.post('/resources/applicantActions/:actionId/liveness/challenge', {
    schema: {
      tags,
      summary: 'A liveness challenge for the action: screen colours and head turns (single use)',
      description:
        'Bound to the action, its applicant and the token that asked; expires within 120 s; consumed by the ' +
        'submit. Show `colours` for `segmentMs` each from the start of the recording, ask for `turns` in order.',
      params: actionIdParams,
      security: appOrAccessSecurity,
      response: { 200: livenessChallengeSchema, ...errors(401, 403, 404, 409, 429) },
    },
    config: { auth: 'app-or-access' },
    handler: async (req) => issueChallenge(ctx, scopedAction(req), req.caller),
  });

  api.post('/resources/applicantActions/:actionId/videos', {
    schema: {
      tags,
      summary:
        'A liveness clip recorded under a challenge (multipart: metadata + content, video/webm)',
      description:
        'metadata: `{"challengeId": "...", "kind": "combined" | "turns" | "reflection"}`. One `combined` clip ' +
        '(colours shown during the turns), or a `turns` clip and a `reflection` clip. Sent by the token the ' +
        `challenge was issued to; a clip of the same kind sent again replaces the first.`,
      params: actionIdParams,
      security: appOrAccessSecurity,
      consumes: ['multipart/form-data'],
      body: {
        type: 'object',
        properties: { metadata: { type: 'string' }, content: fileSchema },
        required: ['metadata', 'content'],
      },
      response: {
        200: {
          type: 'object',
          properties: {
            challengeId: { type: 'string' },
            kind: { type: 'string', enum: [...CLIP_KINDS] },
            mimeType: { type: 'string' },
            bytes: { type: 'integer' },
          },
        },
        ...errors(400, 401, 403, 404, 409, 413, 415),
      },
    },
    config: { auth: 'app-or-access' },
    handler: async (req) => {
      const action = scopedAction(req);
      const body = req.body as { metadata: string; content: FilePart };
      const meta = parseClipMetadata(body.metadata);
      const clip = checkVideo(body.content, {
        maxBytes: ctx.config.videos.maxBytes,
        mimeTypes: CLIP_MIME_TYPES,
      });
      const stored = addClip(ctx, action, req.caller, { ...meta, clip });
      // Its verdict comes after the submit; the decoding and the face measurements need not wait.
      if (isJudged(meta.kind, livenessPolicy(ctx, action.level_name))) {
        livenessVerifier(ctx).measureAhead?.(clip.data, { kind: meta.kind });
      }
      return stored;
    },
  });

  for (const which of ['Video', 'LivenessActionVideo'] as const) {
    api.get(`/resources/applicantActions/:actionId/${which}`, {
      schema: {
        tags,
        summary:
          which === 'Video'
            ? "The action's liveness reflection clip (or its combined clip)"
            : "The action's head-turn clip (or its combined clip)",
        params: actionIdParams,
        querystring: {
          type: 'object',
          properties: { attemptId: { type: 'string', description: 'default: the latest' } },
        },
        security: appTokenSecurity,
        response: { 200: { type: 'string', format: 'binary' }, ...errors(400, 401, 404) },
      },
      config: { auth: 'app' },
      handler: async (req, reply) => {
        const action = getActionRow(ctx, req.params.actionId);
        const { attemptId } = req.query;
        const blob = actionVideo(ctx, action, which, attemptId);
        return reply.type(blob.mime).header('cache-control', 'private, max-age=0').send(blob.data);
      },
    });
  }

  api.post('/resources/sandbox/applicantActions/:actionId/livenessChallenge', {
    schema: {
      tags: ['Emulator: sandbox controls'],
      summary: "Sandbox: fix the action's next liveness challenge (id, colours, segmentMs, turns)",
      params: actionIdParams,
      security: appTokenSecurity,
      body: seedBody,
      response: seedAnswer,
    },
    config: { auth: 'app' },
    handler: async (req) => {
      // Sandbox first: with it off, nothing about the action is told.
      assertSandbox(ctx);
      return seedNextChallenge(ctx, getActionRow(ctx, req.params.actionId), req.body ?? {});
    },
  });

  api.post('/resources/sandbox/applicants/:applicantId/livenessChallenge', {
    schema: {
      tags: ['Emulator: sandbox controls'],
      summary:
        "Sandbox: fix the applicant's next enrolment liveness challenge (id, colours, segmentMs, turns)",
      params: {
        type: 'object',
        properties: { applicantId: { type: 'string' } },
        required: ['applicantId'],
      },
      security: appTokenSecurity,
      body: seedBody,
      response: seedAnswer,
    },
    config: { auth: 'app' },
    handler: async (req) => {
      assertSandbox(ctx);
      return seedNextEnrolmentChallenge(
        ctx,
        getApplicantRow(ctx, req.params.applicantId),
        req.body ?? {},
      );
    },
  });
}

function parseClipMetadata(text: string): { challengeId: string; kind: ClipKind } {
  let meta: unknown;
  try {
    meta = JSON.parse(text);
  } catch {
    throw new ApiError('validation', 'metadata must be a JSON object');
  }
  const m = (typeof meta === 'object' && meta !== null ? meta : {}) as Record<string, unknown>;
  if (typeof m.challengeId !== 'string' || !m.challengeId)
    throw new ApiError('validation', 'metadata.challengeId is required');
  if (!CLIP_KINDS.includes(m.kind as ClipKind))
    throw new ApiError('validation', `metadata.kind must be one of ${CLIP_KINDS.join(', ')}`);
  return { challengeId: m.challengeId, kind: m.kind as ClipKind };
}
