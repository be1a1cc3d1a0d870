import { CameraError } from './controllers/camera-controller.js';
import { ActionFlowError } from './core/action-flow-errors.js';
import type { DetectorStatus, FlowChange, FlowEvent, FlowState } from './core/flow.js';
import {
  FaceAuthActionResultEvent,
  type FaceAuthActionResultDetail,
} from './events/face-auth-action-result.js';
import { FaceAuthCancelEvent } from './events/face-auth-cancel.js';
import { FaceAuthCaptureEvent } from './events/face-auth-capture.js';
import { FaceAuthLivenessRecordedEvent } from './events/face-auth-liveness-recorded.js';
import { FaceAuthErrorEvent, type FaceAuthErrorDetail } from './events/face-auth-error.js';
import { FaceAuthReadyEvent } from './events/face-auth-ready.js';
import { FaceAuthStatusEvent } from './events/face-auth-status.js';
import { AssetLoadError } from './internal/assets.js';
import type { Translation } from './translations/index.js';

// The public events of <face-auth> as the results of flow transitions: the element runs every
// change of its flow through `eventsOf` and dispatches what comes out, so no other code decides
// whether, when, or with which payload an event goes out.

/** What a change's events report that the flow state does not hold. */
export interface FlowCause {
  /** The error behind a failure: of the camera, the detector, the encoder or the provider run. */
  error?: unknown;
  /** The provider's answer, with the step to `awaitingHandler`; the handler gets the same object. */
  actionResult?: FaceAuthActionResultDetail;
}

/**
 * Moves the flow by `event`. Null when the event means nothing in the current state; otherwise
 * whether a host cancelled one of the change's events (only `face-auth-action-result` can be).
 */
export type Transition = (event: FlowEvent, cause?: FlowCause) => { prevented: boolean } | null;

/**
 * The events a change means, in the order they go out: `face-auth-status` when the status
 * changed, then what the new state reports (cancel, capture, error, action result).
 */
export function eventsOf(change: FlowChange, cause: FlowCause, t: Translation): Event[] {
  const { previous, next } = change;
  const events: Event[] = [];
  if (next.status !== previous.status) {
    events.push(
      new FaceAuthStatusEvent({ status: next.status, previous: previous.status, state: next }),
    );
  }
  switch (next.status) {
    case 'cancelled':
      events.push(new FaceAuthCancelEvent({ from: previous.status }));
      break;
    case 'captured':
      // Back at `captured` after capture-only liveness: the clips, not a second capture.
      events.push(
        next.recording
          ? new FaceAuthLivenessRecordedEvent({ ...next.capture, ...next.recording })
          : new FaceAuthCaptureEvent(next.capture),
      );
      break;
    case 'cameraError':
      events.push(new FaceAuthErrorEvent(cameraErrorOf(next.reason, cause.error, t)));
      break;
    case 'error':
      events.push(new FaceAuthErrorEvent(failureOf(next, cause.error, t)));
      break;
    case 'processing':
      if (next.phase === 'awaitingHandler' && cause.actionResult)
        events.push(new FaceAuthActionResultEvent(cause.actionResult));
      break;
    case 'starting':
    case 'guiding':
      // Not fatal: the person goes on with the manual button.
      if (detectorOf(previous) === 'loading' && next.detector === 'unavailable') {
        events.push(
          new FaceAuthErrorEvent({
            code: 'detector-unavailable',
            message: detectorUnavailableMessage(t, cause.error),
            fatal: false,
            cause: cause.error,
          }),
        );
      }
      break;
  }
  return events;
}

/**
 * The element's own text, then, for a file that did not load, the developer's part: which URL
 * failed and which attribute to set (the person sees only the first part, on the screen).
 */
function detectorUnavailableMessage(t: Translation, error: unknown): string {
  return error instanceof AssetLoadError
    ? `${t.detectorUnavailable} ${error.message}`
    : t.detectorUnavailable;
}

/**
 * Whether the change leaves the flow guiding with the detector settled (ready, or unavailable with
 * the manual button): what `face-auth-ready` reports. A run settles once: nothing leads back.
 */
export function settles({ previous, next }: FlowChange): boolean {
  return isSettled(next) && !isSettled(previous);
}

/** `face-auth-ready` for a settled flow, once its camera screen is up. */
export function readyEvent(
  state: Extract<FlowState, { status: 'guiding' }>,
  cameraLabel: string,
): FaceAuthReadyEvent | null {
  const detector = state.detector;
  return detector === 'loading' ? null : new FaceAuthReadyEvent({ detector, cameraLabel });
}

function isSettled(s: FlowState): boolean {
  return s.status === 'guiding' && s.detector !== 'loading';
}

function detectorOf(s: FlowState): DetectorStatus | null {
  return s.status === 'starting' || s.status === 'guiding' ? s.detector : null;
}

function cameraErrorOf(
  reason: Extract<FlowState, { status: 'cameraError' }>['reason'],
  error: unknown,
  t: Translation,
): FaceAuthErrorDetail {
  return {
    code: reason,
    message: t.cameraFailures[reason].title,
    fatal: true,
    // The browser's own error, where the camera controller wrapped one.
    cause: error instanceof CameraError ? (error.cause ?? error) : error,
  };
}

function failureOf(
  s: Extract<FlowState, { status: 'error' }>,
  error: unknown,
  t: Translation,
): FaceAuthErrorDetail {
  const detail: FaceAuthErrorDetail = {
    code: s.code,
    message: s.message ?? t.captureFailed,
    fatal: true,
    cause: error,
  };
  if (!(error instanceof ActionFlowError)) return detail;
  // The provider run's failure also says what the provider said, and whether a retry may help.
  return { ...detail, provider: { ...error.provider }, retryable: error.retryable };
}
