/**
 * The screen-colour reflection: while the clip is recorded the screen shows the challenge's
 * colours, and a face a few tens of centimetres from it takes on their tint far more than the room
 * behind it. Pure statistics over per-frame colour means.
 *
 * Per frame the signal is the face's rg-chromaticity minus the background's (the difference
 * cancels the camera's white balance and the room's light, which move both). For a lag L (the
 * camera's delay, 0-400 ms), each frame at time t belongs to colour segment ⌊(t − L) / segmentMs⌋;
 * the signal is averaged per segment and correlated (Pearson, both chroma channels pooled, each
 * centred) with the chromaticities of the challenge's colours. The score is the best correlation
 * over the allowed lags.
 *
 * The p-value is a permutation test of exactly that statistic: the colours are shuffled across
 * the segments, the best-over-lags correlation recomputed each time, and p is the share of shuffles
 * that reach the observed value (with the usual +1 on both sides). A clip that shows the right
 * colours *late* (a replay or a relay that cannot react in time) peaks at a lag outside the window:
 * the correlation is also scanned outside it, and the best lag must lie inside.
 */
import { chromaticity, hexToRgb } from './challenge.js';

export type Rgb = readonly [number, number, number];

export interface ColourSample {
  /** Presentation time from the clip's start, ms. */
  tMs: number;
  /** Mean RGB of the face's skin (between the eyes and the mouth); null when no face. */
  face: Rgb | null;
  /** Mean RGB of the background beside and above the head; null when none is visible. */
  background: Rgb | null;
}

export interface ReflectionOptions {
  /** Lags the camera may have, ms. Default [0, 400]. */
  windowMs: readonly [number, number];
  /** Lags scanned to find where the correlation peaks, ms. Default [-500, 1500]. */
  scanMs: readonly [number, number];
  /** Lag step, ms. Default 50. */
  stepMs: number;
  /** Shuffles in the permutation test. Default 999. */
  permutations: number;
  /** Seed of the shuffles (e.g. from the challenge id), so a verdict can be recomputed. */
  seed: number;
}

export const DEFAULT_REFLECTION_OPTIONS: ReflectionOptions = {
  windowMs: [0, 400],
  scanMs: [-500, 1500],
  stepMs: 50,
  permutations: 999,
  seed: 1,
};

export interface ReflectionResult {
  /** Best Pearson correlation over the window's lags, -1..1 (0 when it could not be computed). */
  r: number;
  /** Permutation p-value of `r` (1 when it could not be computed). */
  p: number;
  /** The lag of `r`, ms. */
  lagMs: number;
  /** Best correlation over the scanned lags outside the window, its lag and permutation p-value. */
  rOutside: number;
  lagOutsideMs: number;
  pOutside: number;
  /** Colour segments that had at least one frame (at the best lag). */
  segmentsSeen: number;
}

/** Correlates the face's tint with the colour schedule. */
export function measureReflection(
  samples: readonly ColourSample[],
  schedule: { colours: readonly string[]; segmentMs: number },
  options: Partial<ReflectionOptions> = {},
): ReflectionResult {
  const opt = { ...DEFAULT_REFLECTION_OPTIONS, ...options };
  const expected = schedule.colours.map((c) => chromaticity(hexToRgb(c)));
  const signal = samples
    .filter((s) => s.face && s.background)
    .map((s) => {
      const f = chromaticity(s.face as Rgb);
      const b = chromaticity(s.background as Rgb);
      return { tMs: s.tMs, v: [f[0] - b[0], f[1] - b[1]] as const };
    });

  const lags: number[] = [];
  for (let lag = opt.scanMs[0]; lag <= opt.scanMs[1] + 1e-9; lag += opt.stepMs) lags.push(lag);
  const inWindow = (lag: number) => lag >= opt.windowMs[0] && lag <= opt.windowMs[1];
  const perLag = lags.map((lag) => ({
    lag,
    means: segmentMeans(signal, schedule.colours.length, schedule.segmentMs, lag),
  }));
  const windowLags = perLag.filter((l) => inWindow(l.lag));
  const outsideLags = perLag.filter((l) => !inWindow(l.lag));

  const best = (set: typeof perLag, colours: readonly (readonly [number, number])[]) => {
    let top = { r: -Infinity, lag: 0, seen: 0 };
    for (const { lag, means } of set) {
      const r = correlation(means, colours);
      if (r > top.r) top = { r, lag, seen: means.filter(Boolean).length };
    }
    return top;
  };

  const observed = best(windowLags, expected);
  const outside = best(outsideLags, expected);
  if (!Number.isFinite(observed.r)) {
    return { r: 0, p: 1, lagMs: 0, rOutside: 0, lagOutsideMs: 0, pOutside: 1, segmentsSeen: 0 };
  }
  const random = mulberry32(opt.seed);
  let atLeast = 0;
  let atLeastOutside = 0;
  const shuffled = [...expected];
  for (let k = 0; k < opt.permutations; k++) {
    for (let i = shuffled.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [shuffled[i], shuffled[j]] = [shuffled[j] as never, shuffled[i] as never];
    }
    if (best(windowLags, shuffled).r >= observed.r - 1e-12) atLeast++;
    if (Number.isFinite(outside.r) && best(outsideLags, shuffled).r >= outside.r - 1e-12) {
      atLeastOutside++;
    }
  }
  return {
    r: round(observed.r, 4),
    p: round((atLeast + 1) / (opt.permutations + 1), 4),
    lagMs: observed.lag,
    rOutside: Number.isFinite(outside.r) ? round(outside.r, 4) : 0,
    lagOutsideMs: outside.lag,
    pOutside: Number.isFinite(outside.r)
      ? round((atLeastOutside + 1) / (opt.permutations + 1), 4)
      : 1,
    segmentsSeen: observed.seen,
  };
}

type Vec = readonly [number, number];

/** Mean signal per colour segment at a lag; undefined for a segment with no frame. */
function segmentMeans(
  signal: readonly { tMs: number; v: Vec }[],
  segments: number,
  segmentMs: number,
  lagMs: number,
): (Vec | undefined)[] {
  const sum = Array.from({ length: segments }, () => [0, 0, 0]);
  for (const { tMs, v } of signal) {
    const k = Math.floor((tMs - lagMs) / segmentMs);
    if (k < 0 || k >= segments) continue;
    const s = sum[k] as number[];
    s[0] = (s[0] as number) + v[0];
    s[1] = (s[1] as number) + v[1];
    s[2] = (s[2] as number) + 1;
  }
  return sum.map(([a = 0, b = 0, n = 0]) => (n > 0 ? ([a / n, b / n] as const) : undefined));
}

/** Pearson correlation of two 2-channel series over the segments both have, channels pooled. */
export function correlation(
  observed: readonly (Vec | undefined)[],
  expected: readonly Vec[],
): number {
  const pairs: [Vec, Vec][] = [];
  observed.forEach((o, i) => {
    const e = expected[i];
    if (o && e) pairs.push([o, e]);
  });
  if (pairs.length < 3) return -Infinity;
  let num = 0;
  let so = 0;
  let se = 0;
  for (const channel of [0, 1] as const) {
    const mo = pairs.reduce((s, [o]) => s + o[channel], 0) / pairs.length;
    const me = pairs.reduce((s, [, e]) => s + e[channel], 0) / pairs.length;
    for (const [o, e] of pairs) {
      const a = o[channel] - mo;
      const b = e[channel] - me;
      num += a * b;
      so += a * a;
      se += b * b;
    }
  }
  return so > 0 && se > 0 ? num / Math.sqrt(so * se) : 0;
}

/** Small, fast, seedable PRNG (Mulberry32): the shuffles only need to be reproducible. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
