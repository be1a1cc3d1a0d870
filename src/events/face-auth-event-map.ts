import type { FaceAuthActionResultEvent } from './face-auth-action-result.js';
import type { FaceAuthCancelEvent } from './face-auth-cancel.js';
import type { FaceAuthCaptureEvent } from './face-auth-capture.js';
import type { FaceAuthErrorEvent } from './face-auth-error.js';
import type { FaceAuthReadyEvent } from './face-auth-ready.js';
import type { FaceAuthStatusEvent } from './face-auth-status.js';

/**
 * Every event `<face-auth>` fires, by name: what framework bindings (`face-auth-widget/react`,
 * `face-auth-widget/jsx`, a Vue or Angular declaration) type their handlers from.
 */
export interface FaceAuthEventMap {
  'face-auth-ready': FaceAuthReadyEvent;
  'face-auth-status': FaceAuthStatusEvent;
  'face-auth-capture': FaceAuthCaptureEvent;
  'face-auth-error': FaceAuthErrorEvent;
  'face-auth-cancel': FaceAuthCancelEvent;
  'face-auth-action-result': FaceAuthActionResultEvent;
}
