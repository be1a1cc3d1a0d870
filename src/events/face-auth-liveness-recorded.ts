import type { CapturedImage, LivenessRecording } from '../core/flow.js';

/** The selfie, and the liveness clips recorded after it under `challengeId`. */
export type FaceAuthLivenessRecordedDetail = CapturedImage & LivenessRecording;

/**
 * Capture-only liveness is over (`livenessChallengeProvider` set, no provider flow): the selfie
 * and the WebM clips (`reflection`, `turns`) recorded under the challenge, for the page to send
 * with its own submit (e.g. an enrolment attempt). The provider judges them, never the browser.
 */
export class FaceAuthLivenessRecordedEvent extends Event {
  static readonly eventName = 'face-auth-liveness-recorded';
  constructor(readonly detail: FaceAuthLivenessRecordedDetail) {
    super(FaceAuthLivenessRecordedEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'face-auth-liveness-recorded': FaceAuthLivenessRecordedEvent;
  }
}
