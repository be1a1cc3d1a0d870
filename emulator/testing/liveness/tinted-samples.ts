/**
 * Simulated reflection samples, without pictures: a skin-coloured face tinted by the screen colour
 * shown `delayMs` earlier (a share `k` of it), a grey wall tinted ten times less, and camera noise
 * (±`noise` per channel). For the reflection's unit tests and the schedule-length calibration.
 */
import { hexToRgb } from '../../src/liveness/challenge.js';
import type { ColourSample, Rgb } from '../../src/liveness/reflection.js';

export interface TintedSamplesOptions {
  /** The colours on the screen, one per `segmentMs` from time 0; none before or after. */
  colours: readonly string[];
  segmentMs: number;
  delayMs: number;
  k: number;
  noise: number;
  /** Samples are taken before this, ms. */
  durationMs: number;
  random: () => number;
  /** The first sample's time, ms (default 0), and the next one's after `t` (default t + 200). */
  firstMs?: number;
  next?: (t: number) => number;
}

const FACE = [170, 120, 95];
const WALL = [120, 120, 115];

export function tintedSamples(options: TintedSamplesOptions): ColourSample[] {
  const { colours, segmentMs, delayMs, k, random } = options;
  const next = options.next ?? ((t: number) => t + 200);
  const noise = () => (random() - 0.5) * 2 * options.noise;
  const out: ColourSample[] = [];
  for (let t = options.firstMs ?? 0; t < options.durationMs; t = next(t)) {
    const index = Math.floor((t - delayMs) / segmentMs);
    const screen = index >= 0 && index < colours.length ? hexToRgb(colours[index] as string) : null;
    const tint = (base: readonly number[], strength: number) =>
      base.map(
        (v, c) => v * (1 - strength) + (screen ? (screen[c] as number) : v) * strength + noise(),
      ) as unknown as Rgb;
    out.push({ tMs: Math.round(t), face: tint(FACE, k), background: tint(WALL, k / 10) });
  }
  return out;
}
