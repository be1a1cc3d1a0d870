import { describe, expect, it } from 'vitest';
import { DEFAULT_POLL_POLICY, PollSchedule, pollDelay } from './polling.js';

describe('polling policy', () => {
  const p = { initialDelayMs: 100, factor: 2, maxDelayMs: 1_000, jitter: 0.2, timeoutMs: 5_000 };

  it('backs off from the initial delay to the cap, jitter within ±share', () => {
    expect(pollDelay(0, p, () => 0.5)).toBe(100);
    expect(pollDelay(1, p, () => 0.5)).toBe(200);
    expect(pollDelay(0, p, () => 0)).toBe(80);
    expect(pollDelay(0, p, () => 1)).toBe(120);
    expect(pollDelay(20, p, () => 1)).toBe(1_000);
    expect(pollDelay(20, p, () => 0)).toBe(800);
  });

  it('the schedule polls until the deadline, the last wait ending on it, then null', () => {
    let now = 0;
    const schedule = new PollSchedule(now, p, () => 0.5);
    const waits: number[] = [];
    for (;;) {
      const w = schedule.next(now);
      if (w === null) break;
      waits.push(w);
      now += w;
    }
    expect(now).toBe(5_000);
    expect(waits.slice(0, 4)).toEqual([100, 200, 400, 800]);
    expect(waits.at(-1)).toBeLessThanOrEqual(1_000);
    expect(schedule.count).toBe(waits.length);
    expect(schedule.next(now + 1)).toBeNull();
  });

  it('defaults: first poll within a second, two-minute timeout', () => {
    expect(pollDelay(0, DEFAULT_POLL_POLICY, () => 1)).toBeLessThanOrEqual(1_000);
    expect(DEFAULT_POLL_POLICY.timeoutMs).toBe(120_000);
  });

  it('defaults: an answer within 8 s is seen within 2 s (1.5x waits: 3.5 s); later the waits reach 5 s', () => {
    for (const r of [0, 0.5, 1]) {
      const schedule = new PollSchedule(0, DEFAULT_POLL_POLICY, () => r);
      const polls: number[] = [];
      let now = 0;
      for (let wait = schedule.next(now); wait !== null; wait = schedule.next(now)) {
        now += wait;
        polls.push(now);
      }
      const gaps = polls.slice(1).map((t, i) => t - polls[i]!);
      const early = gaps.filter((_, i) => polls[i]! < 8_000);
      expect(Math.max(...early), `jitter draw ${r}`).toBeLessThanOrEqual(2_000);
      expect(Math.max(...gaps)).toBeGreaterThanOrEqual(0.8 * DEFAULT_POLL_POLICY.maxDelayMs);
      // A stuck review costs at most ~40 polls over the two minutes.
      expect(polls.length).toBeLessThanOrEqual(40);
    }
  });
});
