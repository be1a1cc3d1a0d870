/**
 * Screen-reader announcements without flooding: a text is spoken only when it differs from the
 * last one spoken, and never sooner than `minIntervalMs` after it. A change that arrives too
 * early waits; if it is replaced while waiting, only the newest is spoken.
 */
export interface AnnounceState {
  spoken: string | null;
  spokenAt: number;
  pending: string | null;
}

export const INITIAL_ANNOUNCE: AnnounceState = Object.freeze({
  spoken: null,
  spokenAt: -Infinity,
  pending: null,
});

export interface AnnouncePlan {
  state: AnnounceState;
  /** Text to put into the live region now, if any. */
  speak: string | null;
  /** When to call again with the same text to flush a pending change (ms), if needed. */
  retryAt: number | null;
}

export function planAnnouncement(
  state: AnnounceState,
  now: number,
  text: string | null,
  minIntervalMs: number,
): AnnouncePlan {
  if (!text || text === state.spoken) {
    return { state: { ...state, pending: null }, speak: null, retryAt: null };
  }
  const due = state.spokenAt + minIntervalMs;
  if (now >= due) {
    return { state: { spoken: text, spokenAt: now, pending: null }, speak: text, retryAt: null };
  }
  return { state: { ...state, pending: text }, speak: null, retryAt: due };
}
