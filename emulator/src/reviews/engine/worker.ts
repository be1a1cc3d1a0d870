/**
 * Review worker thread: loads the face models once (with a warm-up), reports `ready`, then
 * analyses one decoded image per job. Judging happens on the calling side; this thread only
 * runs the networks and the pixel measurements, the CPU-heavy part.
 */
import { parentPort } from 'node:worker_threads';
import type { EngineInfo, FaceAnalysis } from './face-analysis.js';
import { analyseFaces, loadFaceModels } from './face-analyser.js';
import type { RawImage } from './image-decode.js';
import type { JobMessage, WorkerMessage } from './worker-protocol.js';

export interface AnalyseRequest {
  image: RawImage;
}

type Message = WorkerMessage<FaceAnalysis, EngineInfo>;

const port = parentPort;
if (!port) throw new Error('review worker must run in a worker thread');

const post = (message: Message): void => port.postMessage(message);
const describe = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);

try {
  post({ kind: 'ready', info: await loadFaceModels() });
  port.on('message', (job: JobMessage<AnalyseRequest>) => {
    analyseFaces(job.request.image).then(
      (result) => post({ kind: 'done', id: job.id, result }),
      (error: unknown) => post({ kind: 'failed', id: job.id, message: describe(error) }),
    );
  });
} catch (error) {
  post({ kind: 'startup-failed', message: describe(error) });
}
