/**
 * Liveness worker thread: loads the face models once (the review engine's), then measures the
 * frames of one decoded clip per job. Decoding (ffmpeg, a child process) and judging (pure) happen
 * on the calling side; this thread runs the networks, the CPU-heavy part.
 */
import type { EngineInfo } from '../reviews/engine/face-analysis.js';
import { serveJobs } from '../reviews/engine/worker-host.js';
import type { DecodedClip } from './decode.js';
import {
  analyseClipFrames,
  loadLivenessModels,
  type AnalysedClip,
  type FrameAnalysisOptions,
} from './frame-analyser.js';

export interface AnalyseClipRequest {
  clip: Pick<DecodedClip, 'width' | 'height' | 'frames' | 'durationMs'>;
  options?: Partial<FrameAnalysisOptions>;
}

await serveJobs<AnalyseClipRequest, AnalysedClip, EngineInfo>(
  'liveness worker',
  () => loadLivenessModels(),
  (job) => analyseClipFrames(job.clip, job.options),
);
