import type { ReactiveControllerHost } from 'lit';
import { ActionFlowError } from '../core/action-flow-errors.js';
import type { FlowState, LivenessView } from '../core/flow.js';
import { estimateHeadPose } from '../core/head-pose.js';
import {
  beginLiveness,
  clipKindOf,
  followFrontal,
  livenessPlan,
  livenessStep,
  type LivenessChallenge,
  type LivenessClip,
  type LivenessContext,
  type LivenessInput,
  type LivenessPhase,
  type LivenessPlan,
} from '../core/liveness.js';
import type { Transition } from '../face-auth.events.js';
import { recorderMimeType } from '../internal/recorder-mime.js';
import type { DetectedFrame } from './detection-controller.js';
import { RecorderController, type Recording } from './recorder-controller.js';

// The challenge check goes with the phase: the element asks for it once a challenge is there.
export { isLivenessChallenge } from '../core/liveness.js';

export interface LivenessOptions {
  state: () => FlowState;
  transition: Transition;
  /** The open camera's stream (kept on since the capture). */
  stream: () => MediaStream | null;
  /** Starts the detector on the rendered preview (from the first turn prompt on). */
  watch: () => void;
  /** The whole host, for the Fullscreen API during the colours. */
  fullscreenTarget: () => Element;
  updateComplete: () => Promise<unknown>;
}

/** How often the colour schedule and the timeouts are checked, ms. */
const TICK_MS = 40;

/**
 * Runs one liveness phase for a challenge: shows its colours (the flow's `liveness` step), asks
 * for its turns one at a time (moved on by the detector's pose, or by the timeout: it only
 * guides), and records each stage into its own clip. Everything stops with the run's signal, when
 * the flow leaves `liveness` (cancel, camera lost), and when the host leaves the page
 * (LivenessController, which loads this module when a phase is near, calls `finish()`).
 */
export class LivenessPhaseRunner {
  private readonly recorder: RecorderController;
  /** The phase under way; null between runs. */
  private active: {
    plan: LivenessPlan;
    phase: LivenessPhase;
    context: LivenessContext;
    /** A stage change is being recorded over: inputs wait. */
    switching: boolean;
    /** The stage's recording (the one before may still be recording its tail). */
    recording: Recording | null;
    step: (input: LivenessInput) => void;
  } | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;
  private enteredFullscreen = false;

  constructor(
    host: ReactiveControllerHost,
    private readonly options: LivenessOptions,
  ) {
    this.recorder = new RecorderController(host);
  }

  /** A detector frame during the phase: its one face's pose guides the turn prompt. */
  onFrame(frame: DetectedFrame): void {
    const a = this.active;
    if (!a) return;
    const face = frame.faces.length === 1 ? frame.faces[0]! : null;
    const pose = face ? estimateHeadPose(face) : null;
    a.context = followFrontal(a.context, a.phase, pose, a.plan.guide);
    a.step({ type: 'pose', t: performance.now(), pose });
  }

  /**
   * Runs the phase; resolves the clips, rejects with an `ActionFlowError`. `onClip` gets each clip
   * but the last as soon as it is complete (the colours', while the person turns).
   */
  async record(
    challenge: LivenessChallenge,
    mode: 'full' | 'turns',
    signal: AbortSignal,
    onClip?: (clip: LivenessClip) => void,
  ): Promise<LivenessClip[]> {
    const stream = this.options.stream();
    if (!stream || recorderMimeType() === null) {
      throw new ActionFlowError('liveness-unsupported', 'This browser cannot record the clip', {
        step: 'liveness',
      });
    }
    const plan = livenessPlan(challenge, mode);
    /** Each stage's clip, in stage order (the colours' may finish after the turns began). */
    const clips: Promise<LivenessClip>[] = [];
    try {
      return await new Promise<LivenessClip[]>((resolve, reject) => {
        const fail = (error: unknown): void => {
          this.finish();
          reject(error);
        };
        signal.addEventListener('abort', () => fail(signal.reason), { once: true });

        const begin = async (phase: LivenessPhase): Promise<void> => {
          a.recording = await this.recorder.start(stream, signal);
          // The stage's clock starts with its recording.
          const t = performance.now();
          const started: LivenessPhase =
            phase.stage === 'reflection'
              ? beginLiveness(plan, t)
              : phase.stage === 'turn'
                ? { ...phase, startedAt: t }
                : phase;
          a.phase = started;
          a.switching = false;
          this.show(plan, started);
          // The detector guides the turns only. During the colours it stays off: on a slow
          // device its frames block the main thread for 100-300 ms, which would show the colours
          // (whose timing the server checks within 400 ms) late.
          if (started.stage === 'turn') this.options.watch();
        };

        const a: NonNullable<LivenessPhaseRunner['active']> = {
          plan,
          phase: beginLiveness(plan, performance.now()),
          context: { frontalPitch: null },
          switching: true,
          recording: null,
          step: (input) => {
            if (a.switching || signal.aborted) return;
            // Cancelled, camera lost: the flow left the phase, so the run's recording ends.
            if (this.options.state().status !== 'liveness') {
              fail(
                new ActionFlowError('aborted', 'The liveness phase was left', { step: 'liveness' }),
              );
              return;
            }
            const next = livenessStep(plan, a.phase, input, a.context);
            if (next === a.phase) return;
            const kind = clipKindOf(a.phase);
            if (clipKindOf(next) === kind) {
              a.phase = next;
              this.show(plan, next);
              return;
            }
            // A stage ends; the next one records into a new clip at once. The clip of the stage
            // that ended records a little longer (tailMs): it lags the camera (≤ 400 ms), and the
            // server needs the last colour, or the return to frontal, in it. The colours' clip
            // records its tail while the first turn is asked for: a person takes about as long to
            // react, and the wait is gone from the phase.
            a.switching = true;
            const ending = a.recording!;
            const tail = () => new Promise<void>((r) => setTimeout(r, plan.guide.tailMs));
            const clip = (async () => {
              if (next.stage !== 'done') {
                if (kind === 'reflection') this.leaveFullscreen();
                await begin(next);
              }
              await tail();
              const done = { kind: kind!, blob: await this.recorder.stop(ending) };
              if (next.stage !== 'done') onClip?.(done);
              return done;
            })();
            clips.push(clip);
            clip.catch(fail);
            if (next.stage === 'done') {
              Promise.all(clips).then((all) => {
                this.finish();
                resolve(all);
              }, fail);
            }
          },
        };
        this.active = a;
        this.timer = setInterval(() => a.step({ type: 'tick', t: performance.now() }), TICK_MS);
        void this.options.updateComplete().then(() => {
          if (signal.aborted) return;
          if (plan.reflection) this.enterFullscreen();
          begin(a.phase).catch(fail);
        });
      });
    } catch (error) {
      if (error instanceof ActionFlowError || signal.aborted) throw error;
      throw new ActionFlowError('liveness-unsupported', 'The clip could not be recorded', {
        step: 'liveness',
        cause: error,
      });
    }
  }

  private show(plan: LivenessPlan, phase: LivenessPhase): void {
    const step = viewOf(plan, phase);
    if (step) this.options.transition({ type: 'livenessStep', step });
  }

  /** Ends the phase under way, if any: recorder dropped, timer stopped, fullscreen left. */
  finish(): void {
    this.recorder.cancel();
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.active = null;
    this.leaveFullscreen();
  }

  /** Where the page allows it, the colours fill the screen (browsers ask for a user gesture). */
  private enterFullscreen(): void {
    const target = this.options.fullscreenTarget();
    if (!document.fullscreenEnabled || document.fullscreenElement || !target.requestFullscreen)
      return;
    target.requestFullscreen().then(
      () => (this.enteredFullscreen = true),
      () => undefined, // not allowed here: the element's own area shows the colours
    );
  }

  private leaveFullscreen(): void {
    if (!this.enteredFullscreen) return;
    this.enteredFullscreen = false;
    if (document.fullscreenElement) document.exitFullscreen().catch(() => undefined);
  }
}

function viewOf(plan: LivenessPlan, phase: LivenessPhase): LivenessView | null {
  switch (phase.stage) {
    case 'reflection':
      return { kind: 'reflection', colour: phase.colour };
    case 'turn':
      return {
        kind: 'turn',
        direction: plan.turns[phase.index]!,
        index: phase.index,
        count: plan.turns.length,
        turned: phase.turned,
      };
    case 'done':
      return null;
  }
}
