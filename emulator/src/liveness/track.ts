/**
 * From per-frame landmarks to motion evidence: the pose track relative to the clip's frontal
 * start, the head turns made (and the parallax each showed), and the breaks in continuity. Pure.
 */
import { euclideanDistance } from '../reviews/engine/similarity.js';
import type { TurnDirection } from './challenge.js';
import type { FrameMeasurement } from './measurements.js';
import { appearanceSimilarity } from './pixels.js';
import { facePose, noseParallax, pitchFromNoseDrop, type FacePose } from './pose.js';

export interface MotionCalibration {
  /** Yaw from frontal that counts as a left or right turn, degrees. */
  turnDeg: number;
  /** Pitch from frontal that counts as an up turn, degrees. */
  upDeg: number;
  /** Yaw and pitch within this of frontal count as back to frontal, degrees. */
  frontalDeg: number;
  /** Nose parallax a turn must show, in eye-corner distances. */
  minParallax: number;
  /** Frames (of ~5 per second) allowed without a face, e.g. a detector miss at the widest turn. */
  maxFramesWithoutFace: number;
  /** Largest yaw or pitch change between frames 200 ms apart, degrees. */
  maxPoseStepDeg: number;
  /**
   * Largest change of that change over three frames (a second difference), degrees: a head's pose
   * changes smoothly, a swap between two pictures goes there and back at once.
   */
  maxPoseJerkDeg: number;
  /**
   * A pose change of at least this much between two frames, with the head still (less than
   * `stillDeg`) in the steps just before and after, is a jump between pictures: a head turns with
   * a ramp up and down, a swapped photo goes from still to still at once. Degrees.
   */
  isolatedJumpDeg: number;
  stillDeg: number;
  /** Largest move of the eyes between frames 200 ms apart, in eye-corner distances. */
  maxMoveStep: number;
  /** Largest change of the face's scale between two frames (ratio). */
  maxScaleStep: number;
  /** Smallest appearance similarity (NCC of aligned crops) between two frames at the same pose. */
  minAppearance: number;
  /** Largest descriptor distance between two consecutive frames that have descriptors, at the same pose. */
  maxDescriptorStep: number;
  /** Two frames are "at the same pose" when their yaw and pitch differ by less than this, degrees. */
  samePoseDeg: number;
  /** Largest gap between two analysed frames, ms (a cut, or frames dropped). */
  maxGapMs: number;
}

export const DEFAULT_MOTION_CALIBRATION: MotionCalibration = {
  turnDeg: 20,
  upDeg: 15,
  frontalDeg: 10,
  minParallax: 0.08,
  maxFramesWithoutFace: 1,
  maxPoseStepDeg: 30,
  maxPoseJerkDeg: 30,
  isolatedJumpDeg: 12,
  stillDeg: 3,
  maxMoveStep: 0.8,
  maxScaleStep: 1.3,
  minAppearance: 0.5,
  maxDescriptorStep: 0.45,
  samePoseDeg: 8,
  maxGapMs: 1000,
};

export interface TrackPoint {
  tMs: number;
  /** Significant faces in the frame. */
  faces: number;
  /** Relative to the clip's frontal start; null without exactly one face. */
  yawDeg: number | null;
  pitchDeg: number | null;
  /**
   * Nose parallax against the frontal reference frame, eye-corner distances: along the eye line
   * (positive towards the subject's left) and across it (positive downwards).
   */
  parallaxAlong: number | null;
  parallaxAcross: number | null;
}

export interface Turn {
  direction: TurnDirection;
  /** Largest yaw (left/right) or pitch (up) reached, degrees, in the turn's direction. */
  peakDeg: number;
  peakTMs: number;
  /** Largest nose parallax during the turn in the turn's own direction (see {@link depthOf}). */
  parallax: number;
  /** Came back to frontal afterwards. */
  returned: boolean;
}

export type BreakKind =
  'gap' | 'move' | 'scale' | 'pose' | 'jerk' | 'jump' | 'appearance' | 'identity';

export interface ContinuityBreak {
  kind: BreakKind;
  /** Time of the later of the two frames, ms. */
  tMs: number;
  value: number;
}

export interface MotionAnalysis {
  track: TrackPoint[];
  /** Index of the frontal reference frame (the parallax and identity reference), or -1. */
  referenceIndex: number;
  turns: Turn[];
  /** Largest amplitude reached in each direction over the whole clip, degrees. */
  amplitudeDeg: Record<TurnDirection, number>;
  /** Parallax in each direction at the frame of that largest amplitude (see {@link depthOf}). */
  depthAtPeak: Record<TurnDirection, number>;
  breaks: ContinuityBreak[];
  framesWithoutFace: number;
  framesWithSeveralFaces: number;
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? (sorted[Math.floor(sorted.length / 2)] as number) : 0;
};

/** Baseline from the frontal start: the first second's near-frontal frames (else any). */
function baseline(poses: (FacePose | null)[], frames: readonly FrameMeasurement[]) {
  const nearFrontal = (p: FacePose | null): p is FacePose => !!p && Math.abs(p.yawDeg) < 15;
  let candidates = poses
    .map((p, i) => ({ p, i }))
    .filter(({ p, i }) => nearFrontal(p) && (frames[i] as FrameMeasurement).tMs <= 1000);
  if (!candidates.length)
    candidates = poses.map((p, i) => ({ p, i })).filter(({ p }) => nearFrontal(p));
  if (!candidates.length) return null;
  const yaw = median(candidates.map(({ p }) => (p as FacePose).yawDeg));
  const drop = median(candidates.map(({ p }) => (p as FacePose).noseDrop));
  const reference = candidates.reduce((best, c) =>
    Math.abs((c.p as FacePose).yawDeg - yaw) < Math.abs((best.p as FacePose).yawDeg - yaw)
      ? c
      : best,
  );
  return { yaw, drop, referenceIndex: reference.i };
}

/** Pose track, turns and continuity of a clip's frames. */
export function analyseMotion(
  frames: readonly FrameMeasurement[],
  calibration: MotionCalibration = DEFAULT_MOTION_CALIBRATION,
): MotionAnalysis {
  const cal = calibration;
  const single = frames.map((f) => (f.faces.length === 1 ? f.faces[0] : undefined));
  const poses = single.map((face) => (face ? facePose(face.landmarks) : null));
  const base = baseline(poses, frames);
  const reference = base ? single[base.referenceIndex] : undefined;

  const track: TrackPoint[] = frames.map((f, i) => {
    const pose = poses[i];
    const face = single[i];
    if (!pose || !face || !base || !reference) {
      return {
        tMs: f.tMs,
        faces: f.faces.length,
        yawDeg: null,
        pitchDeg: null,
        parallaxAlong: null,
        parallaxAcross: null,
      };
    }
    const parallax = noseParallax(reference.landmarks, face.landmarks);
    return {
      tMs: f.tMs,
      faces: f.faces.length,
      yawDeg: round(pose.yawDeg - base.yaw, 1),
      pitchDeg: round(pitchFromNoseDrop(pose.noseDrop, base.drop), 1),
      parallaxAlong: round(parallax.along, 4),
      parallaxAcross: round(parallax.across, 4),
    };
  });

  const amplitudeDeg: Record<TurnDirection, number> = { left: 0, right: 0, up: 0 };
  const depthAtPeak: Record<TurnDirection, number> = { left: 0, right: 0, up: 0 };
  const consider = (d: TurnDirection, deg: number, p: TrackPoint) => {
    if (deg <= amplitudeDeg[d]) return;
    amplitudeDeg[d] = deg;
    depthAtPeak[d] = round(depthOf(p, d), 4);
  };
  for (const p of track) {
    if (p.yawDeg === null || p.pitchDeg === null) continue;
    consider('left', p.yawDeg, p);
    consider('right', -p.yawDeg, p);
    // An up turn is a pitch with the head kept straight: a turned head's pitch reads poorly.
    if (Math.abs(p.yawDeg) < cal.turnDeg) consider('up', p.pitchDeg, p);
  }

  return {
    track,
    referenceIndex: base?.referenceIndex ?? -1,
    turns: findTurns(track, cal),
    amplitudeDeg: {
      left: round(amplitudeDeg.left, 1),
      right: round(amplitudeDeg.right, 1),
      up: round(amplitudeDeg.up, 1),
    },
    depthAtPeak,
    breaks: findBreaks(frames, poses, track, cal),
    framesWithoutFace: frames.filter((f) => f.faces.length === 0).length,
    framesWithSeveralFaces: frames.filter((f) => f.faces.length > 1).length,
  };
}

/**
 * Turns are excursions from frontal: from the first frame past a turn threshold to the next frame
 * back within `frontalDeg`. An excursion's direction is the one it went furthest in, relative to
 * that direction's threshold.
 */
function findTurns(track: readonly TrackPoint[], cal: MotionCalibration): Turn[] {
  const turns: Turn[] = [];
  let current: {
    peak: Record<TurnDirection, [number, number]>;
    depth: Record<TurnDirection, number>;
  } | null = null;
  const close = (returned: boolean) => {
    if (!current) return;
    const entries = Object.entries(current.peak) as [TurnDirection, [number, number]][];
    const score = ([d, [deg]]: [TurnDirection, [number, number]]) =>
      deg / (d === 'up' ? cal.upDeg : cal.turnDeg);
    const [direction, [peakDeg, peakTMs]] = entries.reduce((a, b) => (score(b) > score(a) ? b : a));
    turns.push({
      direction,
      peakDeg: round(peakDeg, 1),
      peakTMs,
      parallax: round(current.depth[direction], 4),
      returned,
    });
    current = null;
  };
  for (const p of track) {
    if (p.yawDeg === null || p.pitchDeg === null) continue;
    const yaw = p.yawDeg;
    const pitch = Math.abs(yaw) < cal.turnDeg ? p.pitchDeg : 0;
    const turning = yaw >= cal.turnDeg || -yaw >= cal.turnDeg || pitch >= cal.upDeg;
    const frontal = Math.abs(yaw) < cal.frontalDeg && Math.abs(p.pitchDeg) < cal.frontalDeg;
    if (turning) {
      current ??= {
        peak: { left: [0, p.tMs], right: [0, p.tMs], up: [0, p.tMs] },
        depth: { left: 0, right: 0, up: 0 },
      };
      const update = (d: TurnDirection, deg: number) => {
        if (deg > current!.peak[d][0]) current!.peak[d] = [deg, p.tMs];
      };
      update('left', yaw);
      update('right', -yaw);
      update('up', pitch);
    }
    if (current) {
      for (const d of ['left', 'right', 'up'] as const) {
        current.depth[d] = Math.max(current.depth[d], depthOf(p, d));
      }
    }
    if (frontal) close(true);
  }
  close(false);
  return turns;
}

/**
 * The parallax a turn in `direction` should show: the nose moves towards the subject's left in a
 * left turn, right in a right turn, up in an up turn. Landmark noise on a flat picture points any
 * way; only the component in the turn's direction counts as depth.
 */
export function depthOf(p: TrackPoint, direction: TurnDirection): number {
  if (p.parallaxAlong === null || p.parallaxAcross === null) return 0;
  if (direction === 'left') return p.parallaxAlong;
  if (direction === 'right') return -p.parallaxAlong;
  return -p.parallaxAcross;
}

/** Jumps between consecutive analysed frames that no head moves in 200 ms. */
function findBreaks(
  frames: readonly FrameMeasurement[],
  poses: readonly (FacePose | null)[],
  track: readonly TrackPoint[],
  cal: MotionCalibration,
): ContinuityBreak[] {
  const breaks: ContinuityBreak[] = [];
  let previous = -1;
  let beforePrevious = -1;
  let previousDescriptor = -1;
  for (let i = 0; i < frames.length; i++) {
    const frame = frames[i] as FrameMeasurement;
    if (i > 0) {
      const gap = frame.tMs - (frames[i - 1] as FrameMeasurement).tMs;
      if (gap > cal.maxGapMs) breaks.push({ kind: 'gap', tMs: frame.tMs, value: round(gap, 0) });
    }
    const pose = poses[i];
    if (!pose || frame.faces.length !== 1) continue;
    if (previous >= 0) {
      const before = frames[previous] as FrameMeasurement;
      const poseBefore = poses[previous] as FacePose;
      // Thresholds are per 200 ms; a longer step (a missed frame) allows proportionally more.
      const steps = Math.max(1, (frame.tMs - before.tMs) / 200);
      const eyes = (f: FrameMeasurement) => {
        const lm = f.faces[0]!.landmarks;
        return [(lm[36]![0] + lm[45]![0]) / 2, (lm[36]![1] + lm[45]![1]) / 2];
      };
      const [ax, ay] = eyes(before);
      const [bx, by] = eyes(frame);
      const move = Math.hypot(bx! - ax!, by! - ay!) / Math.max(poseBefore.eyeSpanPx, 1);
      if (move > cal.maxMoveStep * steps)
        breaks.push({ kind: 'move', tMs: frame.tMs, value: round(move, 3) });
      const scale = pose.eyeSpanPx / Math.max(poseBefore.eyeSpanPx, 1);
      if (Math.max(scale, 1 / scale) > cal.maxScaleStep) {
        breaks.push({ kind: 'scale', tMs: frame.tMs, value: round(scale, 3) });
      }
      const a = track[previous] as TrackPoint;
      const b = track[i] as TrackPoint;
      const poseStep = Math.max(
        Math.abs((b.yawDeg ?? 0) - (a.yawDeg ?? 0)),
        Math.abs((b.pitchDeg ?? 0) - (a.pitchDeg ?? 0)),
      );
      if (poseStep > cal.maxPoseStepDeg * steps) {
        breaks.push({ kind: 'pose', tMs: frame.tMs, value: round(poseStep, 1) });
      }
      if (beforePrevious >= 0) {
        const z = track[beforePrevious] as TrackPoint;
        const jerk = Math.max(
          Math.abs((b.yawDeg ?? 0) - 2 * (a.yawDeg ?? 0) + (z.yawDeg ?? 0)),
          Math.abs((b.pitchDeg ?? 0) - 2 * (a.pitchDeg ?? 0) + (z.pitchDeg ?? 0)),
        );
        if (jerk > cal.maxPoseJerkDeg * steps) {
          breaks.push({ kind: 'jerk', tMs: frame.tMs, value: round(jerk, 1) });
        }
      }
      // A turning face changes its look; the same face at the same pose does not.
      if (frame.appearance && before.appearance && poseStep < cal.samePoseDeg) {
        const similarity = appearanceSimilarity(frame.appearance, before.appearance);
        if (similarity < cal.minAppearance) {
          breaks.push({ kind: 'appearance', tMs: frame.tMs, value: round(similarity, 3) });
        }
      }
    }
    beforePrevious = previous;
    previous = i;
    if (frame.descriptor) {
      const a = track[previousDescriptor];
      const b = track[i] as TrackPoint;
      const samePose =
        a &&
        Math.abs((b.yawDeg ?? 0) - (a.yawDeg ?? 0)) < cal.samePoseDeg &&
        Math.abs((b.pitchDeg ?? 0) - (a.pitchDeg ?? 0)) < cal.samePoseDeg;
      if (previousDescriptor >= 0 && samePose) {
        const d = euclideanDistance(
          frame.descriptor,
          (frames[previousDescriptor] as FrameMeasurement).descriptor as number[],
        );
        if (d > cal.maxDescriptorStep)
          breaks.push({ kind: 'identity', tMs: frame.tMs, value: round(d, 3) });
      }
      previousDescriptor = i;
    }
  }
  breaks.push(...isolatedJumps(track, cal));
  return breaks.sort((a, b) => a.tMs - b.tMs);
}

function isolatedJumps(track: readonly TrackPoint[], cal: MotionCalibration): ContinuityBreak[] {
  const valid = track.filter((p) => p.yawDeg !== null && p.pitchDeg !== null);
  const steps = valid.slice(1).map((p, k) => {
    const q = valid[k] as TrackPoint;
    return Math.max(
      Math.abs((p.yawDeg as number) - (q.yawDeg as number)),
      Math.abs((p.pitchDeg as number) - (q.pitchDeg as number)),
    );
  });
  const jumps: ContinuityBreak[] = [];
  for (let k = 1; k < steps.length - 1; k++) {
    const step = steps[k] as number;
    if (
      step >= cal.isolatedJumpDeg &&
      (steps[k - 1] as number) < cal.stillDeg &&
      (steps[k + 1] as number) < cal.stillDeg
    ) {
      jumps.push({ kind: 'jump', tMs: (valid[k + 1] as TrackPoint).tMs, value: round(step, 1) });
    }
  }
  return jumps;
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
