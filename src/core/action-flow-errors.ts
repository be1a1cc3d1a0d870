/**
 * Stable `code`s of the provider flow (widget part 2). They extend part 1's `FaceAuthErrorCode`
 * (src/core/errors.ts) without editing it: the element's `face-auth-error` carries either.
 *
 * Server strings (`description`, `errorName`) travel as data on the error for logs and for
 * text-only display; the widget's own message comes from its translations by `code`.
 */

export type ActionFlowErrorCode =
  /** The element has no usable `token-url`/`accessTokenProvider`, `api-base-url`, `externalActionId` or `country`. */
  | 'config'
  /** The host backend's token endpoint (or `accessTokenProvider`) failed or answered without a token. */
  | 'token'
  /** The provider refused the access token again right after one refresh. */
  | 'token-expired'
  /** No HTTP answer: offline, DNS, connection reset, the request timed out — after the safe retries. */
  | 'network'
  /** The provider answered 4xx with its `{description, errorCode, errorName}`. */
  | 'provider-rejected'
  /** The provider answered 5xx — after the safe retries. */
  | 'provider-unavailable'
  /** The provider answered something that is not the documented shape. */
  | 'provider-response'
  /** The review did not become `completed`/`onHold` within the polling timeout. */
  | 'timeout'
  /** Liveness is asked for and this browser cannot record the clip (no `MediaRecorder`, no WebM). */
  | 'liveness-unsupported'
  /**
   * The provider locked the applicant out of liveness for a while after repeated failures (429,
   * `liveness-locked-out`): not retryable now, the person comes back later.
   */
  | 'liveness-locked'
  /** Cancelled by the user or because the element was removed. Not shown as an error. */
  | 'aborted';

export interface ActionFlowErrorDetails {
  /** HTTP status, when the provider (or the token endpoint) answered. */
  status?: number;
  /** The provider's numeric `errorCode`, e.g. 4021. */
  errorCode?: number;
  /** The provider's `errorName`, e.g. `access-token-expired`. */
  errorName?: string;
  /** The provider's `description`: plain text, never to be rendered as HTML. */
  description?: string;
  correlationId?: string;
  /** Which step failed. */
  step?: ActionStep;
  cause?: unknown;
}

/**
 * What the provider (or the token endpoint) said and at which step: only the fields that are
 * set, so it goes out as the `provider` of `face-auth-error` as it is.
 */
export type ActionFlowErrorProvider = Omit<ActionFlowErrorDetails, 'cause'>;

/** The steps of the provider flow, in order. */
export type ActionStep = 'token' | 'resolve' | 'liveness' | 'upload' | 'submit' | 'review';

/** Whether "Try again" makes sense for a code (a new run may succeed without changing anything). */
export function isRetryableCode(code: ActionFlowErrorCode, status?: number): boolean {
  switch (code) {
    case 'network':
    case 'provider-unavailable':
    case 'timeout':
    case 'token':
    case 'token-expired':
      return true;
    case 'provider-rejected':
      // 408/429 ask to come back later; 409 is a race with another tab (the next run resolves it).
      return status === 408 || status === 409 || status === 429;
    case 'config':
    case 'provider-response':
    case 'liveness-unsupported':
    case 'liveness-locked':
    case 'aborted':
      return false;
  }
}

export class ActionFlowError extends Error {
  override readonly name = 'ActionFlowError';
  readonly code: ActionFlowErrorCode;
  readonly retryable: boolean;
  readonly status: number | undefined;
  readonly errorCode: number | undefined;
  readonly errorName: string | undefined;
  readonly description: string | undefined;
  readonly correlationId: string | undefined;
  readonly step: ActionStep | undefined;
  /** The fields above that are set, as one object. */
  readonly provider: ActionFlowErrorProvider;

  constructor(code: ActionFlowErrorCode, message: string, details: ActionFlowErrorDetails = {}) {
    super(message, details.cause !== undefined ? { cause: details.cause } : undefined);
    this.code = code;
    this.status = details.status;
    this.errorCode = details.errorCode;
    this.errorName = details.errorName;
    this.description = details.description;
    this.correlationId = details.correlationId;
    this.step = details.step;
    this.retryable = isRetryableCode(code, details.status);
    const { cause: _cause, ...said } = details;
    this.provider = Object.fromEntries(
      Object.entries(said).filter(([, value]) => value !== undefined),
    ) as ActionFlowErrorProvider;
  }
}
