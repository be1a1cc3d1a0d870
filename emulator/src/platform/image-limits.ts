/**
 * Decoding limits shared by upload validation (images.ts) and the review engine
 * (reviews/engine/image-decode.ts). Both must judge an image the same way: an upload the emulator
 * accepts has to be one the engine can decode, and an upload it refuses must not be one the
 * engine would have reviewed happily.
 */

/** Refuse images above ~40 megapixels before decoding them (memory). */
export const MAX_INPUT_PIXELS = 40_000_000;

/**
 * sharp input options for every decode. failOn 'truncated' (not sharp's default 'warning'): a
 * truncated or corrupt file is refused, but harmless warnings (odd markers from some phone
 * cameras) do not reject a good photo.
 */
export const DECODE_OPTIONS = {
  failOn: 'truncated',
  limitInputPixels: MAX_INPUT_PIXELS,
} as const;
