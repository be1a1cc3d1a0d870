import { randomUUID } from 'node:crypto';
import { LIVENESS_LOCKED_OUT, type ProviderErrorBody } from '../contract.js';

/**
 * Every error the emulator returns has the real service's shape:
 * `{description, code, correlationId, errorCode, errorName}` — `code` repeats the HTTP status.
 * Only the 1200xx codes in DOCUMENTED_ERROR_CODES come from the applicant API's tables; the rest
 * (1xxx, 4xxx, 120031) are the emulator's own choice, listed as such in the README.
 */
export const ErrorCodes = {
  // generic
  validation: { status: 400, errorCode: 1001, errorName: 'validation-error' },
  notFound: { status: 404, errorCode: 1004, errorName: 'not-found' },
  conflict: { status: 409, errorCode: 1009, errorName: 'conflict' },
  invalidState: { status: 409, errorCode: 1022, errorName: 'invalid-state' },
  payloadTooLarge: { status: 413, errorCode: 1013, errorName: 'payload-too-large' },
  uriTooLong: { status: 414, errorCode: 1014, errorName: 'uri-too-long' },
  unsupportedMediaType: { status: 415, errorCode: 1015, errorName: 'unsupported-media-type' },
  badImage: { status: 400, errorCode: 1016, errorName: 'image-not-decodable' },
  sandboxDisabled: { status: 403, errorCode: 1030, errorName: 'sandbox-disabled' },
  // liveness (the emulator's own)
  livenessRequired: { status: 400, errorCode: 1040, errorName: 'liveness-required' },
  livenessChallengeUsed: { status: 409, errorCode: 1041, errorName: 'liveness-challenge-used' },
  livenessChallengeExpired: {
    status: 400,
    errorCode: 1042,
    errorName: 'liveness-challenge-expired',
  },
  livenessLockedOut: LIVENESS_LOCKED_OUT,
  tooManyRequests: { status: 429, errorCode: 1429, errorName: 'too-many-requests' },
  internal: { status: 500, errorCode: 1500, errorName: 'internal-error' },
  reviewQueueFull: { status: 503, errorCode: 1503, errorName: 'review-queue-full' },
  uploadsBusy: { status: 503, errorCode: 1504, errorName: 'too-many-uploads' },
  // app token (server-to-server)
  appTokenInvalidFormat: { status: 401, errorCode: 4000, errorName: 'app-token-invalid-format' },
  appTokenNotFound: { status: 401, errorCode: 4001, errorName: 'app-token-not-found' },
  appTokenSignatureMismatch: {
    status: 401,
    errorCode: 4003,
    errorName: 'app-token-signature mismatch',
  },
  appTokenRequestExpired: { status: 401, errorCode: 4004, errorName: 'app-token-request-expired' },
  // access token (browser)
  accessTokenInvalid: { status: 401, errorCode: 4020, errorName: 'access-token-invalid' },
  accessTokenExpired: { status: 401, errorCode: 4021, errorName: 'access-token-expired' },
  accessTokenScope: { status: 403, errorCode: 4030, errorName: 'access-token-scope-violation' },
  // secret key (the applicant API's Bearer)
  secretKeyInvalid: { status: 401, errorCode: 4010, errorName: 'secret-key-invalid' },
  // the applicant API's table
  notCompleted: { status: 404, errorCode: 120025, errorName: 'applicant-not-completed' },
  badSortField: { status: 400, errorCode: 120026, errorName: 'wrong-sorting-field' },
  sms: { status: 400, errorCode: 120027, errorName: 'sms-sending-error' },
  phoneRequired: { status: 400, errorCode: 120028, errorName: 'wrong-applicant-data' },
  graphql: { status: 400, errorCode: 120029, errorName: 'graphql-error' },
  dvs: { status: 400, errorCode: 120030, errorName: 'dvs-response-error' },
  bafNotFound: { status: 404, errorCode: 120031, errorName: 'not-found' },
  imagesUnavailable: { status: 413, errorCode: 120032, errorName: 'images-not-available' },
  noVideo: { status: 400, errorCode: 120033, errorName: 'no-video' },
} as const;

export type ErrorKind = keyof typeof ErrorCodes;

/** The codes the applicant API's documents list (the Actions API's documents list none). */
export const DOCUMENTED_ERROR_CODES: ReadonlySet<number> = new Set([
  120025, 120026, 120027, 120028, 120029, 120030, 120032, 120033,
]);

export class ApiError extends Error {
  readonly kind: ErrorKind;
  /** Sent as `Retry-After` (seconds) with a 429 or 503: when trying again is worth it. */
  readonly retryAfterSecs: number | undefined;
  constructor(kind: ErrorKind, description: string, opts: { retryAfterSecs?: number } = {}) {
    super(description);
    this.kind = kind;
    this.retryAfterSecs = opts.retryAfterSecs;
  }
  get status(): number {
    return ErrorCodes[this.kind].status;
  }
  toBody(correlationId: string): ProviderErrorBody {
    const { status, errorCode, errorName } = ErrorCodes[this.kind];
    return { description: this.message, code: status, correlationId, errorCode, errorName };
  }
}

export function newCorrelationId(): string {
  return `req-${randomUUID()}`;
}
