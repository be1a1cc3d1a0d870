import type { ActionResult, ActionReviewResult } from './action-result.js';
import type { CameraFailure } from './camera-failure.js';
import type { FaceAuthErrorCode } from './errors.js';
import type { HintCode } from './hints.js';
import type { LivenessClip, TurnDirection } from './liveness.js';
import type { QualityReport } from './quality.js';

/**
 * The whole `<face-auth>` flow as a reducer over a discriminated union on `status`.
 *
 *   idle ─start→ starting ─cameraReady→ guiding ─captureStarted→ capturing ─captured→ captured
 *   captured ─uploadStarted→ uploading ─processingStarted→ processing ─actionCompleted→ actionCompleted
 *   starting|guiding|capturing ─cameraFailed→ cameraError ─start→ starting (retry)
 *   any active state ─failed→ error ─start→ starting;   any active ─cancel→ cancelled;   any ─reset→ idle
 *   error ─uploadRetried→ uploading (the provider flow's "Try again" with the same photo)
 *   with liveness: capturing ─captured(liveness)→ captured ─livenessStarted→ liveness ─livenessStep→ liveness
 *     ─uploadStarted→ uploading; the camera stays on from capturing to the end of `liveness`
 *   capture-only liveness: liveness ─livenessRecorded→ captured (with the clips)
 *
 * `start` is also the retry and the retake. Transitions that make no sense in the current state
 * return the very same object, so callers can compare by reference to see whether anything moved.
 */

/** Auto-capture after a held good pose, or only the manual button. */
export type CaptureMode = 'auto' | 'manual';

export type DetectorStatus = 'loading' | 'ready' | 'unavailable';

export interface CapturedImage {
  /** JPEG, at camera resolution (or `max-image-size`), without device metadata. */
  image: Blob;
  width: number;
  height: number;
  /** The quality of the captured frame; null for a manual capture without a detector. */
  report: QualityReport | null;
  mode: CaptureMode;
}

/** What the liveness screen shows: getting the challenge, the colours, or one turn prompt. */
export type LivenessView =
  | { kind: 'preparing' }
  /** `colour` null: past the schedule (the first turn is asked for as the last colour ends). */
  | { kind: 'reflection'; colour: string | null }
  | { kind: 'turn'; direction: TurnDirection; index: number; count: number; turned: boolean };

/** The clips of a capture-only liveness phase and the challenge they answer. */
export interface LivenessRecording {
  challengeId: string;
  clips: LivenessClip[];
}

export type ProcessingPhase = 'submitting' | 'reviewing' | 'awaitingHandler';

export type FlowState =
  | { status: 'idle' }
  | { status: 'starting'; captureMode: CaptureMode; detector: DetectorStatus }
  | {
      status: 'guiding';
      captureMode: CaptureMode;
      detector: DetectorStatus;
      /** The most important hint of the last frame; null before the first scored frame. */
      hint: HintCode | null;
      /** The pose is good now (no hint) — shown as "Hold still" while the ring fills. */
      good: boolean;
      /** 0..1 of the hold before the auto-capture. */
      progress: number;
      /** The manual capture button is offered. */
      manualCapture: boolean;
      /** The page is hidden: detection is paused. */
      paused: boolean;
    }
  | { status: 'capturing'; captureMode: CaptureMode; trigger: CaptureMode }
  /**
   * `liveness`: the liveness phase follows, so the camera stays on. `recording`: capture-only
   * liveness is over, its clips are handed over with the photo.
   */
  | { status: 'captured'; capture: CapturedImage; liveness?: true; recording?: LivenessRecording }
  | { status: 'liveness'; capture: CapturedImage; step: LivenessView }
  // Part 2 (provider flow) states: the capture travels along for a retry of the upload.
  | { status: 'uploading'; capture: CapturedImage; progress: number }
  | { status: 'processing'; capture: CapturedImage; phase: ProcessingPhase }
  | {
      status: 'actionCompleted';
      actionResult: ActionResult | undefined;
      /** The reasons behind the answer, for the result screen. */
      reviewResult?: ActionReviewResult;
      /** The host closed the flow (`preventDefault()` or its handler said `cancel`): no result screen. */
      closed?: boolean;
    }
  | { status: 'cameraError'; reason: CameraFailure }
  | {
      status: 'error';
      code: FaceAuthErrorCode;
      /** The widget's own text, in the current locale. */
      message?: string;
      /** The provider's `description`, shown as plain text under the message. */
      detail?: string;
      retryable: boolean;
    }
  | { status: 'cancelled' };

export type FlowStatus = FlowState['status'];

/** One step of the flow: the state before and after an event that moved it. */
export interface FlowChange {
  previous: FlowState;
  next: FlowState;
}

export type FlowEvent =
  | { type: 'start'; captureMode: CaptureMode; detector: DetectorStatus }
  | { type: 'cameraReady' }
  | { type: 'cameraFailed'; reason: CameraFailure }
  | { type: 'detectorReady' }
  | { type: 'detectorUnavailable' }
  | { type: 'frameAssessed'; hint: HintCode | null; progress: number }
  | { type: 'manualCaptureAllowed' }
  | { type: 'pageHidden' }
  | { type: 'pageVisible' }
  | { type: 'captureStarted'; trigger: CaptureMode }
  | { type: 'captured'; capture: CapturedImage; liveness?: boolean }
  | { type: 'livenessStarted' }
  | { type: 'livenessStep'; step: LivenessView }
  /** Capture-only liveness recorded its clips: the flow rests at `captured` with them. */
  | { type: 'livenessRecorded'; recording: LivenessRecording }
  | { type: 'uploadStarted' }
  /** "Try again" after a provider-flow error: the same photo goes up again, no new capture. */
  | { type: 'uploadRetried'; capture: CapturedImage }
  | { type: 'uploadProgress'; progress: number }
  | { type: 'processingStarted'; phase: ProcessingPhase }
  | {
      type: 'actionCompleted';
      actionResult: ActionResult | undefined;
      reviewResult?: ActionReviewResult;
      closed?: boolean;
    }
  | {
      type: 'failed';
      code: FaceAuthErrorCode;
      message?: string;
      detail?: string;
      retryable: boolean;
    }
  | { type: 'cancel' }
  | { type: 'reset' };

export const INITIAL_FLOW: FlowState = Object.freeze({ status: 'idle' });

/** States in which the camera must be streaming. */
export function needsCamera(state: FlowState): boolean {
  switch (state.status) {
    case 'starting':
    case 'guiding':
    case 'capturing':
    case 'liveness':
      return true;
    case 'captured':
      return state.liveness === true;
    default:
      return false;
  }
}

/** States from which `start` (begin, retry, retake) is allowed. */
export function canStart(state: FlowState): boolean {
  switch (state.status) {
    case 'idle':
    case 'captured':
    case 'cameraError':
    case 'error':
    case 'cancelled':
    case 'actionCompleted':
      return true;
    default:
      return false;
  }
}

/** States a user can cancel out of. */
export function canCancel(state: FlowState): boolean {
  return state.status !== 'idle' && state.status !== 'cancelled';
}

export function flowReducer(state: FlowState, event: FlowEvent): FlowState {
  switch (event.type) {
    case 'start':
      return canStart(state)
        ? { status: 'starting', captureMode: event.captureMode, detector: event.detector }
        : state;

    case 'cameraReady':
      if (state.status !== 'starting') return state;
      return {
        status: 'guiding',
        captureMode: state.captureMode,
        detector: state.detector,
        hint: null,
        good: false,
        progress: 0,
        manualCapture: state.captureMode === 'manual' || state.detector === 'unavailable',
        paused: false,
      };

    case 'cameraFailed':
      return needsCamera(state) ? { status: 'cameraError', reason: event.reason } : state;

    case 'detectorReady':
    case 'detectorUnavailable': {
      const detector: DetectorStatus = event.type === 'detectorReady' ? 'ready' : 'unavailable';
      if (state.status === 'starting') return { ...state, detector };
      if (state.status === 'guiding') {
        return {
          ...state,
          detector,
          manualCapture: state.manualCapture || detector === 'unavailable',
        };
      }
      return state;
    }

    case 'frameAssessed':
      if (state.status !== 'guiding') return state;
      if (
        state.hint === event.hint &&
        state.progress === event.progress &&
        state.good === !event.hint
      )
        return state;
      return { ...state, hint: event.hint, good: event.hint === null, progress: event.progress };

    case 'manualCaptureAllowed':
      return state.status === 'guiding' && !state.manualCapture
        ? { ...state, manualCapture: true }
        : state;

    case 'pageHidden':
    case 'pageVisible': {
      if (state.status !== 'guiding') return state;
      const paused = event.type === 'pageHidden';
      return state.paused === paused ? state : { ...state, paused, progress: 0 };
    }

    case 'captureStarted':
      if (state.status !== 'guiding') return state;
      // A manual press is only honoured when the button is offered.
      if (event.trigger === 'manual' && !state.manualCapture) return state;
      if (event.trigger === 'auto' && state.captureMode !== 'auto') return state;
      return { status: 'capturing', captureMode: state.captureMode, trigger: event.trigger };

    case 'captured':
      return state.status === 'capturing'
        ? {
            status: 'captured',
            capture: event.capture,
            ...(event.liveness ? { liveness: true } : {}),
          }
        : state;

    case 'livenessStarted':
      return state.status === 'captured' && state.liveness
        ? { status: 'liveness', capture: state.capture, step: { kind: 'preparing' } }
        : state;

    case 'livenessStep':
      return state.status === 'liveness' && !sameView(state.step, event.step)
        ? { ...state, step: event.step }
        : state;

    case 'livenessRecorded':
      return state.status === 'liveness'
        ? { status: 'captured', capture: state.capture, recording: event.recording }
        : state;

    case 'uploadStarted':
      return state.status === 'captured' || state.status === 'liveness'
        ? { status: 'uploading', capture: state.capture, progress: 0 }
        : state;

    case 'uploadRetried':
      return state.status === 'error'
        ? { status: 'uploading', capture: event.capture, progress: 0 }
        : state;

    case 'uploadProgress':
      return state.status === 'uploading' ? { ...state, progress: event.progress } : state;

    case 'processingStarted':
      return state.status === 'uploading' || state.status === 'processing'
        ? { status: 'processing', capture: state.capture, phase: event.phase }
        : state;

    case 'actionCompleted':
      return state.status === 'processing'
        ? {
            status: 'actionCompleted',
            actionResult: event.actionResult,
            ...(event.reviewResult ? { reviewResult: event.reviewResult } : {}),
            ...(event.closed ? { closed: true } : {}),
          }
        : state;

    case 'failed':
      if (state.status === 'idle' || state.status === 'cancelled') return state;
      if (state.status === 'actionCompleted') return state;
      return {
        status: 'error',
        code: event.code,
        retryable: event.retryable,
        ...(event.message !== undefined ? { message: event.message } : {}),
        ...(event.detail !== undefined ? { detail: event.detail } : {}),
      };

    case 'cancel':
      return canCancel(state) ? { status: 'cancelled' } : state;

    case 'reset':
      return state.status === 'idle' ? state : INITIAL_FLOW;
  }
}

function sameView(a: LivenessView, b: LivenessView): boolean {
  return (
    (Object.keys(b) as (keyof LivenessView)[]).every(
      (k) => (a as Record<string, unknown>)[k] === (b as Record<string, unknown>)[k],
    ) && Object.keys(a).length === Object.keys(b).length
  );
}
