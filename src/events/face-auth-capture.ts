import type { CapturedImage } from '../core/flow.js';

/** The image and its quality report. */
export type FaceAuthCaptureDetail = CapturedImage;

/** A selfie was taken: a JPEG `Blob` without device metadata, with the quality report. */
export class FaceAuthCaptureEvent extends Event {
  static readonly eventName = 'face-auth-capture';
  constructor(readonly detail: FaceAuthCaptureDetail) {
    super(FaceAuthCaptureEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'face-auth-capture': FaceAuthCaptureEvent;
  }
}
