/**
 * Liveness worker thread: loads the face models once (the review engine's), reports `ready`, then
 * measures the frames of one decoded clip per job. Decoding (ffmpeg, a child process) and judging
 * (pure) happen on the calling side; this thread runs the networks, the CPU-heavy part.
 */
import { parentPort } from 'node:worker_threads';
import type { EngineInfo } from '../reviews/engine/face-analysis.js';
import type { JobMessage, WorkerMessage } from '../reviews/engine/worker-protocol.js';
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

type Message = WorkerMessage<AnalysedClip, EngineInfo>;

const port = parentPort;
if (!port) throw new Error('liveness worker must run in a worker thread');

const post = (message: Message): void => port.postMessage(message);
const describe = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);

try {
  post({ kind: 'ready', info: await loadLivenessModels() });
  port.on('message', (job: JobMessage<AnalyseClipRequest>) => {
    analyseClipFrames(job.request.clip, job.request.options).then(
      (result) => post({ kind: 'done', id: job.id, result }),
      (error: unknown) => post({ kind: 'failed', id: job.id, message: describe(error) }),
    );
  });
} catch (error) {
  post({ kind: 'startup-failed', message: describe(error) });
}
