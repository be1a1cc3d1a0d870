import { describe, expect, it } from 'vitest';
import { cropGray, downscaleRgba, type FramePixels } from './frame-pixels.js';
import { rgbaToGray } from './image-stats.js';

/** An RGBA frame whose pixel (x, y) is `f(x, y)`. */
function rgbaFrame(w: number, h: number, f: (x: number, y: number) => number[]): FramePixels {
  const data = new Uint8Array(w * h * 4);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) data.set([...f(x, y), 255], (y * w + x) * 4);
  return { format: 'RGBA', width: w, height: h, data, layout: [{ offset: 0, stride: w * 4 }] };
}

/** A uniform YUV frame (limited range), as I420 or NV12. */
function yuvFrame(format: 'I420' | 'NV12', w: number, h: number, yuv: number[]): FramePixels {
  const [Y, U, V] = yuv as [number, number, number];
  const ySize = w * h;
  const cSize = (w / 2) * (h / 2);
  const data = new Uint8Array(ySize + 2 * cSize).fill(Y, 0, ySize);
  if (format === 'NV12') {
    for (let i = 0; i < cSize; i++) data.set([U, V], ySize + 2 * i);
    const layout = [
      { offset: 0, stride: w },
      { offset: ySize, stride: w },
    ];
    return { format, width: w, height: h, data, layout, matrix: 'bt709', fullRange: false };
  }
  data.fill(U, ySize, ySize + cSize).fill(V, ySize + cSize);
  const layout = [
    { offset: 0, stride: w },
    { offset: ySize, stride: w / 2 },
    { offset: ySize + cSize, stride: w / 2 },
  ];
  return { format, width: w, height: h, data, layout, matrix: 'bt709', fullRange: false };
}

describe('cropGray', () => {
  it('gives rgbaToGray’s luma when the crop is the frame at its own size', () => {
    const f = rgbaFrame(8, 8, (x, y) => [x * 30, y * 30, (x + y) * 10]);
    const gray = cropGray(f, { x: 0, y: 0, width: 8, height: 8 }, 8);
    expect(Array.from(gray.data)).toEqual(Array.from(rgbaToGray(f.data, 8, 8).data));
  });

  it('interpolates between pixel centres as drawImage does', () => {
    // Two columns, black and white: doubled, the outer halves keep their value, the middle mixes.
    const f = rgbaFrame(2, 1, (x) => (x ? [200, 200, 200] : [0, 0, 0]));
    const row = cropGray(f, { x: 0, y: 0, width: 2, height: 1 }, 4).data;
    expect(Array.from(row).slice(0, 4)).toEqual([0, 50, 150, 200]);
  });

  it('reads limited-range bt709 YUV as the browser converts it', () => {
    // Mid grey: Y 126 → (126 − 16) · 255 / 219 = 128.1.
    const grey = cropGray(
      yuvFrame('NV12', 4, 4, [126, 128, 128]),
      { x: 0, y: 0, width: 4, height: 4 },
      2,
    );
    expect(Array.from(grey.data).slice(0, 4)).toEqual([128, 128, 128, 128]);
    // bt709 red (Y 63, U 102, V 240) is RGB (255, 0, 0): Rec. 601 luma 76.
    const red = cropGray(
      yuvFrame('I420', 4, 4, [63, 102, 240]),
      { x: 0, y: 0, width: 4, height: 4 },
      2,
    );
    expect(red.data[0]).toBeGreaterThanOrEqual(75);
    expect(red.data[0]).toBeLessThanOrEqual(77);
  });

  it('reads NV12 and I420 of the same picture alike', () => {
    const box = { x: 1, y: 1, width: 2, height: 2 };
    const a = cropGray(yuvFrame('NV12', 4, 4, [90, 110, 150]), box, 2);
    const b = cropGray(yuvFrame('I420', 4, 4, [90, 110, 150]), box, 2);
    expect(Array.from(a.data)).toEqual(Array.from(b.data));
  });
});

describe('downscaleRgba', () => {
  it('averages the 2×2 pixels at the centre of each block', () => {
    const f4 = rgbaFrame(4, 4, (x, y) => (x === 1 && y === 1 ? [200, 200, 200] : [0, 0, 0]));
    const one = new Uint8ClampedArray(4);
    downscaleRgba(f4, 4, one);
    expect(Array.from(one)).toEqual([50, 50, 50, 255]);
  });

  it('averages factor×factor blocks', () => {
    const f = rgbaFrame(4, 2, (x) => (x % 2 ? [200, 100, 0] : [0, 100, 200]));
    const out = new Uint8ClampedArray(2 * 1 * 4);
    downscaleRgba(f, 2, out);
    expect(Array.from(out)).toEqual([100, 100, 100, 255, 100, 100, 100, 255]);
  });

  it('reads BGRA with red and blue swapped', () => {
    const f = { ...rgbaFrame(2, 2, () => [10, 20, 30]), format: 'BGRA' as const };
    const out = new Uint8ClampedArray(4);
    downscaleRgba(f, 2, out);
    expect(Array.from(out)).toEqual([30, 20, 10, 255]);
  });

  it('gives a YUV frame the mean of its pixels’ RGB, converted once per output pixel', () => {
    // A varied picture inside the RGB gamut (so that no pixel is clamped before the mean).
    const w = 24;
    const h = 16;
    let seed = 7;
    const next = (lo: number, hi: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return lo + (seed % (hi - lo));
    };
    const luma = Array.from({ length: w * h }, () => next(70, 170));
    const chroma = Array.from({ length: (w / 2) * (h / 2) }, () => [
      next(112, 144),
      next(112, 144),
    ]);
    const i420 = yuvFrame('I420', w, h, [0, 0, 0]);
    const nv12 = yuvFrame('NV12', w, h, [0, 0, 0]);
    for (const f of [i420, nv12]) {
      f.data.set(luma, 0);
      chroma.forEach(([u, v], i) => {
        if (f.format === 'NV12') {
          f.data.set([u!, v!], w * h + 2 * i);
        } else {
          f.data[w * h + i] = u!;
          f.data[w * h + (w / 2) * (h / 2) + i] = v!;
        }
      });
    }
    for (const f of [i420, nv12]) {
      const full = new Uint8ClampedArray(w * h * 4);
      downscaleRgba(f, 1, full); // one conversion per pixel: the reference
      for (const factor of [2, 3, 4]) {
        const ow = Math.floor(w / factor);
        const oh = Math.floor(h / factor);
        const out = new Uint8ClampedArray(ow * oh * 4);
        downscaleRgba(f, factor, out);
        const at = factor === 2 ? 0 : (factor >> 1) - 1;
        for (let y = 0; y < oh; y++) {
          for (let x = 0; x < ow; x++) {
            for (let c = 0; c < 3; c++) {
              let sum = 0;
              for (let dy = 0; dy < 2; dy++) {
                for (let dx = 0; dx < 2; dx++) {
                  sum += full[((y * factor + at + dy) * w + x * factor + at + dx) * 4 + c]!;
                }
              }
              // The reference rounds each pixel before the mean: at most half a level apart.
              expect(Math.abs(out[(y * ow + x) * 4 + c]! - sum / 4)).toBeLessThanOrEqual(1);
            }
          }
        }
      }
    }
    // Both layouts of the same picture read alike.
    const a = new Uint8ClampedArray(12 * 8 * 4);
    const b = new Uint8ClampedArray(12 * 8 * 4);
    downscaleRgba(i420, 2, a);
    downscaleRgba(nv12, 2, b);
    expect(Array.from(a)).toEqual(Array.from(b));
  });

  it('converts YUV to RGB', () => {
    const out = new Uint8ClampedArray(4);
    downscaleRgba(yuvFrame('NV12', 2, 2, [63, 102, 240]), 2, out);
    expect(out[0]).toBeGreaterThan(250);
    expect(out[1]).toBeLessThan(3);
    expect(out[2]).toBeLessThan(3);
  });
});
