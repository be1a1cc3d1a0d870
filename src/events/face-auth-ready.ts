import type { DetectorStatus } from '../core/flow.js';

export interface FaceAuthReadyDetail {
  /** Whether guidance and auto-capture work ('ready') or only manual capture ('unavailable'). */
  detector: Exclude<DetectorStatus, 'loading'>;
  /** The label of the camera in use (empty when the browser hides it). */
  cameraLabel: string;
}

/** The camera streams and the detector has settled: the person can be guided. */
export class FaceAuthReadyEvent extends Event {
  static readonly eventName = 'face-auth-ready';
  constructor(readonly detail: FaceAuthReadyDetail) {
    super(FaceAuthReadyEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'face-auth-ready': FaceAuthReadyEvent;
  }
}
