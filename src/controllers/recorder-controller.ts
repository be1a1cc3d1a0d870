import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { RECORDER_BITS_PER_SECOND, pickRecorderMime } from '../core/recording.js';

/**
 * One `MediaRecorder` at a time over the camera's stream: WebM/VP8 at ~750 kbps. `start` resolves
 * once the recorder runs; `stop` resolves the clip. The run's signal, and the host leaving the
 * page, stop it and drop what was recorded.
 */
export class RecorderController implements ReactiveController {
  private current: { recorder: MediaRecorder; chunks: Blob[] } | null = null;

  constructor(host: ReactiveControllerHost) {
    host.addController(this);
  }

  /** The type this browser records the clips in; null without MediaRecorder or WebM. */
  static mimeType(): string | null {
    if (typeof globalThis.MediaRecorder !== 'function') return null;
    return pickRecorderMime((t) => MediaRecorder.isTypeSupported(t));
  }

  hostDisconnected(): void {
    this.discard();
  }

  /** Stops the current recording, if any, and drops it. */
  cancel(): void {
    this.discard();
  }

  /** Starts recording `stream`; resolves once the recorder has started. */
  start(stream: MediaStream, signal: AbortSignal): Promise<void> {
    this.discard();
    const mimeType = RecorderController.mimeType();
    if (!mimeType) return Promise.reject(new Error('MediaRecorder cannot record WebM here'));
    const recorder = new MediaRecorder(stream, {
      mimeType,
      videoBitsPerSecond: RECORDER_BITS_PER_SECOND,
    });
    const current = { recorder, chunks: [] as Blob[] };
    this.current = current;
    recorder.addEventListener('dataavailable', (e) => {
      if (e.data.size > 0) current.chunks.push(e.data);
    });
    signal.addEventListener('abort', () => this.discard(current), { once: true });
    return new Promise<void>((resolve, reject) => {
      recorder.addEventListener('start', () => resolve(), { once: true });
      recorder.addEventListener('error', (e) => reject(errorOf(e)), { once: true });
      signal.addEventListener('abort', () => reject(signal.reason), { once: true });
      recorder.start();
    });
  }

  /** Stops the current recording and resolves its clip. */
  stop(): Promise<Blob> {
    const current = this.current;
    if (!current || current.recorder.state === 'inactive')
      return Promise.reject(new Error('Nothing is being recorded'));
    const { recorder } = current;
    return new Promise<Blob>((resolve, reject) => {
      recorder.addEventListener(
        'stop',
        () => {
          if (this.current === current) this.current = null;
          resolve(
            new Blob(current.chunks, { type: recorder.mimeType.split(';')[0] || 'video/webm' }),
          );
        },
        { once: true },
      );
      recorder.addEventListener('error', (e) => reject(errorOf(e)), { once: true });
      recorder.stop();
    });
  }

  /** Stops without keeping anything. */
  private discard(which = this.current): void {
    if (!which) return;
    which.chunks = [];
    if (which.recorder.state !== 'inactive') which.recorder.stop();
    if (this.current === which) this.current = null;
  }
}

function errorOf(e: Event): unknown {
  return (e as Event & { error?: unknown }).error ?? new Error('MediaRecorder failed');
}
