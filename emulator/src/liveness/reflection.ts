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
  /**
   * Lags this far before the window count neither inside nor outside, ms. Default 150. With the
   * samples of the ~5 analysed frames a second (2-3 in a segment) the correlation's peak lands up
   * to a frame's spacing off the camera's true lag: a live face with a lag near 0 peaked at
   * -50..-150 ms about as often as inside, and the rule that the best lag be inside refused it. A
   * lag before 0 is no attack: nothing shows the colours before the screen does. After the window
   * there is no guard: colours later than 400 ms are a relay's, however near.
   */
  earlyGuardMs: number;
  /** Shuffles in the permutation test. Default 999. */
  permutations: number;
  /** Seed of the shuffles (e.g. from the challenge id), so a verdict can be recomputed. */
  seed: number;
}

export const DEFAULT_REFLECTION_OPTIONS: ReflectionOptions = {
  windowMs: [0, 400],
  scanMs: [-500, 1500],
  stepMs: 50,
  earlyGuardMs: 150,
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
  /** Samples with both a face and a background colour (every frame's, or the analysed ones'). */
  samples: number;
}

/** The result when no correlation could be computed (no samples, no colours). */
export const NO_REFLECTION: Readonly<ReflectionResult> = Object.freeze({
  r: 0,
  p: 1,
  lagMs: 0,
  rOutside: 0,
  lagOutsideMs: 0,
  pOutside: 1,
  segmentsSeen: 0,
  samples: 0,
});

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
    series: centredSeries(segmentMeans(signal, schedule.colours.length, schedule.segmentMs, lag)),
  }));
  const windowLags = perLag.filter((l) => inWindow(l.lag));
  const outsideLags = perLag.filter(
    (l) => l.lag < opt.windowMs[0] - opt.earlyGuardMs || l.lag > opt.windowMs[1],
  );

  const best = (set: typeof perLag, colours: Float64Array) => {
    let top = { r: -Infinity, lag: 0, seen: 0 };
    for (const { lag, series } of set) {
      const r = correlateCentred(series, colours);
      if (r > top.r) top = { r, lag, seen: series.segments.length };
    }
    return top;
  };

  const shuffled = new Float64Array(2 * expected.length);
  expected.forEach(([x, y], i) => {
    shuffled[2 * i] = x;
    shuffled[2 * i + 1] = y;
  });
  const observed = best(windowLags, shuffled);
  const outside = best(outsideLags, shuffled);
  if (!Number.isFinite(observed.r)) {
    return { ...NO_REFLECTION, samples: signal.length };
  }
  const random = mulberry32(opt.seed);
  let atLeast = 0;
  let atLeastOutside = 0;
  for (let k = 0; k < opt.permutations; k++) {
    for (let i = expected.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      swapPairs(shuffled, i, j);
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
    samples: signal.length,
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

/**
 * The observed side of a correlation, computed once per lag: the segments that have a mean and
 * their values centred per channel, with their sum of squares. Only the expected colours change
 * from one shuffle to the next (999 shuffles x 41 lags), so each shuffle costs one pass over at
 * most 12 segments with no allocation.
 */
interface CentredSeries {
  /** Indices of the segments with a mean. */
  segments: number[];
  /** Centred observed values, channel 0 for every segment then channel 1. */
  centred: Float64Array;
  /** Sum of the squared centred values over both channels. */
  sumSquares: number;
}

function centredSeries(observed: readonly (Vec | undefined)[]): CentredSeries {
  const segments: number[] = [];
  observed.forEach((o, i) => {
    if (o) segments.push(i);
  });
  const n = segments.length;
  const centred = new Float64Array(2 * n);
  let sumSquares = 0;
  for (const channel of [0, 1] as const) {
    let sum = 0;
    for (const i of segments) sum += (observed[i] as Vec)[channel];
    const mean = sum / n;
    for (let k = 0; k < n; k++) {
      const a = (observed[segments[k] as number] as Vec)[channel] - mean;
      centred[channel * n + k] = a;
      sumSquares += a * a;
    }
  }
  return { segments, centred, sumSquares };
}

/**
 * Pearson correlation (channels pooled) of a centred series with expected colours given as
 * [x0, y0, x1, y1, ...] per segment: -Infinity under 3 segments, 0 when either side is constant.
 */
function correlateCentred(series: CentredSeries, expected: Float64Array): number {
  const { segments, centred, sumSquares } = series;
  const n = segments.length;
  if (n < 3) return -Infinity;
  let num = 0;
  let se = 0;
  for (let channel = 0; channel < 2; channel++) {
    let sum = 0;
    for (let k = 0; k < n; k++) sum += expected[2 * (segments[k] as number) + channel] as number;
    const mean = sum / n;
    for (let k = 0; k < n; k++) {
      const b = (expected[2 * (segments[k] as number) + channel] as number) - mean;
      num += (centred[channel * n + k] as number) * b;
      se += b * b;
    }
  }
  return sumSquares > 0 && se > 0 ? num / Math.sqrt(sumSquares * se) : 0;
}

function swapPairs(values: Float64Array, i: number, j: number): void {
  for (let c = 0; c < 2; c++) {
    const t = values[2 * i + c] as number;
    values[2 * i + c] = values[2 * j + c] as number;
    values[2 * j + c] = t;
  }
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
