import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { CameraFailure } from '../core/camera-failure.js';
import {
  needsCamera,
  type CaptureMode,
  type CapturedImage,
  type DetectorStatus,
  type FlowChange,
  type FlowState,
} from '../core/flow.js';
import type { Size } from '../core/geometry.js';
import { GuidanceSession } from '../core/guidance.js';
import { ovalInVideo } from '../core/oval.js';
import type { QualityReport } from '../core/quality.js';
import { resolveThresholds, type QualityThresholds } from '../core/thresholds.js';
import type { Transition } from '../face-auth.events.js';
import { CameraController, CameraError, IDEAL_FRAME } from './camera-controller.js';
import { CaptureController } from './capture-controller.js';
import { DetectionController, type DetectedFrame } from './detection-controller.js';
import type { RunController } from './run-controller.js';

/** The host's properties a session reads, each time it needs one. */
export interface CaptureSettings {
  facingMode: 'user' | 'environment';
  cameraId?: string | undefined;
  assetsBaseUrl?: string | undefined;
  thresholds?: Partial<QualityThresholds> | undefined;
  manualCaptureDelay: number;
  jpegQuality: number;
  maxImageSize: number;
  maxImageBytes?: number | undefined;
}

export interface CaptureSessionOptions {
  runs: RunController;
  state: () => FlowState;
  transition: Transition;
  settings: () => CaptureSettings;
  /** The rendered preview, while the camera screen is up. */
  video: () => HTMLVideoElement | null | undefined;
  /** The rendered stage (0×0 before layout): the oval's place in the frame depends on it. */
  stageSize: () => Size;
  /** A photo was taken and `face-auth-capture` went out. */
  captured: (capture: CapturedImage) => void;
  /** True: a liveness phase follows the capture, so the camera stays on after it. */
  holdCamera?: () => boolean;
  /** A detector frame while the flow is in its liveness phase. */
  livenessFrame?: (frame: DetectedFrame) => void;
}

/**
 * Resolves once the tasks already queued have run. Building the detector is one long task on the
 * main thread (MediaPipe's set-up, about a second here); a camera that opened meanwhile has its
 * answer queued behind it. Looking at the camera before that answer lands would warm the detector
 * up on a blank frame for nothing (a third of a second) while the real frame waits.
 */
function afterQueuedTasks(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * The capture of one run: opens the camera and loads the detector, scores every frame
 * (frame → guidance → kept frame), offers the manual button after `manualCaptureDelay`, and
 * encodes the photo. Releases the camera, the loop and the timer as soon as the flow leaves the
 * camera screen, and when the host leaves the page.
 */
export class CaptureSessionController implements ReactiveController {
  readonly camera: CameraController;
  private readonly detection: DetectionController;
  private readonly capturer: CaptureController;
  /** The guidance of the current thresholds; a new `thresholds` object starts a new one. */
  private guidance: { from: Partial<QualityThresholds> | undefined; session: GuidanceSession } = {
    from: undefined,
    session: new GuidanceSession(resolveThresholds()),
  };
  /** The report of the last scored frame, for a manual capture. */
  private lastReport: QualityReport | null = null;
  private manualTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    host: ReactiveControllerHost,
    private readonly options: CaptureSessionOptions,
  ) {
    this.camera = new CameraController(host, () => this.failCamera(new CameraError('track-ended')));
    this.detection = new DetectionController(host, {
      onFrame: (frame) => this.handleFrame(frame),
      onVisibility: (hidden) => this.handleVisibility(hidden),
    });
    this.capturer = new CaptureController(host);
    host.addController(this);
  }

  /** What the detector is known to be at a start: a load that ended well serves every run. */
  get detectorKnown(): DetectorStatus {
    return this.detection.status === 'ready' ? 'ready' : 'loading';
  }

  hostUpdated(): void {
    this.attachStream();
  }

  hostDisconnected(): void {
    // The camera, detection and capture controllers release their own resources.
    this.clearManualTimer();
  }

  /**
   * Opens the camera and loads the detector for the run of `signal`. True once the camera
   * streams (`cameraReady`); false when it failed (the error screen is up) or the run ended.
   */
  async open(signal: AbortSignal): Promise<boolean> {
    this.lastReport = null;
    this.currentGuidance().reset();
    this.capturer.clear();
    const { assetsBaseUrl, cameraId } = this.options.settings();
    // The model and wasm load while the person answers the permission prompt.
    this.detection.load(assetsBaseUrl, signal).then(
      async (status) => {
        if (status !== 'ready') {
          this.options.transition({ type: 'detectorUnavailable' }, { error: this.detection.error });
          return;
        }
        await afterQueuedTasks();
        if (signal.aborted) return;
        this.warmUpUnlessStreaming();
        this.options.transition({ type: 'detectorReady' });
      },
      () => undefined, // the run ended: its late answer is dropped
    );
    if (!(await this.openCamera(signal, cameraId))) return false;
    this.options.transition({ type: 'cameraReady' });
    return true;
  }

  /**
   * Loads the detector ahead of a run (wasm, model, graph); a run started meanwhile waits for
   * the same load. Resolves once it is settled, whether or not detection is available.
   */
  async preload(): Promise<void> {
    if ((await this.detection.load(this.options.settings().assetsBaseUrl)) !== 'ready') return;
    await afterQueuedTasks();
    this.warmUpUnlessStreaming();
  }

  /**
   * Sets the detector's graph up on a blank frame while the camera is not streaming yet (the
   * permission prompt is open, or the host preloads); with frames coming, the first real one does
   * it and shows the first hint (see DetectionController.warmUp).
   */
  private warmUpUnlessStreaming(): void {
    if (!this.camera.stream) this.detection.warmUp(IDEAL_FRAME);
  }

  /** Follows a change of the flow: the camera goes with its screen, the timer comes with guiding. */
  follow({ previous, next }: FlowChange): void {
    if (needsCamera(previous) && !needsCamera(next)) this.stop();
    if (next.status === 'guiding' && previous.status !== 'guiding') this.armManualTimer();
  }

  /** Starts the detection loop on the rendered preview, when the detector is ready. */
  watch(): void {
    const s = this.options.state();
    const video = this.options.video();
    if (s.status === 'guiding' && s.detector === 'ready' && video && !this.detection.running)
      this.detection.run(video);
  }

  /** Starts the detection loop on the rendered preview of the liveness screen. */
  watchLiveness(): void {
    const video = this.options.video();
    if (this.options.state().status === 'liveness' && this.detection.status === 'ready' && video)
      if (!this.detection.running) this.detection.run(video);
  }

  /** Moves to another camera within the run. */
  async switchCamera(deviceId: string): Promise<void> {
    const signal = this.options.runs.signal;
    this.detection.stop();
    this.currentGuidance().reset();
    if (!(await this.openCamera(signal, deviceId))) return;
    // The loop restarts on this video right away: attach the new stream now, not at the next update.
    this.attachStream();
    this.watch();
  }

  /** Takes the photo now, when the manual button is offered. */
  async takePhoto(): Promise<void> {
    const s = this.options.state();
    const video = this.options.video();
    if (s.status !== 'guiding' || !s.manualCapture || !video) return;
    // A press right after the camera opened may come before its first frame.
    if (video.readyState < 2) {
      await new Promise((resolve) => video.addEventListener('loadeddata', resolve, { once: true }));
    }
    if (this.options.state().status !== 'guiding') return;
    this.capturer.keep(video, this.options.settings().maxImageSize);
    // The photo is the current frame, so its report is the last frame's (none without detection).
    await this.finishCapture('manual', this.lastReport);
  }

  /**
   * Opens a camera for the run of `signal`. False when it failed (the error screen is up) or the
   * run ended meanwhile (the camera closed the late stream): either way the caller stops there.
   */
  private async openCamera(signal: AbortSignal, deviceId: string | undefined): Promise<boolean> {
    try {
      await this.camera.start({ facingMode: this.options.settings().facingMode, deviceId }, signal);
    } catch (error) {
      if (!signal.aborted) this.failCamera(error);
      return false;
    }
    return !signal.aborted;
  }

  private failCamera(error: unknown): void {
    const reason: CameraFailure = error instanceof CameraError ? error.reason : 'camera-busy';
    this.options.transition({ type: 'cameraFailed', reason }, { error });
  }

  private handleFrame(frame: DetectedFrame): void {
    const s = this.options.state();
    if (s.status === 'liveness') {
      this.options.livenessFrame?.(frame);
      return;
    }
    const video = this.options.video();
    if (s.status !== 'guiding' || s.paused || !video) return;
    const size = this.options.stageSize();
    const stage = size.width > 0 ? size : frame.frame;
    const guidance = this.currentGuidance();
    const step = guidance.step({
      t: frame.t,
      faces: frame.faces,
      crop: frame.crop,
      oval: ovalInVideo(frame.frame, stage),
    });
    this.lastReport = step.report;
    if (step.isBest) this.capturer.keep(video, this.options.settings().maxImageSize);
    const progress = Math.round(step.progress * 20) / 20; // 5 % steps: fewer renders
    this.options.transition({ type: 'frameAssessed', hint: step.hint, progress });
    if (step.complete && s.captureMode === 'auto')
      void this.finishCapture('auto', guidance.bestReport);
  }

  private handleVisibility(hidden: boolean): void {
    this.currentGuidance().reset();
    this.options.transition({ type: hidden ? 'pageHidden' : 'pageVisible' });
  }

  private async finishCapture(trigger: CaptureMode, report: QualityReport | null): Promise<void> {
    const signal = this.options.runs.signal;
    if (!this.options.transition({ type: 'captureStarted', trigger })) return;
    // The kept frame is already copied out of the video: the camera can go now, unless the
    // liveness phase records it next (the loop restarts on that screen's preview).
    const hold = this.options.holdCamera?.() ?? false;
    if (hold) {
      this.detection.stop();
      this.clearManualTimer();
    } else this.stop();
    const { jpegQuality, maxImageSize, maxImageBytes } = this.options.settings();
    let capture: CapturedImage;
    try {
      const encoded = await this.capturer.encode({
        quality: jpegQuality,
        maxSide: maxImageSize,
        maxBytes: maxImageBytes ?? null,
      });
      capture = { ...encoded, report, mode: trigger };
    } catch (error) {
      if (!signal.aborted)
        this.options.transition(
          { type: 'failed', code: 'capture-failed', retryable: true },
          { error },
        );
      return;
    }
    if (signal.aborted) return;
    if (this.options.transition({ type: 'captured', capture, ...(hold ? { liveness: true } : {}) }))
      this.options.captured(capture);
  }

  /** The guidance for the current `thresholds`. */
  private currentGuidance(): GuidanceSession {
    const thresholds = this.options.settings().thresholds;
    if (this.guidance.from !== thresholds)
      this.guidance = {
        from: thresholds,
        session: new GuidanceSession(resolveThresholds(thresholds)),
      };
    return this.guidance.session;
  }

  private stop(): void {
    this.detection.stop();
    this.camera.stop();
    this.clearManualTimer();
    const video = this.options.video();
    if (video) video.srcObject = null;
  }

  private armManualTimer(): void {
    this.clearManualTimer();
    this.manualTimer = setTimeout(() => {
      this.manualTimer = null;
      this.options.transition({ type: 'manualCaptureAllowed' });
    }, this.options.settings().manualCaptureDelay);
  }

  private clearManualTimer(): void {
    if (this.manualTimer) clearTimeout(this.manualTimer);
    this.manualTimer = null;
  }

  private attachStream(): void {
    const video = this.options.video();
    const stream = this.camera.stream;
    if (!video || !stream || video.srcObject === stream) return;
    video.srcObject = stream;
    video.play().catch(() => {
      // Autoplay of a muted inline video is allowed; a rejection here means the element went away.
    });
  }
}
