import type { HintCode } from './hints.js';

/**
 * Keeps the visible hint from flickering when a measure hovers around its threshold: a new hint
 * replaces the shown one only after it has been the top hint for `minMs`. "All good" (null) is
 * shown at once, because the progress ring already fills and must be explained.
 */
export interface HintStabiliserState {
  shown: HintCode | null;
  candidate: HintCode | null;
  since: number;
  /** Nothing shown yet: the first hint appears immediately. */
  fresh: boolean;
}

export const INITIAL_HINT_STATE: HintStabiliserState = Object.freeze({
  shown: null,
  candidate: null,
  since: 0,
  fresh: true,
});

export function stabiliseHint(
  state: HintStabiliserState,
  now: number,
  top: HintCode | null,
  minMs: number,
): HintStabiliserState {
  if (state.fresh || top === null || top === state.shown) {
    return { shown: top, candidate: top, since: now, fresh: false };
  }
  const next = top === state.candidate ? state : { ...state, candidate: top, since: now };
  return now - next.since >= minMs ? { ...next, shown: top } : next;
}
