/**
 * When a failed provider request may be sent again, and after how long. Pure: no timers, no
 * network; randomness is injected so tests can pin the jitter.
 *
 * The rule for replays: GETs and requests that are idempotent by design (the action create is
 * idempotent on `externalActionId`, the submit while the review is under way) may be retried on
 * any transient failure. Other POSTs (the image upload adds an image each time) only when the
 * failure proves the server did not act on them: the connection was refused, or the server said
 * so with 408/429/503. A dropped connection mid-upload proves nothing, so it is not replayed here;
 * the user's "Try again" re-runs the flow from the (idempotent) resolve step instead.
 */

import { clamp } from './geometry.js';

export interface BackoffPolicy {
  /** Cap of the first wait. */
  baseMs: number;
  /** Growth of the cap per retry. */
  factor: number;
  /** Upper bound of any wait. */
  maxMs: number;
}

export interface RetryPolicy extends BackoffPolicy {
  /** Retries after the first attempt (so `retries + 1` attempts at most). */
  retries: number;
  /** A `Retry-After` longer than this is not waited for: the request fails instead. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = Object.freeze({
  retries: 3,
  baseMs: 400,
  factor: 2,
  maxMs: 5_000,
  maxRetryAfterMs: 10_000,
});

/** Why a request attempt failed, as far as the client can tell. */
export type RequestFailure =
  | { kind: 'http'; status: number; retryAfterMs?: number }
  /** `reachedServer: false` only when it is certain (connection refused, DNS failure). */
  | { kind: 'network'; reachedServer: false | 'unknown' }
  /** No answer within the per-request timeout: the server may have acted. */
  | { kind: 'timeout' };

export interface RetryQuestion {
  method: string;
  /** Replaying cannot change the outcome on the server (documented idempotent endpoint). */
  idempotent: boolean;
  failure: RequestFailure;
  /** Retries already made for this request. */
  retriesSoFar: number;
}

/** Statuses that say "not now" rather than "no". */
const TRANSIENT_STATUSES = new Set([408, 429, 500, 502, 503, 504]);
/** Statuses that also prove the request was not acted upon. */
const NOT_PROCESSED_STATUSES = new Set([408, 429, 503]);

export function isReplaySafe(method: string, idempotent: boolean): boolean {
  const m = method.toUpperCase();
  return m === 'GET' || m === 'HEAD' || idempotent;
}

function isTransientStatus(status: number): boolean {
  return TRANSIENT_STATUSES.has(status);
}

/** May this failed request be sent again under `policy`? */
export function mayRetry(q: RetryQuestion, policy: RetryPolicy = DEFAULT_RETRY_POLICY): boolean {
  if (q.retriesSoFar >= policy.retries) return false;
  const replaySafe = isReplaySafe(q.method, q.idempotent);
  const f = q.failure;
  switch (f.kind) {
    case 'http':
      if (!isTransientStatus(f.status)) return false;
      if (f.retryAfterMs !== undefined && f.retryAfterMs > policy.maxRetryAfterMs) return false;
      return replaySafe || NOT_PROCESSED_STATUSES.has(f.status);
    case 'network':
      return replaySafe || f.reachedServer === false;
    case 'timeout':
      return replaySafe;
  }
}

/**
 * "Equal jitter": half of the exponential cap plus a random share of the other half. Unlike full
 * jitter it never retries immediately, and it still spreads a crowd of clients that failed
 * together (a provider restart) instead of having them return in lockstep.
 */
export function backoffDelay(
  retryIndex: number,
  policy: BackoffPolicy = DEFAULT_RETRY_POLICY,
  random: () => number = Math.random,
): number {
  const cap = Math.min(policy.maxMs, policy.baseMs * policy.factor ** Math.max(0, retryIndex));
  return Math.round(cap / 2 + (cap / 2) * clamp(random(), 0, 1));
}

/** The wait before retry number `retryIndex` (0-based): at least what `Retry-After` asked for. */
export function retryDelay(
  retryIndex: number,
  failure: RequestFailure,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
  random: () => number = Math.random,
): number {
  const backoff = backoffDelay(retryIndex, policy, random);
  const asked = failure.kind === 'http' ? (failure.retryAfterMs ?? 0) : 0;
  return Math.max(backoff, Math.min(asked, policy.maxRetryAfterMs));
}

/** `Retry-After` as delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(
  value: string | null | undefined,
  nowMs: number,
): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}
