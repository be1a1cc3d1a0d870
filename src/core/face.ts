import type { Point, Rect, Size } from './geometry.js';

/**
 * One detected face in video pixels, independent of the detector library.
 *
 * Eyes are named from the subject's point of view, as MediaPipe does: the subject's right eye
 * appears on the left of an unmirrored frame.
 */
export interface FaceObservation {
  box: Rect;
  /** Detector confidence, 0..1. */
  score: number;
  rightEye: Point;
  leftEye: Point;
  noseTip: Point;
  mouth?: Point;
}

/** The structural shape of a MediaPipe `Detection`, so the core never imports the library. */
export interface DetectionLike {
  categories: ReadonlyArray<{ score: number }>;
  boundingBox?: { originX: number; originY: number; width: number; height: number };
  /** Normalised 0..1 keypoints in BlazeFace order: right eye, left eye, nose tip, mouth, ears. */
  keypoints: ReadonlyArray<{ x: number; y: number }>;
}

/**
 * Converts detector output (box in pixels of the detector's input, keypoints normalised) to
 * pixel observations of `frame`; `inputScale` is frame pixels per input pixel, for an input
 * smaller than the frame. Detections without a box or the three keypoints the checks need are
 * dropped.
 */
export function toFaceObservations(
  detections: ReadonlyArray<DetectionLike>,
  frame: Size,
  inputScale = 1,
): FaceObservation[] {
  const faces: FaceObservation[] = [];
  for (const d of detections) {
    const [re, le, nose, mouth] = d.keypoints;
    if (!d.boundingBox || !re || !le || !nose) continue;
    const px = (k: { x: number; y: number }): Point => ({
      x: k.x * frame.width,
      y: k.y * frame.height,
    });
    faces.push({
      box: {
        x: d.boundingBox.originX * inputScale,
        y: d.boundingBox.originY * inputScale,
        width: d.boundingBox.width * inputScale,
        height: d.boundingBox.height * inputScale,
      },
      score: d.categories[0]?.score ?? 0,
      rightEye: px(re),
      leftEye: px(le),
      noseTip: px(nose),
      ...(mouth ? { mouth: px(mouth) } : {}),
    });
  }
  return faces;
}
