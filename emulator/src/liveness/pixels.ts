/** Pure pixel measurements on a decoded RGB frame: skin and background colour, an aligned crop. */
import type { Box } from '../reviews/engine/grey-crop.js';
import type { Point } from './homography.js';
import type { Rgb } from './reflection.js';

/** Side of the aligned appearance crop. */
export const APPEARANCE_SIZE = 16;

export interface Frame {
  data: Uint8Array;
  width: number;
  height: number;
}

/**
 * Mean RGB of the skin between the lower eyelids and the mouth corners (cheeks and nose): the
 * part of the face that faces the screen and takes on its colour; eyes, brows and hair do not.
 */
export function skinRgb(frame: Frame, landmarks: readonly Point[], step = 2): Rgb | null {
  const polygon = [41, 46, 54, 48].map((i) => landmarks[i]).filter((p): p is Point => !!p);
  if (polygon.length !== 4) return null;
  const xs = polygon.map((p) => p[0]);
  const ys = polygon.map((p) => p[1]);
  const x0 = Math.max(0, Math.floor(Math.min(...xs)));
  const x1 = Math.min(frame.width - 1, Math.ceil(Math.max(...xs)));
  const y0 = Math.max(0, Math.floor(Math.min(...ys)));
  const y1 = Math.min(frame.height - 1, Math.ceil(Math.max(...ys)));
  return meanRgb(frame, { x0, x1: x1 + 1, y0, y1: y1 + 1, step, minCount: 10 }, (x, y) =>
    insidePolygon(x, y, polygon),
  );
}

/**
 * Mean RGB of the background: the columns left and right of the head (half a face width clear of
 * the face box) from the top down to the chin. Null when the face fills the frame.
 */
export function backgroundRgb(frame: Frame, box: Box, step = 3): Rgb | null {
  const left = Math.floor(box.x - 0.5 * box.width);
  const right = Math.ceil(box.x + 1.5 * box.width);
  const bottom = Math.min(frame.height, Math.ceil(box.y + box.height));
  return meanRgb(
    frame,
    { x0: 0, x1: frame.width, y0: 0, y1: bottom, step, minCount: 50 },
    (x) => x < left || x >= right,
  );
}

/** Mean RGB over a grid of pixels in [x0, x1) x [y0, y1) that `keep`; null under `minCount`. */
function meanRgb(
  frame: Frame,
  area: { x0: number; x1: number; y0: number; y1: number; step: number; minCount: number },
  keep: (x: number, y: number) => boolean,
): Rgb | null {
  const sum: [number, number, number] = [0, 0, 0];
  let n = 0;
  for (let y = area.y0; y < area.y1; y += area.step) {
    for (let x = area.x0; x < area.x1; x += area.step) {
      if (!keep(x, y)) continue;
      const i = (y * frame.width + x) * 3;
      sum[0] += frame.data[i] as number;
      sum[1] += frame.data[i + 1] as number;
      sum[2] += frame.data[i + 2] as number;
      n++;
    }
  }
  return n >= area.minCount ? [sum[0] / n, sum[1] / n, sum[2] / n] : null;
}

/**
 * The face as a small grey square aligned on the eye corners (centred between the eyes and the
 * mouth, 1.6 eye-corner distances wide, turned by the roll), zero mean and unit variance: two of
 * them compare by their mean product (normalised cross-correlation, {@link appearanceSimilarity}).
 */
export function alignedCrop(frame: Frame, landmarks: readonly Point[]): number[] | null {
  const r = landmarks[36];
  const l = landmarks[45];
  const ml = landmarks[48];
  const mr = landmarks[54];
  if (!r || !l || !ml || !mr) return null;
  const span = Math.hypot(l[0] - r[0], l[1] - r[1]);
  if (span < 4) return null;
  const ux = (l[0] - r[0]) / span;
  const uy = (l[1] - r[1]) / span;
  const cx = ((r[0] + l[0]) / 2 + (ml[0] + mr[0]) / 2) / 2;
  const cy = ((r[1] + l[1]) / 2 + (ml[1] + mr[1]) / 2) / 2;
  const side = 1.6 * span;
  const out: number[] = [];
  for (let j = 0; j < APPEARANCE_SIZE; j++) {
    for (let i = 0; i < APPEARANCE_SIZE; i++) {
      const a = ((i + 0.5) / APPEARANCE_SIZE - 0.5) * side;
      const b = ((j + 0.5) / APPEARANCE_SIZE - 0.5) * side;
      out.push(greyAt(frame, cx + a * ux - b * uy, cy + a * uy + b * ux));
    }
  }
  const mean = out.reduce((s, v) => s + v, 0) / out.length;
  const sd = Math.sqrt(out.reduce((s, v) => s + (v - mean) ** 2, 0) / out.length);
  return out.map((v) => (sd > 0 ? (v - mean) / sd : 0));
}

/** Normalised cross-correlation of two aligned crops, -1..1. */
export function appearanceSimilarity(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length || a.length === 0) return 0;
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i] as number) * (b[i] as number);
  return sum / a.length;
}

/** Bilinear grey (BT.601 luma), clamped at the frame's edges. */
function greyAt(frame: Frame, x: number, y: number): number {
  const cx = Math.min(Math.max(x, 0), frame.width - 1);
  const cy = Math.min(Math.max(y, 0), frame.height - 1);
  const x0 = Math.floor(cx);
  const y0 = Math.floor(cy);
  const x1 = Math.min(x0 + 1, frame.width - 1);
  const y1 = Math.min(y0 + 1, frame.height - 1);
  const fx = cx - x0;
  const fy = cy - y0;
  const luma = (px: number, py: number) => {
    const i = (py * frame.width + px) * 3;
    return (
      0.299 * (frame.data[i] as number) +
      0.587 * (frame.data[i + 1] as number) +
      0.114 * (frame.data[i + 2] as number)
    );
  };
  const top = luma(x0, y0) * (1 - fx) + luma(x1, y0) * fx;
  const bottom = luma(x0, y1) * (1 - fx) + luma(x1, y1) * fx;
  return top * (1 - fy) + bottom * fy;
}

function insidePolygon(x: number, y: number, polygon: readonly Point[]): boolean {
  let inside = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const [xi, yi] = polygon[i] as Point;
    const [xj, yj] = polygon[j] as Point;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
