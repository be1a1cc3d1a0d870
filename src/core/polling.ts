/**
 * How often to ask `GET .../one` while the review runs, and when to give up. Pure: the caller
 * passes the current time and does the waiting, so tests run the schedule without timers.
 *
 * The first answer takes one to four seconds (a face match, then the liveness clips), so polling
 * starts quick and backs off slowly: each wait is time the person stares at "checking" after the
 * answer is there (waits of 0.7 s growing by 1.5x saw a 3.4 s review at 5.7 s). A review stuck in
 * `queued` (no reviewer) is still not hammered: the waits reach 5 s after about 25 s.
 */

import { clamp } from './geometry.js';

export interface PollPolicy {
  /** Wait before the first poll after the submit. */
  initialDelayMs: number;
  /** Growth of the wait per poll. */
  factor: number;
  /** Upper bound of one wait. */
  maxDelayMs: number;
  /** ± share of each wait drawn at random (0.2 = ±20 %), so many widgets do not poll in step. */
  jitter: number;
  /** From the submit; when it passes the flow fails with `timeout`. */
  timeoutMs: number;
}

export const DEFAULT_POLL_POLICY: Readonly<PollPolicy> = Object.freeze({
  initialDelayMs: 700,
  factor: 1.15,
  maxDelayMs: 5_000,
  jitter: 0.2,
  timeoutMs: 120_000,
});

/** The wait before poll number `n` (0-based), jitter included, never above `maxDelayMs`. */
export function pollDelay(
  n: number,
  policy: PollPolicy = DEFAULT_POLL_POLICY,
  random: () => number = Math.random,
): number {
  const base = Math.min(policy.maxDelayMs, policy.initialDelayMs * policy.factor ** Math.max(0, n));
  const r = clamp(random(), 0, 1);
  const jittered = base * (1 - policy.jitter + 2 * policy.jitter * r);
  return Math.round(clamp(jittered, 0, policy.maxDelayMs));
}

/**
 * One polling session. `next(now)` gives the wait before the next poll, or `null` once the
 * deadline has passed. The last wait is cut to end at the deadline, so there is always one final
 * poll at the deadline before the timeout is declared.
 */
export class PollSchedule {
  readonly deadline: number;
  private polls = 0;

  constructor(
    startedAt: number,
    private readonly policy: PollPolicy = DEFAULT_POLL_POLICY,
    private readonly random: () => number = Math.random,
  ) {
    this.deadline = startedAt + policy.timeoutMs;
  }

  /** Polls scheduled so far. */
  get count(): number {
    return this.polls;
  }

  next(now: number): number | null {
    if (now >= this.deadline) return null;
    const wait = Math.min(pollDelay(this.polls, this.policy, this.random), this.deadline - now);
    this.polls += 1;
    return wait;
  }
}
