import { describe, expect, it } from 'vitest';
import { GENERIC_FACE_3D, rotate, type Point3 } from '../../testing/liveness/generic-face.js';
import { apply, fitHomography, type Point } from './homography.js';
import { facePose, noseParallax, pitchFromNoseDrop } from './pose.js';

/** A camera `distance` eye-corner distances away (6 ~ 55 cm), 200 px per unit, centred at (320, 240). */
function project(points: readonly Point3[], distance = 6): Point[] {
  return points.map(([x, y, z]) => {
    const f = distance / (distance - z);
    return [320 + 200 * x * f, 240 + 200 * y * f];
  });
}

const head = (yaw: number, pitch = 0, roll = 0, distance = 6) =>
  project(
    GENERIC_FACE_3D.map((p) => rotate(p, yaw, pitch, roll)),
    distance,
  );

/** The frontal face flattened onto a plane (a photo), then moved by a homography. */
const photo = (h: readonly number[]) =>
  project(GENERIC_FACE_3D.map(([x, y]) => [x, y, 0] as Point3)).map((p) => apply(h, p));

describe('homography', () => {
  it('recovers a known map from its points', () => {
    const h = [1.1, 0.2, 15, -0.1, 0.9, -7, 0.0004, -0.0002, 1];
    const from: Point[] = [
      [0, 0],
      [100, 0],
      [100, 80],
      [0, 80],
      [50, 40],
      [20, 60],
    ];
    const fitted = fitHomography(
      from,
      from.map((p) => apply(h, p)),
    );
    fitted.forEach((v, i) => expect(v).toBeCloseTo(h[i] as number, 6));
  });
});

describe('facePose', () => {
  it('reads yaw within 2° on a generic head (far camera) and within 4° at selfie distance', () => {
    for (const yaw of [-40, -30, -20, -10, 0, 10, 20, 30, 40]) {
      expect(facePose(head(yaw, 0, 0, 1000)).yawDeg).toBeCloseTo(yaw, -0.3);
      expect(Math.abs(facePose(head(yaw)).yawDeg - yaw)).toBeLessThan(4);
    }
  });

  it('is not fooled by roll, and reports it', () => {
    const pose = facePose(head(25, 0, 20));
    expect(pose.yawDeg).toBeCloseTo(facePose(head(25)).yawDeg, 0);
    expect(pose.rollDeg).toBeCloseTo(20, 0);
  });

  it('reads pitch against the frontal nose drop', () => {
    const frontal = facePose(head(0)).noseDrop;
    for (const pitch of [-20, 0, 10, 20, 30]) {
      const drop = facePose(head(0, pitch)).noseDrop;
      expect(Math.abs(pitchFromNoseDrop(drop, frontal) - pitch)).toBeLessThan(4);
    }
  });

  it('is fooled by a sheared or squashed photo: yaw and pitch alone prove nothing', () => {
    const frontal = facePose(photo([1, 0, 0, 0, 1, 0, 0, 0, 1])).noseDrop;
    const sheared = facePose(photo([1, 0.5, -120, 0, 1, 0, 0, 0, 1]));
    expect(Math.abs(sheared.yawDeg)).toBeGreaterThan(15);
    const squashed = facePose(photo([1, 0, 0, 0, 0.6, 96, 0, 0, 1]));
    expect(pitchFromNoseDrop(squashed.noseDrop, frontal)).toBeGreaterThan(15);
  });
});

describe('noseParallax', () => {
  const frontal = head(0);
  it('is ~0 for any homography of a flat face (shift, shear, perspective tilt)', () => {
    const flat = photo([1, 0, 0, 0, 1, 0, 0, 0, 1]);
    for (const h of [
      [1, 0.5, -120, 0, 1, 0, 0, 0, 1],
      [0.8, 0, 30, 0, 0.6, 96, 0, 0, 1],
      [0.7, 0, 90, 0.1, 1, -30, 0.0009, 0, 1],
    ]) {
      expect(noseParallax(flat, photo(h)).magnitude).toBeLessThan(0.005);
    }
  });

  it('grows with a real turn, in its direction: > 0.08 at 20°, > 0.12 at 30°, both ways and up', () => {
    expect(noseParallax(frontal, head(0)).magnitude).toBeLessThan(0.005);
    // Signed: along the eye line for a left (+) or right (-) turn, upwards (-) for up.
    expect(noseParallax(frontal, head(20)).along).toBeGreaterThan(0.08);
    expect(noseParallax(frontal, head(-30)).along).toBeLessThan(-0.12);
    expect(noseParallax(frontal, head(0, 25)).across).toBeLessThan(-0.08);
  });
});
