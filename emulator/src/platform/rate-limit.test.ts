import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestProvider } from '../../testing/support.js';
import { approvedApplicant, level, startTestProvider } from '../../testing/support.js';
import { RateLimiter } from './rate-limit.js';

describe('RateLimiter', () => {
  it('lets a burst through, then one request per refill, per key', () => {
    let now = 0;
    const limiter = new RateLimiter({ perSecond: 2, burst: 3 }, () => now);
    expect([1, 2, 3].map(() => limiter.take('a'))).toEqual([0, 0, 0]);
    // Empty: one token takes half a second, answered as a whole second to wait.
    expect(limiter.take('a')).toBe(1);
    expect(limiter.take('b')).toBe(0);
    now += 500;
    expect(limiter.take('a')).toBe(0);
    expect(limiter.take('a')).toBe(1);
    // Refilled to the burst, no further.
    now += 60_000;
    expect([1, 2, 3, 4].map(() => limiter.take('a'))).toEqual([0, 0, 0, 1]);
  });

  it('is not refilled by a clock that goes back', () => {
    let now = 10_000;
    const limiter = new RateLimiter({ perSecond: 1, burst: 1 }, () => now);
    expect(limiter.take('a')).toBe(0);
    now -= 5_000;
    expect(limiter.take('a')).toBe(1);
  });

  it('keeps at most maxKeys buckets, dropping the least recently used', () => {
    const limiter = new RateLimiter({ perSecond: 1, burst: 1 }, () => 0, 2);
    limiter.take('a');
    limiter.take('b');
    limiter.take('a');
    limiter.take('c');
    // 'b' was dropped and comes back full; 'a', used since, is still empty.
    expect(limiter.take('a')).toBe(1);
    expect(limiter.take('b')).toBe(0);
  });
});

describe('rate limits over HTTP', () => {
  let t: TestProvider;
  beforeAll(async () => {
    // The default for link lookups; a low one for minting, which a busy machine sends slowly.
    t = await startTestProvider({
      config: { rateLimits: { tokens: { perSecond: 2, burst: 10 } } },
    });
  });
  afterAll(async () => t?.close());

  /** Sends `n` requests one after another; how many were let through, and the first 429. */
  async function hammer(n: number, send: (i: number) => Promise<Response>) {
    const started = performance.now();
    let passed = 0;
    let refused: Response | undefined;
    for (let i = 0; i < n; i++) {
      const res = await send(i);
      if (res.status === 429) refused ??= res;
      else passed++;
      if (res.status !== 429 || refused !== res) await res.body?.cancel();
    }
    return { passed, refused, seconds: (performance.now() - started) / 1000 };
  }

  it('short-link guessing gets 429 with Retry-After past the stated rate', async () => {
    const { perSecond, burst } = t.provider.config.rateLimits.guess;
    const guesses = await hammer(burst + 40, (i) =>
      fetch(`${t.url}/s/guess${i}`, { redirect: 'manual' }),
    );
    console.log(
      `rate limit: ${guesses.passed} of ${burst + 40} short-link guesses answered in ${guesses.seconds.toFixed(2)} s (burst ${burst}, ${perSecond}/s)`,
    );
    expect(guesses.passed).toBeLessThanOrEqual(burst + Math.ceil(perSecond * guesses.seconds));
    expect(guesses.refused).toBeDefined();
    expect(Number(guesses.refused!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await guesses.refused!.json()).toMatchObject({
      code: 429,
      errorCode: 1429,
      errorName: 'too-many-requests',
    });
    // The other link pages share the bucket of the address.
    for (const page of ['/websdk/p/guess', '/embedded?requestId=guess']) {
      const statuses = [];
      for (let i = 0; i < 5; i++) statuses.push((await fetch(t.url + page)).status);
      expect(statuses, page).toContain(429);
    }
  });

  it('minting access tokens gets 429 past the stated rate, per app token', async () => {
    const { perSecond, burst } = t.provider.config.rateLimits.tokens;
    const { referenceId } = await approvedApplicant(t.client);
    const minted = await hammer(burst + 20, (i) =>
      t.client.signedFetch(
        'POST',
        `/resources/accessTokens?userId=${referenceId}&levelName=${level}&externalActionId=rl-${i}`,
      ),
    );
    expect(minted.passed).toBeLessThanOrEqual(burst + Math.ceil(perSecond * minted.seconds));
    expect(minted.refused).toBeDefined();
    expect(Number(minted.refused!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    // The same app token may still do everything else.
    expect((await t.client.applicants.list({})).total).toBeGreaterThanOrEqual(1);
    expect((await t.client.signedFetch('GET', `/resources/applicantActions/x/one`)).status).toBe(
      404,
    );
  });
});
