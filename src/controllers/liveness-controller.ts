import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { ActionFlowError } from '../core/action-flow-errors.js';
import type { LivenessChallenge, LivenessClip } from '../core/liveness.js';
import { recorderMimeType } from '../internal/recorder-mime.js';
import type { DetectedFrame } from './detection-controller.js';
import type * as PhaseModule from './liveness-phase-runner.js';
import type { LivenessOptions, LivenessPhaseRunner } from './liveness-phase-runner.js';

export type { LivenessOptions };

let phaseModule: Promise<typeof PhaseModule> | null = null;

/**
 * The liveness phase (its schedule, prompts and recorder: liveness-phase-runner.ts), a module of
 * its own: a page downloads it once a run with liveness starts, not on its first visit.
 */
function loadPhase(): Promise<typeof PhaseModule> {
  phaseModule ??= import('./liveness-phase-runner.js').catch((error: unknown) => {
    phaseModule = null; // tried again next time
    throw new ActionFlowError('network', 'The liveness phase could not be loaded', {
      step: 'liveness',
      cause: error,
    });
  });
  return phaseModule;
}

/**
 * The element's liveness phase: shows the challenge's colours and turn prompts and records the
 * clips (LivenessPhaseRunner does, once its module is loaded). Everything stops with the run's
 * signal, when the flow leaves `liveness`, and when the host leaves the page.
 */
export class LivenessController implements ReactiveController {
  private runner: LivenessPhaseRunner | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: LivenessOptions,
  ) {
    host.addController(this);
  }

  /** Whether this browser can record the clips. */
  static get supported(): boolean {
    return recorderMimeType() !== null;
  }

  hostDisconnected(): void {
    this.runner?.finish();
  }

  /** Starts loading the phase, so it begins right after the capture. */
  prepare(): void {
    loadPhase().catch(() => undefined); // record() says so if it cannot be had
  }

  /**
   * `value` as a challenge the phase can run, or null when it is not one; rejects when the phase
   * cannot be loaded.
   */
  async challengeOf(value: unknown): Promise<LivenessChallenge | null> {
    return (await loadPhase()).isLivenessChallenge(value) ? value : null;
  }

  /** A detector frame during the phase: its one face's pose guides the turn prompt. */
  onFrame(frame: DetectedFrame): void {
    this.runner?.onFrame(frame);
  }

  /** {@link LivenessPhaseRunner.record}, once the phase's module is loaded. */
  async record(...args: Parameters<LivenessPhaseRunner['record']>): Promise<LivenessClip[]> {
    const { LivenessPhaseRunner } = await loadPhase();
    // Cancelled while the module loaded: as if during the phase.
    args[2].throwIfAborted();
    this.runner ??= new LivenessPhaseRunner(this.host, this.options);
    return this.runner.record(...args);
  }
}
