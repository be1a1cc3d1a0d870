import { describe, expect, it } from 'vitest';
import type { FaceObservation } from './face.js';
import { estimateHeadPose } from './head-pose.js';

/** A face in camera (unmirrored) pixels: the subject's right eye on the image's left. */
function face(nose: { x: number; y: number }, roll = 0): FaceObservation {
  const rot = (p: { x: number; y: number }) => ({
    x: 300 + (p.x - 300) * Math.cos(roll) - (p.y - 200) * Math.sin(roll),
    y: 200 + (p.x - 300) * Math.sin(roll) + (p.y - 200) * Math.cos(roll),
  });
  return {
    box: { x: 220, y: 120, width: 160, height: 180 },
    score: 0.9,
    rightEye: rot({ x: 260, y: 200 }),
    leftEye: rot({ x: 340, y: 200 }),
    noseTip: rot(nose),
  };
}

describe('estimateHeadPose', () => {
  it('reads a frontal face as yaw 0 and its nose drop in eye spans', () => {
    const pose = estimateHeadPose(face({ x: 300, y: 240 }))!;
    expect(pose.yaw).toBeCloseTo(0);
    expect(pose.pitch).toBeCloseTo(0.5);
  });

  it('is positive when the person turns to their own left (the nose towards their left eye)', () => {
    expect(estimateHeadPose(face({ x: 320, y: 240 }))!.yaw).toBeCloseTo(0.5);
    expect(estimateHeadPose(face({ x: 280, y: 240 }))!.yaw).toBeCloseTo(-0.5);
  });

  it('removes roll', () => {
    const pose = estimateHeadPose(face({ x: 320, y: 240 }, 0.4))!;
    expect(pose.yaw).toBeCloseTo(0.5);
    expect(pose.pitch).toBeCloseTo(0.5);
  });

  it('has no pose for eyes on one point', () => {
    const f = face({ x: 300, y: 240 });
    expect(estimateHeadPose({ ...f, leftEye: f.rightEye })).toBeNull();
  });
});
