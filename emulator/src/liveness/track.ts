/**
 * From per-frame landmarks to motion evidence: the pose track relative to the clip's frontal
 * start, the head turns made (and the parallax each showed), and the breaks in continuity. Pure.
 */
import { euclideanDistance } from '../reviews/engine/similarity.js';
import type { TurnDirection } from './challenge.js';
import type { FullRateFrames } from './decode.js';
import { changeSpread, type ChangeSpread } from './full-rate.js';
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
  /**
   * Largest yaw or pitch speed between two analysed frames, degrees per second (the change over
   * the time between them): more than a head turns.
   */
  maxPoseSpeedDegPerS: number;
  /**
   * Largest change of that speed between two consecutive steps, degrees per second squared (a
   * second difference over the steps' times): a pose that goes there and back faster than a head
   * reverses, as two pictures swapped back and forth do.
   */
  maxPoseAccelDegPerS2: number;
  /**
   * A pose change of at least this much between two analysed frames, with the head still (less
   * than `stillDeg`) in the steps just before and after, is a candidate jump between pictures.
   * At 5 analysed frames per second a head turning at a person's speed does the same, so the
   * candidate is a jump only if, at the clip's own frame rate, one frame-to-frame change carries
   * at least `cutShare` of it (see full-rate.ts): a cut happens between two frames, a head turns
   * over several. Degrees.
   */
  isolatedJumpDeg: number;
  stillDeg: number;
  /**
   * A change between two analysed frames is a cut when, at the clip's own frame rate, one
   * frame-to-frame change carries at least this share of it (above the quietest step)...
   */
  cutShare: number;
  /** ...and is at least this large (standard deviations of the face's area; noise is ~0.1)... */
  minCutChange: number;
  /**
   * ...between two frames at most this far apart, ms (a 15 fps camera's interval, plus slack). A
   * loaded browser's recording has gaps of 100-300 ms: a head turns through them, and the browser
   * pass path read two such gaps as cuts (17° at 3.57 s and 0.91 s). Across a longer gap the
   * change cannot be told from a turn: the 5 fps rules stand for it.
   */
  maxCutGapMs: number;
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
  maxPoseSpeedDegPerS: 300,
  maxPoseAccelDegPerS2: 2000,
  isolatedJumpDeg: 12,
  stillDeg: 3,
  cutShare: 0.6,
  minCutChange: 0.3,
  maxCutGapMs: 80,
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
  'gap' | 'move' | 'scale' | 'pose' | 'jerk' | 'jump' | 'cut' | 'appearance' | 'identity';

export interface ContinuityBreak {
  kind: BreakKind;
  /** Time of the later of the two frames, ms. */
  tMs: number;
  value: number;
}

export interface FullRateCheck extends ChangeSpread {
  /** Time of the later analysed frame, ms. */
  tMs: number;
  stepDeg: number;
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
  /** Sudden changes (a large pose step, a same-pose crop drop) looked at frame by frame. */
  fullRateChecks: FullRateCheck[];
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
  fullRate: FullRateFrames | null = null,
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
    ...findBreaks(frames, poses, track, cal, fullRate),
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
  fullRate: FullRateFrames | null,
): { breaks: ContinuityBreak[]; fullRateChecks: FullRateCheck[] } {
  const breaks: ContinuityBreak[] = [];
  const fullRateChecks: FullRateCheck[] = [];
  /**
   * How the change between analysed frames `a` and `b` happened at the clip's own frame rate:
   * `cut` when one frame-to-frame change carries it, `motion` when it spreads over several, null
   * when there is nothing in between to tell (no full-rate frames, or a 5 fps clip).
   */
  const seen = new Map<number, 'cut' | 'motion' | null>();
  const seenAtFullRate = (a: number, b: number, stepDeg: number): 'cut' | 'motion' | null => {
    if (!seen.has(b)) seen.set(b, lookAtFullRate(a, b, stepDeg));
    return seen.get(b) ?? null;
  };
  const lookAtFullRate = (a: number, b: number, stepDeg: number): 'cut' | 'motion' | null => {
    if (!fullRate) return null;
    const [fa, fb] = [frames[a] as FrameMeasurement, frames[b] as FrameMeasurement];
    const spread = changeSpread(fullRate, fa.tMs, fb.tMs, [fa.faces[0]!.box, fb.faces[0]!.box]);
    if (spread.steps < 2) return null;
    fullRateChecks.push({ tMs: fb.tMs, stepDeg: round(stepDeg, 1), ...spread });
    if (spread.share < cal.cutShare || spread.largest < cal.minCutChange) return 'motion';
    // A change across a gap where the camera dropped frames may be a head turning in the gap.
    return spread.largestGapMs <= cal.maxCutGapMs ? 'cut' : null;
  };
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
      const dt = Math.max(frame.tMs - before.tMs, 1) / 1000;
      const speed = poseStep / dt;
      if (speed > cal.maxPoseSpeedDegPerS) {
        breaks.push({ kind: 'pose', tMs: frame.tMs, value: Math.round(speed) });
      }
      if (beforePrevious >= 0) {
        const z = track[beforePrevious] as TrackPoint;
        const dtBefore =
          Math.max(before.tMs - (frames[beforePrevious] as FrameMeasurement).tMs, 1) / 1000;
        // Change of speed between the two steps, over the time between their midpoints.
        const accel = (now: number | null, then: number | null, first: number | null) =>
          Math.abs(((now ?? 0) - (then ?? 0)) / dt - ((then ?? 0) - (first ?? 0)) / dtBefore) /
          ((dt + dtBefore) / 2);
        const jerk = Math.max(
          accel(b.yawDeg, a.yawDeg, z.yawDeg),
          accel(b.pitchDeg, a.pitchDeg, z.pitchDeg),
        );
        if (jerk > cal.maxPoseAccelDegPerS2) {
          breaks.push({ kind: 'jerk', tMs: frame.tMs, value: Math.round(jerk) });
        }
      }
      // A turning face changes its look; the same face at the same pose does not. The aligned
      // crops follow the landmarks, which wobble on a turned face: where the clip's frames show
      // how the look changed, only a change between two frames (a cut) counts.
      if (frame.appearance && before.appearance && poseStep < cal.samePoseDeg) {
        const similarity = appearanceSimilarity(frame.appearance, before.appearance);
        if (similarity < cal.minAppearance && seenAtFullRate(previous, i, poseStep) !== 'motion') {
          breaks.push({ kind: 'appearance', tMs: frame.tMs, value: round(similarity, 3) });
        }
      } else if (poseStep >= cal.samePoseDeg && seenAtFullRate(previous, i, poseStep) === 'cut') {
        // A pose change carried by one frame: a cut between two pictures, at any pace. Every
        // step the appearance rule above does not cover is looked at: a splice of two takes
        // whose poses differed by 8-12° at the join went through when only steps of 12° and more
        // were.
        breaks.push({ kind: 'cut', tMs: frame.tMs, value: round(poseStep, 1) });
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
  breaks.push(...isolatedJumps(track, cal, seenAtFullRate));
  return { breaks: breaks.sort((a, b) => a.tMs - b.tMs), fullRateChecks };
}

/**
 * Still-jump-still steps of the pose where the clip has no frames in between to tell a cut from a
 * turn (a 5 fps clip): a head ramps up and down, a swapped picture goes from still to still at
 * once. Where it has them, the step was judged frame by frame (a `cut`, or a head turning at a
 * person's speed, which can do all of a turn between two analysed frames 200 ms apart).
 */
function isolatedJumps(
  track: readonly TrackPoint[],
  cal: MotionCalibration,
  seenAtFullRate: (a: number, b: number, stepDeg: number) => 'cut' | 'motion' | null,
): ContinuityBreak[] {
  const valid = track
    .map((p, i) => ({ p, i }))
    .filter(({ p }) => p.yawDeg !== null && p.pitchDeg !== null);
  const steps = valid.slice(1).map(({ p }, k) => {
    const q = (valid[k] as { p: TrackPoint }).p;
    return Math.max(
      Math.abs((p.yawDeg as number) - (q.yawDeg as number)),
      Math.abs((p.pitchDeg as number) - (q.pitchDeg as number)),
    );
  });
  const jumps: ContinuityBreak[] = [];
  for (let k = 1; k < steps.length - 1; k++) {
    const step = steps[k] as number;
    if (
      step < cal.isolatedJumpDeg ||
      (steps[k - 1] as number) >= cal.stillDeg ||
      (steps[k + 1] as number) >= cal.stillDeg
    ) {
      continue;
    }
    const [from, to] = [valid[k], valid[k + 1]] as { p: TrackPoint; i: number }[];
    // A cut seen at the full rate is already reported as one.
    if (seenAtFullRate(from!.i, to!.i, step) !== null) continue;
    jumps.push({ kind: 'jump', tMs: to!.p.tMs, value: round(step, 1) });
  }
  return jumps;
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
