import { describe, expect, it } from 'vitest';
import { colourSamples } from './colour-samples.js';
import type { FullRateFrames } from './decode.js';
import type { Point } from './homography.js';
import type { FrameMeasurement } from './measurements.js';

/** A 640 x 480 analysed frame's face: box and the four landmarks the skin polygon uses. */
function analysedAt(tMs: number): FrameMeasurement {
  const landmarks: Point[] = Array.from({ length: 68 }, () => [320, 240] as Point);
  landmarks[41] = [270, 220];
  landmarks[46] = [370, 220];
  landmarks[54] = [360, 300];
  landmarks[48] = [280, 300];
  return {
    tMs,
    faces: [{ box: { x: 240, y: 140, width: 160, height: 200 }, score: 0.9, landmarks }],
    descriptor: null,
    faceRgb: null,
    backgroundRgb: null,
    appearance: null,
  };
}

/** 160 x 120 RGB frames every 33 ms: the face's area (scaled by 0.25) `skin(t)`, the rest grey. */
function small(count: number, skin: (t: number) => [number, number, number]): FullRateFrames {
  const frames = Array.from({ length: count }, (_, n) => {
    const tMs = Math.round((n * 1000) / 30);
    const data = new Uint8Array(160 * 120 * 3).fill(100);
    for (let y = 35; y < 85; y++) {
      for (let x = 60; x < 100; x++) data.set(skin(tMs), (y * 160 + x) * 3);
    }
    return { tMs, data };
  });
  return { width: 160, height: 120, scale: 0.25, frames };
}

describe('colourSamples', () => {
  it('gives every small frame the skin and background colour under the nearest analysed face', () => {
    // The face turns red from 500 ms: the samples follow frame by frame, not every 200 ms.
    const colour = small(30, (t) => (t < 500 ? [180, 130, 110] : [230, 90, 90]));
    const samples = colourSamples(colour, [0, 200, 400, 600, 800].map(analysedAt));
    expect(samples.map((s) => s.tMs)).toEqual(colour.frames.map((f) => f.tMs));
    expect(samples[14]!.face).toEqual([180, 130, 110]);
    expect(samples[15]!.face).toEqual([230, 90, 90]);
    expect(samples[15]!.background).toEqual([100, 100, 100]);
  });

  it('has no face where no analysed face is near in time, or none was found', () => {
    const colour = small(30, () => [180, 130, 110]);
    const noFace = { ...analysedAt(400), faces: [] };
    const samples = colourSamples(colour, [analysedAt(0), noFace]);
    expect(samples[0]!.face).not.toBeNull();
    expect(samples[7]!.face).not.toBeNull(); // 233 ms from the face at 0
    expect(samples[9]!.face).toBeNull(); // 300 ms
    expect(samples[29]!.background).toBeNull();
  });
});
