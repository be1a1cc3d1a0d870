/**
 * The review engine: real face matching behind the emulator's reviews.
 * See README.md in this folder for the checks, the labels and the distance -> percent map.
 */
export type * from './contract.js';
export { createFaceReviewer, FaceReviewEngine, type FaceReviewerOptions } from './face-reviewer.js';
export type { EngineInfo } from './face-analysis.js';
export { CHECK_TYPES, REJECT_LABELS, type CheckType, type RejectLabel } from './labels.js';
export { DEFAULT_THRESHOLDS, FINAL_MISMATCH_MARGIN, normaliseThresholds } from './judge.js';
export {
  distanceToSimilarityPercent,
  similarityPercentToDistance,
  SIMILARITY_ANCHORS,
} from './similarity.js';
export { QUALITY_ANCHORS } from './quality.js';
export { decodeImage, UnreadableImageError, MAX_ANALYSIS_SIDE } from './image-decode.js';
export { defaultPoolSize, WorkerPoolError } from './worker-pool.js';
