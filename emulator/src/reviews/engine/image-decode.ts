/**
 * Image decoding for the review engine, on the calling thread: sharp works on libuv's thread
 * pool, so the event loop is not blocked, and keeping sharp out of the worker threads avoids its
 * known problems there (native library unloading when a worker exits; a crash of the whole
 * process when a worker is terminated in the middle of a libvips call).
 */
import sharp from 'sharp';
import { DECODE_OPTIONS } from '../../platform/image-limits.js';

/** Longest side the analysis works at: the detector looks at 416 px anyway, and the 150 px
 *  recognition crops lose nothing for selfie-sized faces; it keeps decode and copies cheap. */
export const MAX_ANALYSIS_SIDE = 1280;

/** Decoded RGB pixels, EXIF orientation applied, downscaled to {@link MAX_ANALYSIS_SIDE}. */
export interface RawImage {
  /** Row-major RGB, 3 bytes per pixel. */
  data: Uint8Array;
  width: number;
  height: number;
  /** Size of the upright original, so face sizes can be reported in original pixels. */
  originalWidth: number;
  originalHeight: number;
}

export class UnreadableImageError extends Error {
  override name = 'UnreadableImageError';
}

/** Decodes an image or throws {@link UnreadableImageError} (corrupt, truncated, not an image). */
export async function decodeImage(bytes: Uint8Array): Promise<RawImage> {
  try {
    // The same limits as upload validation (failOn 'truncated', 40 MP), so what was accepted decodes.
    const options = DECODE_OPTIONS;
    const input = sharp(bytes, options);
    const meta = await input.metadata();
    const { data, info } = await sharp(bytes, options)
      .rotate()
      .resize({
        width: MAX_ANALYSIS_SIDE,
        height: MAX_ANALYSIS_SIDE,
        fit: 'inside',
        withoutEnlargement: true,
      })
      .removeAlpha()
      .toColourspace('srgb')
      .raw()
      .toBuffer({ resolveWithObject: true });
    if (info.channels !== 3) throw new Error(`expected 3 channels, got ${info.channels}`);
    const upright = meta.autoOrient ?? { width: meta.width, height: meta.height };
    return {
      data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
      width: info.width,
      height: info.height,
      originalWidth: upright.width ?? info.width,
      originalHeight: upright.height ?? info.height,
    };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new UnreadableImageError(`image cannot be decoded: ${reason.split('\n')[0]}`);
  }
}
