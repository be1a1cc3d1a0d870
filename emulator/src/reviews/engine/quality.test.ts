import { describe, expect, it } from 'vitest';
import { greyFaceCrop, inFrameRatio } from './grey-crop.js';
import { assessQuality, measureFaceCrop, QUALITY_ANCHORS, type QualityMetrics } from './quality.js';
import { laplacianVariance, lumaStats, type GrayImage } from '../../../../src/core/image-stats.js';

const good: QualityMetrics = {
  faceSizePx: 300,
  sharpness: 0.3,
  brightness: 130,
  contrast: 45,
  inFrameRatio: 1,
};

/** A size x size grey image from a function of (x, y). */
function grey(size: number, f: (x: number, y: number) => number): Float32Array {
  const out = new Float32Array(size * size);
  for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) out[y * size + x] = f(x, y);
  return out;
}

/** {@link grey} as the {@link GrayImage} src/core's image statistics take. */
function square(size: number, f: (x: number, y: number) => number): GrayImage {
  return { width: size, height: size, data: grey(size, f) };
}

describe('quality score', () => {
  it('is 100 for a good face', () => {
    expect(assessQuality(good)).toMatchObject({ score: 100 });
  });

  it('is the weakest component, named', () => {
    const dark = assessQuality({ ...good, brightness: 25 });
    expect(dark.weakest).toBe('brightness');
    expect(dark.score).toBe(dark.components.brightness);
    expect(dark.score).toBeLessThan(30);
    expect(dark.components.sharpness).toBe(100);
  });

  it('puts "just acceptable" at the default threshold of 30 on every curve', () => {
    for (const anchors of Object.values(QUALITY_ANCHORS)) {
      expect(anchors.some(([, y]) => y === 30)).toBe(true);
    }
    expect(assessQuality({ ...good, faceSizePx: 60 }).score).toBe(30);
    expect(assessQuality({ ...good, sharpness: 0.028 }).score).toBe(30);
    expect(assessQuality({ ...good, brightness: 32 }).score).toBe(30);
    expect(assessQuality({ ...good, contrast: 13 }).score).toBe(30);
    expect(assessQuality({ ...good, inFrameRatio: 0.9 }).score).toBe(30);
  });

  // The edges measured on the labelled set (bench/faces.bench.ts, CALIBRATION.md).
  it('passes the worst webcam frames of the calibration set', () => {
    const webcam = [
      { faceSizePx: 72, sharpness: 0.044 }, // 320x240 frame
      { sharpness: 0.032 }, // soft (blur sigma 1.6 at 640x480)
      { brightness: 33, contrast: 14.2 }, // dim light
      { sharpness: 0.036, brightness: 46, contrast: 13.7 }, // soft + JPEG q50 + dim
    ];
    for (const metrics of webcam) {
      expect(assessQuality({ ...good, ...metrics }).score).toBeGreaterThanOrEqual(30);
    }
  });

  it('fails the frames past them: 160x120, blur sigma 3.2, a fifth of the light', () => {
    const poor = [
      { faceSizePx: 55, sharpness: 0.022 },
      { sharpness: 0.025 },
      { brightness: 31, contrast: 12 },
    ];
    for (const metrics of poor) {
      expect(assessQuality({ ...good, ...metrics }).score).toBeLessThan(30);
    }
  });

  it('fails each problem on its own', () => {
    expect(assessQuality({ ...good, faceSizePx: 45 }).weakest).toBe('faceSize');
    expect(assessQuality({ ...good, sharpness: 0.02 }).weakest).toBe('sharpness');
    expect(assessQuality({ ...good, brightness: 240 }).weakest).toBe('brightness');
    expect(assessQuality({ ...good, contrast: 5 }).weakest).toBe('contrast');
    expect(assessQuality({ ...good, inFrameRatio: 0.85 }).weakest).toBe('framing');
  });

  it('scores NaN measurements as 0 rather than passing them', () => {
    expect(assessQuality({ ...good, sharpness: Number.NaN }).score).toBe(0);
  });
});

describe('pixel measurements', () => {
  it('Laplacian variance is 0 on flat and linear images, high on a checkerboard', () => {
    // measureFaceCrop measures with src/core's image statistics.
    expect(laplacianVariance(square(32, () => 100))).toBe(0);
    expect(laplacianVariance(square(32, (x) => x * 4))).toBeCloseTo(0, 6);
    expect(laplacianVariance(square(32, (x, y) => ((x + y) % 2) * 255))).toBeGreaterThan(1e5);
  });

  it('luminance mean and spread', () => {
    const { mean, stdDev: sd } = lumaStats({ width: 4, height: 1, data: [0, 255, 0, 255] });
    expect(mean).toBeCloseTo(127.5);
    expect(sd).toBeCloseTo(127.5);
  });

  it('sharpness does not depend on contrast or brightness (contrast has its own score)', () => {
    const texture = (x: number, y: number) => Math.sin(x * 0.9) * Math.cos(y * 0.7);
    const strong = measureFaceCrop(
      grey(64, (x, y) => 128 + 60 * texture(x, y)),
      64,
    );
    const faint = measureFaceCrop(
      grey(64, (x, y) => 60 + 15 * texture(x, y)),
      64,
    );
    expect(faint.sharpness).toBeCloseTo(strong.sharpness, 6);
    expect(faint.contrast).toBeLessThan(strong.contrast);
    expect(faint.brightness).toBeLessThan(strong.brightness);
  });

  it('a blurred texture measures less sharp than the original', () => {
    // Broadband detail (deterministic noise): blurring removes the high frequencies.
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 200;
    const sharp = grey(64, () => random());
    const blurred = grey(64, (x, y) => {
      let sum = 0;
      for (let dy = -2; dy <= 2; dy++)
        for (let dx = -2; dx <= 2; dx++) {
          const sx = Math.min(63, Math.max(0, x + dx));
          const sy = Math.min(63, Math.max(0, y + dy));
          sum += sharp[sy * 64 + sx] as number;
        }
      return sum / 25;
    });
    expect(measureFaceCrop(blurred, 64).sharpness).toBeLessThan(
      measureFaceCrop(sharp, 64).sharpness / 3,
    );
  });
});

describe('face crop helpers', () => {
  it('inFrameRatio: inside, partly outside, outside', () => {
    expect(inFrameRatio({ x: 10, y: 10, width: 50, height: 50 }, 100, 100)).toBe(1);
    expect(inFrameRatio({ x: -25, y: 0, width: 100, height: 50 }, 100, 100)).toBe(0.75);
    expect(inFrameRatio({ x: 200, y: 0, width: 10, height: 10 }, 100, 100)).toBe(0);
  });

  it('greyFaceCrop averages RGB to luma when downscaling and stays in range when upscaling', () => {
    const width = 40;
    const height = 20;
    const rgb = new Uint8Array(width * height * 3);
    for (let i = 0; i < width * height; i++) rgb.set([255, 0, 0], i * 3); // pure red
    const down = greyFaceCrop(rgb, width, height, { x: 0, y: 0, width: 40, height: 20 }, 10);
    expect(down[0]).toBeCloseTo(0.299 * 255, 3);
    const up = greyFaceCrop(rgb, width, height, { x: 5, y: 5, width: 8, height: 8 }, 32);
    expect(Math.max(...up)).toBeCloseTo(0.299 * 255, 3);
    expect(Math.min(...up)).toBeCloseTo(0.299 * 255, 3);
  });

  it('greyFaceCrop of a box fully outside the image is all zero', () => {
    const rgb = new Uint8Array(10 * 10 * 3).fill(200);
    const crop = greyFaceCrop(rgb, 10, 10, { x: 50, y: 50, width: 5, height: 5 }, 8);
    expect(Math.max(...crop)).toBe(0);
  });
});
