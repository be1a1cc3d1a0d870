import type { FaceObservation } from './face.js';

/**
 * A rough head pose from BlazeFace's keypoints, as a GUIDE for the liveness prompts only: it
 * moves a prompt on once the person seems to have turned. It decides nothing; the server judges
 * the recorded clip with its own landmarks (emulator/src/liveness/pose.ts).
 *
 * `yaw` is the nose tip's offset from the eyes' midpoint along the eye line, over half the eye
 * distance (roll removed): about 0 frontal, about ±0.5 at a 30° turn (a nose ~0.42 eye-spans in
 * front of the eyes). Positive when the person turns to their OWN left. The frame is the camera's
 * (unmirrored): the subject's left eye has the larger x, so "towards the left eye" is their left.
 *
 * `pitch` is the nose tip's drop below the eye line, in eye spans; it shrinks as the head tilts up.
 * It means something only against the same person's frontal value.
 */
export interface HeadPose {
  yaw: number;
  pitch: number;
}

export function estimateHeadPose(face: FaceObservation): HeadPose | null {
  const { leftEye, rightEye, noseTip } = face;
  const ux = leftEye.x - rightEye.x;
  const uy = leftEye.y - rightEye.y;
  const span = Math.hypot(ux, uy);
  if (!(span > 0)) return null;
  const mx = (leftEye.x + rightEye.x) / 2;
  const my = (leftEye.y + rightEye.y) / 2;
  const dx = noseTip.x - mx;
  const dy = noseTip.y - my;
  // Along the eye line (towards the left eye) and across it (downwards in an upright face).
  const along = (dx * ux + dy * uy) / span;
  const across = (dy * ux - dx * uy) / span;
  return { yaw: along / (span / 2), pitch: across / span };
}
