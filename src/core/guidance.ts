import type { FaceObservation } from './face.js';
import type { Ellipse } from './geometry.js';
import { rectCentre } from './geometry.js';
import { INITIAL_HOLD, advanceHold, type HoldState } from './hold.js';
import type { HintCode } from './hints.js';
import { INITIAL_HINT_STATE, stabiliseHint, type HintStabiliserState } from './hint-stabiliser.js';
import { assessFrame, type FrameInput, type QualityReport } from './quality.js';
import { motionOver, pruneSamples, type FaceSample } from './stillness.js';
import type { QualityThresholds } from './thresholds.js';

export interface GuidanceFrame {
  /** Frame time, ms (monotonic). */
  t: number;
  faces: ReadonlyArray<FaceObservation>;
  oval: Ellipse;
  /** See `FrameInput.crop`: a function is only called, with the face, when it is well placed. */
  crop: Exclude<FrameInput['crop'], undefined>;
}

export interface GuidanceStep {
  report: QualityReport;
  /** The one hint to show (the most important, held back briefly against flicker), or null. */
  hint: HintCode | null;
  progress: number;
  /** Keep this frame's pixels: it is the best of the current stable window. */
  isBest: boolean;
  /** Capture now. */
  complete: boolean;
}

/**
 * The per-frame guidance of one capture attempt: remembers where the face was (stillness) and
 * how long the pose has been good (hold), and scores each frame. DOM-free; the detection
 * controller feeds it frames and acts on the steps.
 */
export class GuidanceSession {
  private samples: FaceSample[] = [];
  private hold: HoldState = INITIAL_HOLD;
  private best: QualityReport | null = null;
  private hint: HintStabiliserState = INITIAL_HINT_STATE;

  /** @param hintHoldMs how long a new hint must persist before it replaces the shown one. */
  constructor(
    private readonly thresholds: QualityThresholds,
    private readonly hintHoldMs = 300,
  ) {}

  /** The report of the best frame of the current stable window. */
  get bestReport(): QualityReport | null {
    return this.best;
  }

  step(frame: GuidanceFrame): GuidanceStep {
    const t = this.thresholds;
    const report = assessFrame(
      {
        faces: frame.faces,
        oval: frame.oval,
        crop: frame.crop,
        // Called once per frame with the one face assessFrame counted: the stillness history
        // follows the same face the checks judge.
        motion: ({ box }) => {
          this.samples.push({ t: frame.t, centre: rectCentre(box), size: box.height });
          this.samples = pruneSamples(this.samples, t.stillnessWindowMs);
          return motionOver(this.samples, t.stillnessWindowMs);
        },
      },
      t,
    );
    // No single face: the history breaks.
    if (!report.face) this.samples = [];
    const h = advanceHold(this.hold, frame.t, report, t.holdMs);
    this.hold = h.state;
    if (!report.ok) this.best = null;
    else if (h.isBest) this.best = report;
    this.hint = stabiliseHint(this.hint, frame.t, report.hints[0] ?? null, this.hintHoldMs);
    return {
      report,
      hint: this.hint.shown,
      progress: h.progress,
      isBest: h.isBest,
      complete: h.complete,
    };
  }

  /** Forget history, e.g. after the page was hidden or the camera switched. */
  reset(): void {
    this.samples = [];
    this.hold = INITIAL_HOLD;
    this.best = null;
    this.hint = INITIAL_HINT_STATE;
  }
}
