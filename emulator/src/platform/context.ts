import type { EventEmitter } from 'node:events';
import type { ProviderConfig } from './config.js';
import type { Db } from './db.js';
import type { DecodedImages } from './decoded-images.js';
import type { RawImage } from '../reviews/engine/image-decode.js';

/** Everything a route or worker needs; one per running emulator. */
export interface ProviderContext {
  db: Db;
  config: ProviderConfig;
  /** Milliseconds since the epoch; injectable so tests can move time without sleeping. */
  now(): number;
  publicUrl(): string;
  /**
   * Wakes the review dispatcher / webhook sender after a commit that gave them work; the
   * retention sweeper wakes by itself (a call makes it look now, e.g. after a clock jump).
   */
  wake: { reviews(): void; webhooks(): void; retention(): void };
  /**
   * Throws 503 (with Retry-After) when a new review would wait longer than the latency budget;
   * call it before queueing one.
   */
  admitReview(): void;
  /** Selfies decoded at upload, by blob id, for their review to take (decoded-images.ts). */
  decodedImages: DecodedImages<RawImage>;
  /** `job-finished` (jobId, kind, subjectId) after a review or enrolment result is committed. */
  events: EventEmitter;
}
