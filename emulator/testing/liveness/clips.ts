/**
 * The liveness test clips: the attack matrix and the pass path, rendered from the shared photos
 * for a given challenge. Every clip is a 480 x 360 scene: a wall, and in front of it either the
 * synthetic 3D head ({@link buildHeadMesh}) or a print of a photo (a flat picture moved by a
 * homography). The screen shows the challenge's colours from the clip's start (white before and
 * after); the camera sees them `delayMs` later.
 *
 * | clip | what it is | expected |
 * | --- | --- | --- |
 * | pass | the 3D head, turns as requested, colours in time | GREEN |
 * | still | a print held still | LIVENESS_TURN_MISSING |
 * | moved2d | a print shifted, rotated, scaled and sheared in step with the turns | RED (turn or depth) |
 * | tilt20/35/50 | a print turned about its vertical (or horizontal) axis, up to 20/35/50° | LIVENESS_TURN_MISSING |
 * | alternating | prints of two photos of the same person, swapped every 400 ms | LIVENESS_DISCONTINUITY |
 * | late | the 3D head, colours 750 ms late | LIVENESS_REFLECTION_LATE |
 * | otherColours | the 3D head lit by another colour sequence | LIVENESS_REFLECTION_MISMATCH |
 * | short | the 3D head, clip two thirds of the schedule | LIVENESS_CLIP_TOO_SHORT |
 * | wrongOrder | the 3D head, turns reversed | LIVENESS_TURN_ORDER |
 * | anotherPerson | a 3D head made from another person's photo | FACE_MISMATCH |
 * | sheared | a print sheared hard (1.0) and squashed (0.5) with the turns | RED (depth) |
 */
import type { LivenessChallenge, TurnDirection } from '../../src/liveness/challenge.js';
import { hexToRgb, PALETTE, scheduleMs } from '../../src/liveness/challenge.js';
import {
  blankImage,
  clamp,
  encodeY4m,
  sample,
  type Point,
  type Rgb,
  type RgbImage,
} from './raster.js';
import { buildHeadMesh, renderHead, type FaceTexture, type HeadMesh } from './synthetic-head.js';

export const CLIP_WIDTH = 480;
export const CLIP_HEIGHT = 360;
/** Screen light on the face (facing the screen) and on the wall behind, relative to the room light. */
const FACE_LIGHT = 0.3;
const WALL_LIGHT = 0.03;
const AMBIENT = 0.8;
const WHITE: Rgb = [255, 255, 255];

export interface Motion {
  /** Turns performed, in order. */
  turns: readonly TurnDirection[];
  /** Peak yaw of a left/right turn and pitch of an up turn, degrees. */
  yawDeg: number;
  pitchDeg: number;
  /** When the first turn starts, and each turn's length (out and back), ms. */
  startMs: number;
  turnMs: number;
  /** Pause at frontal between turns, ms. */
  pauseMs: number;
}

export const DEFAULT_MOTION: Omit<Motion, 'turns'> = {
  yawDeg: 35,
  pitchDeg: 25,
  startMs: 900,
  turnMs: 1600,
  pauseMs: 500,
};

/** Yaw and pitch at time t: frontal, then each turn eased out, held, eased back. */
export function poseAt(tMs: number, motion: Motion): { yawDeg: number; pitchDeg: number } {
  for (const [k, turn] of motion.turns.entries()) {
    const start = motion.startMs + k * (motion.turnMs + motion.pauseMs);
    const u = (tMs - start) / motion.turnMs;
    if (u < 0 || u > 1) continue;
    // Out over 40 %, hold 20 %, back over 40 %, with a smooth (cosine) ease.
    const e = u < 0.4 ? ease(u / 0.4) : u < 0.6 ? 1 : ease((1 - u) / 0.4);
    if (turn === 'up') return { yawDeg: 0, pitchDeg: e * motion.pitchDeg };
    return { yawDeg: (turn === 'left' ? 1 : -1) * e * motion.yawDeg, pitchDeg: 0 };
  }
  return { yawDeg: 0, pitchDeg: 0 };
}

const ease = (u: number) => (1 - Math.cos(Math.PI * u)) / 2;

/** The screen's colour the camera sees at time t (the challenge's, `delayMs` late; white outside). */
export function screenAt(
  tMs: number,
  colours: readonly string[],
  segmentMs: number,
  delayMs: number,
): Rgb {
  const k = Math.floor((tMs - delayMs) / segmentMs);
  return k >= 0 && k < colours.length ? hexToRgb(colours[k] as string) : WHITE;
}

/** A plain wall with a soft gradient and a door frame: something for the camera to expose on. */
function wall(): RgbImage {
  const img = blankImage(CLIP_WIDTH, CLIP_HEIGHT);
  for (let y = 0; y < CLIP_HEIGHT; y++) {
    for (let x = 0; x < CLIP_WIDTH; x++) {
      const door = x > 395 && x < 455 && y > 40 ? (x < 401 || x > 449 || y < 46 ? -40 : -15) : 0;
      const base = 200 - 0.06 * y - 0.03 * x + door;
      const i = (y * CLIP_WIDTH + x) * 3;
      img.data[i] = base;
      img.data[i + 1] = base - 8;
      img.data[i + 2] = base - 22;
    }
  }
  return img;
}

const WALL = wall();

/** The wall lit by the room and a little by the screen, plus camera noise later. */
function litWall(screen: Rgb): RgbImage {
  const frame = blankImage(CLIP_WIDTH, CLIP_HEIGHT);
  const gain = [0, 1, 2].map((c) => AMBIENT + (WALL_LIGHT * (screen[c] as number)) / 255);
  for (let i = 0; i < WALL.data.length; i += 3) {
    for (let c = 0; c < 3; c++)
      frame.data[i + c] = clamp((WALL.data[i + c] as number) * (gain[c] as number));
  }
  return frame;
}

/** Deterministic camera noise (±3 levels). */
function addNoise(frame: RgbImage, seed: number): void {
  let s = seed >>> 0 || 1;
  for (let i = 0; i < frame.data.length; i++) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    frame.data[i] = clamp((frame.data[i] as number) + (((s >>> 0) % 7) - 3));
  }
}

const PLACEMENT = { centre: [240, 150] as Point, eyeSpanPx: 78, cameraDistance: 6 };

export interface HeadClipOptions {
  challenge: Pick<LivenessChallenge, 'colours' | 'segmentMs'>;
  motion: Motion;
  durationMs: number;
  fps: number;
  /** Camera delay of the screen's colours, ms. Default 150. */
  delayMs?: number;
  /** Light the head with these colours instead of the challenge's. */
  colours?: readonly string[];
}

/** Frames of the synthetic head performing `motion` under the screen's colours. */
export function renderHeadFrames(mesh: HeadMesh, options: HeadClipOptions): RgbImage[] {
  const colours = options.colours ?? options.challenge.colours;
  const frames: RgbImage[] = [];
  for (let n = 0; n * (1000 / options.fps) < options.durationMs - 1e-6; n++) {
    const t = (n * 1000) / options.fps;
    const screen = screenAt(t, colours, options.challenge.segmentMs, options.delayMs ?? 150);
    frames.push(headFrame(mesh, poseAt(t, options.motion), screen, n + 1));
  }
  return frames;
}

/**
 * One frame of the scene with the 3D head at `pose`, lit by `screen` (camera noise seeded by
 * `seed`). Also what a reactive virtual camera draws, frame by frame (test/browser).
 */
export function headFrame(
  mesh: HeadMesh,
  pose: { yawDeg: number; pitchDeg: number },
  screen: Rgb,
  seed: number,
): RgbImage {
  const frame = litWall(screen);
  renderHead(mesh, frame, pose, PLACEMENT, { ambient: AMBIENT, screen, strength: FACE_LIGHT });
  addNoise(frame, seed);
  return frame;
}

/** A homography (row-major 3x3) from the print's photo pixels to frame pixels, at time t. */
export type PrintMotion = (tMs: number) => readonly number[];

/**
 * Frames of a print (the photo cropped to the head) in front of the wall, moved by `motion`,
 * lit by the screen like any surface facing it. `photos` alternate every `alternateMs`.
 */
export function renderPrintFrames(
  photos: readonly FaceTexture[],
  motion: (photo: FaceTexture) => PrintMotion,
  options: Omit<HeadClipOptions, 'motion'> & { alternateMs?: number },
): RgbImage[] {
  const colours = options.colours ?? options.challenge.colours;
  const frames: RgbImage[] = [];
  for (let n = 0; n * (1000 / options.fps) < options.durationMs - 1e-6; n++) {
    const t = (n * 1000) / options.fps;
    const photo = photos[
      Math.floor(t / (options.alternateMs ?? Infinity)) % photos.length
    ] as FaceTexture;
    const screen = screenAt(t, colours, options.challenge.segmentMs, options.delayMs ?? 150);
    frames.push(printFrame(photo, motion(photo)(t), screen, n + 1));
  }
  return frames;
}

/**
 * One frame of the scene with a print of `photo` placed by the homography `h` (photo pixels to
 * frame pixels), lit by `screen` like any surface facing it; camera noise seeded by `seed`.
 */
export function printFrame(
  photo: FaceTexture,
  h: readonly number[],
  screen: Rgb,
  seed: number,
): RgbImage {
  const frame = litWall(screen);
  const texel = [0, 0, 0];
  const inverse = invert3(h);
  const crop = printCrop(photo);
  const gain = [0, 1, 2].map((c) => AMBIENT + (FACE_LIGHT * (screen[c] as number)) / 255);
  for (let y = 0; y < CLIP_HEIGHT; y++) {
    for (let x = 0; x < CLIP_WIDTH; x++) {
      const w = (inverse[6] as number) * x + (inverse[7] as number) * y + (inverse[8] as number);
      const u =
        ((inverse[0] as number) * x + (inverse[1] as number) * y + (inverse[2] as number)) / w;
      const v =
        ((inverse[3] as number) * x + (inverse[4] as number) * y + (inverse[5] as number)) / w;
      if (u < crop.x0 || u > crop.x1 || v < crop.y0 || v > crop.y1) continue;
      if (!sample(photo, u, v, texel)) continue;
      const i = (y * CLIP_WIDTH + x) * 3;
      for (let c = 0; c < 3; c++)
        frame.data[i + c] = clamp((texel[c] as number) * (gain[c] as number));
    }
  }
  addNoise(frame, seed);
  return frame;
}

/** The part of the photo a print shows: the head and some of the shoulders. */
function printCrop(photo: FaceTexture) {
  const { centre, span } = eyeFrame(photo);
  return {
    x0: centre[0] - 1.6 * span,
    x1: centre[0] + 1.6 * span,
    y0: centre[1] - 1.6 * span,
    y1: centre[1] + 2.2 * span,
  };
}

function eyeFrame(photo: FaceTexture) {
  const r = photo.landmarks[36] as Point;
  const l = photo.landmarks[45] as Point;
  return {
    centre: [(r[0] + l[0]) / 2, (r[1] + l[1]) / 2] as Point,
    span: Math.hypot(l[0] - r[0], l[1] - r[1]),
  };
}

/** Maps the photo so its eyes land where the synthetic head's do, then applies `m` about that point. */
function placePrint(photo: FaceTexture, m: readonly number[]): number[] {
  const { centre, span } = eyeFrame(photo);
  const s = PLACEMENT.eyeSpanPx / span;
  // photo -> frame, frontal: scale about the eye centre, move it to the placement centre.
  const base = [
    s,
    0,
    PLACEMENT.centre[0] - s * centre[0],
    0,
    s,
    PLACEMENT.centre[1] - s * centre[1],
    0,
    0,
    1,
  ];
  const toOrigin = [1, 0, -PLACEMENT.centre[0], 0, 1, -PLACEMENT.centre[1], 0, 0, 1];
  const back = [1, 0, PLACEMENT.centre[0], 0, 1, PLACEMENT.centre[1], 0, 0, 1];
  return mul3(back, mul3(m as number[], mul3(toOrigin, base)));
}

/**
 * A print moved in 2D in step with the turns: for a left/right turn it slides sideways, rotates
 * a little, shrinks and shears (the nose, below the eyes, shifts sideways as in a real turn); for
 * an up turn it squashes vertically (the nose drop shortens as in a real one) and moves up.
 */
export function moved2d(
  motion: Motion,
  shearMax = 0.55,
  squashMax = 0.4,
): (photo: FaceTexture) => PrintMotion {
  return (photo) => (t) => {
    const { yawDeg, pitchDeg } = poseAt(t, motion);
    return moved2dAt(photo, yawDeg / motion.yawDeg || 0, pitchDeg / motion.pitchDeg || 0, {
      shearMax,
      squashMax,
    });
  };
}

/**
 * The homography of {@link moved2d} for a turn under way: `a` the left/right turn's share of its
 * peak (-1..1, positive to the person's left), `b` the up turn's (0..1).
 */
export function moved2dAt(
  photo: FaceTexture,
  a: number,
  b: number,
  { shearMax = 0.55, squashMax = 0.4 } = {},
): number[] {
  const shear = shearMax * a;
  const rot = (4 * a * Math.PI) / 180;
  const scale = 1 - 0.08 * Math.abs(a);
  const squash = 1 - squashMax * b;
  const m = [
    scale * Math.cos(rot),
    scale * (shear - Math.sin(rot)),
    30 * a,
    scale * Math.sin(rot),
    scale * squash * Math.cos(rot),
    -20 * b,
    0,
    0,
    1,
  ];
  return placePrint(photo, m);
}

/**
 * A print turned in 3D (a homography: the photo's plane rotated about its vertical axis for a
 * left/right turn, its horizontal axis for up) by up to `tiltDeg`, in step with the turns, seen
 * by the same pinhole camera as the head.
 */
export function tilted(motion: Motion, tiltDeg: number): (photo: FaceTexture) => PrintMotion {
  return (photo) => (t) => {
    const { yawDeg, pitchDeg } = poseAt(t, motion);
    return tiltedAt(photo, yawDeg / motion.yawDeg || 0, pitchDeg / motion.pitchDeg || 0, tiltDeg);
  };
}

/** The homography of {@link tilted} for a turn's share `a` (left/right) and `b` (up) of its peak. */
export function tiltedAt(photo: FaceTexture, a: number, b: number, tiltDeg: number): number[] {
  const yaw = (a * tiltDeg * Math.PI) / 180;
  const pitch = (b * tiltDeg * Math.PI) / 180;
  // The plane z = 0 (frame units about the placement centre), rotated, seen from distance d.
  const d = PLACEMENT.cameraDistance * PLACEMENT.eyeSpanPx;
  const [cy, sy, cp, sp] = [Math.cos(yaw), Math.sin(yaw), Math.cos(pitch), Math.sin(pitch)];
  // Columns of R for the plane's x and y axes (yaw about y, then pitch about x).
  const r1 = [cy, sp * sy, -cp * sy];
  const r2 = [0, cp, sp];
  // x' = d * (X r1x + Y r2x) / (d - (X r1z + Y r2z)), likewise y'.
  const m = [
    d * (r1[0] as number),
    d * (r2[0] as number),
    0,
    d * (r1[1] as number),
    d * (r2[1] as number),
    0,
    -(r1[2] as number),
    -(r2[2] as number),
    d,
  ];
  return placePrint(
    photo,
    m.map((v) => v / d),
  );
}

export const still: (photo: FaceTexture) => PrintMotion = (photo) => () =>
  placePrint(photo, [1, 0, 0, 0, 1, 0, 0, 0, 1]);

export function mul3(a: readonly number[], b: readonly number[]): number[] {
  const out = new Array<number>(9).fill(0);
  for (let r = 0; r < 3; r++) {
    for (let c = 0; c < 3; c++) {
      for (let k = 0; k < 3; k++)
        out[r * 3 + c] =
          (out[r * 3 + c] as number) + (a[r * 3 + k] as number) * (b[k * 3 + c] as number);
    }
  }
  return out;
}

function invert3(m: readonly number[]): number[] {
  const [a, b, c, d, e, f, g, h, i] = m as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const A = e * i - f * h;
  const B = -(d * i - f * g);
  const C = d * h - e * g;
  const det = a * A + b * B + c * C;
  return [
    A,
    -(b * i - c * h),
    b * f - c * e,
    B,
    a * i - c * g,
    -(a * f - c * d),
    C,
    -(a * h - b * g),
    a * e - b * d,
  ].map((v) => v / det);
}

/** Y4M bytes of frames. */
export function toY4m(frames: readonly RgbImage[], fps: number): Buffer {
  return encodeY4m(frames, fps);
}

export { buildHeadMesh, type FaceTexture, type HeadMesh };

export interface MatrixCast {
  challenge: Pick<LivenessChallenge, 'colours' | 'segmentMs' | 'turns'>;
  /** The account owner's photo (the print attacks) and a second one of them (alternating). */
  owner: FaceTexture;
  ownerAgain: FaceTexture;
  /** 3D heads of the owner and of someone else. */
  ownerHead: HeadMesh;
  otherHead: HeadMesh;
  fps: number;
  durationMs: number;
}

/** The clips of the matrix (see the table at the top), each rendered on demand. */
export function matrixClips(cast: MatrixCast): Record<string, () => RgbImage[]> {
  const { challenge, fps, durationMs } = cast;
  const motion: Motion = { ...DEFAULT_MOTION, turns: challenge.turns };
  const opts = { challenge, durationMs, fps };
  const head =
    (mesh: HeadMesh, extra: Partial<HeadClipOptions> = {}) =>
    () =>
      renderHeadFrames(mesh, { ...opts, motion, ...extra });
  const print = (move: (photo: FaceTexture) => PrintMotion) => () =>
    renderPrintFrames([cast.owner], move, opts);
  return {
    pass: head(cast.ownerHead),
    still: print(still),
    moved2d: print(moved2d(motion)),
    sheared: print(moved2d(motion, 1.0, 0.5)),
    tilt20: print(tilted(motion, 20)),
    tilt35: print(tilted(motion, 35)),
    tilt50: print(tilted(motion, 50)),
    alternating: () =>
      renderPrintFrames([cast.owner, cast.ownerAgain], still, { ...opts, alternateMs: 400 }),
    late: head(cast.ownerHead, { delayMs: 750 }),
    // Every segment one palette step on: another colour each time.
    otherColours: head(cast.ownerHead, {
      colours: challenge.colours.map(
        (c) => PALETTE[(PALETTE.indexOf(c as never) + 1) % PALETTE.length] as string,
      ),
    }),
    // Two thirds of the schedule, both turns squeezed into it.
    short: head(cast.ownerHead, {
      durationMs: Math.round((scheduleMs(challenge) * 2) / 3),
      motion: { ...motion, startMs: 300, turnMs: 1100, pauseMs: 100 },
    }),
    wrongOrder: head(cast.ownerHead, { motion: { ...motion, turns: [...motion.turns].reverse() } }),
    anotherPerson: head(cast.otherHead),
  };
}
