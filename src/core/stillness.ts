import type { Point } from './geometry.js';

/** Where the face was at one moment, for the stillness check. */
export interface FaceSample {
  t: number;
  centre: Point;
  /** Face box height: movement is measured relative to it, so distance does not matter. */
  size: number;
}

/**
 * Largest displacement of the face centre from the newest sample over the window, in face
 * heights. Returns null when the samples do not yet span most of the window (too early to say).
 */
export function motionOver(samples: ReadonlyArray<FaceSample>, windowMs: number): number | null {
  const last = samples[samples.length - 1];
  if (!last) return null;
  const from = last.t - windowMs;
  let oldest = last.t;
  let worst = 0;
  for (let i = samples.length - 1; i >= 0; i--) {
    const s = samples[i]!;
    if (s.t < from) break;
    oldest = s.t;
    const d = Math.hypot(s.centre.x - last.centre.x, s.centre.y - last.centre.y) / last.size;
    worst = Math.max(worst, d, Math.abs(s.size - last.size) / last.size);
  }
  return last.t - oldest >= windowMs * 0.6 ? worst : null;
}

/** Keeps only the samples the window can still use (plus one older), bounding memory. */
export function pruneSamples(samples: FaceSample[], windowMs: number): FaceSample[] {
  const last = samples[samples.length - 1];
  if (!last) return samples;
  const idx = samples.findIndex((s) => s.t >= last.t - windowMs);
  return idx > 1 ? samples.slice(idx - 1) : samples;
}
