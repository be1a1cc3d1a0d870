import type { FaceAuthErrorCode } from '../core/errors.js';

export interface FaceAuthErrorDetail {
  /** Stable machine-readable reason. */
  code: FaceAuthErrorCode;
  /** Human-readable text in the element's current locale. */
  message: string;
  /** False when the widget carries on in a degraded mode (e.g. manual capture only). */
  fatal: boolean;
  /** The underlying error, when there was one. */
  cause?: unknown;
}

/** Something failed; the element shows what to do and offers a retry. */
export class FaceAuthErrorEvent extends Event {
  static readonly eventName = 'face-auth-error';
  constructor(readonly detail: FaceAuthErrorDetail) {
    super(FaceAuthErrorEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'face-auth-error': FaceAuthErrorEvent;
  }
}
