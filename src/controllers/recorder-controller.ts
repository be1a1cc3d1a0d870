import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { RECORDER_BITS_PER_SECOND } from '../core/recording.js';
import { recorderMimeType } from '../internal/recorder-mime.js';

interface Recording {
  recorder: MediaRecorder;
  chunks: Blob[];
  /** An error the recorder reported while recording: `stop()` fails with it. */
  error: unknown;
}

/**
 * One `MediaRecorder` at a time over the camera's stream: WebM/VP8 at ~300 kbps. `start` resolves
 * once the recorder is started; `stop` resolves the clip. The run's signal, and the host leaving the
 * page, stop it and drop what was recorded.
 */
export class RecorderController implements ReactiveController {
  private current: Recording | null = null;

  constructor(host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.discard();
  }

  /** Stops the current recording, if any, and drops it. */
  cancel(): void {
    this.discard();
  }

  /**
   * Starts recording `stream`; resolves as soon as the recorder is asked to start. The clip's
   * time 0 is this call, not the `start` event: Chromium fires `start` (and its first data) up
   * to ~1 s later on a busy machine while the clip already holds the frames from the call on
   * (measured on a loaded 2-core box: a colour schedule begun at `start` was recorded 850-1000 ms
   * late, past the server's 400 ms window). A later error fails `stop()`.
   */
  start(stream: MediaStream, signal: AbortSignal): Promise<void> {
    this.discard();
    if (signal.aborted) return Promise.reject(signal.reason);
    const mimeType = recorderMimeType();
    if (!mimeType) return Promise.reject(new Error('MediaRecorder cannot record WebM here'));
    const recorder = new MediaRecorder(stream, {
      mimeType,
      videoBitsPerSecond: RECORDER_BITS_PER_SECOND,
    });
    const current: Recording = { recorder, chunks: [], error: null };
    this.current = current;
    recorder.addEventListener('dataavailable', (e) => {
      if (e.data.size > 0) current.chunks.push(e.data);
    });
    recorder.addEventListener('error', (e) => (current.error = errorOf(e)), { once: true });
    signal.addEventListener('abort', () => this.discard(current), { once: true });
    try {
      recorder.start();
    } catch (error) {
      this.discard(current);
      return Promise.reject(error);
    }
    return Promise.resolve();
  }

  /** Stops the current recording and resolves its clip. */
  stop(): Promise<Blob> {
    const current = this.current;
    if (!current || current.recorder.state === 'inactive')
      return Promise.reject(new Error('Nothing is being recorded'));
    const { recorder } = current;
    if (current.error) return Promise.reject(current.error);
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
