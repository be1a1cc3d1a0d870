/** Pure pixel helpers for the quality measurements: no image library, so they run anywhere. */

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Share of `box` that lies inside a `width` x `height` image, 0..1. */
export function inFrameRatio(box: Box, width: number, height: number): number {
  const area = box.width * box.height;
  if (area <= 0) return 0;
  const w = Math.max(0, Math.min(box.x + box.width, width) - Math.max(box.x, 0));
  const h = Math.max(0, Math.min(box.y + box.height, height) - Math.max(box.y, 0));
  return (w * h) / area;
}

const luma = (rgb: Uint8Array, i: number): number =>
  0.299 * (rgb[i] as number) + 0.587 * (rgb[i + 1] as number) + 0.114 * (rgb[i + 2] as number);

/**
 * The part of `box` inside the image, resampled to a `size` x `size` grey crop (BT.601 luma).
 * Downscaling averages the source pixels under each output pixel, so a big face is not aliased;
 * upscaling interpolates bilinearly, so a small face measures as soft, which it is (nearest
 * neighbour would add blocky edges that read as sharpness).
 */
export function greyFaceCrop(
  rgb: Uint8Array,
  width: number,
  height: number,
  box: Box,
  size = 128,
): Float32Array {
  const out = new Float32Array(size * size);
  const left = Math.max(0, box.x);
  const top = Math.max(0, box.y);
  const right = Math.min(width, box.x + box.width);
  const bottom = Math.min(height, box.y + box.height);
  if (right <= left || bottom <= top) return out;
  const stepX = (right - left) / size;
  const stepY = (bottom - top) / size;
  const average = stepX >= 1 && stepY >= 1;
  for (let oy = 0; oy < size; oy++) {
    for (let ox = 0; ox < size; ox++) {
      out[oy * size + ox] = average
        ? areaAverage(rgb, width, height, left + ox * stepX, top + oy * stepY, stepX, stepY)
        : bilinear(
            rgb,
            width,
            height,
            left + (ox + 0.5) * stepX - 0.5,
            top + (oy + 0.5) * stepY - 0.5,
          );
    }
  }
  return out;
}

function areaAverage(
  rgb: Uint8Array,
  width: number,
  height: number,
  x0: number,
  y0: number,
  w: number,
  h: number,
): number {
  const xs = Math.min(width - 1, Math.floor(x0));
  const ys = Math.min(height - 1, Math.floor(y0));
  const xe = Math.max(xs + 1, Math.min(width, Math.round(x0 + w)));
  const ye = Math.max(ys + 1, Math.min(height, Math.round(y0 + h)));
  let sum = 0;
  for (let y = ys; y < ye; y++) {
    for (let x = xs, i = (y * width + xs) * 3; x < xe; x++, i += 3) sum += luma(rgb, i);
  }
  return sum / ((ye - ys) * (xe - xs));
}

function bilinear(rgb: Uint8Array, width: number, height: number, x: number, y: number): number {
  const cx = Math.min(Math.max(x, 0), width - 1);
  const cy = Math.min(Math.max(y, 0), height - 1);
  const x0 = Math.floor(cx);
  const y0 = Math.floor(cy);
  const x1 = Math.min(x0 + 1, width - 1);
  const y1 = Math.min(y0 + 1, height - 1);
  const fx = cx - x0;
  const fy = cy - y0;
  const top = luma(rgb, (y0 * width + x0) * 3) * (1 - fx) + luma(rgb, (y0 * width + x1) * 3) * fx;
  const bottom =
    luma(rgb, (y1 * width + x0) * 3) * (1 - fx) + luma(rgb, (y1 * width + x1) * 3) * fx;
  return top * (1 - fy) + bottom * fy;
}
