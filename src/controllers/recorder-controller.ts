import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { RECORDER_BITS_PER_SECOND } from '../core/recording.js';
import { recorderMimeType } from '../internal/recorder-mime.js';

/** One clip being recorded; `stop` on the controller resolves it. */
export interface Recording {
  readonly recorder: MediaRecorder;
  chunks: Blob[];
  /** An error the recorder reported while recording: `stop()` fails with it. */
  error: unknown;
}

/**
 * `MediaRecorder`s over the camera's stream: WebM/VP8 at ~300 kbps. Two may overlap: the
 * colours' clip records its last colour's camera lag while the turns clip has begun. `start`
 * resolves a recording once it is started; `stop` resolves its clip. The run's signal, and the
 * host leaving the page, stop them all and drop what was recorded.
 */
export class RecorderController implements ReactiveController {
  private readonly recordings = new Set<Recording>();

  constructor(host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.cancel();
  }

  /** Stops every recording and drops them. */
  cancel(): void {
    for (const recording of [...this.recordings]) this.discard(recording);
  }

  /**
   * Starts recording `stream`; resolves as soon as the recorder is asked to start. The clip's
   * time 0 is this call, not the `start` event: Chromium fires `start` (and its first data) up
   * to ~1 s later on a busy machine while the clip already holds the frames from the call on
   * (measured on a loaded 2-core box: a colour schedule begun at `start` was recorded 850-1000 ms
   * late, past the server's 400 ms window). A later error fails `stop()`.
   */
  start(stream: MediaStream, signal: AbortSignal): Promise<Recording> {
    if (signal.aborted) return Promise.reject(signal.reason);
    const mimeType = recorderMimeType();
    if (!mimeType) return Promise.reject(new Error('MediaRecorder cannot record WebM here'));
    const recorder = new MediaRecorder(stream, {
      mimeType,
      videoBitsPerSecond: RECORDER_BITS_PER_SECOND,
    });
    const recording: Recording = { recorder, chunks: [], error: null };
    this.recordings.add(recording);
    recorder.addEventListener('dataavailable', (e) => {
      if (e.data.size > 0) recording.chunks.push(e.data);
    });
    recorder.addEventListener('error', (e) => (recording.error = errorOf(e)), { once: true });
    signal.addEventListener('abort', () => this.discard(recording), { once: true });
    try {
      recorder.start();
    } catch (error) {
      this.discard(recording);
      return Promise.reject(error);
    }
    return Promise.resolve(recording);
  }

  /** Stops `recording` and resolves its clip. */
  stop(recording: Recording): Promise<Blob> {
    const { recorder } = recording;
    if (!this.recordings.has(recording) || recorder.state === 'inactive')
      return Promise.reject(new Error('Nothing is being recorded'));
    if (recording.error) return Promise.reject(recording.error);
    return new Promise<Blob>((resolve, reject) => {
      recorder.addEventListener(
        'stop',
        () => {
          this.recordings.delete(recording);
          resolve(
            new Blob(recording.chunks, { type: recorder.mimeType.split(';')[0] || 'video/webm' }),
          );
        },
        { once: true },
      );
      recorder.addEventListener('error', (e) => reject(errorOf(e)), { once: true });
      recorder.stop();
    });
  }

  /** Stops without keeping anything. */
  private discard(recording: Recording): void {
    recording.chunks = [];
    if (recording.recorder.state !== 'inactive') recording.recorder.stop();
    this.recordings.delete(recording);
  }
}

function errorOf(e: Event): unknown {
  return (e as Event & { error?: unknown }).error ?? new Error('MediaRecorder failed');
}
