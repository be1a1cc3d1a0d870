import type { ActionFlowErrorCode } from './action-flow-errors.js';
import type { CameraFailure } from './camera-failure.js';

/**
 * The stable `code` of a `face-auth-error`: the capture's own codes and the provider flow's
 * (`config`, `token`, `token-expired`, `network`, `provider-rejected`, `provider-unavailable`,
 * `provider-response`, `timeout`). `aborted` is in the union for completeness but is never
 * emitted: a cancel is a `face-auth-cancel`, not an error.
 */
export type FaceAuthErrorCode =
  | CameraFailure
  /** The detector could not load: not fatal, the widget falls back to manual capture. */
  | 'detector-unavailable'
  /** The frame could not be encoded as a JPEG. */
  | 'capture-failed'
  | ActionFlowErrorCode;
