import { describe, expect, it } from 'vitest';
import { clipRect, ellipseDistance } from '../../../src/core/geometry.js';
import { coverMapping, ovalInStage, ovalInVideo } from '../../../src/core/oval.js';
import { toFaceObservations } from '../../../src/core/face.js';
import { fitWithin, qualitySteps } from '../../../src/core/capture-size.js';
import { motionOver, pruneSamples, type FaceSample } from '../../../src/core/stillness.js';

describe('geometry', () => {
  it('measures distance in ellipse radii', () => {
    const e = { cx: 10, cy: 10, rx: 5, ry: 10 };
    expect(ellipseDistance(e, { x: 10, y: 10 })).toBe(0);
    expect(ellipseDistance(e, { x: 15, y: 10 })).toBe(1);
    expect(ellipseDistance(e, { x: 10, y: 0 })).toBe(1);
  });

  it('clips rects to the frame', () => {
    expect(clipRect({ x: -10, y: 5, width: 30, height: 10 }, { width: 15, height: 100 })).toEqual({
      x: 0,
      y: 5,
      width: 15,
      height: 10,
    });
    expect(clipRect({ x: 20, y: 0, width: 5, height: 5 }, { width: 15, height: 15 })).toBeNull();
  });
});

describe('oval layout', () => {
  it('fits the oval to the stage height, narrowing it on slim stages', () => {
    const wide = ovalInStage({ width: 800, height: 600 });
    expect(wide.cy).toBe(300);
    expect(wide.ry).toBeCloseTo(222);
    const slim = ovalInStage({ width: 300, height: 600 });
    expect(slim.rx).toBeCloseTo(120);
    expect(slim.rx / slim.ry).toBeCloseTo(0.78);
  });

  it('maps the stage oval into video pixels under object-fit: cover', () => {
    // A portrait stage over landscape video shows a centred vertical slice of it.
    const video = { width: 1280, height: 720 };
    const stage = { width: 360, height: 480 };
    const { scale, visible } = coverMapping(video, stage);
    expect(scale).toBeCloseTo(480 / 720);
    expect(visible.width).toBeCloseTo(540);
    const o = ovalInVideo(video, stage);
    expect(o.cx).toBe(640);
    expect(o.cy).toBe(360);
    expect(o.ry * 2).toBeLessThanOrEqual(720);
    // Same video, matching stage: the oval scales with the stage.
    const o2 = ovalInVideo({ width: 640, height: 480 }, { width: 320, height: 240 });
    expect(o2.ry).toBeCloseTo(0.74 * 240);
  });
});

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
});

describe('capture size', () => {
  it('scales down only', () => {
    expect(fitWithin({ width: 1280, height: 720 }, 640)).toEqual({ width: 640, height: 360 });
    expect(fitWithin({ width: 640, height: 480 }, 1920)).toEqual({ width: 640, height: 480 });
    expect(fitWithin({ width: 640, height: 480 }, 0)).toEqual({ width: 640, height: 480 });
  });

  it('steps JPEG quality down to 0.5 only when a byte limit is set', () => {
    expect(qualitySteps(0.92, null)).toEqual([0.92]);
    expect(qualitySteps(0.9, 100_000)).toEqual([0.9, 0.8, 0.7, 0.6, 0.5]);
    expect(qualitySteps(2, undefined)).toEqual([1]);
  });
});

describe('stillness', () => {
  const at = (t: number, x: number, size = 100): FaceSample => ({
    t,
    centre: { x, y: 100 },
    size,
  });

  it('is unknown until the samples span most of the window', () => {
    expect(motionOver([], 500)).toBeNull();
    expect(motionOver([at(0, 0), at(100, 0)], 500)).toBeNull();
  });

  it('measures the largest movement in face heights within the window only', () => {
    const s = [at(0, 500), at(200, 100), at(400, 103), at(600, 105)];
    expect(motionOver(s, 500)).toBeCloseTo(0.05);
    expect(motionOver(s, 700)).toBeCloseTo(3.95);
  });

  it('counts a change of size (moving towards the camera) as motion', () => {
    expect(motionOver([at(0, 100, 80), at(400, 100, 100)], 500)).toBeCloseTo(0.2);
  });

  it('prunes samples the window no longer needs', () => {
    const s = [at(0, 0), at(100, 0), at(200, 0), at(900, 0), at(1000, 0)];
    expect(pruneSamples(s, 500).map((x) => x.t)).toEqual([200, 900, 1000]);
    expect(pruneSamples([], 500)).toEqual([]);
  });
});
