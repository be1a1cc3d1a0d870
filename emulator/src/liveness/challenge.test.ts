import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  challengeProblem,
  chromaticity,
  createChallenge,
  hexToRgb,
  MAX_CHALLENGE_TTL_MS,
  MIN_DISTINCT_COLOURS,
  PALETTE,
  scheduleMs,
} from './challenge.js';

/** A deterministic byte stream (SHA-256 in counter mode) so a test can replay a challenge. */
function seededBytes(seed: string) {
  let counter = 0;
  return (length: number): Uint8Array => {
    const out = new Uint8Array(length);
    for (let i = 0; i < length; i += 32) {
      const block = createHash('sha256').update(`${seed}:${counter++}`).digest();
      out.set(block.subarray(0, Math.min(32, length - i)), i);
    }
    return out;
  };
}

const now = new Date('2026-01-01T12:00:00.000Z');

describe('createChallenge', () => {
  it('has a 128-bit id, a 2-minute expiry, 8 colours of 500 ms, and left and right turns', () => {
    const c = createChallenge(seededBytes('a'), now);
    expect(Buffer.from(c.challengeId, 'base64url')).toHaveLength(16);
    expect(c.expiresAt).toBe('2026-01-01T12:02:00.000Z');
    expect(c.colours).toHaveLength(8);
    expect(c.segmentMs).toBe(500);
    expect(scheduleMs(c)).toBe(4000);
    expect([...c.turns].sort()).toEqual(['left', 'right']);
  });

  it('is a pure function of the bytes and the clock', () => {
    expect(createChallenge(seededBytes('x'), now)).toEqual(createChallenge(seededBytes('x'), now));
    expect(createChallenge(seededBytes('x'), now)).not.toEqual(
      createChallenge(seededBytes('y'), now),
    );
  });

  it('never repeats a colour back to back and uses enough distinct colours', () => {
    for (let i = 0; i < 300; i++) {
      const c = createChallenge(randomBytes, now);
      for (let k = 1; k < c.colours.length; k++) expect(c.colours[k]).not.toBe(c.colours[k - 1]);
      expect(new Set(c.colours).size).toBeGreaterThanOrEqual(MIN_DISTINCT_COLOURS);
      for (const colour of c.colours) expect(PALETTE).toContain(colour);
    }
  });

  it('keeps within WCAG 2.3.1: at most three colour changes in any second', () => {
    const c = createChallenge(randomBytes, now);
    expect(1000 / c.segmentMs).toBeLessThanOrEqual(3);
    expect(() => createChallenge(randomBytes, now, { segmentMs: 300 })).toThrow(/WCAG/);
  });

  it('draws colours and turn orders without a visible bias', () => {
    const colourCounts = new Map<string, number>();
    const orders = new Map<string, number>();
    const runs = 3000;
    for (let i = 0; i < runs; i++) {
      const c = createChallenge(seededBytes(`bias${i}`), now, {
        directions: ['left', 'right', 'up'],
      });
      for (const colour of c.colours) colourCounts.set(colour, (colourCounts.get(colour) ?? 0) + 1);
      const key = c.turns.join('-');
      orders.set(key, (orders.get(key) ?? 0) + 1);
    }
    // 6 colours, 24000 draws: each near 4000 (binomial sd ~ 60).
    for (const count of colourCounts.values()) expect(Math.abs(count - 4000)).toBeLessThan(400);
    // 6 ordered pairs of {left, right, up}: each near 500 (sd ~ 20).
    expect(orders.size).toBe(6);
    for (const count of orders.values()) expect(Math.abs(count - 500)).toBeLessThan(120);
  });

  it('never lives longer than two minutes', () => {
    const c = createChallenge(randomBytes, now, { ttlMs: 10 * MAX_CHALLENGE_TTL_MS });
    expect(Date.parse(c.expiresAt) - now.getTime()).toBe(MAX_CHALLENGE_TTL_MS);
  });

  it('rejects a byte source that returns the wrong length', () => {
    expect(() => createChallenge(() => new Uint8Array(8), now)).toThrow(/length/);
  });

  it('draws the turns from the directions asked for', () => {
    const c = createChallenge(randomBytes, now, { directions: ['up', 'left'], turnCount: 1 });
    expect(c.turns).toHaveLength(1);
    expect(['up', 'left']).toContain(c.turns[0]);
    expect(() => createChallenge(randomBytes, now, { turnCount: 3 })).toThrow(/turnCount/);
  });
});

describe('the palette', () => {
  it('keeps every two colours at least 0.5 apart in rg-chromaticity', () => {
    for (const a of PALETTE) {
      for (const b of PALETTE) {
        if (a === b) continue;
        const [ra, ga] = chromaticity(hexToRgb(a));
        const [rb, gb] = chromaticity(hexToRgb(b));
        expect(Math.hypot(ra - rb, ga - gb)).toBeGreaterThanOrEqual(0.5 - 1e-9);
      }
    }
  });
});

describe('challengeProblem', () => {
  const c = createChallenge(seededBytes('p'), now);
  it('accepts a clip received before expiry, once', () => {
    expect(challengeProblem(c, new Date(now.getTime() + 60_000), false)).toBeNull();
    expect(challengeProblem(c, new Date(now.getTime() + 60_000), true)).toBe('used');
  });
  it('refuses a clip received after expiry', () => {
    expect(challengeProblem(c, new Date(now.getTime() + 120_001), false)).toBe('expired');
  });
});
