/**
 * Liveness verification end to end: decode the clip (ffmpeg, a child process), measure its frames
 * (face-api, in a worker thread, or in this thread for tests and benches), judge (pure).
 *
 * The caller owns the challenge's life: it issues it ({@link createChallenge}), stores it, marks it
 * used when a clip is submitted (atomically, once), and passes it here with the time the clip
 * arrived. The profile and selfie descriptors come from the review engine (enrolment stores the
 * profile's; the selfie is the still sent with the clip).
 */
import { createHash } from 'node:crypto';
import type { EngineInfo } from '../reviews/engine/face-analysis.js';
import { WorkerPool } from '../reviews/engine/worker-pool.js';
import { colourSamples } from './colour-samples.js';
import { ClipDecodeError, decodeClip, type DecodeLimits, type DecodedClip } from './decode.js';
import type { AnalysedClip, FrameAnalysisOptions } from './frame-analyser.js';
import type { ClipKind } from './store.js';
import {
  judgeLiveness,
  unreadableClip,
  type LivenessInput,
  type LivenessOutcome,
} from './verdict.js';
import type { AnalyseClipRequest } from './worker.js';

/** What the verdict needs besides the measurements, plus the clip and the decoding limits. */
export interface VerifyLivenessInput extends Omit<
  LivenessInput,
  'measurements' | 'timingsMs' | 'decidedAt'
> {
  /** The recorded clip: WebM (VP8/VP9) from MediaRecorder, or anything ffmpeg reads (Y4M in tests). */
  clip: Uint8Array;
  /** What the clip is for (see {@link measureOptionsFor}); default `combined`. */
  kind?: ClipKind;
  decodeLimits?: Partial<DecodeLimits>;
  analysis?: Partial<FrameAnalysisOptions>;
}

/** How a clip is measured. */
export interface MeasureOptions {
  decodeLimits?: Partial<DecodeLimits>;
  analysis?: Partial<FrameAnalysisOptions>;
  /** The reflection's samples on every frame (a third output of the decode). Default true. */
  colours?: boolean;
}

/**
 * What a clip of each kind needs measured. The colours' clip is read for its colours on every
 * frame; its analysed frames (landmarks to place the skin, one face, the same person, no cut) are
 * 400 ms apart, as the person holds still: half the CPU of 200 ms. The turns clip keeps 200 ms
 * (the turns' amplitude, parallax and continuity are calibrated on it) and needs no colours.
 */
export function measureOptionsFor(kind: ClipKind = 'combined'): MeasureOptions {
  if (kind === 'reflection') return { decodeLimits: { sampleIntervalMs: 400 } };
  if (kind === 'turns') return { colours: false };
  return {};
}

/** Measures a decoded clip's frames: in a worker, or in this thread. */
export type FrameMeasurer = (
  clip: DecodedClip,
  options?: Partial<FrameAnalysisOptions>,
) => Promise<AnalysedClip>;

/** Measures in the calling thread (tests, benches): blocks it for the analysis (~1-2 s). */
export const measureInThisThread: FrameMeasurer = async (clip, options) => {
  const { analyseClipFrames } = await import('./frame-analyser.js');
  return analyseClipFrames(clip, options);
};

/** A clip decoded and measured: everything a verdict needs from the clip itself. */
export type MeasuredClip =
  | { ok: true; measurements: AnalysedClip; timingsMs: Record<string, number> }
  | { ok: false; reason: string };

/** Decodes and measures one clip; a clip that cannot be decoded is `ok: false`. */
export async function measureClip(
  bytes: Uint8Array,
  options: MeasureOptions,
  measure: FrameMeasurer = measureInThisThread,
): Promise<MeasuredClip> {
  const started = performance.now();
  let clip: DecodedClip;
  try {
    clip = await decodeClip(bytes, options.decodeLimits, { colour: options.colours !== false });
  } catch (error) {
    if (error instanceof ClipDecodeError) return { ok: false, reason: error.message };
    throw error;
  }
  const decoded = performance.now();
  const measurements = await measure(clip, options.analysis);
  return {
    ok: true,
    // The full-rate passes come from the decoder, not the worker: the grey one shows cuts between
    // frames; the colour one, with the analysed landmarks, gives the reflection's samples (only
    // those are kept: a clip measured ahead waits in memory).
    measurements: {
      ...measurements,
      fullRate: clip.fullRate,
      colourSamples: clip.fullRateColour
        ? colourSamples(clip.fullRateColour, measurements.frames)
        : null,
    },
    timingsMs: {
      decode: clip.decodeMs,
      decodeCpu: clip.decodeCpuMs,
      analyse: Math.round(performance.now() - decoded),
      inference: measurements.timingsMs.inference,
      measure: Math.round(performance.now() - started),
    },
  };
}

/** The verdict on a measured clip. An unreadable clip is an ERROR verdict. */
export function judgeMeasured(input: VerifyLivenessInput, measured: MeasuredClip): LivenessOutcome {
  if (!measured.ok) return unreadableClip(measured.reason, input.challenge, input.thresholds);
  const started = performance.now();
  const {
    clip: _bytes,
    kind: _kind,
    decodeLimits: _limits,
    analysis: _analysis,
    ...judgeInput
  } = input;
  const outcome = judgeLiveness({ ...judgeInput, measurements: measured.measurements });
  outcome.decision.timingsMs = {
    ...measured.timingsMs,
    judge: Math.round(performance.now() - started),
  };
  return outcome;
}

/** Decodes, measures and judges one clip. A clip that cannot be decoded is an ERROR verdict. */
export async function verifyLiveness(
  input: VerifyLivenessInput,
  measure: FrameMeasurer = measureInThisThread,
): Promise<LivenessOutcome> {
  const started = performance.now();
  const outcome = judgeMeasured(input, await measureClip(input.clip, optionsOf(input), measure));
  outcome.decision.timingsMs.total = Math.round(performance.now() - started);
  return outcome;
}

/** The measurement options of a verification: its kind's, with the input's limits over them. */
function optionsOf(input: VerifyLivenessInput): MeasureOptions {
  const base = measureOptionsFor(input.kind);
  return {
    ...base,
    decodeLimits: { ...base.decodeLimits, ...input.decodeLimits },
    ...(input.analysis ? { analysis: input.analysis } : {}),
  };
}

/** Clips measured ahead, by content: at most this many, each for at most this long. */
const AHEAD_MAX = 16;
const AHEAD_TTL_MS = 3 * 60_000;

/** A pool of liveness workers (default one: a verification is ~1.2-1.4 s of one core). */
export class LivenessVerifier {
  readonly ready: Promise<EngineInfo>;
  private readonly pool: WorkerPool<AnalyseClipRequest, AnalysedClip, EngineInfo>;
  /** Measurements started when a clip arrived, by the clip's SHA-256; taken by its verdict. */
  private readonly ahead = new Map<string, { at: number; measured: Promise<MeasuredClip> }>();
  /** Verdicts and measurements under way, from their decode on (before the pool sees them). */
  private working = 0;
  private readonly size: number;

  constructor(options: { workers?: number; jobTimeoutMs?: number } = {}) {
    this.pool = new WorkerPool<AnalyseClipRequest, AnalysedClip, EngineInfo>({
      moduleUrl: new URL('./worker.ts', import.meta.url),
      size: options.workers ?? 1,
      jobTimeoutMs: options.jobTimeoutMs ?? 60_000,
    });
    this.size = this.pool.size;
    this.ready = this.pool.ready;
  }

  /**
   * Starts measuring a clip as it arrives, so its verdict after the submit only judges: the
   * widget sends the colours' clip while the person turns, and the turns clip is measured while
   * the face review runs. Only on idle capacity (fewer clips in work than workers) and for a bounded number
   * of clips: clips that are never submitted must not queue work ahead of submitted ones, nor let
   * a token holder buy CPU by uploading. A clip measured ahead is judged exactly as one measured
   * at the verdict (same bytes, same options). `submitted`: the clip's submit has consumed its
   * challenge, so its verdict will follow; it is measured now whatever the load.
   */
  measureAhead(clip: Uint8Array, options: { submitted?: boolean; kind?: ClipKind } = {}): void {
    const now = Date.now();
    for (const [key, entry] of this.ahead) {
      if (now - entry.at > AHEAD_TTL_MS) this.ahead.delete(key);
    }
    // A submitted clip will be judged in any case: it starts now, beside the face review.
    const idle = this.working < this.size && this.ahead.size < AHEAD_MAX;
    if (!options.submitted && !idle) return;
    const key = aheadKey(clip, options.kind);
    if (this.ahead.has(key)) return;
    this.working++;
    const measured = measureClip(clip, measureOptionsFor(options.kind), this.measurer);
    // Failures surface at the verdict, which measures again.
    measured.catch(() => this.ahead.delete(key)).finally(() => this.working--);
    this.ahead.set(key, { at: now, measured });
  }

  async verify(input: VerifyLivenessInput): Promise<LivenessOutcome> {
    const started = performance.now();
    const key = aheadKey(input.clip, input.kind);
    const entry = input.decodeLimits || input.analysis ? undefined : this.ahead.get(key);
    this.ahead.delete(key);
    this.working++;
    try {
      const measureNow = () => measureClip(input.clip, optionsOf(input), this.measurer);
      const measured = entry ? await entry.measured.catch(measureNow) : await measureNow();
      const outcome = judgeMeasured(input, measured);
      outcome.decision.timingsMs.total = Math.round(performance.now() - started);
      if (entry) outcome.decision.timingsMs.measuredAhead = 1;
      return outcome;
    } finally {
      this.working--;
    }
  }

  private readonly measurer: FrameMeasurer = (clip, options) =>
    this.pool.run(
      {
        clip: {
          width: clip.width,
          height: clip.height,
          durationMs: clip.durationMs,
          frames: clip.frames,
        },
        options,
      },
      // Each frame is a view into the one decoder output buffer: transfer it once.
      [clip.frames[0]?.data.buffer].filter((b): b is ArrayBuffer => b instanceof ArrayBuffer),
    );

  close(): Promise<void> {
    this.ahead.clear();
    return this.pool.close();
  }
}

/** A measurement ahead is kept by content and kind (each kind is measured its own way). */
function aheadKey(bytes: Uint8Array, kind: ClipKind = 'combined'): string {
  return `${kind}:${createHash('sha256').update(bytes).digest('hex')}`;
}
