import type { CameraFailure } from './camera-failure.js';

/**
 * The stable `code` of a `face-auth-error`. Part 1 (capture) codes are below; the provider flow
 * adds its own (token, network, provider, timeout) to this union.
 */
export type FaceAuthErrorCode =
  | CameraFailure
  /** The detector could not load: not fatal, the widget falls back to manual capture. */
  | 'detector-unavailable'
  /** The frame could not be encoded as a JPEG. */
  | 'capture-failed';
