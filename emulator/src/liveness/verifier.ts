/**
 * Liveness verification end to end: decode the clip (ffmpeg, a child process), measure its frames
 * (face-api, in a worker thread, or in this thread for tests and benches), judge (pure).
 *
 * The caller owns the challenge's life: it issues it ({@link createChallenge}), stores it, marks it
 * used when a clip is submitted (atomically, once), and passes it here with the time the clip
 * arrived. The profile and selfie descriptors come from the review engine (enrolment stores the
 * profile's; the selfie is the still sent with the clip).
 */
import type { EngineInfo } from '../reviews/engine/face-analysis.js';
import { WorkerPool } from '../reviews/engine/worker-pool.js';
import { ClipDecodeError, decodeClip, type DecodeLimits, type DecodedClip } from './decode.js';
import type { AnalysedClip, FrameAnalysisOptions } from './frame-analyser.js';
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
  decodeLimits?: Partial<DecodeLimits>;
  analysis?: Partial<FrameAnalysisOptions>;
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

/** Decodes, measures and judges one clip. A clip that cannot be decoded is an ERROR verdict. */
export async function verifyLiveness(
  input: VerifyLivenessInput,
  measure: FrameMeasurer = measureInThisThread,
): Promise<LivenessOutcome> {
  const started = performance.now();
  let clip: DecodedClip;
  try {
    clip = await decodeClip(input.clip, input.decodeLimits);
  } catch (error) {
    if (error instanceof ClipDecodeError) {
      return unreadableClip(error.message, input.challenge, input.thresholds);
    }
    throw error;
  }
  const measured = performance.now();
  const measurements = await measure(clip, input.analysis);
  const judged = performance.now();
  const { clip: _bytes, decodeLimits: _limits, analysis: _analysis, ...judgeInput } = input;
  const outcome = judgeLiveness({
    ...judgeInput,
    measurements: { ...measurements, fullRate: clip.fullRate },
  });
  outcome.decision.timingsMs = {
    decode: clip.decodeMs,
    decodeCpu: clip.decodeCpuMs,
    analyse: Math.round(judged - measured),
    inference: measurements.timingsMs.inference,
    judge: Math.round(performance.now() - judged),
    total: Math.round(performance.now() - started),
  };
  return outcome;
}

/** A pool of liveness workers (default one: a verification is ~1.2-1.4 s of one core). */
export class LivenessVerifier {
  readonly ready: Promise<EngineInfo>;
  private readonly pool: WorkerPool<AnalyseClipRequest, AnalysedClip, EngineInfo>;

  constructor(options: { workers?: number; jobTimeoutMs?: number } = {}) {
    this.pool = new WorkerPool<AnalyseClipRequest, AnalysedClip, EngineInfo>({
      moduleUrl: new URL('./worker.ts', import.meta.url),
      size: options.workers ?? 1,
      jobTimeoutMs: options.jobTimeoutMs ?? 60_000,
    });
    this.ready = this.pool.ready;
  }

  verify(input: VerifyLivenessInput): Promise<LivenessOutcome> {
    return verifyLiveness(input, (clip, options) =>
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
      ),
    );
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}
