/**
 * Runs face-api on a decoded clip's frames: faces and 68 landmarks on every frame, a descriptor
 * on every `descriptorStride`-th, and the pixel measurements (skin and background colour, aligned
 * crop). Uses the review engine's models and loading (tfjs-wasm, local weights); meant for a
 * worker thread, like the engine's analyser.
 */
import type * as FaceApi from '@vladmandic/face-api/dist/face-api.node-wasm.js';
import { createRequire } from 'node:module';
import { DETECTOR_MIN_SCORE, loadFaceModels } from '../reviews/engine/face-analyser.js';
import { BACKGROUND_FACE_RATIO } from '../reviews/engine/judge.js';
import type { EngineInfo } from '../reviews/engine/face-analysis.js';
import type { DecodedClip } from './decode.js';
import type { Point } from './homography.js';
import type { ClipMeasurements, FaceInFrame, FrameMeasurement } from './measurements.js';
import { alignedCrop, backgroundRgb, skinRgb } from './pixels.js';

const require = createRequire(import.meta.url);
const faceapi = require('@vladmandic/face-api/dist/face-api.node-wasm.js') as typeof FaceApi;
type FaceApiTensor3D = FaceApi.tf.Tensor3D;

export interface FrameAnalysisOptions {
  /**
   * Detector input size. 224: a selfie clip's face fills a good part of the frame (the widget
   * guides it there), and 224 costs ~20 ms a frame against ~50 ms at 320 (measured here).
   */
  detectorInputSize: number;
  /**
   * The detector runs on every this-many-th frame; in between, the 68-landmark net runs on the last
   * detection's box (a face moves little in 200 ms). 2 saves ~20 ms on every other frame; a face
   * appearing only in between goes unseen (it would have to come and go within ~400 ms).
   */
  detectEvery: number;
  /** A descriptor on every this-many-th frame with a detection (~35 ms each). */
  descriptorStride: number;
  /**
   * Detector confidence for a face. 0.35, below the engine's 0.5 for still selfies: at the widest
   * point of a turn (30-35°) TinyFaceDetector's score drops and at 0.5 it missed up to three
   * frames in a row on the synthetic head; the background-face rule still drops small false hits.
   */
  detectorMinScore: number;
  /**
   * On a frame without a detection, the landmarks are found again on a box moved with the face
   * when they moved by more than this share of the box's width (see {@link follow}).
   */
  refollowShift: number;
}

export const DEFAULT_FRAME_ANALYSIS: FrameAnalysisOptions = {
  detectorInputSize: 224,
  detectEvery: 2,
  descriptorStride: 3,
  detectorMinScore: 0.35,
  refollowShift: 0.05,
};

export interface AnalysedClip extends ClipMeasurements {
  timingsMs: { inference: number; measurements: number };
}

let warmed: Promise<EngineInfo> | undefined;

/** Loads the engine's models and warms the detector at the clip input size. Idempotent. */
export function loadLivenessModels(
  inputSize = DEFAULT_FRAME_ANALYSIS.detectorInputSize,
): Promise<EngineInfo> {
  warmed ??= (async () => {
    const info = await loadFaceModels();
    const blank = faceapi.tf.zeros([240, 320, 3], 'int32') as FaceApiTensor3D;
    try {
      await faceapi
        .detectAllFaces(blank, detector(inputSize, DETECTOR_MIN_SCORE))
        .withFaceLandmarks();
    } finally {
      blank.dispose();
    }
    return info;
  })();
  return warmed;
}

const detector = (inputSize: number, scoreThreshold: number) =>
  new faceapi.TinyFaceDetectorOptions({ inputSize, scoreThreshold });

/**
 * The 68 landmarks of the face in `box` (the box of an earlier frame), without running the
 * detector: the same crop the detection pipeline hands the landmark net (the box clipped to the
 * image and floored), mapped back to frame pixels.
 */
async function landmarksIn(input: FaceApiTensor3D, box: FaceInFrame['box']): Promise<Point[]> {
  const [height, width] = input.shape;
  const x = Math.floor(Math.max(box.x, 0));
  const y = Math.floor(Math.max(box.y, 0));
  const w = Math.floor(Math.min(box.x + box.width - x, width - x));
  const h = Math.floor(Math.min(box.y + box.height - y, height - y));
  const [crop] = await faceapi.extractFaceTensors(input, [new faceapi.Rect(x, y, w, h)]);
  if (!crop) throw new Error('no face crop');
  try {
    const result = await faceapi.nets.faceLandmark68Net.detectLandmarks(crop);
    const landmarks = Array.isArray(result) ? result[0] : result;
    if (!landmarks) throw new Error('no landmarks');
    return landmarks.relativePositions.map((p) => [x + p.x * w, y + p.y * h] as Point);
  } finally {
    crop.dispose();
  }
}

/** Centre of the landmarks' bounding box. */
function landmarkCentre(landmarks: readonly Point[]): Point {
  const xs = landmarks.map((p) => p[0]);
  const ys = landmarks.map((p) => p[1]);
  return [(Math.min(...xs) + Math.max(...xs)) / 2, (Math.min(...ys) + Math.max(...ys)) / 2];
}

/**
 * The face of a frame without a detection: the landmarks on the last detection's box, and, when
 * they show that the face has moved from that box by more than `shift` of its width (a head
 * turning at a person's speed swings sideways ~20-30 px in 200 ms), once more on the box moved by
 * as much. On the stale box the landmark net misplaces the eye corners a little, so the aligned
 * crop shifts and a frame at the same pose looked like another face (similarity 0.3-0.5 at
 * 90-300°/s peak, measured by testing/liveness/turn-speeds.ts).
 */
async function follow(
  input: FaceApiTensor3D,
  detected: FaceInFrame,
  shift: number,
): Promise<FaceInFrame> {
  const landmarks = await landmarksIn(input, detected.box);
  const [ax, ay] = landmarkCentre(detected.landmarks);
  const [bx, by] = landmarkCentre(landmarks);
  if (Math.hypot(bx - ax, by - ay) <= shift * detected.box.width) {
    return { ...detected, landmarks };
  }
  const box = { ...detected.box, x: detected.box.x + bx - ax, y: detected.box.y + by - ay };
  return { ...detected, box, landmarks: await landmarksIn(input, box) };
}

/** Measures every frame of a decoded clip. */
export async function analyseClipFrames(
  clip: Pick<DecodedClip, 'width' | 'height' | 'frames' | 'durationMs'>,
  options: Partial<FrameAnalysisOptions> = {},
): Promise<AnalysedClip> {
  const opt = { ...DEFAULT_FRAME_ANALYSIS, ...options };
  await loadLivenessModels(opt.detectorInputSize);
  let inference = 0;
  let measuring = 0;
  const frames: FrameMeasurement[] = [];
  let lastDetected: FaceInFrame[] = [];
  let detections = 0;
  for (const [index, frame] of clip.frames.entries()) {
    const started = performance.now();
    const input = faceapi.tf.tensor3d(frame.data, [clip.height, clip.width, 3], 'int32');
    const detect = index % opt.detectEvery === 0 || lastDetected.length !== 1;
    let faces: FaceInFrame[];
    let descriptor: number[] | null = null;
    try {
      if (detect) {
        const wantDescriptor = detections++ % opt.descriptorStride === 0;
        const chain = faceapi
          .detectAllFaces(input, detector(opt.detectorInputSize, opt.detectorMinScore))
          .withFaceLandmarks();
        const results = wantDescriptor ? await chain.withFaceDescriptors() : await chain;
        const largest = Math.max(0, ...results.map((r) => r.detection.box.width));
        const kept = results
          .filter((r) => r.detection.box.width >= largest * BACKGROUND_FACE_RATIO)
          .sort((a, b) => b.detection.box.area - a.detection.box.area);
        faces = kept.map((r) => ({
          box: {
            x: r.detection.box.x,
            y: r.detection.box.y,
            width: r.detection.box.width,
            height: r.detection.box.height,
          },
          score: Math.round(r.detection.score * 1000) / 1000,
          landmarks: r.landmarks.positions.map((p) => [p.x, p.y] as Point),
        }));
        const first = kept[0];
        if (wantDescriptor && first && 'descriptor' in first) {
          descriptor = Array.from(first.descriptor as Float32Array);
        }
        lastDetected = faces;
      } else {
        faces = [await follow(input, lastDetected[0] as FaceInFrame, opt.refollowShift)];
      }
    } finally {
      input.dispose();
    }
    const inferred = performance.now();
    inference += inferred - started;
    const face = faces[0];
    const pixels = { data: frame.data, width: clip.width, height: clip.height };
    frames.push({
      tMs: frame.tMs,
      ...(detect ? {} : { tracked: true as const }),
      faces,
      descriptor,
      faceRgb: face ? skinRgb(pixels, face.landmarks) : null,
      backgroundRgb: face ? backgroundRgb(pixels, face.box) : null,
      appearance: face ? alignedCrop(pixels, face.landmarks) : null,
    });
    measuring += performance.now() - inferred;
  }
  return {
    width: clip.width,
    height: clip.height,
    durationMs: clip.durationMs,
    frames,
    timingsMs: { inference: Math.round(inference), measurements: Math.round(measuring) },
  };
}
