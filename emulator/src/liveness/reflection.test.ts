import { describe, expect, it } from 'vitest';
import { TEST_COLOURS } from '../../testing/liveness/generic-face.js';
import { tintedSamples } from '../../testing/liveness/tinted-samples.js';
import { measureReflection, mulberry32, type ColourSample } from './reflection.js';

const schedule = {
  colours: [...TEST_COLOURS],
  segmentMs: 500,
};

/** Frames every 200 ms of a face tinted by the screen (testing/liveness/tinted-samples.ts). */
function samples(options: {
  delayMs?: number;
  k?: number;
  colours?: readonly string[];
  durationMs?: number;
  noise?: number;
  seed?: number;
}): ColourSample[] {
  return tintedSamples({
    colours: options.colours ?? schedule.colours,
    segmentMs: schedule.segmentMs,
    delayMs: options.delayMs ?? 150,
    k: options.k ?? 0.15,
    noise: options.noise ?? 2,
    durationMs: options.durationMs ?? 6400,
    random: mulberry32(options.seed ?? 7),
  });
}

describe('measureReflection', () => {
  it('finds the colours on the face at the camera delay, with a small p', () => {
    const result = measureReflection(samples({}), schedule);
    expect(result.r).toBeGreaterThan(0.9);
    expect(result.p).toBeLessThan(0.01);
    expect(result.lagMs).toBeGreaterThanOrEqual(100);
    expect(result.lagMs).toBeLessThanOrEqual(200);
    expect(result.r).toBeGreaterThan(result.rOutside);
    expect(result.segmentsSeen).toBe(12);
  });

  it('still finds a weak tint (2 %) under camera noise', () => {
    const result = measureReflection(samples({ k: 0.02, noise: 2 }), schedule);
    expect(result.p).toBeLessThan(0.05);
    expect(result.r).toBeGreaterThan(0.5);
  });

  it('peaks outside the window when the colours come 750 ms late', () => {
    const result = measureReflection(samples({ delayMs: 750, durationMs: 7000 }), schedule);
    expect(result.lagOutsideMs).toBeGreaterThanOrEqual(700);
    expect(result.lagOutsideMs).toBeLessThanOrEqual(800);
    expect(result.rOutside).toBeGreaterThan(result.r);
  });

  it('finds nothing when the face shows other colours', () => {
    const other = [...schedule.colours.slice(6), ...schedule.colours.slice(0, 6)].reverse();
    const result = measureReflection(samples({ colours: other }), schedule);
    expect(result.p).toBeGreaterThan(0.05);
    expect(result.r).toBeLessThan(0.5);
  });

  it('finds nothing when nothing is reflected (a replayed video, a screen)', () => {
    const result = measureReflection(samples({ k: 0, noise: 3 }), schedule);
    expect(result.p).toBeGreaterThan(0.01);
  });

  it('answers r 0, p 1 when there are no faces', () => {
    const result = measureReflection(
      samples({}).map((s) => ({ ...s, face: null })),
      schedule,
    );
    expect(result).toMatchObject({ r: 0, p: 1 });
  });

  it('is reproducible for a seed', () => {
    const s = samples({ k: 0.03, noise: 4 });
    expect(measureReflection(s, schedule, { seed: 5 })).toEqual(
      measureReflection(s, schedule, { seed: 5 }),
    );
  });
});
