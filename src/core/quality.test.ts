import { describe, expect, it } from 'vitest';
import { assessFrame, rollDegrees, yawRatio, type FrameInput } from './quality.js';
import { DEFAULT_THRESHOLDS, resolveThresholds } from './thresholds.js';
import { GOOD_CROP, OVAL, face } from '../../test/support/synthetic.js';

const T = DEFAULT_THRESHOLDS;
const good = (over: Partial<FrameInput> = {}): FrameInput => ({
  faces: [face()],
  oval: OVAL,
  crop: GOOD_CROP,
  motion: 0,
  ...over,
});

describe('assessFrame', () => {
  it('passes a centred, frontal, sharp, still face', () => {
    const r = assessFrame(good(), T);
    expect(r.hints).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.score).toBeGreaterThan(0.8);
    expect(Object.values(r.checks).every((c) => c.pass)).toBe(true);
  });

  it('asks for a face when there is none', () => {
    const r = assessFrame(good({ faces: [] }), T);
    expect(r).toMatchObject({ ok: false, hints: ['noFace'], score: 0, face: null });
  });

  it('ignores detections below minFaceScore', () => {
    expect(assessFrame(good({ faces: [face({ score: 0.3 })] }), T).hints).toEqual(['noFace']);
    const twoOneWeak = [face(), face({ cx: 100, score: 0.2 })];
    expect(assessFrame(good({ faces: twoOneWeak }), T).ok).toBe(true);
  });

  it('refuses several faces and judges nothing else', () => {
    const r = assessFrame(good({ faces: [face(), face({ cx: 100, size: 100 })] }), T);
    expect(r.hints).toEqual(['multipleFaces']);
    expect(r.checks.faceCount?.value).toBe(2);
    expect(r.checks.size).toBeUndefined();
  });

  it('counts a face in the background as none, and overlapping boxes as one face', () => {
    const emblem = face({ cx: 560, cy: 60, size: 40, score: 0.97 });
    expect(assessFrame(good({ faces: [face(), emblem] }), T).ok).toBe(true);
    const twice = [face({ score: 0.9 }), face({ cx: OVAL.cx + 10, score: 0.85 })];
    const r = assessFrame(good({ faces: twice }), T);
    expect(r.ok).toBe(true);
    expect(r.face).toBe(twice[0]);
  });

  it('asks for a clearer view when the detection score is low', () => {
    const r = assessFrame(good({ faces: [face({ score: 0.6 })] }), T);
    expect(r.hints).toEqual(['faceUnclear']);
  });

  it('asks to move closer when the face is small for the oval', () => {
    const r = assessFrame(good({ faces: [face({ size: 60 })] }), T);
    expect(r.hints).toEqual(['moveCloser']);
    expect(r.checks.size?.value).toBeCloseTo(60 / (2 * OVAL.ry));
  });

  it('asks to move back when the face overflows the oval', () => {
    const r = assessFrame(good({ faces: [face({ size: 340 })] }), T);
    expect(r.hints).toEqual(['moveBack']);
  });

  it('asks to centre the face', () => {
    expect(assessFrame(good({ faces: [face({ cx: OVAL.cx + 80 })] }), T).hints).toEqual([
      'centreFace',
    ]);
    expect(assessFrame(good({ faces: [face({ cy: OVAL.cy - 90 })] }), T).hints).toEqual([
      'centreFace',
    ]);
    // Inside the tolerance
    expect(assessFrame(good({ faces: [face({ cx: OVAL.cx + 20 })] }), T).ok).toBe(true);
  });

  it('asks to level the head when the eye line tilts', () => {
    const r = assessFrame(good({ faces: [face({ rollDeg: 20 })] }), T);
    expect(r.hints).toEqual(['levelHead']);
    expect(r.checks.roll?.value).toBeCloseTo(20);
    expect(assessFrame(good({ faces: [face({ rollDeg: -8 })] }), T).ok).toBe(true);
  });

  it('asks to look straight when the head turns', () => {
    expect(assessFrame(good({ faces: [face({ yaw: 0.35 })] }), T).hints).toEqual(['lookStraight']);
    expect(assessFrame(good({ faces: [face({ yaw: -0.35 })] }), T).hints).toEqual(['lookStraight']);
    expect(assessFrame(good({ faces: [face({ yaw: 0.1 })] }), T).ok).toBe(true);
  });

  it('judges brightness both ways', () => {
    expect(assessFrame(good({ crop: { ...GOOD_CROP, mean: 30 } }), T).hints).toEqual(['moreLight']);
    expect(assessFrame(good({ crop: { ...GOOD_CROP, mean: 240 } }), T).hints).toEqual([
      'lessLight',
    ]);
  });

  it('judges contrast', () => {
    expect(assessFrame(good({ crop: { ...GOOD_CROP, stdDev: 5 } }), T).hints).toEqual([
      'evenLight',
    ]);
  });

  it('judges sharpness', () => {
    const r = assessFrame(good({ crop: { ...GOOD_CROP, sharpness: 10 } }), T);
    expect(r.hints).toEqual(['blurry']);
  });

  it('skips the image checks when no crop could be read', () => {
    const r = assessFrame(good({ crop: null }), T);
    expect(r.ok).toBe(true);
    expect(r.checks.sharpness).toBeUndefined();
  });

  it('reads a lazy crop only for a well-placed face', () => {
    let reads = 0;
    const crop = () => (reads++, { ...GOOD_CROP, mean: 20 });
    expect(assessFrame(good({ faces: [face({ size: 60 })], crop }), T).hints).toEqual([
      'moveCloser',
    ]);
    expect(reads).toBe(0);
    expect(assessFrame(good({ crop }), T).hints).toEqual(['moreLight']);
    expect(reads).toBe(1);
  });

  it('reads the lazy crop of the face it counted, not of the first detection', () => {
    const weak = face({ cx: 100, score: 0.2 });
    const counted = face();
    const read: unknown[] = [];
    const crop = (f: unknown) => (read.push(f), GOOD_CROP);
    expect(assessFrame(good({ faces: [weak, counted], crop }), T).ok).toBe(true);
    expect(read).toHaveLength(1);
    expect(read[0]).toBe(counted);
  });

  it('asks to hold still when the face moves, or before motion is known', () => {
    expect(assessFrame(good({ motion: 0.2 }), T).hints).toEqual(['holdStill']);
    expect(assessFrame(good({ motion: null }), T).hints).toEqual(['holdStill']);
  });

  it('orders several failures most important first', () => {
    const r = assessFrame(
      good({
        faces: [face({ size: 60, rollDeg: 25, yaw: 0.4, cx: OVAL.cx + 100, score: 0.6 })],
        crop: { mean: 20, stdDev: 4, sharpness: 2 },
        motion: 0.5,
      }),
      T,
    );
    expect(r.hints).toEqual([
      'faceUnclear',
      'moveCloser',
      'centreFace',
      'levelHead',
      'lookStraight',
      'moreLight',
      'evenLight',
      'blurry',
      'holdStill',
    ]);
  });

  it('honours overridden thresholds', () => {
    const strict = resolveThresholds({ maxRollDeg: 2 });
    expect(assessFrame(good({ faces: [face({ rollDeg: 5 })] }), strict).hints).toEqual([
      'levelHead',
    ]);
  });

  it('scores a sharper, more frontal frame higher', () => {
    const a = assessFrame(good({ crop: { ...GOOD_CROP, sharpness: 60 } }), T).score;
    const b = assessFrame(good(), T).score;
    const c = assessFrame(good({ faces: [face({ yaw: 0.15 })] }), T).score;
    expect(b).toBeGreaterThan(a);
    expect(b).toBeGreaterThan(c);
  });
});

describe('pose measures', () => {
  it('measures roll in degrees and yaw independently of roll', () => {
    expect(rollDegrees(face({ rollDeg: -15 }))).toBeCloseTo(-15);
    expect(yawRatio(face({ rollDeg: 30, yaw: 0.2 }))).toBeCloseTo(0.2);
    expect(yawRatio(face())).toBeCloseTo(0);
  });
});
