/**
 * Image statistics on plain arrays, so they run (and are tested) without a canvas.
 * The widget reads a small downscaled face crop from a canvas and hands its pixels here.
 */

/** A single-channel 8-bit image, row-major. */
export interface GrayImage {
  width: number;
  height: number;
  data: ArrayLike<number>;
}

/** RGBA bytes (as from `ImageData`) to luma with the Rec. 601 weights. */
export function rgbaToGray(rgba: ArrayLike<number>, width: number, height: number): GrayImage {
  const data = new Uint8ClampedArray(width * height);
  for (let i = 0, p = 0; i < data.length; i++, p += 4) {
    data[i] = 0.299 * (rgba[p] ?? 0) + 0.587 * (rgba[p + 1] ?? 0) + 0.114 * (rgba[p + 2] ?? 0);
  }
  return { width, height, data };
}

export interface LumaStats {
  /** Mean luma, 0..255: the brightness. */
  mean: number;
  /** Standard deviation of luma: the contrast. */
  stdDev: number;
}

export function lumaStats(img: GrayImage): LumaStats {
  const n = img.width * img.height;
  if (n === 0) return { mean: 0, stdDev: 0 };
  let sum = 0;
  let sumSq = 0;
  for (let i = 0; i < n; i++) {
    const v = img.data[i] ?? 0;
    sum += v;
    sumSq += v * v;
  }
  const mean = sum / n;
  return { mean, stdDev: Math.sqrt(Math.max(0, sumSq / n - mean * mean)) };
}

/**
 * Variance of the 4-neighbour Laplacian over the interior pixels: a blurred image has weak
 * second derivatives, so a low variance means a soft image. The value depends on the crop size,
 * which is why the widget always measures a crop of the same size.
 */
export function laplacianVariance(img: GrayImage): number {
  const { width: w, height: h, data } = img;
  if (w < 3 || h < 3) return 0;
  let sum = 0;
  let sumSq = 0;
  let n = 0;
  for (let y = 1; y < h - 1; y++) {
    for (let x = 1; x < w - 1; x++) {
      const i = y * w + x;
      const lap =
        (data[i - 1] ?? 0) +
        (data[i + 1] ?? 0) +
        (data[i - w] ?? 0) +
        (data[i + w] ?? 0) -
        4 * (data[i] ?? 0);
      sum += lap;
      sumSq += lap * lap;
      n++;
    }
  }
  const mean = sum / n;
  return sumSq / n - mean * mean;
}

/** Statistics of a face crop, as the quality checks consume them. */
export interface CropStats extends LumaStats {
  sharpness: number;
}

export function cropStats(img: GrayImage): CropStats {
  return { ...lumaStats(img), sharpness: laplacianVariance(img) };
}
