import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { ApiError } from './errors.js';
import { DECODE_OPTIONS, MAX_INPUT_PIXELS } from './image-limits.js';
import type { ProviderConfig } from './config.js';

export interface CheckedImage {
  data: Buffer;
  mime: string;
  width: number;
  height: number;
  sha256: string;
}

const formatMime: Record<string, string> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
};

/**
 * Refuses anything that is not a whole, decodable image of an allowed type and size, so the
 * review engine only ever sees real pixels. The declared type must agree with the bytes.
 */
export async function checkImage(
  data: Buffer,
  declaredMime: string,
  limits: ProviderConfig['images'],
): Promise<CheckedImage> {
  return (await checkDecoding(data, declaredMime, limits, decodeDownscaled)).image;
}

/**
 * {@link checkImage} and the `preview=true` copy in one decode: making the preview decodes the
 * whole file with the same options, so it is the decode that proves the file whole.
 */
export async function checkImageWithPreview(
  data: Buffer,
  declaredMime: string,
  limits: ProviderConfig['images'],
): Promise<{ image: CheckedImage; preview: CheckedImage }> {
  const { image, decoded } = await checkDecoding(data, declaredMime, limits, (whole) =>
    makePreview(whole, limits.previewMaxSide),
  );
  return { image, preview: decoded };
}

/**
 * The checks of {@link checkImage}. `decode` must read every pixel with {@link DECODE_OPTIONS}:
 * it is what refuses a truncated or corrupt file here rather than in the review engine.
 */
async function checkDecoding<T>(
  data: Buffer,
  declaredMime: string,
  limits: ProviderConfig['images'],
  decode: (data: Buffer) => Promise<T>,
): Promise<{ image: CheckedImage; decoded: T }> {
  const declared = declaredMime.split(';')[0]!.trim().toLowerCase();
  if (!limits.mimeTypes.includes(declared)) {
    throw new ApiError(
      'unsupportedMediaType',
      `Unsupported image type '${declared || 'none'}'; allowed: ${limits.mimeTypes.join(', ')}`,
    );
  }
  if (data.length === 0) throw new ApiError('badImage', 'Image file is empty');
  if (data.length > limits.maxBytes) {
    throw new ApiError(
      'payloadTooLarge',
      `Image is ${data.length} bytes; the limit is ${limits.maxBytes}`,
    );
  }
  let width: number;
  let height: number;
  let format: string | undefined;
  let decoded: T;
  try {
    // The review engine's decode limits (image-limits.ts): accept exactly what it can read.
    // Header only (no pixels decoded): read the size even past the pixel limit, to say so below.
    const meta = await sharp(data, { ...DECODE_OPTIONS, limitInputPixels: false }).metadata();
    format = meta.format;
    width = meta.autoOrient?.width ?? meta.width ?? 0;
    height = meta.autoOrient?.height ?? meta.height ?? 0;
    if (width > limits.maxSide || height > limits.maxSide) {
      throw new ApiError(
        'badImage',
        `Image is ${width}x${height}; the largest side allowed is ${limits.maxSide}`,
      );
    }
    if (width * height > MAX_INPUT_PIXELS) {
      throw new ApiError(
        'badImage',
        `Image is ${width}x${height} (${width * height} pixels); at most ${MAX_INPUT_PIXELS} pixels are allowed`,
      );
    }
    decoded = await decode(data);
  } catch (err) {
    if (err instanceof ApiError) throw err;
    throw new ApiError('badImage', `Image could not be decoded: ${(err as Error).message}`);
  }
  const actualMime = format ? formatMime[format] : undefined;
  if (actualMime !== declared) {
    throw new ApiError(
      'badImage',
      `Image content is '${format ?? 'unknown'}' but was declared as '${declared}'`,
    );
  }
  if (width < limits.minSide || height < limits.minSide) {
    throw new ApiError(
      'badImage',
      `Image is ${width}x${height}; the smallest side allowed is ${limits.minSide}`,
    );
  }
  const image = {
    data,
    mime: declared,
    width,
    height,
    sha256: createHash('sha256').update(data).digest('hex'),
  };
  return { image, decoded };
}

/** Decodes the whole file, downscaled on load (cheap), only to prove it whole. */
async function decodeDownscaled(data: Buffer): Promise<void> {
  await sharp(data, DECODE_OPTIONS).resize(256, 256, { fit: 'inside' }).raw().toBuffer();
}

/** Downscaled JPEG copy served for `preview=true`. */
async function makePreview(data: Buffer, maxSide: number): Promise<CheckedImage> {
  const { data: out, info } = await sharp(data, DECODE_OPTIONS)
    .rotate()
    .resize(maxSide, maxSide, { fit: 'inside', withoutEnlargement: true })
    .jpeg({ quality: 80 })
    .toBuffer({ resolveWithObject: true });
  return {
    data: out,
    mime: 'image/jpeg',
    width: info.width,
    height: info.height,
    sha256: createHash('sha256').update(out).digest('hex'),
  };
}
