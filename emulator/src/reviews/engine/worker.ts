/**
 * Review worker thread: loads the face models once (with a warm-up), then analyses one decoded
 * image per job. Judging happens on the calling side; this thread only runs the networks and the
 * pixel measurements, the CPU-heavy part.
 */
import type { EngineInfo, FaceAnalysis } from './face-analysis.js';
import { analyseFaces, loadFaceModels } from './face-analyser.js';
import type { RawImage } from './image-decode.js';
import { serveJobs } from './worker-host.js';

export interface AnalyseRequest {
  image: RawImage;
}

await serveJobs<AnalyseRequest, FaceAnalysis, EngineInfo>('review worker', loadFaceModels, (job) =>
  analyseFaces(job.image),
);
