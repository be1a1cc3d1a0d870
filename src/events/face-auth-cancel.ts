import type { FlowStatus } from '../core/flow.js';

export interface FaceAuthCancelDetail {
  /** The status the flow was cancelled from. */
  from: FlowStatus;
}

/** The user (or `cancel()`) ended the flow; the camera is released. */
export class FaceAuthCancelEvent extends Event {
  static readonly eventName = 'face-auth-cancel';
  constructor(readonly detail: FaceAuthCancelDetail) {
    super(FaceAuthCancelEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'face-auth-cancel': FaceAuthCancelEvent;
  }
}
