import { randomBytes } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { validationLink } from '../applicants/links.js';
import type { ApplicantRow, AttemptRow } from '../applicants/rows.js';
import { isClosed, statusNames } from '../applicants/rows.js';
import { attemptSummary } from '../applicants/views.js';
import { issueAccessToken } from '../auth/auth.js';
import type { ProviderContext } from '../platform/context.js';
import { submitEnrolment, waitForAttempt } from '../applicants/enrolment.js';
import { getAttemptRow } from '../applicants/repository.js';
import { parseJson } from '../platform/format.js';
import { ApiError } from '../platform/errors.js';
import type { SchemaTypes } from '../platform/schema-types.js';
import { fileSchema } from '../schemas/common.js';
import { livenessParts } from '../applicants/routes.js';
import { enrolmentLivenessPolicy, issueEnrolmentChallenge } from '../liveness/enrolment-store.js';
import type { WidgetSource } from './html.js';
import { enrolmentPage, messagePage, websdkPage } from './html.js';

/** The package's build output: the CDN module and the detector assets the pages load. */
const distDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../dist');
const WIDGET_MODULE = 'cdn/face-auth.js';
const WIDGET_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json',
  '.wasm': 'application/wasm',
  '.tflite': 'application/octet-stream',
  '.md': 'text/markdown; charset=utf-8',
};

/** Checked per page view, so a build made while the emulator runs is picked up. */
function widgetSource(): WidgetSource {
  if (existsSync(path.join(distDir, WIDGET_MODULE))) return { script: `/widget/${WIDGET_MODULE}` };
  return {
    script: null,
    missingReason:
      'The camera widget is not built on this emulator (dist/cdn/face-auth.js is missing: run "npm run build"), so send a photo file instead.',
  };
}

export function createWebsdkLink(
  ctx: ProviderContext,
  q: {
    levelName: string;
    externalUserId: string;
    externalActionId: string;
    locale?: string | undefined;
    ttlInSecs?: number | undefined;
  },
): string {
  const ttl = q.ttlInSecs ?? ctx.config.websdk.defaultTtlInSecs;
  const token = issueAccessToken(ctx, {
    userId: q.externalUserId,
    levelName: q.levelName,
    externalActionId: q.externalActionId,
    ttlInSecs: Math.min(ttl, ctx.config.accessTokens.maxTtlInSecs),
  });
  const code = randomBytes(12).toString('base64url');
  ctx.db
    .prepare('INSERT INTO websdk_links (code, token, locale, expires_ms) VALUES (?, ?, ?, ?)')
    .run(code, token.token, q.locale ?? null, ctx.now() + ttl * 1000);
  return `${ctx.publicUrl()}/websdk/p/${code}`;
}

/** The applicant a validationLink's `requestId` names, if any. */
function findApplicantByRequestId(
  ctx: ProviderContext,
  requestId: string | undefined,
): ApplicantRow | undefined {
  if (!requestId) return undefined;
  return ctx.db.prepare('SELECT * FROM applicants WHERE request_id = ?').get(requestId) as
    ApplicantRow | undefined;
}

function applicantByRequestId(ctx: ProviderContext, requestId: string | undefined): ApplicantRow {
  const row = findApplicantByRequestId(ctx, requestId);
  if (!row) throw new ApiError('bafNotFound', 'Verification link is not valid');
  return row;
}

/**
 * What the validationLink page shows of an attempt: its summary, the reasons of a refusal (the
 * review's labels, liveness ones included, which the page puts in words) and the applicant's
 * status after it (approved, or whether another attempt is allowed).
 */
function pageAnswer(ctx: ProviderContext, applicantId: string, attempt: AttemptRow) {
  const fresh = ctx.db.prepare('SELECT status FROM applicants WHERE id = ?').get(applicantId) as {
    status: number;
  };
  return {
    attempt: attemptSummary(attempt),
    rejectLabels: parseJson<string[]>(attempt.reject_labels, []),
    status: fresh.status,
    statusName: statusNames[fresh.status],
    closed: isClosed(fresh.status),
  };
}

/** Pages are for people, not API clients: none is in the OpenAPI document. */
const hidden = { hide: true } as const;
const requestIdQuery = {
  type: 'object',
  properties: { requestId: { type: 'string' } },
} as const;
const codeParams = {
  type: 'object',
  properties: { code: { type: 'string' } },
  required: ['code'],
} as const;

/** Pages a person opens: the applicant's validationLink, its short form, and WebSDK action links. */
export function pageRoutes(app: FastifyInstance, ctx: ProviderContext): void {
  const api = app.withTypeProvider<SchemaTypes>();
  const page = { auth: 'none' } as const;

  // dist/cdn and dist/assets at /widget/cdn and /widget/assets: the module finds its assets at
  // ../assets/ relative to itself, as on a CDN.
  const widgetFile = {
    ...hidden,
    params: { type: 'object', properties: { '*': { type: 'string' } }, required: ['*'] },
  } as const;
  api.get('/widget/*', { schema: widgetFile, config: page }, async (req, reply) => {
    const rel = req.params['*'];
    const file = path.resolve(distDir, rel);
    const inside = ['cdn', 'assets'].some((d) => file.startsWith(path.join(distDir, d) + path.sep));
    if (!inside || !existsSync(file) || !statSync(file).isFile()) {
      return reply
        .code(404)
        .send({ description: 'No such widget file (is dist/ built?)', code: 404 });
    }
    return reply
      .type(WIDGET_TYPES[path.extname(file)] ?? 'application/octet-stream')
      .header('cache-control', 'no-cache')
      .send(createReadStream(file));
  });

  const embedded = { ...hidden, querystring: requestIdQuery };
  api.get('/embedded', { schema: embedded, config: page }, async (req, reply) => {
    const { requestId } = req.query;
    const row = findApplicantByRequestId(ctx, requestId);
    if (!row)
      return reply
        .code(404)
        .type('text/html')
        .send(messagePage('Link not valid', 'This verification link does not exist.'));
    ctx.db
      .prepare('UPDATE applicants SET opened_link_times = opened_link_times + 1 WHERE id = ?')
      .run(row.id);
    return reply.type('text/html').send(
      enrolmentPage({
        requestId: row.request_id,
        statusName: statusNames[row.status] ?? 'Unknown',
        completed: isClosed(row.status),
        callbackUrl: row.callback_url,
        widget: widgetSource(),
        liveness: enrolmentLivenessPolicy(ctx),
      }),
    );
  });

  // The page's liveness challenge: bound to the applicant and to the link's requestId (the page
  // has no token), so only a submit naming the same link may spend it.
  const embeddedChallenge = { ...hidden, querystring: requestIdQuery } as const;
  api.post(
    '/embedded/liveness/challenge',
    { schema: embeddedChallenge, config: page },
    async (req) => {
      const applicant = applicantByRequestId(ctx, req.query.requestId);
      return issueEnrolmentChallenge(ctx, applicant, {
        kind: 'link',
        requestId: applicant.request_id,
      });
    },
  );

  const embeddedAttempt = {
    ...hidden,
    querystring: requestIdQuery,
    body: {
      type: 'object',
      properties: {
        image: fileSchema,
        challengeId: { type: 'string', maxLength: 64 },
        combined: fileSchema,
        turns: fileSchema,
        reflection: fileSchema,
      },
      required: ['image'],
    },
  } as const;
  api.post('/embedded/attempts', { schema: embeddedAttempt, config: page }, async (req) => {
    const applicant = applicantByRequestId(ctx, req.query.requestId);
    const { image } = req.body;
    const attempt = await submitEnrolment(ctx, applicant, {
      image,
      captureMethod: 'web',
      requestIp: req.ip,
      userAgent: req.headers['user-agent'],
      holder: { kind: 'link', requestId: applicant.request_id },
      liveness: livenessParts(req.body),
    });
    return pageAnswer(
      ctx,
      applicant.id,
      await waitForAttempt(ctx, applicant.id, attempt.id, 30_000),
    );
  });

  // The page's attempt, read again: a review with liveness (two clips, a cold engine on a busy
  // machine) can outlast the submit's 30 s wait, and the page keeps asking until it is decided.
  const embeddedAttemptRead = {
    ...hidden,
    querystring: requestIdQuery,
    params: {
      type: 'object',
      properties: { attemptId: { type: 'integer' } },
      required: ['attemptId'],
    },
  } as const;
  api.get(
    '/embedded/attempts/:attemptId',
    { schema: embeddedAttemptRead, config: page },
    async (req) => {
      const applicant = applicantByRequestId(ctx, req.query.requestId);
      return pageAnswer(ctx, applicant.id, getAttemptRow(ctx, applicant.id, req.params.attemptId));
    },
  );

  const shortLink = { ...hidden, params: codeParams };
  api.get('/s/:code', { schema: shortLink, config: page }, async (req, reply) => {
    const { code } = req.params;
    const row = ctx.db
      .prepare('SELECT request_id FROM applicants WHERE short_code = ?')
      .get(code) as Pick<ApplicantRow, 'request_id'> | undefined;
    if (!row)
      return reply
        .code(404)
        .type('text/html')
        .send(messagePage('Link not valid', 'This link does not exist.'));
    return reply.redirect(validationLink(ctx, row), 302);
  });

  api.get('/websdk/p/:code', { schema: shortLink, config: page }, async (req, reply) => {
    const { code } = req.params;
    const link = ctx.db
      .prepare(
        `SELECT l.expires_ms, l.locale, t.token, t.level_name, t.external_action_id FROM websdk_links l
         JOIN access_tokens t ON t.token = l.token WHERE l.code = ?`,
      )
      .get(code) as
      | {
          expires_ms: number;
          locale: string | null;
          token: string;
          level_name: string;
          external_action_id: string;
        }
      | undefined;
    if (!link)
      return reply
        .code(404)
        .type('text/html')
        .send(messagePage('Link not valid', 'This link does not exist.'));
    if (link.expires_ms <= ctx.now()) {
      return reply
        .code(410)
        .type('text/html')
        .send(messagePage('Link expired', 'Ask for a new verification link.'));
    }
    return reply.type('text/html').send(
      websdkPage({
        apiBase: ctx.publicUrl(),
        accessToken: link.token,
        levelName: link.level_name,
        externalActionId: link.external_action_id,
        locale: link.locale ?? 'en',
        widget: widgetSource(),
        widgetScript: ctx.config.websdk.widgetScript,
      }),
    );
  });
}
