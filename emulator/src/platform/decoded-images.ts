/**
 * Uploaded images kept decoded between their upload and the review that follows the submit.
 *
 * An upload is decoded pixel by pixel to prove the file whole (platform/images.ts); the review,
 * a second or two later, used to decode the same bytes again (about 10-30 ms of CPU for a
 * selfie). When the upload's decode is the review engine's own, its pixels are kept here, by
 * blob id, and the review takes them. Bounded by bytes and by age: a selfie that finds the
 * bound full, or is not submitted soon, is simply decoded again by its review, as before, so a
 * flood of uploads costs memory up to the bound and no more.
 *
 * A review takes the pixels out: they are transferred to a worker thread, which detaches them.
 */

export interface Pixels {
  data: Uint8Array;
}

/** What the emulator keeps: a few 1280 px selfies, or about 30 webcam-sized ones. */
export const DECODED_IMAGES_MAX_BYTES = 32 * 1024 * 1024;
/** A review follows its upload within seconds; after this the pixels are not worth their memory. */
export const DECODED_IMAGES_MAX_AGE_MS = 60_000;

export class DecodedImages<T extends Pixels> {
  /** Oldest first (a Map keeps insertion order). */
  private readonly entries = new Map<string, { value: T; at: number }>();
  private held = 0;

  constructor(
    private readonly maxBytes = DECODED_IMAGES_MAX_BYTES,
    private readonly maxAgeMs = DECODED_IMAGES_MAX_AGE_MS,
    /** Real time, not the emulator's clock (which tests move): an age in memory. */
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Bytes held. */
  get bytes(): number {
    return this.held;
  }

  get size(): number {
    return this.entries.size;
  }

  /**
   * Keeps `value` for `key` if it fits in the bound. When it does not, the new one is left out,
   * not the oldest: reviews run in submission order, so the oldest pixels are the next ones a
   * review takes (dropping them to keep the newest made a queue of 16 decode a third again).
   */
  put(key: string, value: T): void {
    this.drop(key);
    this.expire();
    if (this.held + value.data.byteLength > this.maxBytes) return;
    this.entries.set(key, { value, at: this.now() });
    this.held += value.data.byteLength;
  }

  /** Whether pixels are kept for `key` (expired or not). */
  has(key: string): boolean {
    return this.entries.has(key);
  }

  /** The pixels kept for `key`, removed from here; undefined when there are none (any more). */
  take(key: string): T | undefined {
    this.expire();
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.drop(key);
    return entry.value;
  }

  private expire(): void {
    const limit = this.now() - this.maxAgeMs;
    for (const [key, { at }] of this.entries) {
      if (at > limit) break;
      this.drop(key);
    }
  }

  private drop(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.held -= entry.value.data.byteLength;
  }
}
