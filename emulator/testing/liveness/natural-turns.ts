/**
 * Head turns at a person's speed, for calibrating continuity: the matrix's `poseAt` eases a 35°
 * turn over 640 ms (peak ~86°/s), while a natural head turn peaks at 100-300°/s. Here each turn
 * follows a minimum-jerk profile (the shape of voluntary head and arm movements: peak speed
 * 1.875 × amplitude / duration), and the camera may deliver its frames unevenly (a webcam or a
 * busy page repeats a frame, then catches up), as MediaRecorder then records them. Pure (the
 * frames are rendered by clips.ts's scene).
 */
import type { LivenessChallenge, TurnDirection } from '../../src/liveness/challenge.js';
import { headFrame, screenAt, type HeadMesh } from './clips.js';
import type { RgbImage } from './raster.js';

export interface NaturalMotion {
  turns: readonly TurnDirection[];
  /** Amplitude of each turn, degrees (yaw for left/right, pitch for up). */
  amplitudeDeg: number;
  /** Peak angular speed of the turn out and back, degrees per second. */
  peakDegPerS: number;
  /** When the first turn starts, ms. */
  startMs: number;
  /** Held at the turn's peak (the widget waits until it sees the turn), ms. */
  holdMs: number;
  /** Frontal between turns, ms. */
  pauseMs: number;
}

export const NATURAL_MOTION: Omit<NaturalMotion, 'turns' | 'peakDegPerS'> = {
  amplitudeDeg: 35,
  startMs: 900,
  holdMs: 500,
  pauseMs: 600,
};

/** Duration of one minimum-jerk move of `amplitude` peaking at `peak` deg/s, ms. */
export const moveMs = (amplitude: number, peak: number): number =>
  (1000 * 1.875 * amplitude) / peak;

const minimumJerk = (u: number) => {
  const c = Math.min(1, Math.max(0, u));
  return c * c * c * (10 - 15 * c + 6 * c * c);
};

/** Yaw and pitch at time t. */
export function naturalPoseAt(tMs: number, m: NaturalMotion): { yawDeg: number; pitchDeg: number } {
  const move = moveMs(m.amplitudeDeg, m.peakDegPerS);
  const turnMs = 2 * move + m.holdMs;
  for (const [k, turn] of m.turns.entries()) {
    const start = m.startMs + k * (turnMs + m.pauseMs);
    const t = tMs - start;
    if (t < 0 || t > turnMs) continue;
    const e =
      t < move
        ? minimumJerk(t / move)
        : t < move + m.holdMs
          ? 1
          : 1 - minimumJerk((t - move - m.holdMs) / move);
    if (turn === 'up') return { yawDeg: 0, pitchDeg: e * m.amplitudeDeg };
    return { yawDeg: (turn === 'left' ? 1 : -1) * e * m.amplitudeDeg, pitchDeg: 0 };
  }
  return { yawDeg: 0, pitchDeg: 0 };
}

/** Length of the motion, ms (the last turn back at frontal). */
export const naturalMotionMs = (m: NaturalMotion): number =>
  m.startMs + m.turns.length * (2 * moveMs(m.amplitudeDeg, m.peakDegPerS) + m.holdMs + m.pauseMs);

/**
 * The scene time each recorded frame shows, for frames recorded every `1000 / fps` ms: with
 * `stallChance` per frame the camera stalls for 100-300 ms (the same picture recorded again), then
 * shows the present; otherwise the picture is up to `jitterMs` early or late. `random` in [0, 1).
 */
export function cameraTimes(
  frames: number,
  fps: number,
  jitter: { jitterMs: number; stallChance: number },
  random: () => number,
): number[] {
  const times: number[] = [];
  let stalledUntil = -1;
  let stalledAt = 0;
  for (let n = 0; n < frames; n++) {
    const t = (n * 1000) / fps;
    if (t < stalledUntil) {
      times.push(stalledAt);
      continue;
    }
    if (n > 0 && random() < jitter.stallChance) {
      stalledAt = times[n - 1] as number;
      stalledUntil = t + 100 + 200 * random();
      times.push(stalledAt);
      continue;
    }
    times.push(Math.max(0, t + (2 * random() - 1) * jitter.jitterMs));
  }
  return times;
}

/** A small seeded generator (xorshift32) for reproducible jitter. */
export function xorshift(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
}

/** One take of a person: a head, turned by `yawOffsetDeg` (a head made from a photo taken turned). */
export interface Take {
  mesh: HeadMesh;
  yawOffsetDeg?: number;
}

export interface NaturalClipOptions {
  challenge: Pick<LivenessChallenge, 'colours' | 'segmentMs'>;
  fps: number;
  durationMs: number;
  /** Which take a frame at `tMs` shows (one for a live person; two alternating or joined for an attack). */
  takeAt?: (tMs: number) => number;
  /** The scene time of each recorded frame (see {@link cameraTimes}); default every `1000 / fps` ms. */
  times?: readonly number[];
}

/**
 * Frames of the scene recorded at `fps` for `durationMs`, the head performing `motion` under the
 * challenge's colours (150 ms camera lag). Yields to the event loop every few frames: 30 fps
 * clips take a minute to render on a loaded machine, and a test worker must keep answering.
 */
export async function renderNaturalFrames(
  takes: readonly Take[],
  motion: NaturalMotion,
  options: NaturalClipOptions,
): Promise<RgbImage[]> {
  const count = Math.ceil((options.durationMs * options.fps) / 1000);
  const times = options.times ?? Array.from({ length: count }, (_, n) => (n * 1000) / options.fps);
  const frames: RgbImage[] = [];
  for (const [n, t] of times.entries()) {
    if (n % 8 === 0) await new Promise((resolve) => setImmediate(resolve));
    const take = takes[options.takeAt?.(t) ?? 0] as Take;
    const pose = naturalPoseAt(t, motion);
    frames.push(
      headFrame(
        take.mesh,
        { ...pose, yawDeg: pose.yawDeg + (take.yawOffsetDeg ?? 0) },
        screenAt(t, options.challenge.colours, options.challenge.segmentMs, 150),
        n + 1,
      ),
    );
  }
  return frames;
}

/** When the pause between the first and second turn is half over: where a splice joins two takes. */
export const betweenTurnsMs = (m: NaturalMotion): number =>
  m.startMs + 2 * moveMs(m.amplitudeDeg, m.peakDegPerS) + m.holdMs + m.pauseMs / 2;
