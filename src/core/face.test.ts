import { describe, expect, it } from 'vitest';
import { toFaceObservations } from './face.js';

describe('detections', () => {
  it('converts MediaPipe detections to pixel observations and drops incomplete ones', () => {
    const faces = toFaceObservations(
      [
        {
          categories: [{ score: 0.9 }],
          boundingBox: { originX: 10, originY: 20, width: 100, height: 100 },
          keypoints: [
            { x: 0.25, y: 0.25 },
            { x: 0.5, y: 0.25 },
            { x: 0.4, y: 0.5 },
            { x: 0.4, y: 0.75 },
          ],
        },
        { categories: [{ score: 0.9 }], keypoints: [] },
      ],
      { width: 200, height: 100 },
    );
    expect(faces).toHaveLength(1);
    expect(faces[0]).toMatchObject({
      score: 0.9,
      rightEye: { x: 50, y: 25 },
      leftEye: { x: 100, y: 25 },
      noseTip: { x: 80, y: 50 },
      mouth: { x: 80, y: 75 },
    });
  });

  it('scales boxes from a downscaled detector input back to the frame', () => {
    const [f] = toFaceObservations(
      [
        {
          categories: [{ score: 0.9 }],
          boundingBox: { originX: 10, originY: 20, width: 50, height: 50 },
          keypoints: [
            { x: 0.25, y: 0.25 },
            { x: 0.5, y: 0.25 },
            { x: 0.4, y: 0.5 },
          ],
        },
      ],
      { width: 640, height: 480 },
      2,
    );
    expect(f?.box).toEqual({ x: 20, y: 40, width: 100, height: 100 });
    expect(f?.rightEye).toEqual({ x: 160, y: 120 });
  });
});
