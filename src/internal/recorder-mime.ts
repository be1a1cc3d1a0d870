import { pickRecorderMime } from '../core/recording.js';

/** The type this browser records the liveness clips in; null without MediaRecorder or WebM. */
export function recorderMimeType(): string | null {
  if (typeof globalThis.MediaRecorder !== 'function') return null;
  return pickRecorderMime((t) => MediaRecorder.isTypeSupported(t));
}
