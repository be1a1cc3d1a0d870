/**
 * How a change between two analysed frames (200 ms apart) happened, frame by frame at the clip's
 * own rate: a head turning at a person's speed (peak 100-300°/s) takes its 30-40° over 150-400
 * ms, i.e. several frames of a 15-30 fps camera; a cut between two pictures (swapped photos, a
 * splice) happens between two frames. At 5 analysed frames per second both read as a jump of
 * the pose; at the camera's rate they do not. Pure: works on the decoder's small grey frames.
 */
import type { Box } from '../reviews/engine/grey-crop.js';
import type { FullRateFrames } from './decode.js';

export interface ChangeSpread {
  /** Frame-to-frame changes inside the interval (frames in it minus one). */
  steps: number;
  /**
   * Largest single frame-to-frame change of the face's area, above the interval's quietest step
   * (camera noise and codec), as a share of all of them: ~1 for a cut, 0.2-0.5 for a head turning.
   * 1 when the interval holds a single step (nothing to compare with).
   */
  share: number;
  /**
   * That largest change above the quietest step, in standard deviations of the face's area (mean
   * absolute difference of the normalised areas): noise and codec alone stay well under it.
   */
  largest: number;
  /** Time between the two frames of that largest change, ms (a camera that dropped frames: long). */
  largestGapMs: number;
}

/**
 * The spread of the change of the face's area (`boxes` in kept-frame pixels, their union) between
 * `fromMs` and `toMs`. Each frame's area is normalised (zero mean, unit variance) so the screen's
 * colours, which scale the face's brightness, do not count as change; the change between two
 * frames is the mean absolute difference of the normalised areas.
 */
export function changeSpread(
  fullRate: FullRateFrames,
  fromMs: number,
  toMs: number,
  boxes: readonly Box[],
): ChangeSpread {
  const frames = fullRate.frames.filter((f) => f.tMs >= fromMs - 0.5 && f.tMs <= toMs + 0.5);
  if (frames.length < 3)
    return { steps: Math.max(0, frames.length - 1), share: 1, largest: 0, largestGapMs: 0 };
  const s = fullRate.scale;
  const x0 = Math.max(0, Math.floor(Math.min(...boxes.map((b) => b.x)) * s));
  const y0 = Math.max(0, Math.floor(Math.min(...boxes.map((b) => b.y)) * s));
  const x1 = Math.min(fullRate.width, Math.ceil(Math.max(...boxes.map((b) => b.x + b.width)) * s));
  const y1 = Math.min(
    fullRate.height,
    Math.ceil(Math.max(...boxes.map((b) => b.y + b.height)) * s),
  );
  if (x1 - x0 < 4 || y1 - y0 < 4) {
    return { steps: frames.length - 1, share: 1, largest: 0, largestGapMs: 0 };
  }
  const areas = frames.map((f) => normalisedArea(f.data, fullRate.width, x0, y0, x1, y1));
  const changes = areas.slice(1).map((a, k) => meanAbsDifference(a, areas[k] as Float32Array));
  const floor = Math.min(...changes);
  const excess = changes.map((c) => c - floor);
  const total = excess.reduce((sum, e) => sum + e, 0);
  const largest = Math.max(...excess);
  const k = excess.indexOf(largest);
  return {
    steps: changes.length,
    share: total > 0 ? round3(largest / total) : 0,
    largest: round3(largest),
    largestGapMs: Math.round(
      (frames[k + 1] as { tMs: number }).tMs - (frames[k] as { tMs: number }).tMs,
    ),
  };
}

function normalisedArea(
  data: Uint8Array,
  width: number,
  x0: number,
  y0: number,
  x1: number,
  y1: number,
): Float32Array {
  const out = new Float32Array((x1 - x0) * (y1 - y0));
  let k = 0;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) out[k++] = data[y * width + x] as number;
  }
  let mean = 0;
  for (const v of out) mean += v;
  mean /= out.length;
  let variance = 0;
  for (const v of out) variance += (v - mean) ** 2;
  const sd = Math.sqrt(variance / out.length) || 1;
  for (let i = 0; i < out.length; i++) out[i] = ((out[i] as number) - mean) / sd;
  return out;
}

function meanAbsDifference(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs((a[i] as number) - (b[i] as number));
  return sum / a.length;
}

const round3 = (v: number) => Math.round(v * 1000) / 1000;
