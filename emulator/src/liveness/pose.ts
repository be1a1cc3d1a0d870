/**
 * Head pose and depth evidence from face-api's 68 landmarks (iBUG order: 0-16 jaw, 27-30 nose
 * bridge to tip, 31-35 nostrils, 36-41 and 42-47 eyes, 48-59 outer lips). Pure geometry.
 *
 * **Yaw.** Roll is removed first (the eye line is made horizontal). Under a camera far from the
 * face compared with its depth (a selfie at arm's length), a head turned by yaw θ projects its
 * outer eye corners (depth 0, ±E from the face's midline) to x = ±E·cos θ and its nose tip
 * (depth D in front of them, on the midline) to x = D·sin θ. So the nose tip's offset from the
 * eye corners' midpoint, over half the projected eye-corner distance, is
 *
 *     ρ = (D / E) · tan θ   =>   θ = atan(ρ · E / D)
 *
 * with E / D from head proportions: the outer eye corners are ~90 mm apart (E = 45 mm) and the
 * nose tip stands ~38 mm in front of them, so E / D ≈ 1.2 ({@link NOSE_DEPTH}). Faces differ by
 * ±25 % in that ratio, which scales tan θ by as much: a requested turn of 30-40° reads as 22-50°,
 * hence a lenient threshold. Positive yaw is the user's own **left** (the nose moves to the image's
 * right in an unmirrored clip).
 *
 * **Pitch** (for an `up` turn) compares the nose tip's drop below the eye line, in eye-corner
 * distances, with the same clip's frontal frames: a head tilting back by φ brings the tip (depth D,
 * drop h at rest) up to h·cos φ − D·sin φ. Solving for φ against the clip's own baseline h removes
 * the person's proportions and the camera's height.
 *
 * **A flat picture fakes yaw and pitch**: shearing a photo sideways moves its nose tip off the
 * eye midpoint, squashing it vertically shortens the nose drop. What it cannot fake is parallax:
 * see {@link noseParallax}.
 */
import { apply, fitHomography, type Point } from './homography.js';

export type { Point };

/** Nose tip depth in front of the outer eye corners, in outer-eye-corner distances (38 / 90 mm). */
export const NOSE_DEPTH = 0.42;

const RIGHT_EYE_CORNER = 36; // the subject's right: image left
const LEFT_EYE_CORNER = 45;
const NOSE_TIP = 30;
const EYES = [36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47];
const OUTER_LIPS = [48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59];
/** Points fitted as "the plane of the face": eyes and lips, whose depths differ little. */
const PLANE_POINTS = [...EYES, ...OUTER_LIPS];
/** Points that stand out of that plane: the nose from mid-bridge to the tip and below it. */
const NOSE_POINTS = [29, 30, 33];

export interface FacePose {
  /** Degrees; positive = turned to the user's own left. */
  yawDeg: number;
  /** Degrees; rotation of the eye line in the image (positive = clockwise on screen). */
  rollDeg: number;
  /** Nose-tip drop below the eye line, in outer-eye-corner distances corrected for yaw. */
  noseDrop: number;
  /** Outer-eye-corner distance in pixels, corrected for yaw: the face's scale in the frame. */
  eyeSpanPx: number;
}

const at = (landmarks: readonly Point[], i: number): Point => {
  const p = landmarks[i];
  if (!p) throw new Error(`landmark ${i} missing (need 68)`);
  return p;
};

/** Yaw, roll and nose drop of one face. */
export function facePose(landmarks: readonly Point[]): FacePose {
  const r = at(landmarks, RIGHT_EYE_CORNER);
  const l = at(landmarks, LEFT_EYE_CORNER);
  const roll = Math.atan2(l[1] - r[1], l[0] - r[0]);
  const cos = Math.cos(-roll);
  const sin = Math.sin(-roll);
  // Rotate about the eye-corner midpoint so the eye line is horizontal.
  const mx = (r[0] + l[0]) / 2;
  const my = (r[1] + l[1]) / 2;
  const upright = (p: Point): Point => {
    const dx = p[0] - mx;
    const dy = p[1] - my;
    return [dx * cos - dy * sin, dx * sin + dy * cos];
  };
  const halfSpan = Math.hypot(l[0] - r[0], l[1] - r[1]) / 2;
  const nose = upright(at(landmarks, NOSE_TIP));
  const rho = halfSpan > 0 ? nose[0] / halfSpan : 0;
  const yaw = Math.atan((rho * 0.5) / NOSE_DEPTH);
  const eyeSpan = (2 * halfSpan) / Math.max(Math.cos(yaw), 0.2);
  return {
    yawDeg: degrees(yaw),
    rollDeg: degrees(roll),
    noseDrop: eyeSpan > 0 ? nose[1] / eyeSpan : 0,
    eyeSpanPx: eyeSpan,
  };
}

/** Pitch in degrees (positive = head tilted back, chin up) from a nose drop and the clip's frontal one. */
export function pitchFromNoseDrop(noseDrop: number, frontalNoseDrop: number): number {
  // h·cos φ − D·sin φ = R·cos(φ + α), R = hypot(h, D), α = atan2(D, h).
  const h = frontalNoseDrop;
  const radius = Math.hypot(h, NOSE_DEPTH);
  const alpha = Math.atan2(NOSE_DEPTH, h);
  const c = Math.min(1, Math.max(-1, noseDrop / radius));
  return degrees(Math.acos(c) - alpha);
}

/**
 * How far the nose moved against the plane of the eyes and lips between a reference frame and
 * this one, in outer-eye-corner distances of this frame. A homography is fitted to the eye and lip
 * landmarks (it explains any motion of a flat picture exactly: shift, rotation, scale, shear,
 * perspective tilt); the nose points are then predicted by it, and the distance of the measured
 * nose from the prediction is the parallax. A flat picture gives landmark noise (~0.01-0.03); a
 * head turned by θ gives about (D − depth of the lips and eyes)·sin θ, ~0.1 or more at 25°.
 */
export function noseParallax(reference: readonly Point[], current: readonly Point[]): Parallax {
  const h = fitHomography(
    PLANE_POINTS.map((i) => at(reference, i)),
    PLANE_POINTS.map((i) => at(current, i)),
  );
  let dx = 0;
  let dy = 0;
  for (const i of NOSE_POINTS) {
    const predicted = apply(h, at(reference, i));
    const measured = at(current, i);
    dx += (measured[0] - predicted[0]) / NOSE_POINTS.length;
    dy += (measured[1] - predicted[1]) / NOSE_POINTS.length;
  }
  const r = at(current, RIGHT_EYE_CORNER);
  const l = at(current, LEFT_EYE_CORNER);
  const span = Math.hypot(l[0] - r[0], l[1] - r[1]);
  if (!(span > 0)) return { along: 0, across: 0, magnitude: 0 };
  // Components along the eye line (towards the subject's left) and across it (downwards).
  const ux = (l[0] - r[0]) / span;
  const uy = (l[1] - r[1]) / span;
  return {
    along: (dx * ux + dy * uy) / span,
    across: (-dx * uy + dy * ux) / span,
    magnitude: Math.hypot(dx, dy) / span,
  };
}

/** Nose parallax in outer-eye-corner distances of the current frame. */
export interface Parallax {
  /** Along the eye line, positive towards the subject's left (the way a left turn moves the nose). */
  along: number;
  /** Across it, positive downwards (an up turn moves the nose up: negative). */
  across: number;
  magnitude: number;
}

function degrees(radians: number): number {
  return (radians * 180) / Math.PI;
}
