import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { findApplicantByExternalId } from '../applicants/repository.js';
import { requireLevel } from '../actions/actions.js';
import type { ProviderContext } from '../platform/context.js';
import { ApiError } from '../platform/errors.js';

/** Who is calling: a signed backend, a browser with an access token, or an applicant API secret key. */
export type AuthMode = 'app' | 'app-or-access' | 'secret' | 'none';

export interface AccessTokenRow {
  token: string;
  user_id: string;
  applicant_id: string;
  level_name: string;
  external_action_id: string;
  expires_ms: number;
  created_ms: number;
}

export type Caller =
  | { kind: 'app'; token: string }
  | { kind: 'access'; access: AccessTokenRow }
  | { kind: 'secret' }
  | { kind: 'none' };

const header = (req: FastifyRequest, name: string): string | undefined => {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
};

function safeEqualHex(a: string, b: string): boolean {
  const x = Buffer.from(a.toLowerCase());
  const y = Buffer.from(b.toLowerCase());
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * The app-token headers: present, well formed, a known token, a timestamp within the ±60 s
 * window. The signature is checked by {@link verifyBodySignature} once the body is read.
 */
function checkAppTokenHeaders(ctx: ProviderContext, req: FastifyRequest): Caller {
  const token = header(req, 'x-app-token');
  const ts = header(req, 'x-app-access-ts');
  const sig = header(req, 'x-app-access-sig');
  if (!token || !ts || !sig) {
    throw new ApiError(
      'appTokenInvalidFormat',
      'X-App-Token, X-App-Access-Ts and X-App-Access-Sig headers are required',
    );
  }
  if (!/^\d{1,12}$/.test(ts))
    throw new ApiError('appTokenInvalidFormat', 'X-App-Access-Ts must be unix time in seconds');
  const app = ctx.config.appTokens.find((t) => t.token === token);
  if (!app) throw new ApiError('appTokenNotFound', 'App token not found');
  const skew = Math.abs(Math.floor(ctx.now() / 1000) - Number(ts));
  if (skew > ctx.config.signatureSkewSecs) {
    throw new ApiError(
      'appTokenRequestExpired',
      `Request timestamp is ${skew} s off; at most ${ctx.config.signatureSkewSecs} s is accepted`,
    );
  }
  return { kind: 'app', token };
}

/**
 * `X-App-Access-Sig` = hex HMAC-SHA256(secret, ts + METHOD + path-with-query + raw body bytes),
 * the exact bytes received (multipart included). Nothing to check for other callers.
 */
export function verifyBodySignature(
  ctx: ProviderContext,
  req: FastifyRequest,
  caller: Caller,
): void {
  if (caller.kind !== 'app') return;
  const app = ctx.config.appTokens.find((t) => t.token === caller.token)!;
  const expected = createHmac('sha256', app.secret)
    .update(header(req, 'x-app-access-ts')! + req.method.toUpperCase() + req.url)
    .update(req.rawBody ?? Buffer.alloc(0))
    .digest('hex');
  if (!safeEqualHex(expected, header(req, 'x-app-access-sig')!))
    throw new ApiError('appTokenSignatureMismatch', 'Request signature mismatch');
}

function verifyAccessToken(ctx: ProviderContext, value: string): Caller {
  const row = ctx.db.prepare('SELECT * FROM access_tokens WHERE token = ?').get(value) as
    AccessTokenRow | undefined;
  if (!row) throw new ApiError('accessTokenInvalid', 'Access token is invalid');
  if (row.expires_ms <= ctx.now())
    throw new ApiError('accessTokenExpired', 'Access token has expired');
  return { kind: 'access', access: row };
}

function verifySecretKey(ctx: ProviderContext, req: FastifyRequest): Caller {
  const auth = header(req, 'authorization') ?? '';
  const m = /^Bearer\s+(\S+)$/i.exec(auth);
  if (!m) throw new ApiError('secretKeyInvalid', 'Authorization: Bearer <secret key> is required');
  if (!ctx.config.secretKeys.includes(m[1]!))
    throw new ApiError('secretKeyInvalid', 'Secret key is not valid');
  return { kind: 'secret' };
}

/**
 * Who is calling, as far as the headers prove it: run before the body is read, so an anonymous
 * or unknown caller is refused before its body is buffered. A signed backend is only known once
 * {@link verifyBodySignature} has checked its signature over the body too.
 */
export function authenticateHeaders(
  ctx: ProviderContext,
  req: FastifyRequest,
  mode: AuthMode,
): Caller {
  switch (mode) {
    case 'none':
      return { kind: 'none' };
    case 'secret':
      return verifySecretKey(ctx, req);
    case 'app': {
      if (!header(req, 'x-app-token') && header(req, 'x-access-token')) {
        throw new ApiError(
          'accessTokenScope',
          'This endpoint needs a signed app-token request; an access token is not enough',
        );
      }
      return checkAppTokenHeaders(ctx, req);
    }
    case 'app-or-access': {
      if (header(req, 'x-app-token')) return checkAppTokenHeaders(ctx, req);
      const access = header(req, 'x-access-token');
      if (access) return verifyAccessToken(ctx, access);
      throw new ApiError(
        'appTokenInvalidFormat',
        'Sign the request with X-App-Token or send X-Access-Token',
      );
    }
  }
}

export function issueAccessToken(
  ctx: ProviderContext,
  q: {
    userId: string;
    levelName: string;
    externalActionId: string;
    ttlInSecs?: number | undefined;
  },
): AccessTokenRow {
  requireLevel(ctx, q.levelName);
  const applicant = findApplicantByExternalId(ctx, q.userId);
  if (!applicant)
    throw new ApiError('notFound', `No applicant with referenceId or applicantId '${q.userId}'`);
  const ttl = q.ttlInSecs ?? ctx.config.accessTokens.defaultTtlInSecs;
  if (ttl > ctx.config.accessTokens.maxTtlInSecs) {
    throw new ApiError(
      'validation',
      `ttlInSecs must be at most ${ctx.config.accessTokens.maxTtlInSecs}`,
    );
  }
  const now = ctx.now();
  const row: AccessTokenRow = {
    token: `_act-${ctx.config.sandbox.enabled ? 'sbx-' : ''}${randomUUID()}`,
    user_id: q.userId,
    applicant_id: applicant.id,
    level_name: q.levelName,
    external_action_id: q.externalActionId,
    expires_ms: now + ttl * 1000,
    created_ms: now,
  };
  ctx.db
    .prepare(
      `INSERT INTO access_tokens (token, user_id, applicant_id, level_name, external_action_id, expires_ms, created_ms)
       VALUES (@token, @user_id, @applicant_id, @level_name, @external_action_id, @expires_ms, @created_ms)`,
    )
    .run(row);
  return row;
}

/** The browser may touch only the one action its token names. */
export function assertActionInScope(
  caller: Caller,
  action: { applicant_id: string; external_action_id: string; level_name: string },
): void {
  if (caller.kind !== 'access') return;
  const a = caller.access;
  if (
    action.applicant_id !== a.applicant_id ||
    action.external_action_id !== a.external_action_id ||
    action.level_name !== a.level_name
  ) {
    throw new ApiError('accessTokenScope', 'The access token does not cover this action');
  }
}
