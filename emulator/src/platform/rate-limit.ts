import type { RateLimit } from './config.js';
import { ApiError } from './errors.js';

interface Bucket {
  tokens: number;
  /** When `tokens` was last brought up to date (ms). */
  at: number;
}

/**
 * Token buckets, one per client key: each holds up to `burst` tokens, refilled at `perSecond`,
 * and a request takes one. Keys are kept in insertion order and the oldest are dropped past
 * `maxKeys`, so a stream of new keys (addresses, made-up tokens) cannot grow memory without
 * bound; a dropped key comes back with a full bucket, which costs an attacker a fresh key each
 * burst.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly limit: RateLimit,
    private readonly now: () => number,
    private readonly maxKeys = 10_000,
  ) {}

  /**
   * Takes a token for `key`: 0 when there was one, otherwise the seconds until there will be
   * (for `Retry-After`).
   */
  take(key: string): number {
    const now = this.now();
    const { perSecond, burst } = this.limit;
    const old = this.buckets.get(key);
    const elapsedMs = old ? Math.max(0, now - old.at) : 0;
    const refilled = old ? Math.min(burst, old.tokens + (elapsedMs / 1000) * perSecond) : burst;
    const allowed = refilled >= 1;
    // Re-inserted so the map stays in least-recently-used order.
    this.buckets.delete(key);
    this.buckets.set(key, { tokens: allowed ? refilled - 1 : refilled, at: now });
    this.evict();
    return allowed ? 0 : Math.max(1, Math.ceil((1 - refilled) / perSecond));
  }

  /** {@link take}, with an empty bucket answered as 429 with the time to wait. */
  takeOrRefuse(key: string, what: string): void {
    const retryAfterSecs = this.take(key);
    if (retryAfterSecs > 0) {
      throw new ApiError(
        'tooManyRequests',
        `Too many ${what}: at most ${this.limit.perSecond} a second (bursts of ${this.limit.burst}); retry in ${retryAfterSecs} s`,
        { retryAfterSecs },
      );
    }
  }

  private evict(): void {
    for (const key of this.buckets.keys()) {
      if (this.buckets.size <= this.maxKeys) return;
      this.buckets.delete(key);
    }
  }
}
