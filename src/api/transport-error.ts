import type { ProviderErrorBody } from '../core/api-types.js';
import { isProviderErrorBody } from '../core/api-types.js';
import type { RequestFailure } from '../core/retry.js';
import { parseRetryAfter } from '../core/retry.js';

/**
 * One failed attempt, classified the same way whichever transport made it (ky/fetch or the XHR
 * upload), so the retry and token-refresh rules live in one place.
 */
export class TransportError extends Error {
  override readonly name = 'TransportError';
  constructor(
    readonly failure: RequestFailure,
    readonly body: ProviderErrorBody | undefined,
    options?: { cause?: unknown },
  ) {
    super(describeFailure(failure, body), options);
  }
}

function describeFailure(f: RequestFailure, body: ProviderErrorBody | undefined): string {
  switch (f.kind) {
    case 'http':
      return `HTTP ${f.status}${body?.errorName ? ` (${body.errorName})` : ''}`;
    case 'network':
      return f.reachedServer === false ? 'connection refused' : 'network failure';
    case 'timeout':
      return 'request timed out';
  }
}

/** Error codes Node's fetch (undici) puts on `cause` when no byte reached the server. */
const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
]);

/**
 * A fetch that rejected without a response. Browsers say only "Failed to fetch", so unless the
 * runtime tells us the connection was refused we cannot know whether the server got the request.
 */
export function networkFailure(cause: unknown): TransportError {
  const code = errorCodeOf(cause);
  const reachedServer = code !== undefined && NOT_SENT_CODES.has(code) ? false : 'unknown';
  return new TransportError({ kind: 'network', reachedServer }, undefined, { cause });
}

function errorCodeOf(e: unknown): string | undefined {
  for (let cur: unknown = e, depth = 0; cur && depth < 4; depth++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    cur = (cur as { cause?: unknown }).cause;
  }
  return undefined;
}

/** An HTTP error answer: the provider's JSON body when it has the documented shape. */
export function httpFailure(
  status: number,
  bodyText: string,
  retryAfter: string | null,
  nowMs: number,
): TransportError {
  let body: ProviderErrorBody | undefined;
  try {
    const parsed: unknown = JSON.parse(bodyText);
    if (isProviderErrorBody(parsed)) body = parsed;
  } catch {
    // Not JSON (a proxy's HTML page, an empty body): the status alone classifies it.
  }
  const retryAfterMs = parseRetryAfter(retryAfter, nowMs);
  return new TransportError(
    { kind: 'http', status, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) },
    body,
  );
}
