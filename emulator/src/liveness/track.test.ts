/**
 * Continuity rules on per-frame measurements, without models: the generic 3D head turned and
 * projected, sampled like the decoder samples (~200 ms), with or without the clip's own frames in
 * between (small grey pictures whose pattern moves with the head, or jumps at a cut).
 */
import { describe, expect, it } from 'vitest';
import { GENERIC_FACE_3D, rotate, type Point3 } from '../../testing/liveness/generic-face.js';
import type { FullRateFrames } from './decode.js';
import type { Point } from './homography.js';
import type { FrameMeasurement } from './measurements.js';
import { analyseMotion, DEFAULT_MOTION_CALIBRATION } from './track.js';

const BOX = { x: 150, y: 80, width: 340, height: 340 };

function face(yaw: number): Point[] {
  return GENERIC_FACE_3D.map((p) => {
    const [x, y, z] = rotate(p as Point3, yaw, 0);
    const f = 6 / (6 - z);
    return [320 + 200 * x * f, 200 + 200 * y * f] as Point;
  });
}

/** Kept frames at `times`, the head at `yawAt(t)`; `appearance` per frame when given. */
function frames(
  times: number[],
  yawAt: (t: number) => number,
  appearance?: (t: number) => number[],
): FrameMeasurement[] {
  return times.map((t) => ({
    tMs: t,
    faces: [{ box: BOX, score: 0.9, landmarks: face(yawAt(t)) }],
    descriptor: null,
    faceRgb: null,
    backgroundRgb: null,
    appearance: appearance?.(t) ?? null,
  }));
}

/** The clip at 30 fps as grey 160 x 120 frames: a pattern in the face's box shifted by `shiftAt(t)`. */
function fullRate(durationMs: number, shiftAt: (t: number) => number): FullRateFrames {
  const out: FullRateFrames = { width: 160, height: 120, scale: 0.25, frames: [] };
  for (let n = 0; (n * 1000) / 30 <= durationMs; n++) {
    const t = Math.round((n * 10000) / 30) / 10;
    const data = new Uint8Array(160 * 120);
    let s = n + 1;
    for (let y = 0; y < 120; y++) {
      for (let x = 0; x < 160; x++) {
        s = (s * 1103515245 + 12345) >>> 0;
        const u = x + shiftAt(t);
        data[y * 160 + x] = 128 + 60 * Math.sin(u / 5) * Math.cos(y / 7) + ((s >>> 16) % 5) - 2;
      }
    }
    out.frames.push({ tMs: t, data });
  }
  return out;
}

const every200 = (until: number) => Array.from({ length: until / 200 + 1 }, (_, i) => i * 200);
/** A 35° left turn done in 150 ms (a quick person: peak ~440°/s), from 1000 to 1150 ms, held. */
const quickTurn = (t: number) => 35 * Math.min(1, Math.max(0, (t - 1000) / 150));
/** A photo swapped for one of the head turned 35°, between two frames, at 1100 ms. */
const swap = (t: number) => (t >= 1100 ? 35 : 0);

describe('continuity', () => {
  it('lets a turn faster than the analysed frames pass when the clip shows it under way', () => {
    const motion = analyseMotion(
      frames(every200(2000), quickTurn),
      undefined,
      fullRate(2000, (t) => quickTurn(t) / 3),
    );
    expect(motion.breaks).toEqual([]);
    expect(motion.fullRateChecks.map((c) => c.tMs)).toEqual([1200]);
  });

  it('calls the same pose change a cut when the clip shows it in one frame', () => {
    const motion = analyseMotion(
      frames(every200(2000), swap),
      undefined,
      fullRate(2000, (t) => swap(t) / 3),
    );
    expect(motion.breaks.map((b) => b.kind)).toEqual(['cut']);
    expect(motion.fullRateChecks[0]!.share).toBeGreaterThan(0.9);
  });

  it('calls a cut between two takes whose poses differ by only 10° a cut', () => {
    // Under 12° no jump rule fires and over 8° the appearance rule does not look: the join of a
    // splice whose takes were nearly aligned.
    const nearSwap = (t: number) => (t >= 1100 ? 10 : 0);
    const motion = analyseMotion(
      frames(every200(2000), nearSwap),
      undefined,
      fullRate(2000, (t) => nearSwap(t) / 3),
    );
    expect(motion.breaks.map((b) => b.kind)).toEqual(['cut']);
  });

  it('calls it a jump without the frames in between: nothing tells it from a cut', () => {
    expect(analyseMotion(frames(every200(2000), quickTurn)).breaks.map((b) => b.kind)).toEqual([
      'jump',
    ]);
  });

  it('sees a cut in the middle of a turn, where the pose was already changing', () => {
    // A turn at 100°/s from 600 ms, cut at 1100 ms to a take turned 15° further.
    const spliced = (t: number) => Math.min(35, Math.max(0, (t - 600) / 10)) + (t >= 1100 ? 15 : 0);
    const motion = analyseMotion(
      frames(every200(2000), spliced),
      undefined,
      fullRate(2000, (t) => spliced(t) / 3),
    );
    expect(motion.breaks.map((b) => b.kind)).toContain('cut');
  });

  it('does not call a change a cut across a gap where the camera dropped frames', () => {
    // The head turns 35° from 950 to 1250 ms; the camera delivers nothing from 1040 to 1190 ms.
    const turning = (t: number) => 35 * Math.min(1, Math.max(0, (t - 950) / 300));
    const all = fullRate(2000, (t) => turning(t) / 3);
    const gapped = { ...all, frames: all.frames.filter((f) => f.tMs <= 1040 || f.tMs >= 1190) };
    const motion = analyseMotion(frames(every200(2000), turning), undefined, gapped);
    expect(motion.breaks).toEqual([]);
    // The same change, were gaps allowed to hold a cut, is one.
    const strict = { ...DEFAULT_MOTION_CALIBRATION, maxCutGapMs: 1000 };
    const asCut = analyseMotion(frames(every200(2000), turning), strict, gapped);
    expect(asCut.breaks.map((b) => b.kind)).toEqual(['cut']);
  });

  it('judges the pose speed over the time between frames, in degrees per second', () => {
    // 40° in 200 ms (200°/s) is a quick turn; 40° in 100 ms (400°/s) is more than a head does.
    const step = (at: number) => (t: number) => (t >= at ? 40 : 0);
    const slow = analyseMotion(frames([0, 200, 400, 600, 800], step(500)));
    expect(slow.breaks.filter((b) => b.kind === 'pose')).toEqual([]);
    const fast = analyseMotion(frames([0, 200, 400, 500, 700], step(450)));
    expect(fast.breaks.filter((b) => b.kind === 'pose')).toHaveLength(1);
    expect(fast.breaks.find((b) => b.kind === 'pose')!.value).toBeGreaterThan(300);
  });

  it('forgives a poor crop at the same pose when the clip shows no cut, not a change of picture', () => {
    // Two unrelated crops (zero mean, unit variance, as the analyser makes them).
    const a = Array.from({ length: 256 }, (_, i) => (Math.sin(i) >= 0 ? 1 : -1));
    const b = Array.from({ length: 256 }, (_, i) => (Math.sin(i * 7 + 1) >= 0 ? 1 : -1));
    const look = (t: number) => (t >= 1100 ? b : a);
    const still = frames(every200(2000), () => 0, look);
    const noCut = analyseMotion(
      still,
      undefined,
      fullRate(2000, () => 0),
    );
    expect(noCut.breaks).toEqual([]);
    const cut = analyseMotion(
      still,
      undefined,
      fullRate(2000, (t) => (t >= 1100 ? 8 : 0)),
    );
    expect(cut.breaks.map((x) => x.kind)).toEqual(['appearance']);
    expect(analyseMotion(still).breaks.map((x) => x.kind)).toEqual(['appearance']);
  });
});
