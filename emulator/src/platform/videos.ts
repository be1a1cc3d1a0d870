import { ApiError } from './errors.js';

/** What the first bytes of each allowed video container look like. */
const videoMagic: Record<string, (b: Buffer) => boolean> = {
  // ISO BMFF: a box size, then `ftyp`.
  'video/mp4': (b) => b.length >= 12 && b.toString('latin1', 4, 8) === 'ftyp',
  // Matroska/WebM: the EBML header id.
  'video/webm': (b) => b.length >= 4 && b.readUInt32BE(0) === 0x1a45dfa3,
};

/**
 * The video is stored and served back as is (`Attempts/{id}/Video`, with its declared type), so
 * only the allowed containers, within the size cap, whose bytes agree with the declared type.
 */
export function checkVideo(
  video: { data: Buffer; mimeType: string },
  limits: { maxBytes: number; mimeTypes: string[] },
): { data: Buffer; mime: string } {
  const mime = video.mimeType.split(';')[0]!.trim().toLowerCase();
  if (!limits.mimeTypes.includes(mime)) {
    throw new ApiError(
      'unsupportedMediaType',
      `Unsupported video type '${mime || 'none'}'; allowed: ${limits.mimeTypes.join(', ')}`,
    );
  }
  if (video.data.length > limits.maxBytes) {
    throw new ApiError(
      'payloadTooLarge',
      `Video is ${video.data.length} bytes; the limit is ${limits.maxBytes}`,
    );
  }
  // A type added in the config without a known signature is taken on trust.
  const sniff = videoMagic[mime];
  if (sniff && !sniff(video.data)) {
    throw new ApiError('validation', `Video content is not ${mime}`);
  }
  return { data: video.data, mime };
}
