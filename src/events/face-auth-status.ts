import type { FlowState, FlowStatus } from '../core/flow.js';

export interface FaceAuthStatusDetail {
  /** The status now (also the `status` property). */
  status: FlowStatus;
  /** The status it changed from. */
  previous: FlowStatus;
  /** The full flow state (hint, progress, error reason…), for hosts that mirror the UI. */
  state: FlowState;
}

/** The `status` property changed. Not fired for hint or progress changes within a status. */
export class FaceAuthStatusEvent extends Event {
  static readonly eventName = 'face-auth-status';
  constructor(readonly detail: FaceAuthStatusDetail) {
    super(FaceAuthStatusEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'face-auth-status': FaceAuthStatusEvent;
  }
}
