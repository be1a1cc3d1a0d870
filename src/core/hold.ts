/**
 * Auto-capture timing: a good pose must be held for `holdMs` without a single failing frame;
 * meanwhile the best-scoring frame of that stable window is remembered, and that frame (not the
 * last one) becomes the photo.
 */
export interface HoldState {
  /** When the current run of good frames began; null when the last frame was not good. */
  since: number | null;
  /** Score of the best frame of the current run. */
  bestScore: number;
}

export interface HoldStep {
  state: HoldState;
  /** 0..1: how much of the hold is done, for the progress ring. */
  progress: number;
  /** This frame beats every earlier frame of the run: keep its pixels. */
  isBest: boolean;
  /** The hold is complete: capture the best frame now. */
  complete: boolean;
}

export const INITIAL_HOLD: HoldState = Object.freeze({ since: null, bestScore: -1 });

export function advanceHold(
  state: HoldState,
  now: number,
  frame: { ok: boolean; score: number },
  holdMs: number,
): HoldStep {
  if (!frame.ok) return { state: INITIAL_HOLD, progress: 0, isBest: false, complete: false };
  const since = state.since ?? now;
  const isBest = state.since === null || frame.score > state.bestScore;
  const elapsed = now - since;
  const progress = holdMs <= 0 ? 1 : Math.min(1, elapsed / holdMs);
  return {
    state: { since, bestScore: isBest ? frame.score : state.bestScore },
    progress,
    isBest,
    complete: progress >= 1,
  };
}
