/**
 * A camera frame's own pixels (as `VideoFrame.copyTo` gives them) turned into what a frame's
 * checks need, in plain JavaScript and without a canvas:
 * - a small RGBA copy for the face detector, which looks at 128x128 anyway;
 * - the luma of the face box resampled to a small square, for the image statistics.
 *
 * Reading a frame through a canvas means a full-size colour conversion and a synchronous
 * read-back on every frame; `copyTo` is one asynchronous copy, and what is computed here touches
 * only the pixels it needs. The results match a canvas: the same colour matrix, the same bilinear
 * sampling as `drawImage`, the same Rec. 601 luma as `rgbaToGray`.
 */
import type { Rect } from './geometry.js';
import type { GrayImage } from './image-stats.js';

/** The pixel formats of `VideoFrame` this module reads. */
export type FrameFormat = 'I420' | 'I420A' | 'NV12' | 'RGBA' | 'RGBX' | 'BGRA' | 'BGRX';

export const READABLE_FORMATS: ReadonlySet<string> = new Set<FrameFormat>([
  'I420',
  'I420A',
  'NV12',
  'RGBA',
  'RGBX',
  'BGRA',
  'BGRX',
]);

/** One frame's bytes and their layout, as `VideoFrame.copyTo` reports them. */
export interface FramePixels {
  format: FrameFormat;
  width: number;
  height: number;
  data: Uint8Array;
  /** Per plane: where it starts in `data` and the bytes per row. */
  layout: ReadonlyArray<{ offset: number; stride: number }>;
  /** `VideoColorSpace.matrix` (`bt709`, `bt470bg`, `smpte170m`, `bt2020-ncl`…); bt709 if unknown. */
  matrix?: string | null;
  /** `VideoColorSpace.fullRange`; limited (video) range if unknown. */
  fullRange?: boolean | null;
}

/** Luma weights (Kr, Kb) of the YUV matrices cameras use. */
const MATRICES: Record<string, [number, number]> = {
  bt709: [0.2126, 0.0722],
  bt470bg: [0.299, 0.114],
  smpte170m: [0.299, 0.114],
  'bt2020-ncl': [0.2627, 0.0593],
};

/** Reads one pixel's RGB (0..255, unclamped) at integer coordinates. */
type RgbAt = (x: number, y: number, out: Float32Array) => void;

/** A YUV frame's planes and its conversion to RGB, in 0..255 units. */
interface YuvPlanes {
  y: { offset: number; stride: number };
  /** Where Cb and Cr of chroma sample (cx, cy) are: offset + cy·stride + cx·step. */
  cb: { offset: number; stride: number; step: number };
  cr: { offset: number; stride: number; step: number };
  yOffset: number;
  yScale: number;
  // R = Y' + crR·Cr, B = Y' + cbB·Cb, G = Y' − cbG·Cb − crG·Cr (Y' = (Y − yOffset)·yScale,
  // Cb and Cr centred on 0).
  crR: number;
  cbB: number;
  cbG: number;
  crG: number;
}

function yuvPlanes(f: FramePixels): YuvPlanes {
  const [kr, kb] = MATRICES[f.matrix ?? ''] ?? MATRICES.bt709!;
  const kg = 1 - kr - kb;
  const full = f.fullRange === true;
  const cScale = full ? 1 : 255 / 224;
  const nv12 = f.format === 'NV12';
  const pu = f.layout[1]!;
  const pv = nv12 ? pu : f.layout[2]!;
  const step = nv12 ? 2 : 1;
  return {
    y: f.layout[0]!,
    cb: { offset: pu.offset, stride: pu.stride, step },
    cr: { offset: pv.offset + (nv12 ? 1 : 0), stride: pv.stride, step },
    yOffset: full ? 0 : 16,
    yScale: full ? 1 : 255 / 219,
    crR: 2 * (1 - kr) * cScale,
    cbB: 2 * (1 - kb) * cScale,
    cbG: ((2 * kb * (1 - kb)) / kg) * cScale,
    crG: ((2 * kr * (1 - kr)) / kg) * cScale,
  };
}

/**
 * Writes the RGB (0..255, unclamped) of `y`, `cb`, `cr` (0..255 code values, or means of them)
 * to `out` from index `at`. Affine: the conversion of a mean is the mean of the conversions.
 */
function yuvToRgb(
  p: YuvPlanes,
  y: number,
  cb: number,
  cr: number,
  out: Float32Array | Uint8ClampedArray,
  at: number,
): void {
  const luma = (y - p.yOffset) * p.yScale;
  const u = cb - 128;
  const v = cr - 128;
  out[at] = luma + p.crR * v;
  out[at + 1] = luma - p.cbG * u - p.crG * v;
  out[at + 2] = luma + p.cbB * u;
}

const isYuv = (f: FramePixels): boolean =>
  f.format === 'I420' || f.format === 'I420A' || f.format === 'NV12';

function rgbReader(f: FramePixels): RgbAt {
  const { data, layout } = f;
  const p0 = layout[0]!;
  if (!isYuv(f)) {
    const [r, b] = f.format.startsWith('RGB') ? [0, 2] : [2, 0];
    return (x, y, out) => {
      const i = p0.offset + y * p0.stride + x * 4;
      out[0] = data[i + r]!;
      out[1] = data[i + 1]!;
      out[2] = data[i + b]!;
    };
  }
  const p = yuvPlanes(f);
  return (x, y, out) => {
    const cx = x >> 1;
    const cy = y >> 1;
    yuvToRgb(
      p,
      data[p.y.offset + y * p.y.stride + x]!,
      data[p.cb.offset + cy * p.cb.stride + cx * p.cb.step]!,
      data[p.cr.offset + cy * p.cr.stride + cx * p.cr.step]!,
      out,
      0,
    );
  };
}

/**
 * The whole frame shrunk by an integer `factor`, as RGBA for the detector: each output pixel is
 * the mean of the 2×2 source pixels at the centre of its factor×factor block (the whole block
 * for factor 2), which is what bilinear sampling at that point gives. Four reads per output pixel
 * whatever the camera's resolution. `out` must hold `4 · ⌊w/factor⌋ · ⌊h/factor⌋` bytes.
 */
export function downscaleRgba(f: FramePixels, factor: number, out: Uint8ClampedArray): void {
  if (factor > 1 && isYuv(f)) {
    downscaleYuv(f, factor, out);
    return;
  }
  const w = Math.floor(f.width / factor);
  const h = Math.floor(f.height / factor);
  const read = rgbReader(f);
  const px = new Float32Array(3);
  const at = factor === 1 ? 0 : (factor >> 1) - 1;
  const span = factor === 1 ? 1 : 2;
  const n = span * span;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (let dy = 0; dy < span; dy++) {
        for (let dx = 0; dx < span; dx++) {
          read(x * factor + at + dx, y * factor + at + dy, px);
          r += px[0]!;
          g += px[1]!;
          b += px[2]!;
        }
      }
      const o = (y * w + x) * 4;
      out[o] = r / n;
      out[o + 1] = g / n;
      out[o + 2] = b / n;
      out[o + 3] = 255;
    }
  }
}

/**
 * `downscaleRgba` of a YUV frame: the colour conversion is affine, so the mean of the four
 * pixels' RGB is the conversion of their mean Y, Cb and Cr, converted once per output pixel
 * instead of four times, with the planes read in place. Converting every sampled pixel was half
 * of a frame's read in the widget (see the widget benchmark).
 */
function downscaleYuv(f: FramePixels, factor: number, out: Uint8ClampedArray): void {
  const { data } = f;
  const p = yuvPlanes(f);
  const w = Math.floor(f.width / factor);
  const h = Math.floor(f.height / factor);
  const at = (factor >> 1) - 1;
  for (let y = 0; y < h; y++) {
    const y0 = y * factor + at;
    const row0 = p.y.offset + y0 * p.y.stride;
    const row1 = row0 + p.y.stride;
    const cbRow0 = p.cb.offset + (y0 >> 1) * p.cb.stride;
    const cbRow1 = p.cb.offset + ((y0 + 1) >> 1) * p.cb.stride;
    const crRow0 = p.cr.offset + (y0 >> 1) * p.cr.stride;
    const crRow1 = p.cr.offset + ((y0 + 1) >> 1) * p.cr.stride;
    for (let x = 0; x < w; x++) {
      const x0 = x * factor + at;
      const c0 = (x0 >> 1) * p.cb.step;
      const c1 = ((x0 + 1) >> 1) * p.cb.step;
      const y4 = data[row0 + x0]! + data[row0 + x0 + 1]! + data[row1 + x0]! + data[row1 + x0 + 1]!;
      const cb4 = data[cbRow0 + c0]! + data[cbRow0 + c1]! + data[cbRow1 + c0]! + data[cbRow1 + c1]!;
      const cr4 = data[crRow0 + c0]! + data[crRow0 + c1]! + data[crRow1 + c0]! + data[crRow1 + c1]!;
      const o = (y * w + x) * 4;
      yuvToRgb(p, y4 / 4, cb4 / 4, cr4 / 4, out, o);
      out[o + 3] = 255;
    }
  }
}

/**
 * The Rec. 601 luma of `box` resampled to `size`×`size` with bilinear filtering, as
 * `drawImage(frame, box…, 0, 0, size, size)` on a canvas followed by `rgbaToGray` would give.
 * `box` must lie inside the frame (see `clipRect`).
 */
export function cropGray(f: FramePixels, box: Rect, size: number): GrayImage {
  const read = rgbReader(f);
  const px = new Float32Array(3);
  const luma = (x: number, y: number): number => {
    read(x, y, px);
    return 0.299 * px[0]! + 0.587 * px[1]! + 0.114 * px[2]!;
  };
  const maxX = f.width - 1;
  const maxY = f.height - 1;
  const data = new Uint8ClampedArray(size * size);
  const sx = box.width / size;
  const sy = box.height / size;
  for (let j = 0; j < size; j++) {
    // Pixel centres of the destination mapped into the source, then between source centres.
    const fy = Math.min(maxY, Math.max(0, box.y + (j + 0.5) * sy - 0.5));
    const y0 = Math.floor(fy);
    const y1 = Math.min(maxY, y0 + 1);
    const ty = fy - y0;
    for (let i = 0; i < size; i++) {
      const fx = Math.min(maxX, Math.max(0, box.x + (i + 0.5) * sx - 0.5));
      const x0 = Math.floor(fx);
      const x1 = Math.min(maxX, x0 + 1);
      const tx = fx - x0;
      const top = luma(x0, y0) * (1 - tx) + luma(x1, y0) * tx;
      const bottom = luma(x0, y1) * (1 - tx) + luma(x1, y1) * tx;
      data[j * size + i] = top * (1 - ty) + bottom * ty;
    }
  }
  return { width: size, height: size, data };
}
