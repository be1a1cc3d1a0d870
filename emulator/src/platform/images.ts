import { createHash } from 'node:crypto';
import os from 'node:os';
import sharp from 'sharp';
import { ApiError } from './errors.js';
import { DECODE_OPTIONS, MAX_INPUT_PIXELS } from './image-limits.js';
import type { ProviderConfig } from './config.js';
import { Semaphore } from './semaphore.js';

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

/** The cores, at most 4: decodes at once when the config does not say. */
const defaultDecodeSlots = () => Math.min(4, os.availableParallelism());

/**
 * Uploads being decoded, process-wide like sharp itself: a decode holds the whole image (a
 * progressive JPEG of 40 megapixels, ~120 MB of coefficients), so parallel uploads wait here
 * instead of adding up.
 */
const decodes = new Semaphore(defaultDecodeSlots());

/**
 * Sets the decode limits of the process from the config: `maxConcurrentDecodes` decodes at once,
 * one libvips thread each, and no libvips operation cache (it keeps decoded images, up to 50 MB,
 * that an upload is never decoded from again).
 */
export function configureImageDecoding(limits: ProviderConfig['images']): void {
  decodes.resize(limits.maxConcurrentDecodes ?? defaultDecodeSlots());
  sharp.cache(false);
  sharp.concurrency(1);
}

/** Start-of-frame markers of Huffman-coded JPEGs (baseline, extended, progressive, lossless). */
const HUFFMAN_FRAMES = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7]);
/** The arithmetic-coded ones, which can spend less than a bit on a block. */
const ARITHMETIC_FRAMES = new Set([0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

/**
 * The fewest bytes a Huffman-coded JPEG of its frame's size can take: the scan that first codes
 * a component spends at least one bit on each of its 8x8 blocks, so a file with fewer bits than
 * the blocks of its smallest component cannot hold its pixels. libjpeg decodes such a file all
 * the same (the missing data as grey, with a warning), which let a 361-byte file claim 6300x6300.
 * Undefined when there is no Huffman frame header to read.
 */
export function jpegFloorBytes(data: Buffer): number | undefined {
  let i = 2; // after SOI
  while (i + 4 <= data.length) {
    // Stray bytes between segments: skipped, as libjpeg does.
    if (data[i] !== 0xff || data[i + 1] === 0xff) {
      i++;
      continue;
    }
    const marker = data[i + 1]!;
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8)) {
      i += 2;
      continue;
    }
    if (marker === 0xda || marker === 0xd9 || ARITHMETIC_FRAMES.has(marker)) return undefined;
    const length = data.readUInt16BE(i + 2);
    if (HUFFMAN_FRAMES.has(marker)) {
      if (i + 10 > data.length) return undefined;
      const height = data.readUInt16BE(i + 5);
      const width = data.readUInt16BE(i + 7);
      const count = data[i + 9]!;
      const factors: [number, number][] = [];
      for (let c = 0; c < count && i + 12 + 3 * c <= data.length; c++) {
        const hv = data[i + 11 + 3 * c]!;
        factors.push([hv >> 4 || 1, hv & 15 || 1]);
      }
      if (!width || !height || !factors.length) return undefined;
      const hMax = Math.max(...factors.map(([h]) => h));
      const vMax = Math.max(...factors.map(([, v]) => v));
      const blocks = factors.map(
        ([h, v]) =>
          Math.ceil(Math.ceil((width * h) / hMax) / 8) *
          Math.ceil(Math.ceil((height * v) / vMax) / 8),
      );
      return Math.ceil(Math.min(...blocks) / 8);
    }
    i += 2 + length;
  }
  return undefined;
}

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

/** Decoded pixels as the review engine reads them: upright, 3 channels (RGB), row-major. */
export interface ReviewPixels {
  data: Uint8Array;
  width: number;
  height: number;
}

/**
 * {@link checkImage} and the `preview=true` copy, for an image a review will read (a selfie):
 * the one decode that proves the file whole is the review engine's own (`decodeForReview`), the
 * preview is made from its pixels, and the pixels are returned for the review to use instead of
 * decoding the same bytes again. Only for an image of at most `keepMaxSide` a side (what the
 * engine reads at full size, a webcam's selfie): a larger one is previewed from a decode at a
 * fraction of its size, as before, since decoding it at the engine's size for pixels that may
 * never be used would cost a flood of large uploads more memory. When `decodeForReview` fails,
 * the preview's own decode (the whole file, with the same options) decides, so an upload is
 * accepted or refused exactly as before.
 */
export async function checkImageForReview<P extends ReviewPixels>(
  data: Buffer,
  declaredMime: string,
  limits: ProviderConfig['images'],
  decodeForReview: (data: Buffer) => Promise<P>,
  keepMaxSide: number,
): Promise<{ image: CheckedImage; preview: CheckedImage; pixels?: P }> {
  const { image, decoded } = await checkDecoding(
    data,
    declaredMime,
    limits,
    async (whole, { width, height }) => {
      const previewOfFile = async () => ({
        preview: await makePreview(whole, limits.previewMaxSide),
      });
      if (Math.max(width, height) > keepMaxSide) return previewOfFile();
      let pixels: P;
      try {
        pixels = await decodeForReview(whole);
      } catch {
        return previewOfFile();
      }
      return { pixels, preview: await previewOfPixels(pixels, limits.previewMaxSide) };
    },
  );
  return { image, ...decoded };
}

/**
 * The checks of {@link checkImage}. Everything the header can tell (type, sides, pixels, whether
 * the bytes can hold that many pixels) is checked before a pixel is decoded. `decode` must read
 * every pixel with {@link DECODE_OPTIONS}: it is what refuses a truncated or corrupt file here
 * rather than in the review engine. It runs when a decode slot is free.
 */
async function checkDecoding<T>(
  data: Buffer,
  declaredMime: string,
  limits: ProviderConfig['images'],
  decode: (data: Buffer, size: { width: number; height: number }) => Promise<T>,
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
  try {
    // The review engine's decode limits (image-limits.ts): accept exactly what it can read.
    // Header only (no pixels decoded): read the size even past the pixel limit, to say so below.
    const meta = await sharp(data, { ...DECODE_OPTIONS, limitInputPixels: false }).metadata();
    format = meta.format;
    width = meta.autoOrient?.width ?? meta.width ?? 0;
    height = meta.autoOrient?.height ?? meta.height ?? 0;
  } catch (err) {
    throw new ApiError('badImage', `Image could not be decoded: ${(err as Error).message}`);
  }
  const actualMime = format ? formatMime[format] : undefined;
  if (actualMime !== declared) {
    throw new ApiError(
      'badImage',
      `Image content is '${format ?? 'unknown'}' but was declared as '${declared}'`,
    );
  }
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
  if (width < limits.minSide || height < limits.minSide) {
    throw new ApiError(
      'badImage',
      `Image is ${width}x${height}; the smallest side allowed is ${limits.minSide}`,
    );
  }
  const floor = format === 'jpeg' ? jpegFloorBytes(data) : undefined;
  if (floor !== undefined && data.length < floor) {
    throw new ApiError(
      'badImage',
      `Image claims ${width}x${height} but its ${data.length} bytes cannot hold that many pixels (a JPEG that size needs at least ${floor})`,
    );
  }
  let decoded: T;
  try {
    decoded = await decodes.run(() => decode(data, { width, height }));
  } catch (err) {
    throw new ApiError('badImage', `Image could not be decoded: ${(err as Error).message}`);
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

/** {@link makePreview} from pixels already decoded (and turned upright). */
function previewOfPixels(pixels: ReviewPixels, maxSide: number): Promise<CheckedImage> {
  const { data, width, height } = pixels;
  return jpegPreview(sharp(data, { raw: { width, height, channels: 3 } }), maxSide);
}

/** Downscaled JPEG copy served for `preview=true`. */
function makePreview(data: Buffer, maxSide: number): Promise<CheckedImage> {
  return jpegPreview(sharp(data, DECODE_OPTIONS).rotate(), maxSide);
}

/** `image` at most `maxSide` a side, as a JPEG. */
async function jpegPreview(image: sharp.Sharp, maxSide: number): Promise<CheckedImage> {
  const { data: out, info } = await image
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
