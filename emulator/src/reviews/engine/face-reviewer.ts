/**
 * The review engine behind the emulator: decodes on the calling thread (sharp, off the event
 * loop), analyses faces in a worker pool, judges with the pure rules of judge.ts.
 */
import { createHash } from 'node:crypto';
import type {
  EnrolmentOutcome,
  FaceReviewer,
  ReviewOutcome,
  ReviewThresholds,
} from './contract.js';
import type { EngineInfo, FaceAnalysis } from './face-analysis.js';
import { decodeImage, UnreadableImageError, type RawImage } from './image-decode.js';
import { modelDigests } from './model-files.js';
import {
  errorReview,
  judgeEnrolment,
  judgeReview,
  normaliseThresholds,
  significantFaces,
  unreadableEnrolment,
  type JudgeContext,
} from './judge.js';
import type { AnalyseRequest } from './worker.js';
import { WorkerPool } from './worker-pool.js';

export interface FaceReviewerOptions {
  /**
   * Most worker threads; default: env `FACE_REVIEW_WORKERS`, else one per core. One starts with
   * the engine, the others when reviews queue up ({@link FaceReviewEngine.startAllWorkers}).
   */
  workers?: number;
  /** A job running longer rejects and its worker is replaced. Default 60 s. */
  jobTimeoutMs?: number;
  /** Profile descriptors remembered by image hash, for callers that pass no descriptor. Default 256. */
  profileCacheSize?: number;
}

const DESCRIPTOR_LENGTH = 128;

interface Analysed {
  analysis: FaceAnalysis;
  decodeMs: number;
  analyseMs: number;
  queueMs: number;
}

export class FaceReviewEngine implements FaceReviewer {
  /**
   * Resolves once the first worker has loaded and warmed up its models: reviews run from then,
   * while the other workers start one after another (worker-pool.ts).
   */
  readonly ready: Promise<EngineInfo>;
  private readonly pool: WorkerPool<AnalyseRequest, FaceAnalysis, EngineInfo>;
  private readonly profileCache = new Map<string, number[]>();
  private readonly profileCacheSize: number;

  constructor(options: FaceReviewerOptions = {}) {
    this.pool = new WorkerPool<AnalyseRequest, FaceAnalysis, EngineInfo>({
      moduleUrl: new URL('./worker.ts', import.meta.url),
      size: options.workers ?? workersFromEnv(),
      jobTimeoutMs: options.jobTimeoutMs,
    });
    // The workers report runtime and timings; the weights are hashed here, once, meanwhile.
    this.ready = Promise.all([this.pool.ready, modelDigests()]).then(([info, digests]) => ({
      ...info,
      models: { ...info.models, ...digests },
    }));
    // Like the pool's: a caller that never awaits `ready` must not crash on its rejection.
    this.ready.catch(() => undefined);
    this.profileCacheSize = options.profileCacheSize ?? 256;
  }

  get workerCount(): number {
    return this.pool.size;
  }

  /**
   * One review per worker, plus one: the emulator's dispatcher runs this many at once. A review
   * decodes its selfie here, on sharp's threads, before a worker sees it, and is judged and
   * committed after; with exactly one review per worker, each worker sat idle through those
   * steps (26 % of its time in a profile of the HTTP bench). The extra review waits in the
   * pool's queue, decoded, for the next free worker.
   */
  get concurrency(): number {
    return this.pool.size + 1;
  }

  stats() {
    return this.pool.stats();
  }

  /**
   * Starts every worker now (they otherwise start when reviews queue up) and resolves once all
   * are ready: for a dedicated emulator or a bench that wants its full rate from the start.
   */
  startAllWorkers(): Promise<void> {
    return this.pool.startAll();
  }

  async enrol(image: Uint8Array, thresholds: ReviewThresholds): Promise<EnrolmentOutcome> {
    const started = performance.now();
    const limits = normaliseThresholds(thresholds);
    const engine = await this.ready;
    let analysed: Analysed;
    try {
      analysed = await this.analyse(image);
    } catch (error) {
      if (!(error instanceof UnreadableImageError)) throw error;
      const context = { engine, timingsMs: { total: elapsed(started) } };
      return unreadableEnrolment(error.message, limits, context);
    }
    const context: JudgeContext = {
      engine,
      timingsMs: { ...timings(analysed), total: elapsed(started) },
    };
    const outcome = judgeEnrolment({ image: analysed.analysis, thresholds: limits, context });
    if (outcome.descriptor) this.remember(hash(image), outcome.descriptor);
    return outcome;
  }

  async review(input: {
    selfie: Uint8Array;
    selfiePixels?: RawImage;
    profileImage: Uint8Array;
    profileDescriptor?: number[];
    thresholds: ReviewThresholds;
  }): Promise<ReviewOutcome> {
    const started = performance.now();
    const limits = normaliseThresholds(input.thresholds);
    const engine = await this.ready;
    const [selfie, profile] = await Promise.all([
      this.tryAnalyse(input.selfie, input.selfiePixels),
      this.profileDescriptor(input.profileImage, input.profileDescriptor),
    ]);
    if ('error' in selfie) {
      return errorReview(selfie.error, limits, { engine, timingsMs: { total: elapsed(started) } });
    }
    const analysed = selfie;
    const timingsMs = { ...timings(analysed), profile: profile.ms, total: elapsed(started) };
    if ('error' in profile) return errorReview(profile.error, limits, { engine, timingsMs });
    return judgeReview({
      selfie: analysed.analysis,
      profileDescriptor: profile.descriptor,
      thresholds: limits,
      context: { engine, timingsMs },
    });
  }

  close(): Promise<void> {
    return this.pool.close();
  }

  /** `decoded`: the pixels of `bytes` already decoded with decodeImage (then 0 ms of decode). */
  private async analyse(bytes: Uint8Array, decoded?: RawImage): Promise<Analysed> {
    const decodeStart = performance.now();
    const image = decoded ?? (await decodeImage(bytes));
    const decodeMs = elapsed(decodeStart);
    const sent = performance.now();
    const analysis = await this.pool.run({ image }, transferList(image));
    const roundTrip = elapsed(sent);
    const analyseMs = analysis.timingsMs.inference + analysis.timingsMs.measurements;
    return { analysis, decodeMs, analyseMs, queueMs: Math.max(0, roundTrip - analyseMs) };
  }

  /** Like analyse(), but an undecodable image is an answer (ERROR), not an exception. */
  private async tryAnalyse(
    bytes: Uint8Array,
    decoded?: RawImage,
  ): Promise<Analysed | { error: string }> {
    try {
      return await this.analyse(bytes, decoded);
    } catch (error) {
      if (error instanceof UnreadableImageError) return { error: error.message };
      throw error;
    }
  }

  /** The stored descriptor when it is usable, else the profile photo's (cached by content hash). */
  private async profileDescriptor(
    image: Uint8Array,
    stored: number[] | undefined,
  ): Promise<{ descriptor: number[]; ms: number } | { error: string; ms: number }> {
    const started = performance.now();
    if (isDescriptor(stored)) return { descriptor: stored, ms: 0 };
    const key = hash(image);
    const cached = this.profileCache.get(key);
    if (cached) return { descriptor: cached, ms: 0 };
    let analysed: Analysed;
    try {
      analysed = await this.analyse(image);
    } catch (error) {
      if (!(error instanceof UnreadableImageError)) throw error;
      return { error: `The profile photo cannot be used: ${error.message}`, ms: elapsed(started) };
    }
    const faces = significantFaces(analysed.analysis.faces);
    const face = faces.length === 1 ? faces[0] : undefined;
    if (!face) {
      const error = `The profile photo cannot be used: it shows ${faces.length} faces instead of one.`;
      return { error, ms: elapsed(started) };
    }
    this.remember(key, face.descriptor);
    return { descriptor: face.descriptor, ms: elapsed(started) };
  }

  private remember(key: string, descriptor: number[]): void {
    this.profileCache.delete(key);
    this.profileCache.set(key, descriptor);
    if (this.profileCache.size > this.profileCacheSize) {
      const oldest = this.profileCache.keys().next();
      if (!oldest.done) this.profileCache.delete(oldest.value);
    }
  }
}

/** Starts the engine and resolves once its first worker is ready (models loaded and warmed up). */
export async function createFaceReviewer(
  options: FaceReviewerOptions = {},
): Promise<FaceReviewEngine> {
  const engine = new FaceReviewEngine(options);
  try {
    await engine.ready;
  } catch (error) {
    await engine.close();
    throw error;
  }
  return engine;
}

function workersFromEnv(): number | undefined {
  const value = Number.parseInt(process.env.FACE_REVIEW_WORKERS ?? '', 10);
  return Number.isFinite(value) && value > 0 ? value : undefined;
}

function isDescriptor(value: number[] | undefined): value is number[] {
  return (
    Array.isArray(value) &&
    value.length === DESCRIPTOR_LENGTH &&
    value.every((v) => typeof v === 'number' && Number.isFinite(v))
  );
}

/** Hands the pixel buffer to the worker without a copy when it is not shared with anything else. */
function transferList(image: RawImage): ArrayBuffer[] {
  const { buffer, byteOffset, byteLength } = image.data;
  return buffer instanceof ArrayBuffer && byteOffset === 0 && byteLength === buffer.byteLength
    ? [buffer]
    : [];
}

function timings(analysed: Analysed): Record<string, number> {
  return { decode: analysed.decodeMs, analyse: analysed.analyseMs, queue: analysed.queueMs };
}

function hash(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function elapsed(since: number): number {
  return Math.round(performance.now() - since);
}
