import { FaceDetector, FilesetResolver } from '@mediapipe/tasks-vision';
import { FACE_MODEL_FILE, resolveAssetsBaseUrl } from './assets.js';

export type { Detection, FaceDetectorResult } from '@mediapipe/tasks-vision';
export type { FaceDetector };

export interface FaceDetectorSetup {
  /** Folder holding the wasm fileset and the model; the module-relative default when omitted. */
  assetsBaseUrl?: string | null;
  runningMode: 'IMAGE' | 'VIDEO';
  /** Detections below this score are dropped by MediaPipe itself. */
  minDetectionConfidence?: number;
}

/**
 * Creates a MediaPipe FaceDetector from the self-hosted assets only: the wasm loader, the wasm
 * binary and the model are all fetched from `assetsBaseUrl`, never from a CDN.
 */
export async function createFaceDetector(setup: FaceDetectorSetup): Promise<FaceDetector> {
  const base = resolveAssetsBaseUrl(setup.assetsBaseUrl);
  // forVisionTasks wants the folder without its trailing slash and picks the SIMD build itself.
  const fileset = await FilesetResolver.forVisionTasks(base.slice(0, -1));
  return FaceDetector.createFromOptions(fileset, {
    baseOptions: { modelAssetPath: `${base}${FACE_MODEL_FILE}`, delegate: 'CPU' },
    runningMode: setup.runningMode,
    minDetectionConfidence: setup.minDetectionConfidence ?? 0.5,
  });
}
