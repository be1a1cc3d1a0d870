/** What the worker reports about one image: the detected faces and their measurements. */
import type { Box } from './grey-crop.js';
import type { QualityMetrics } from './quality.js';

export interface AnalysedFace {
  /** Face box in pixels of the upright original image. */
  box: Box;
  /** TinyFaceDetector confidence, 0..1. */
  detectionScore: number;
  /** 128-d face descriptor (face-api recognition net). */
  descriptor: number[];
  metrics: QualityMetrics;
}

export interface FaceAnalysis {
  imageWidth: number;
  imageHeight: number;
  /** The detector pass that found the faces (the first one when none did). */
  detector: string;
  /** Every face the detector reported above its score threshold, largest first. */
  faces: AnalysedFace[];
  /** Time spent in the worker (detection + landmarks + descriptors, and measurements). */
  timingsMs: { inference: number; measurements: number };
}

/** Models and runtime the worker runs with, for the decision record. */
export interface EngineInfo {
  engine: string;
  models: Record<string, string>;
  warmUpMs: number;
  loadMs: number;
}
