import type * as contract from '../contract/index.js';
import type { HeadPose } from './head-pose.js';

/**
 * The liveness phase as the browser runs it, pure: the server's challenge in, a schedule of
 * screen colours and one head-turn prompt at a time out. Time comes in as `t` (ms, any origin).
 *
 *   reflection (one colour per `segmentMs`) ─→ turn 1 ─→ … ─→ turn n ─→ done
 *   turn: prompt ─(turned past ENTER for HOLD ms)→ "look back" ─(back under EXIT)→ next turn
 *         either way the turn ends after `turnTimeoutMs`: the detector only guides, it decides nothing
 *
 * The reflection and the turns are recorded as two clips (`kind`), so a stage change is where the
 * next recording begins; the one that ended goes on for `tailMs` (the camera's lag).
 */

/** The `liveness` attribute: `full` shows the colours and asks for the turns; `turns` only asks. */
export type LivenessMode = 'off' | 'full' | 'turns';

/** `left`/`right` are the person's own left and right. */
export type TurnDirection = 'left' | 'right' | 'up';

/** The answer of `POST …/applicantActions/{actionId}/liveness/challenge`. */
/** The provider's challenge (`src/contract/liveness.ts`), as the browser reads it. */
export type LivenessChallenge = contract.LivenessChallenge;

/** What each clip records; the `kind` of its upload's metadata. */
export type LivenessClipKind = 'reflection' | 'turns';

export interface LivenessClip {
  kind: LivenessClipKind;
  /** `video/webm` from MediaRecorder. */
  blob: Blob;
}

const DIRECTIONS: readonly TurnDirection[] = ['left', 'right', 'up'];
const CSS_COLOUR = /^#[0-9a-f]{6}$/i;

/** Narrowing for the untrusted challenge answer. */
export function isLivenessChallenge(value: unknown): value is LivenessChallenge {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<Record<keyof LivenessChallenge, unknown>>;
  return (
    typeof v.challengeId === 'string' &&
    v.challengeId.length > 0 &&
    typeof v.expiresAt === 'string' &&
    Array.isArray(v.colours) &&
    v.colours.every((c) => typeof c === 'string' && CSS_COLOUR.test(c)) &&
    typeof v.segmentMs === 'number' &&
    // WCAG 2.3.1: never more than three flashes in any one second.
    v.segmentMs >= 334 &&
    v.segmentMs <= 5000 &&
    Array.isArray(v.turns) &&
    v.turns.every((d) => DIRECTIONS.includes(d as TurnDirection))
  );
}

/** Thresholds of the turn guide, in `HeadPose` units (see head-pose.ts). */
export interface TurnGuide {
  /** A turn counts once the pose is this far in its direction (yaw 0.35 ≈ 20°)… */
  enter: number;
  /** …for this long, ms (one noisy frame is not a turn). */
  holdMs: number;
  /** The person is back once under this (hysteresis: well below `enter`). */
  exit: number;
  /** An `up` turn, in eye spans of nose drop less than the frontal one. */
  enterUp: number;
  exitUp: number;
  /** A turn prompt gives way to the next after this long, turned or not. */
  turnTimeoutMs: number;
  /**
   * Recording time after the last colour (while the first turn is asked for) and after the last
   * turn's return, so the camera's lag (≤ 400 ms) still sees them recorded.
   */
  tailMs: number;
}

export const DEFAULT_TURN_GUIDE: TurnGuide = Object.freeze({
  enter: 0.35,
  holdMs: 150,
  exit: 0.15,
  enterUp: 0.12,
  exitUp: 0.05,
  turnTimeoutMs: 3500,
  tailMs: 400,
});

export interface LivenessPlan {
  /** Null: no colours (`liveness="turns"`, or reduced motion). */
  reflection: { colours: readonly string[]; segmentMs: number } | null;
  turns: readonly TurnDirection[];
  guide: TurnGuide;
}

/** The plan for a challenge: `turns` mode (or a person who asked for reduced motion) skips the colours. */
export function livenessPlan(
  challenge: LivenessChallenge,
  mode: 'full' | 'turns',
  guide: TurnGuide = DEFAULT_TURN_GUIDE,
): LivenessPlan {
  const reflection =
    mode === 'full' && challenge.colours.length > 0
      ? { colours: challenge.colours, segmentMs: challenge.segmentMs }
      : null;
  return { reflection, turns: challenge.turns, guide };
}

/** The colour on screen `elapsed` ms into the schedule; null before it and after it. */
export function colourAt(
  reflection: { colours: readonly string[]; segmentMs: number },
  elapsed: number,
): string | null {
  if (elapsed < 0) return null;
  return reflection.colours[Math.floor(elapsed / reflection.segmentMs)] ?? null;
}

/**
 * How long the reflection stage lasts, ms: its colours. Its clip records `tailMs` more, while the
 * first turn is asked for.
 */
export function reflectionMs(plan: LivenessPlan): number {
  const r = plan.reflection;
  return r ? r.colours.length * r.segmentMs : 0;
}

/** The longest the whole phase can take, ms: every turn to its timeout. */
export function worstCaseMs(plan: LivenessPlan): number {
  return reflectionMs(plan) + plan.turns.length * plan.guide.turnTimeoutMs;
}

export type LivenessPhase =
  | { stage: 'reflection'; startedAt: number; colour: string | null }
  | {
      stage: 'turn';
      index: number;
      startedAt: number;
      /** The turn was seen: the prompt says "look back". */
      turned: boolean;
      /** Since when the pose has been past `enter`, while not yet `turned`. */
      pastSince: number | null;
    }
  | { stage: 'done' };

export type LivenessInput =
  | { type: 'tick'; t: number }
  /** A detector frame's pose, null without exactly one face. */
  | { type: 'pose'; t: number; pose: HeadPose | null };

/** The clip a stage is recorded into. */
export function clipKindOf(phase: LivenessPhase): LivenessClipKind | null {
  return phase.stage === 'reflection' ? 'reflection' : phase.stage === 'turn' ? 'turns' : null;
}

/** The first stage, begun at `t`. */
export function beginLiveness(plan: LivenessPlan, t: number): LivenessPhase {
  if (plan.reflection)
    return { stage: 'reflection', startedAt: t, colour: plan.reflection.colours[0] ?? null };
  return firstTurn(plan, 0, t);
}

function firstTurn(plan: LivenessPlan, index: number, t: number): LivenessPhase {
  return index < plan.turns.length
    ? { stage: 'turn', index, startedAt: t, turned: false, pastSince: null }
    : { stage: 'done' };
}

/** The frontal pitch the `up` turn is measured against, kept by the caller from calm frames. */
export interface LivenessContext {
  frontalPitch: number | null;
}

/**
 * How far `pose` is turned towards `direction`, in the guide's units (positive = towards it).
 * `up` needs the frontal pitch: without one it reads 0.
 */
export function towards(
  direction: TurnDirection,
  pose: HeadPose,
  frontalPitch: number | null,
): number {
  switch (direction) {
    case 'left':
      return pose.yaw;
    case 'right':
      return -pose.yaw;
    case 'up':
      return frontalPitch === null ? 0 : frontalPitch - pose.pitch;
  }
}

/**
 * One step of the phase. Returns the very same object when nothing changed, so callers can
 * compare by reference.
 */
export function livenessStep(
  plan: LivenessPlan,
  phase: LivenessPhase,
  input: LivenessInput,
  context: LivenessContext = { frontalPitch: null },
): LivenessPhase {
  const { guide } = plan;
  switch (phase.stage) {
    case 'done':
      return phase;
    case 'reflection': {
      const r = plan.reflection;
      const elapsed = input.t - phase.startedAt;
      if (!r || elapsed >= reflectionMs(plan)) return firstTurn(plan, 0, input.t);
      const colour = colourAt(r, elapsed);
      return colour === phase.colour ? phase : { ...phase, colour };
    }
    case 'turn': {
      const next = (): LivenessPhase => firstTurn(plan, phase.index + 1, input.t);
      if (input.t - phase.startedAt >= guide.turnTimeoutMs) return next();
      if (input.type === 'tick' || !input.pose) return phase;
      const direction = plan.turns[phase.index]!;
      const amount = towards(direction, input.pose, context.frontalPitch);
      const up = direction === 'up';
      if (phase.turned) return amount < (up ? guide.exitUp : guide.exit) ? next() : phase;
      if (amount < (up ? guide.enterUp : guide.enter))
        return phase.pastSince === null ? phase : { ...phase, pastSince: null };
      if (phase.pastSince === null) return { ...phase, pastSince: input.t };
      return input.t - phase.pastSince >= guide.holdMs
        ? { ...phase, turned: true, pastSince: null }
        : phase;
    }
  }
}

/**
 * Keeps the frontal pitch from calm frames: during the colours (the person holds still) and at a
 * turn's start, while the head faces the camera. A running mean, so one noisy frame moves it little.
 */
export function followFrontal(
  context: LivenessContext,
  phase: LivenessPhase,
  pose: HeadPose | null,
  guide: TurnGuide = DEFAULT_TURN_GUIDE,
): LivenessContext {
  if (!pose || Math.abs(pose.yaw) >= guide.exit) return context;
  const calm =
    phase.stage === 'reflection' ||
    (phase.stage === 'turn' && !phase.turned && phase.pastSince === null);
  if (!calm) return context;
  if (phase.stage === 'turn' && context.frontalPitch !== null) return context;
  const prev = context.frontalPitch;
  return { frontalPitch: prev === null ? pose.pitch : prev * 0.8 + pose.pitch * 0.2 };
}
