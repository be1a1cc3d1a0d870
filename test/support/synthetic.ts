/** Synthetic detections for the Node tests of the frame assessment and the guidance session. */
import type { FaceObservation } from '../../src/core/face.js';
import type { Ellipse } from '../../src/core/geometry.js';

/** The oval of a 640x480 frame shown whole on a 4:3 stage. */
export const OVAL: Ellipse = { cx: 320, cy: 240, rx: 138.5, ry: 177.6 };

export interface FaceParams {
  cx?: number;
  cy?: number;
  /** Box height (the box is square, as BlazeFace's). */
  size?: number;
  score?: number;
  rollDeg?: number;
  /** Nose offset along the eye line, in inter-eye distances. */
  yaw?: number;
}

/** A frontal face at the oval centre, filling 55 % of its height, unless told otherwise. */
export function face(p: FaceParams = {}): FaceObservation {
  const cx = p.cx ?? OVAL.cx;
  const cy = p.cy ?? OVAL.cy;
  const size = p.size ?? OVAL.ry * 2 * 0.55;
  const roll = ((p.rollDeg ?? 0) * Math.PI) / 180;
  const half = size * 0.2; // half the inter-eye distance
  const ex = Math.cos(roll) * half;
  const ey = Math.sin(roll) * half;
  const eyeY = cy - size * 0.12;
  const yawPx = (p.yaw ?? 0) * 2 * half;
  const drop = 0.17 * size;
  return {
    box: { x: cx - size / 2, y: cy - size / 2, width: size, height: size },
    score: p.score ?? 0.95,
    rightEye: { x: cx - ex, y: eyeY - ey },
    leftEye: { x: cx + ex, y: eyeY + ey },
    // The nose sits below the eye midpoint; both offsets turn with the head.
    noseTip: {
      x: cx + yawPx * Math.cos(roll) - drop * Math.sin(roll),
      y: eyeY + yawPx * Math.sin(roll) + drop * Math.cos(roll),
    },
    mouth: { x: cx, y: cy + 0.25 * size },
  };
}

/** Crop statistics of a well-lit, sharp face. */
export const GOOD_CROP = { mean: 130, stdDev: 45, sharpness: 300 };
