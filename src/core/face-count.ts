import type { FaceObservation } from './face.js';
import type { Rect } from './geometry.js';

/**
 * Which detections are faces of people in the photo, counted the way the provider's review
 * counts them (`significantFaces` in the emulator's judge), so the widget never asks for "only one
 * face" on a photo the review would take, nor lets through one it would refuse:
 *
 * - boxes that overlap are one face: the review's detector suppresses boxes whose
 *   intersection over union exceeds {@link SAME_FACE_IOU}, and a box lying mostly inside
 *   another ({@link SAME_FACE_INSIDE} of its own area) is a second look at the same face;
 * - a face narrower than {@link BACKGROUND_FACE_RATIO} of the widest one is background (a poster,
 *   an emblem, a passer-by far behind), not a second person.
 */

/** The review's non-maximum suppression threshold (its detector's intersection over union). */
export const SAME_FACE_IOU = 0.4;
/** A box with this share of its area inside a larger one is the same face seen twice. */
export const SAME_FACE_INSIDE = 0.5;
/** The review's `backgroundFaceRatio`: smaller faces than this share of the widest one's width. */
export const BACKGROUND_FACE_RATIO = 0.25;

function intersection(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

/** True when two boxes are one face: they overlap as the review's suppression merges them. */
export function sameFace(a: Rect, b: Rect): boolean {
  const inter = intersection(a, b);
  if (inter === 0) return false;
  const areaA = a.width * a.height;
  const areaB = b.width * b.height;
  const union = areaA + areaB - inter;
  return inter / union > SAME_FACE_IOU || inter / Math.min(areaA, areaB) >= SAME_FACE_INSIDE;
}

/**
 * The faces that count, most confident first: overlapping boxes merged into the most confident
 * of them, then the background faces dropped.
 */
export function countedFaces(faces: ReadonlyArray<FaceObservation>): FaceObservation[] {
  const kept: FaceObservation[] = [];
  for (const face of [...faces].sort((a, b) => b.score - a.score)) {
    if (!kept.some((k) => sameFace(k.box, face.box))) kept.push(face);
  }
  const widest = Math.max(0, ...kept.map((f) => f.box.width));
  return kept.filter((f) => f.box.width >= widest * BACKGROUND_FACE_RATIO);
}
