import { describe, expect, it } from 'vitest';
import type { RetryPolicy } from './retry.js';
import { backoffDelay, isReplaySafe, mayRetry, parseRetryAfter, retryDelay } from './retry.js';

const policy: RetryPolicy = {
  retries: 3,
  baseMs: 100,
  factor: 2,
  maxMs: 1_000,
  maxRetryAfterMs: 5_000,
};

describe('retry policy', () => {
  it('GETs and idempotent POSTs are replayed on transient statuses, network failures and timeouts', () => {
    for (const [method, idempotent] of [
      ['GET', false],
      ['POST', true],
    ] as const) {
      for (const status of [408, 429, 500, 502, 503, 504]) {
        expect(
          mayRetry(
            { method, idempotent, failure: { kind: 'http', status }, retriesSoFar: 0 },
            policy,
          ),
        ).toBe(true);
      }
      expect(
        mayRetry(
          {
            method,
            idempotent,
            failure: { kind: 'network', reachedServer: 'unknown' },
            retriesSoFar: 0,
          },
          policy,
        ),
      ).toBe(true);
      expect(
        mayRetry({ method, idempotent, failure: { kind: 'timeout' }, retriesSoFar: 0 }, policy),
      ).toBe(true);
    }
  });

  it('never replays a definitive answer', () => {
    for (const status of [400, 401, 403, 404, 409, 413, 415, 501]) {
      expect(
        mayRetry(
          { method: 'GET', idempotent: true, failure: { kind: 'http', status }, retriesSoFar: 0 },
          policy,
        ),
      ).toBe(false);
    }
  });

  it('a non-idempotent POST only when the server provably did not act', () => {
    const post = (failure: Parameters<typeof mayRetry>[0]['failure']) =>
      mayRetry({ method: 'POST', idempotent: false, failure, retriesSoFar: 0 }, policy);
    expect(post({ kind: 'network', reachedServer: false })).toBe(true);
    expect(post({ kind: 'http', status: 503 })).toBe(true);
    expect(post({ kind: 'http', status: 429 })).toBe(true);
    expect(post({ kind: 'http', status: 408 })).toBe(true);
    expect(post({ kind: 'network', reachedServer: 'unknown' })).toBe(false);
    expect(post({ kind: 'timeout' })).toBe(false);
    expect(post({ kind: 'http', status: 500 })).toBe(false);
    expect(post({ kind: 'http', status: 502 })).toBe(false);
    expect(post({ kind: 'http', status: 504 })).toBe(false);
  });

  it('stops at the budget and at an over-long Retry-After', () => {
    const f = { kind: 'http', status: 503 } as const;
    expect(
      mayRetry({ method: 'GET', idempotent: false, failure: f, retriesSoFar: 2 }, policy),
    ).toBe(true);
    expect(
      mayRetry({ method: 'GET', idempotent: false, failure: f, retriesSoFar: 3 }, policy),
    ).toBe(false);
    expect(
      mayRetry(
        {
          method: 'GET',
          idempotent: false,
          failure: { ...f, retryAfterMs: 60_000 },
          retriesSoFar: 0,
        },
        policy,
      ),
    ).toBe(false);
  });

  it('HEAD is replay-safe, method case does not matter', () => {
    expect(isReplaySafe('head', false)).toBe(true);
    expect(isReplaySafe('get', false)).toBe(true);
    expect(isReplaySafe('post', false)).toBe(false);
  });

  it('backoff: equal jitter within [cap/2, cap], cap growing to maxMs', () => {
    expect(backoffDelay(0, policy, () => 0)).toBe(50);
    expect(backoffDelay(0, policy, () => 1)).toBe(100);
    expect(backoffDelay(2, policy, () => 0.5)).toBe(300);
    expect(backoffDelay(10, policy, () => 1)).toBe(1_000);
    expect(backoffDelay(10, policy, () => 0)).toBe(500);
    // Out-of-range randomness is clamped rather than trusted.
    expect(backoffDelay(0, policy, () => 7)).toBe(100);
    const samples = Array.from({ length: 200 }, () => backoffDelay(1, policy));
    expect(Math.min(...samples)).toBeGreaterThanOrEqual(100);
    expect(Math.max(...samples)).toBeLessThanOrEqual(200);
    expect(new Set(samples).size).toBeGreaterThan(10);
  });

  it('waits at least what Retry-After asks, capped', () => {
    expect(retryDelay(0, { kind: 'http', status: 503, retryAfterMs: 2_000 }, policy, () => 0)).toBe(
      2_000,
    );
    expect(retryDelay(0, { kind: 'http', status: 503, retryAfterMs: 9_000 }, policy, () => 0)).toBe(
      5_000,
    );
    expect(retryDelay(0, { kind: 'timeout' }, policy, () => 0)).toBe(50);
  });

  it('parses Retry-After seconds and dates', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('3', now)).toBe(3_000);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:10 GMT', now)).toBe(10_000);
    expect(parseRetryAfter('Wed, 31 Dec 2025 00:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});
