/**
 * A generic head's 68 face landmarks in 3D (iBUG order), for tests and the synthetic-head clips.
 *
 * Units are outer-eye-corner distances (~90 mm on an adult): the outer eye corners sit at
 * x = ±0.5, y = 0, z = 0; x grows to the image's right (the subject's left), y downwards, z
 * towards the camera. Depths follow average head proportions: the nose tip 0.42 (~38 mm) in front
 * of the eye corners, the lips ~0.2, the jaw's ends 0.55 behind them (near the ears).
 */
export type Point3 = readonly [number, number, number];

const jaw: Point3[] = Array.from({ length: 17 }, (_, k) => {
  const a = (Math.PI * k) / 16;
  return [-0.78 * Math.cos(a), 0.1 + 1.15 * Math.sin(a), -0.55 + 0.65 * Math.sin(a)];
});

const rightBrow: Point3[] = [
  [-0.62, -0.2, -0.02],
  [-0.5, -0.27, 0.05],
  [-0.37, -0.3, 0.1],
  [-0.24, -0.29, 0.12],
  [-0.12, -0.25, 0.13],
];

const nose: Point3[] = [
  [0, 0, 0.12],
  [0, 0.15, 0.2],
  [0, 0.3, 0.3],
  [0, 0.45, 0.42],
  [-0.15, 0.55, 0.2],
  [-0.08, 0.57, 0.26],
  [0, 0.58, 0.3],
  [0.08, 0.57, 0.26],
  [0.15, 0.55, 0.2],
];

const rightEye: Point3[] = [
  [-0.5, 0, 0],
  [-0.4, -0.05, 0.04],
  [-0.28, -0.05, 0.05],
  [-0.18, 0, 0.05],
  [-0.28, 0.03, 0.04],
  [-0.4, 0.03, 0.03],
];

const outerLips: Point3[] = [
  [-0.28, 0.82, 0.12],
  [-0.17, 0.77, 0.2],
  [-0.06, 0.75, 0.24],
  [0, 0.76, 0.25],
  [0.06, 0.75, 0.24],
  [0.17, 0.77, 0.2],
  [0.28, 0.82, 0.12],
  [0.17, 0.88, 0.18],
  [0.06, 0.9, 0.22],
  [0, 0.9, 0.22],
  [-0.06, 0.9, 0.22],
  [-0.17, 0.88, 0.18],
];

const innerLips: Point3[] = [
  [-0.22, 0.82, 0.15],
  [-0.06, 0.8, 0.21],
  [0, 0.8, 0.22],
  [0.06, 0.8, 0.21],
  [0.22, 0.82, 0.15],
  [0.06, 0.84, 0.21],
  [0, 0.84, 0.22],
  [-0.06, 0.84, 0.21],
];

const mirror = ([x, y, z]: Point3): Point3 => [-x, y, z];

/** The 68 landmarks of a frontal generic head. */
export const GENERIC_FACE_3D: readonly Point3[] = [
  ...jaw,
  ...rightBrow,
  ...rightBrow.map(mirror).reverse(),
  ...nose,
  ...rightEye,
  // The left eye runs 42 (inner corner) .. 45 (outer) .. 47, mirroring 39 .. 36 .. 40.
  ...[3, 2, 1, 0, 5, 4].map((i) => mirror(rightEye[i] as Point3)),
  ...outerLips,
  ...innerLips,
];

/** Rotates by yaw (positive: the subject's left), pitch (positive: chin up) and roll, in degrees. */
export function rotate(p: Point3, yawDeg: number, pitchDeg = 0, rollDeg = 0): Point3 {
  const [yaw, pitch, roll] = [yawDeg, pitchDeg, rollDeg].map((d) => (d * Math.PI) / 180) as [
    number,
    number,
    number,
  ];
  let [x, y, z] = p;
  // Pitch about the x axis: chin up moves points in front of the eyes (z > 0) up (y smaller).
  [y, z] = [y * Math.cos(pitch) - z * Math.sin(pitch), y * Math.sin(pitch) + z * Math.cos(pitch)];
  // Yaw about the vertical axis: turning to the subject's left moves the nose to +x.
  [x, z] = [x * Math.cos(yaw) + z * Math.sin(yaw), -x * Math.sin(yaw) + z * Math.cos(yaw)];
  // Roll in the image plane.
  [x, y] = [x * Math.cos(roll) - y * Math.sin(roll), x * Math.sin(roll) + y * Math.cos(roll)];
  return [x, y, z];
}

/** A fixed colour schedule for tests: 12 segments of the palette, no colour twice in a row. */
export const TEST_COLOURS: readonly string[] = [
  '#ff0000',
  '#00ffff',
  '#0000ff',
  '#ffff00',
  '#00ff00',
  '#ff00ff',
  '#0000ff',
  '#ff0000',
  '#00ff00',
  '#ffff00',
  '#00ffff',
  '#ff00ff',
];
