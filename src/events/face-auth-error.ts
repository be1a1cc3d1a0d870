import type { FaceAuthErrorCode } from '../core/errors.js';

export interface FaceAuthErrorDetail {
  /** Stable machine-readable reason. */
  code: FaceAuthErrorCode;
  /** Human-readable text in the element's current locale. */
  message: string;
  /** False when the widget carries on in a degraded mode (e.g. manual capture only). */
  fatal: boolean;
  /** The underlying error, when there was one (an `ActionFlowError` for the provider flow). */
  cause?: unknown;
  /**
   * Provider flow only: what the provider (or the token endpoint) said. Server strings are data:
   * display them as text, never as HTML.
   */
  provider?: FaceAuthProviderErrorDetail;
  /** Whether "Try again" may succeed without changing anything. */
  retryable?: boolean;
}

export interface FaceAuthProviderErrorDetail {
  /** The step that failed: `token`, `resolve`, `upload`, `submit` or `review`. */
  step?: string;
  /** HTTP status, when there was an answer. */
  status?: number;
  /** The provider's numeric `errorCode`, e.g. 4021. */
  errorCode?: number;
  /** The provider's `errorName`, the name of `errorCode`. */
  errorName?: string;
  /** The provider's `description` (plain text). */
  description?: string;
  /** The provider's `correlationId`, to quote when asking the provider about this request. */
  correlationId?: string;
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
