import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { abortable } from '../core/abort.js';
import { toFaceObservations, type FaceObservation } from '../core/face.js';
import { clipRect, type Size } from '../core/geometry.js';
import { cropStats, type CropStats } from '../core/image-stats.js';
import { FACE_CROP_SIZE } from '../core/quality.js';
import { loadDetectorAssets, type FaceDetector } from '../internal/face-detector.js';
import type * as DetectionPipeline from '../internal/detection-pipeline.js';
import type { FrameReader, ReadFrame } from '../internal/frame-reader.js';

type Pipeline = typeof DetectionPipeline;
let pipeline: Promise<Pipeline> | null = null;

/** The detector's builder and the frame reader, loaded once, on the first need. */
function loadPipeline(): Promise<Pipeline> {
  pipeline ??= import('../internal/detection-pipeline.js').catch((error: unknown) => {
    pipeline = null; // tried again next time
    throw error;
  });
  return pipeline;
}

export interface DetectedFrame {
  /** performance.now() of the frame, strictly increasing (MediaPipe requires it). */
  t: number;
  frame: Size;
  faces: FaceObservation[];
  /**
   * Reads the crop of `face` and measures it; memoised. A function because the read-back is the
   * costly part of a frame and the scorer only wants it for the well-placed face it picked.
   */
  crop: (face: FaceObservation) => CropStats | null;
  /**
   * Time spent reading the frame, in the detector and on the face crop (0 until read), ms, for
   * the benchmark.
   */
  cost: { read: number; detect: number; crop: number };
}

type VideoWithFrameCallback = HTMLVideoElement & {
  requestVideoFrameCallback?: (cb: () => void) => number;
  cancelVideoFrameCallback?: (handle: number) => void;
};

/**
 * Runs the MediaPipe face detector on each new video frame, read small by a `FrameReader` (the
 * detector never sees the full-size video: moving it through WebGL costs far more than the
 * inference). The next frame is only asked for once a frame is done, so there is never more than
 * one in flight; frames that arrive meanwhile are simply skipped. The loop pauses while the page
 * is hidden and resumes when it is visible again.
 */
export class DetectionController implements ReactiveController {
  status: 'idle' | 'loading' | 'ready' | 'unavailable' = 'idle';
  error: unknown = null;

  private detector: FaceDetector | null = null;
  private loading: Promise<'ready' | 'unavailable'> | null = null;
  private loadedFrom: string | null = null;
  private video: VideoWithFrameCallback | null = null;
  private handle: { kind: 'vfc' | 'raf'; id: number } | null = null;
  /** A frame is being read and detected: the next one is asked for when it is done. */
  private busy = false;
  private lastT = 0;
  private lastVideoTime = -1;
  private reader: FrameReader | null = null;
  /** The detector has run once (warm-up or real frame): its graph is set up. */
  private warm = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly callbacks: {
      onFrame: (frame: DetectedFrame) => void;
      onVisibility: (hidden: boolean) => void;
    },
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    document.addEventListener('visibilitychange', this.handleVisibility);
  }

  hostDisconnected(): void {
    document.removeEventListener('visibilitychange', this.handleVisibility);
    this.stop();
    // Free the wasm graph now; a reconnected element loads it again (from the HTTP cache).
    this.detector?.close();
    this.detector = null;
    this.loading = null;
    this.status = 'idle';
  }

  /**
   * Loads the detector once per assets URL; resolves 'unavailable' instead of rejecting. With the
   * run's `signal`, rejects with its reason once the run is over: the load itself goes on, for the
   * next run.
   */
  load(
    assetsBaseUrl: string | null | undefined,
    signal?: AbortSignal,
  ): Promise<'ready' | 'unavailable'> {
    const loading = this.loadOnce(assetsBaseUrl);
    return signal ? abortable(loading, signal) : loading;
  }

  private loadOnce(assetsBaseUrl: string | null | undefined): Promise<'ready' | 'unavailable'> {
    const key = assetsBaseUrl ?? '';
    if (this.loading && this.loadedFrom === key && this.status !== 'unavailable')
      return this.loading;
    this.loadedFrom = key;
    this.status = 'loading';
    this.detector?.close();
    this.detector = null;
    // The detector's files and the module that builds it and reads frames load side by side.
    try {
      loadDetectorAssets(assetsBaseUrl);
    } catch {
      // A URL that cannot be resolved: createFaceDetector below fails the same way and says so.
    }
    const pending: Promise<'ready' | 'unavailable'> = loadPipeline()
      .then(async ({ createFaceDetector, FrameReader }) => {
        const detector = await createFaceDetector({
          assetsBaseUrl,
          runningMode: 'VIDEO',
          minDetectionConfidence: 0.5,
        });
        try {
          this.reader ??= new FrameReader();
        } catch (error) {
          detector.close();
          throw error;
        }
        if (this.loading !== pending) {
          detector.close(); // the element was removed (or the URL changed) meanwhile
          return 'unavailable' as const;
        }
        this.detector = detector;
        this.warm = false;
        this.status = 'ready';
        return 'ready' as const;
      })
      .catch((error: unknown) => {
        // A superseded load (element removed and re-added, URL changed) must not clobber the
        // state of the load that replaced it.
        if (this.loading !== pending) return 'unavailable' as const;
        this.error = error;
        this.status = 'unavailable';
        return 'unavailable' as const;
      })
      .finally(() => this.host.requestUpdate());
    this.loading = pending;
    return pending;
  }

  /**
   * The first inference sets up the graph and its GL resources, which takes far longer than a
   * frame. While the camera is not streaming yet (its permission prompt is open, or `preload()`
   * ran), doing it now on a blank image of the frame's expected size keeps that off the first real
   * frame. Once frames come, the first real frame does that setup and brings the first hint with
   * it: a warm-up then would only delay the hint by its own length. Runs at most once per
   * detector, and never after a real frame.
   */
  warmUp(frame: Size): void {
    const detector = this.detector;
    const reader = this.reader; // loaded with the detector
    if (!detector || !reader || this.warm) return;
    this.warm = true;
    try {
      const blank = reader.blank(frame);
      const t = Math.max(performance.now(), this.lastT + 1);
      this.lastT = t;
      detector.detectForVideo(blank, t);
    } catch {
      // Only an optimisation: the real frames will say whether detection works.
    }
  }

  /** Starts (or moves) the loop onto a video element. */
  run(video: HTMLVideoElement): void {
    this.stop();
    this.video = video;
    if (document.hidden) return;
    // A frame already on screen is detected now: waiting for the next one would put up to a
    // frame interval, and the wait for the video frame callback, before the first hint.
    if (video.readyState >= 2 && !this.busy) this.tick();
    else this.schedule();
  }

  stop(): void {
    this.cancelScheduled();
    this.video = null;
  }

  get running(): boolean {
    return this.video !== null;
  }

  private readonly handleVisibility = (): void => {
    const hidden = document.hidden;
    if (hidden) this.cancelScheduled();
    else if (this.video) this.schedule();
    this.callbacks.onVisibility(hidden);
  };

  private schedule(): void {
    const video = this.video;
    if (!video || this.handle || this.busy) return;
    if (typeof video.requestVideoFrameCallback === 'function') {
      this.handle = { kind: 'vfc', id: video.requestVideoFrameCallback(this.tick) };
    } else {
      this.handle = { kind: 'raf', id: requestAnimationFrame(this.tick) };
    }
  }

  private cancelScheduled(): void {
    const h = this.handle;
    this.handle = null;
    if (!h) return;
    if (h.kind === 'vfc') this.video?.cancelVideoFrameCallback?.(h.id);
    else cancelAnimationFrame(h.id);
  }

  private readonly tick = (): void => {
    this.handle = null;
    const video = this.video;
    const detector = this.detector;
    // Without requestVideoFrameCallback, only a new currentTime means a new frame.
    const fresh = video !== null && video.currentTime !== this.lastVideoTime;
    if (!video || !detector || !fresh || video.readyState < 2 || video.videoWidth === 0) {
      if (video && !document.hidden) this.schedule();
      return;
    }
    this.lastVideoTime = video.currentTime;
    // The next frame is only asked for once this one is done: at most one frame in flight.
    this.busy = true;
    this.detect(detector, video)
      .then((frame) => {
        // Stopped, moved to another video or unloaded meanwhile: the frame is stale.
        if (frame && this.video === video && this.detector === detector)
          this.callbacks.onFrame(frame);
      })
      .catch(() => undefined) // a frame that could not be read is skipped
      .finally(() => {
        this.busy = false;
        // On whichever video the loop is on now (run() may have moved it meanwhile).
        if (!document.hidden) this.schedule();
      });
  };

  /**
   * Reads the video's current frame, runs the detector on it and offers the face-crop
   * statistics; public for the benchmark. Null when the frame could not be read.
   */
  async detect(detector: FaceDetector, video: HTMLVideoElement): Promise<DetectedFrame | null> {
    const start = performance.now();
    this.reader ??= new (await loadPipeline()).FrameReader();
    const read = await this.reader.read(video);
    if (!read) return null;
    const detectStart = performance.now();
    const t = Math.max(detectStart, this.lastT + 1);
    this.lastT = t;
    const result = detector.detectForVideo(read.image, t);
    if (detector === this.detector) this.warm = true;
    const faces = toFaceObservations(result.detections, read.frame, read.scale);
    const cost = { read: detectStart - start, detect: performance.now() - detectStart, crop: 0 };
    let measured: { face: FaceObservation; stats: CropStats | null } | undefined;
    const crop = (face: FaceObservation): CropStats | null => {
      if (measured?.face === face) return measured.stats;
      const t0 = performance.now();
      measured = { face, stats: measureCrop(read, face) };
      cost.crop = performance.now() - t0;
      return measured.stats;
    };
    return { t, frame: read.frame, faces, crop, cost };
  }

  /** How frames are read: `pixels` (WebCodecs) or `canvas` (the fallback); for the benchmark. */
  get frameReading(): 'pixels' | 'canvas' {
    return this.reader?.via ?? 'pixels';
  }
}

/** The face box, resampled to a small square, and its statistics. */
function measureCrop(read: ReadFrame, face: FaceObservation): CropStats | null {
  const box = clipRect(face.box, read.frame);
  const gray = box ? read.crop(box, FACE_CROP_SIZE) : null;
  return gray ? cropStats(gray) : null;
}
