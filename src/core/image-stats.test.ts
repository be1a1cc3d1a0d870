import { describe, expect, it } from 'vitest';
import {
  cropStats,
  laplacianVariance,
  lumaStats,
  rgbaToGray,
  type GrayImage,
} from './image-stats.js';

function image(w: number, h: number, f: (x: number, y: number) => number): GrayImage {
  const data = new Uint8ClampedArray(w * h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) data[y * w + x] = f(x, y);
  return { width: w, height: h, data };
}

/** A 3x3 box blur, to compare a pattern with its softened self. */
function blur(img: GrayImage): GrayImage {
  return image(img.width, img.height, (x, y) => {
    let s = 0;
    let n = 0;
    for (let dy = -1; dy <= 1; dy++)
      for (let dx = -1; dx <= 1; dx++) {
        const xx = x + dx;
        const yy = y + dy;
        if (xx < 0 || yy < 0 || xx >= img.width || yy >= img.height) continue;
        s += img.data[yy * img.width + xx]!;
        n++;
      }
    return s / n;
  });
}

describe('image statistics', () => {
  it('converts RGBA to luma with Rec. 601 weights', () => {
    const g = rgbaToGray([255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255, 255, 255, 255, 0], 2, 2);
    expect([...(g.data as Uint8ClampedArray)]).toEqual([76, 150, 29, 255]);
  });

  it('measures brightness and contrast', () => {
    expect(lumaStats(image(8, 8, () => 100))).toEqual({ mean: 100, stdDev: 0 });
    const checker = lumaStats(image(8, 8, (x, y) => ((x + y) % 2 ? 200 : 0)));
    expect(checker.mean).toBe(100);
    expect(checker.stdDev).toBe(100);
    expect(lumaStats({ width: 0, height: 0, data: [] })).toEqual({ mean: 0, stdDev: 0 });
  });

  it('gives a flat image zero sharpness and a blurred image less than the original', () => {
    expect(laplacianVariance(image(16, 16, () => 90))).toBe(0);
    const sharp = image(64, 64, (x, y) => ((Math.floor(x / 4) + Math.floor(y / 4)) % 2 ? 220 : 30));
    const soft = blur(blur(sharp));
    expect(laplacianVariance(sharp)).toBeGreaterThan(laplacianVariance(soft) * 2);
    // A linear ramp has no second derivative.
    expect(laplacianVariance(image(16, 16, (x) => x * 10))).toBeCloseTo(0);
    expect(laplacianVariance(image(2, 2, () => 0))).toBe(0);
  });

  it('bundles the three into crop statistics', () => {
    const s = cropStats(image(8, 8, () => 50));
    expect(s).toEqual({ mean: 50, stdDev: 0, sharpness: 0 });
  });
});
