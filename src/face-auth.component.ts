import { LitElement, html, nothing, svg, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import type { AccessTokenProvider, ActionOutcome } from './api/index.js';
import { ActionController } from './controllers/action-controller.js';
import { AnnouncerController } from './controllers/announcer-controller.js';
import { CameraController, CameraError } from './controllers/camera-controller.js';
import { CaptureController } from './controllers/capture-controller.js';
import { DetectionController, type DetectedFrame } from './controllers/detection-controller.js';
import { FlowController } from './controllers/flow-controller.js';
import type { ActionFlowError } from './core/action-flow-errors.js';
import {
  rejectReasons,
  type ActionResult,
  type ActionResultDecision,
} from './core/action-result.js';
import type { CameraFailure } from './core/camera-failure.js';
import {
  canCancel,
  canStart,
  needsCamera,
  type CaptureMode,
  type CapturedImage,
  type FlowState,
  type FlowStatus,
} from './core/flow.js';
import type { Size } from './core/geometry.js';
import { GuidanceSession } from './core/guidance.js';
import { ovalInStage, ovalInVideo } from './core/oval.js';
import type { QualityReport } from './core/quality.js';
import { resolveThresholds, type QualityThresholds } from './core/thresholds.js';
import {
  FaceAuthActionResultEvent,
  type FaceAuthActionResultDetail,
} from './events/face-auth-action-result.js';
import { FaceAuthCancelEvent } from './events/face-auth-cancel.js';
import { FaceAuthCaptureEvent } from './events/face-auth-capture.js';
import { FaceAuthErrorEvent, type FaceAuthErrorDetail } from './events/face-auth-error.js';
import { FaceAuthReadyEvent } from './events/face-auth-ready.js';
import { FaceAuthStatusEvent } from './events/face-auth-status.js';
import styles from './face-auth.styles.js';
import {
  translationFor,
  withOverrides,
  type Translation,
  type TranslationOverrides,
} from './translations/index.js';

/**
 * @summary Guides a person to one good selfie with the device camera and on-device face
 * detection, then hands over a JPEG with its quality report. With `token-url` or
 * `accessTokenProvider` set it goes on to complete the face-authorization action with the
 * provider (upload, review) and reports the answer.
 *
 * @event face-auth-ready - The camera streams and the detector has settled. `detail: { detector, cameraLabel }`.
 * @event face-auth-status - `status` changed. `detail: { status, previous, state }`.
 * @event face-auth-capture - A selfie was taken. `detail: { image: Blob, width, height, report, mode }`.
 * @event face-auth-error - Something failed. `detail: { code, message, fatal, cause? }`.
 * @event face-auth-cancel - The flow was cancelled and the camera released. `detail: { from }`.
 * @event face-auth-action-result - The provider reviewed the selfie (provider flow only). Cancelable:
 *   `preventDefault()` closes without the result screen. `detail: { actionId, answer, reviewStatus, externalActionId, reviewResult: { rejectLabels, reviewRejectType } }`.
 *
 * @csspart base - The wrapper of every screen.
 * @csspart stage - The camera area (video, mask, oval, ring, hint).
 * @csspart video - The camera preview (mirrored for a front camera).
 * @csspart mask - The dimmed area outside the oval.
 * @csspart oval - The outline of the face oval.
 * @csspart progress - The ring that fills while a good pose is held.
 * @csspart hint - The one hint shown over the preview.
 * @csspart controls - The row of buttons and the camera switch.
 * @csspart button - Every button.
 * @csspart primary-button - The main action of a screen.
 * @csspart capture-button - The manual "Take photo" button.
 * @csspart cancel-button - The cancel button.
 * @csspart camera-select - The camera switch.
 * @csspart screen - A text screen (intro, error, captured, cancelled).
 * @csspart title - A screen's title.
 * @csspart body - A screen's explanation.
 * @csspart captured-image - The preview of the captured photo.
 * @csspart spinner - The busy indicator.
 * @csspart upload-progress - The progress bar while the photo is sent.
 * @csspart reasons - The list of reasons on a "not confirmed" result screen.
 * @csspart detail - The provider's own words under an error message.
 *
 * @cssproperty --face-auth-accent - Buttons, focus rings and the spinner.
 * @cssproperty --face-auth-on-accent - Text on accent-filled buttons.
 * @cssproperty --face-auth-good - The progress ring and the "hold still" hint.
 * @cssproperty --face-auth-background - Background of the widget.
 * @cssproperty --face-auth-foreground - Text colour.
 * @cssproperty --face-auth-muted - Secondary text colour.
 * @cssproperty --face-auth-mask-color - The dimmed area outside the oval.
 * @cssproperty --face-auth-oval-color - The oval outline.
 * @cssproperty --face-auth-error - Titles of error screens.
 * @cssproperty --face-auth-radius - Corner radius of the stage and the widget.
 * @cssproperty --face-auth-font-family - Font of every text.
 * @cssproperty --face-auth-max-width - Largest width of the widget.
 * @cssproperty --face-auth-stage-max-height - Largest height of the camera area.
 */
export class FaceAuthElement extends LitElement {
  static override styles = styles;

  protected readonly flow = new FlowController(this, (next, previous) =>
    this.handleFlowChange(next, previous),
  );
  protected readonly camera = new CameraController(this, () =>
    this.failCamera(new CameraError('track-ended')),
  );
  protected readonly detection = new DetectionController(this, {
    onFrame: (frame) => this.handleFrame(frame),
    onVisibility: (hidden) => this.handleVisibility(hidden),
  });
  protected readonly capturer = new CaptureController(this);
  private readonly announcer = new AnnouncerController(this);
  /** Owns the provider run's AbortController: cancel, a new run and removal abort it. */
  private readonly action = new ActionController(this, () => ({
    apiBaseUrl: this.apiBaseUrl ?? '',
    tokenUrl: this.tokenUrl,
    accessTokenProvider: this.accessTokenProvider,
    externalActionId: this.externalActionId,
    levelName: this.levelName,
    country: this.country || 'XXX',
    poll: this.pollTimeout ? { timeoutMs: this.pollTimeout } : undefined,
  }));

  /** Language of the UI (`en`, `ru`); defaults to the nearest `lang` attribute, then English. */
  @property({ reflect: true }) locale?: string;

  /** Folder with the MediaPipe wasm fileset and face model; defaults to the bundled `assets/`. */
  @property({ attribute: 'assets-base-url' }) assetsBaseUrl?: string;

  /** Which camera to prefer: the front (`user`) or the back (`environment`) one. */
  @property({ attribute: 'facing-mode' }) facingMode: 'user' | 'environment' = 'user';

  /** The `deviceId` of a specific camera; wins over `facing-mode`. Set by the camera switch. */
  @property({ attribute: 'camera-id' }) cameraId?: string;

  /** `auto`: capture once a good pose is held; `manual`: only the "Take photo" button. */
  @property({ attribute: 'capture-mode' }) captureMode: CaptureMode = 'auto';

  /** Overrides of the quality thresholds (JSON in the attribute). */
  @property({ type: Object }) thresholds?: Partial<QualityThresholds>;

  /** After this many ms without an auto-capture, the manual button is offered too. */
  @property({ type: Number, attribute: 'manual-capture-delay' }) manualCaptureDelay = 8000;

  /** JPEG quality of the capture, 0..1. */
  @property({ type: Number, attribute: 'jpeg-quality' }) jpegQuality = 0.92;

  /** Longer side of the captured image in pixels; larger camera frames are scaled down. */
  @property({ type: Number, attribute: 'max-image-size' }) maxImageSize = 1920;

  /** Byte budget for the JPEG; the quality steps down to fit. Unset: no limit. */
  @property({ type: Number, attribute: 'max-image-bytes' }) maxImageBytes?: number;

  /** Start as soon as the element is on the page, without the intro screen. */
  @property({ type: Boolean }) autostart = false;

  /** Overrides of any UI string of the current locale. */
  @property({ attribute: false }) messages?: TranslationOverrides;

  // ---- provider flow (all optional: without a token source the flow stops at `captured`) ----

  /**
   * The host backend's endpoint that mints a provider access token: POSTed with same-origin
   * credentials, it answers `{ token, externalActionId? }`. Asked again once when the provider
   * says the token expired.
   */
  @property({ attribute: 'token-url' }) tokenUrl?: string;

  /** Instead of `token-url`: returns the access token (or `{ token, externalActionId? }`). Wins over `token-url`. */
  @property({ attribute: false }) accessTokenProvider?: AccessTokenProvider;

  /** The provider's API origin (and path prefix), e.g. `https://api.provider.example`. */
  @property({ attribute: 'api-base-url' }) apiBaseUrl?: string;

  /** The action the token was issued for; optional when the token endpoint names it. */
  @property({ attribute: 'external-action-id' }) externalActionId?: string;

  /** The provider level of the action; optional with an access token (the token names it). */
  @property({ attribute: 'level-name' }) levelName?: string;

  /** `metadata.country` of the selfie, ISO 3166-1 alpha-3; `XXX` is ICAO's "unspecified". */
  @property() country = 'XXX';

  /** Give up waiting for the review after this many ms (a `timeout` error). Default 120000. */
  @property({ type: Number, attribute: 'poll-timeout' }) pollTimeout?: number;

  /**
   * Awaited after `face-auth-action-result` while the person sees "Processing": `continue` (or
   * no handler) shows the result screen, `cancel` closes without it. The web form of the mobile
   * SDKs' action-result handler (`CBRActionResult.Continue / Cancel`).
   */
  @property({ attribute: false }) actionResultHandler?: (
    result: FaceAuthActionResultDetail,
  ) => ActionResultDecision | Promise<ActionResultDecision>;

  @state() private stageSize: Size = { width: 0, height: 0 };
  /** Set once the provider answered; cleared by a cancel, a new start and a reset. */
  private result: ActionResult | undefined;
  /** The photo of a provider run that failed, so "Try again" can send it again without a retake. */
  private failedCapture: CapturedImage | undefined;

  @query('video') private video?: HTMLVideoElement;
  @query('.stage') private stage?: HTMLElement;

  private guidance = new GuidanceSession(resolveThresholds());
  /** Bumped by every start, cancel, reset and removal: late async results of an older run are dropped. */
  private run = 0;
  private readyFired = false;
  /** The report of the last scored frame, for a manual capture. */
  private lastReport: QualityReport | null = null;
  private manualTimer: ReturnType<typeof setTimeout> | null = null;
  private capturedUrl: string | null = null;
  private resizeObserver: ResizeObserver | null = null;
  private langObserver: MutationObserver | null = null;
  /**
   * `translation` as last made, with the properties it was made from. The lookup walks the DOM for
   * `lang`, and the announcement asks on every flow change, so it is kept while connected: the
   * `lang` observer and every (dis)connection drop it.
   */
  private translationMade: {
    locale: string | undefined;
    messages: TranslationOverrides | undefined;
    t: Translation;
  } | null = null;
  private focusAfterUpdate = false;

  /** Where the flow is: `idle`, `starting`, `guiding`, `capturing`, `captured`, `cameraError`, … */
  get status(): FlowStatus {
    return this.flow.state.status;
  }

  /** The full flow state (hint, progress, failure reason…). */
  get state(): FlowState {
    return this.flow.state;
  }

  /** The last capture, while the flow holds it. */
  get capture(): CapturedImage | undefined {
    const s = this.flow.state;
    return s.status === 'captured' || s.status === 'uploading' || s.status === 'processing'
      ? s.capture
      : undefined;
  }

  /**
   * The provider's answer `{ actionId, answer }` once the review is over (`answer` null when it
   * went `onHold`); `undefined` before, and after a cancel.
   */
  get actionResult(): ActionResult | undefined {
    return this.result;
  }

  /** True when a token source is set: after the capture the element runs the provider flow. */
  get providerFlow(): boolean {
    return Boolean(this.tokenUrl || this.accessTokenProvider);
  }

  /** The strings in use: the locale's translation with `messages` over it. */
  get translation(): Translation {
    const { locale, messages } = this;
    const made = this.translationMade;
    if (made && made.locale === locale && made.messages === messages) return made.t;
    const lang =
      locale || this.closest('[lang]')?.getAttribute('lang') || document.documentElement.lang;
    const t = withOverrides(translationFor(lang), messages);
    // Detached, no observer watches `lang`: nothing is kept.
    this.translationMade = this.isConnected ? { locale, messages, t } : null;
    return t;
  }

  // ---- lifecycle ----

  override connectedCallback(): void {
    super.connectedCallback();
    // The new place may have another `lang`; a `lang` change on an ancestor re-renders in it.
    this.translationMade = null;
    this.langObserver = new MutationObserver(() => {
      this.translationMade = null;
      this.requestUpdate();
    });
    this.langObserver.observe(document.documentElement, {
      attributes: true,
      attributeFilter: ['lang'],
      subtree: true,
    });
    if (this.autostart && this.status === 'idle') void this.start();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.langObserver?.disconnect();
    this.translationMade = null;
    this.resizeObserver?.disconnect();
    this.resizeObserver = null;
    // Controllers stop the camera and the loop (and reset the flow without a change callback, so
    // the timer is ours to clear); forget the run so late promises are ignored.
    this.run++;
    this.clearManualTimer();
    this.revokeCapturedUrl();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('thresholds'))
      this.guidance = new GuidanceSession(resolveThresholds(this.thresholds));
  }

  protected override updated(): void {
    this.setAttribute('status', this.status);
    this.attachStream();
    this.observeStage();
    if (this.focusAfterUpdate) {
      this.focusAfterUpdate = false;
      this.renderRoot.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    }
  }

  // ---- public methods ----

  /** Opens the camera and starts guiding. Also the retry after an error and the retake. */
  async start(): Promise<void> {
    if (!canStart(this.flow.state)) return;
    const run = ++this.run;
    this.action.cancel();
    this.result = undefined;
    this.failedCapture = undefined;
    this.readyFired = false;
    this.lastReport = null;
    this.guidance.reset();
    this.capturer.clear();
    const detectorKnown = this.detection.status === 'ready' ? 'ready' : 'loading';
    this.flow.dispatch({ type: 'start', captureMode: this.captureMode, detector: detectorKnown });

    // The model and wasm load while the person answers the permission prompt.
    void this.detection.load(this.assetsBaseUrl).then((status) => {
      if (run !== this.run) return;
      if (status === 'ready') {
        this.flow.dispatch({ type: 'detectorReady' });
      } else {
        this.flow.dispatch({ type: 'detectorUnavailable' });
        this.emitError({
          code: 'detector-unavailable',
          message: this.translation.detectorUnavailable,
          fatal: false,
          cause: this.detection.error,
        });
      }
      this.afterSettled();
    });

    if (!(await this.openCamera(run, this.cameraId))) return;
    this.flow.dispatch({ type: 'cameraReady' });
    // The update renders the video and updated() attaches the stream to it.
    await this.updateComplete;
    if (run !== this.run) return;
    this.afterSettled();
  }

  /** Ends the flow at any point: camera released, `face-auth-cancel` fired. */
  cancel(): void {
    const from = this.status;
    if (!canCancel(this.flow.state)) return;
    this.run++;
    this.action.cancel();
    this.result = undefined;
    this.failedCapture = undefined;
    this.flow.dispatch({ type: 'cancel' });
    this.emit(new FaceAuthCancelEvent({ from }));
  }

  /** Back to the initial screen, releasing everything, without an event besides the status. */
  reset(): void {
    this.run++;
    this.action.cancel();
    this.result = undefined;
    this.failedCapture = undefined;
    this.flow.dispatch({ type: 'reset' });
  }

  /** Takes the photo now, when the manual button is offered (same as pressing it). */
  async takePhoto(): Promise<void> {
    const s = this.flow.state;
    const video = this.video;
    if (s.status !== 'guiding' || !s.manualCapture || !video) return;
    // A press right after the camera opened may come before its first frame.
    if (video.readyState < 2) {
      await new Promise((resolve) => video.addEventListener('loadeddata', resolve, { once: true }));
    }
    if (this.flow.state.status !== 'guiding') return;
    this.capturer.keep(video, this.maxImageSize);
    // The photo is the current frame, so its report is the last frame's (none without detection).
    await this.finishCapture('manual', this.lastReport);
  }

  // ---- flow plumbing ----

  private handleFlowChange(next: FlowState, previous: FlowState): void {
    if (needsCamera(previous) && !needsCamera(next)) this.stopCapturing();
    if (next.status === 'guiding' && previous.status !== 'guiding') this.armManualTimer();
    if (next.status !== 'captured' && previous.status === 'captured') this.revokeCapturedUrl();
    if (next.status !== previous.status) {
      const screenChange = !needsCamera(next) || !needsCamera(previous);
      if (screenChange && this.matches(':focus-within')) this.focusAfterUpdate = true;
      this.emit(
        new FaceAuthStatusEvent({ status: next.status, previous: previous.status, state: next }),
      );
    }
    this.announcer.say(this.announcement(next));
  }

  /** Fires `face-auth-ready` and starts the loop once camera and detector are both settled. */
  private afterSettled(): void {
    const s = this.flow.state;
    if (s.status !== 'guiding' || s.detector === 'loading') return;
    if (s.detector === 'ready' && this.video && !this.detection.running)
      this.detection.run(this.video);
    if (!this.readyFired) {
      this.readyFired = true;
      this.emit(new FaceAuthReadyEvent({ detector: s.detector, cameraLabel: this.camera.label }));
    }
  }

  /**
   * Opens the camera for `run`. False when it failed (the error screen is up) or when the run
   * moved on meanwhile (the stream is closed again): either way the caller stops there.
   */
  private async openCamera(run: number, deviceId: string | null | undefined): Promise<boolean> {
    try {
      await this.camera.start({ facingMode: this.facingMode, deviceId });
    } catch (error) {
      if (run === this.run) this.failCamera(error);
      return false;
    }
    if (run !== this.run) {
      this.camera.stop();
      return false;
    }
    return true;
  }

  private failCamera(error: unknown): void {
    const reason: CameraFailure = error instanceof CameraError ? error.reason : 'camera-busy';
    if (!this.flow.dispatch({ type: 'cameraFailed', reason })) return;
    this.emitError({
      code: reason,
      message: this.translation.cameraFailures[reason].title,
      fatal: true,
      cause: error instanceof CameraError ? (error.cause ?? error) : error,
    });
  }

  /**
   * Every event goes out here. The events are documented with `@event` above; dispatching an
   * already-built event (not `new X(...)` inline) keeps the manifest analyzer from guessing
   * event names out of constructor arguments.
   */
  protected emit(event: Event): boolean {
    return this.dispatchEvent(event);
  }

  private emitError(detail: FaceAuthErrorDetail): void {
    this.emit(new FaceAuthErrorEvent(detail));
  }

  private stopCapturing(): void {
    this.detection.stop();
    this.camera.stop();
    this.clearManualTimer();
    if (this.video) this.video.srcObject = null;
  }

  private clearManualTimer(): void {
    if (this.manualTimer) clearTimeout(this.manualTimer);
    this.manualTimer = null;
  }

  private armManualTimer(): void {
    this.clearManualTimer();
    this.manualTimer = setTimeout(() => {
      this.manualTimer = null;
      this.flow.dispatch({ type: 'manualCaptureAllowed' });
    }, this.manualCaptureDelay);
  }

  private attachStream(): void {
    const video = this.video;
    const stream = this.camera.stream;
    if (!video || !stream || video.srcObject === stream) return;
    video.srcObject = stream;
    video.play().catch(() => {
      // Autoplay of a muted inline video is allowed; a rejection here means the element went away.
    });
  }

  private observeStage(): void {
    const stage = this.stage;
    if (!stage) return;
    if (!this.resizeObserver) {
      this.resizeObserver = new ResizeObserver(([entry]) => {
        if (!entry) return;
        const { width, height } = entry.contentRect;
        if (width !== this.stageSize.width || height !== this.stageSize.height) {
          this.stageSize = { width, height };
        }
      });
    }
    this.resizeObserver.observe(stage);
  }

  // ---- detection → guidance → capture ----

  private handleFrame(frame: DetectedFrame): void {
    const s = this.flow.state;
    if (s.status !== 'guiding' || s.paused || !this.video) return;
    const stage = this.stageSize.width > 0 ? this.stageSize : frame.frame;
    const step = this.guidance.step({
      t: frame.t,
      faces: frame.faces,
      crop: frame.crop,
      oval: ovalInVideo(frame.frame, stage),
    });
    this.lastReport = step.report;
    if (step.isBest) this.capturer.keep(this.video, this.maxImageSize);
    const progress = Math.round(step.progress * 20) / 20; // 5 % steps: fewer renders
    this.flow.dispatch({ type: 'frameAssessed', hint: step.hint, progress });
    if (step.complete && s.captureMode === 'auto')
      void this.finishCapture('auto', this.guidance.bestReport);
  }

  private async finishCapture(trigger: CaptureMode, report: QualityReport | null): Promise<void> {
    const run = this.run;
    if (!this.flow.dispatch({ type: 'captureStarted', trigger })) return;
    // The kept frame is already copied out of the video: the camera can go now.
    this.stopCapturing();
    try {
      const encoded = await this.capturer.encode({
        quality: this.jpegQuality,
        maxSide: this.maxImageSize,
        maxBytes: this.maxImageBytes ?? null,
      });
      if (run !== this.run) return;
      const capture: CapturedImage = { ...encoded, report, mode: trigger };
      this.flow.dispatch({ type: 'captured', capture });
      this.emit(new FaceAuthCaptureEvent(capture));
      this.afterCapture(capture);
    } catch (error) {
      if (run !== this.run) return;
      this.flow.dispatch({ type: 'failed', code: 'capture-failed', retryable: true });
      this.emitError({
        code: 'capture-failed',
        message: this.translation.captureFailed,
        fatal: true,
        cause: error,
      });
    }
  }

  /**
   * Called once a capture has been announced with `face-auth-capture`. Without a token source
   * the flow rests at `captured` (capture-only use); with one, the provider flow takes it on.
   */
  protected afterCapture(capture: CapturedImage): void {
    if (this.providerFlow && this.flow.dispatch({ type: 'uploadStarted' }))
      void this.runProviderFlow(capture);
  }

  /**
   * "Try again" on an error screen: after a provider-flow failure the same photo goes up again
   * (the action is resolved again, so nothing is duplicated); otherwise a new capture.
   */
  private retry(): void {
    const capture = this.failedCapture;
    this.failedCapture = undefined;
    if (capture && this.providerFlow && this.flow.dispatch({ type: 'uploadRetried', capture })) {
      this.run++;
      void this.runProviderFlow(capture);
      return;
    }
    void this.start();
  }

  /**
   * captured → uploading → processing (submitting, reviewing) → [awaitingHandler] →
   * actionCompleted | error. Never rejects: the controller resolves every ending.
   */
  private async runProviderFlow(capture: CapturedImage): Promise<void> {
    const run = this.run;
    const ended = await this.action.run(capture.image, {
      onState: (phase) => {
        if (run !== this.run) return;
        if (phase === 'submitting' || phase === 'reviewing')
          this.flow.dispatch({ type: 'processingStarted', phase });
      },
      onProgress: (p) => {
        if (run !== this.run) return;
        // 5 % steps: fewer renders and announcements.
        this.flow.dispatch({ type: 'uploadProgress', progress: Math.floor(p.fraction * 20) / 20 });
      },
    });
    if (run !== this.run) return;
    if (ended.status === 'cancelled') return; // cancel() already moved the flow on
    if (ended.status === 'failed') {
      this.failedCapture = capture;
      this.failAction(ended.error);
      return;
    }
    await this.completeAction(run, ended.outcome);
  }

  private async completeAction(run: number, outcome: ActionOutcome): Promise<void> {
    const actionResult: ActionResult = { actionId: outcome.actionId, answer: outcome.answer };
    this.result = actionResult;
    this.flow.dispatch({ type: 'processingStarted', phase: 'awaitingHandler' });
    const detail: FaceAuthActionResultDetail = {
      ...actionResult,
      reviewStatus: outcome.reviewStatus,
      externalActionId: outcome.externalActionId,
      reviewResult: {
        rejectLabels: [...outcome.reviewResult.rejectLabels],
        reviewRejectType: outcome.reviewResult.reviewRejectType,
      },
    };
    const shown = this.emit(new FaceAuthActionResultEvent(detail));
    let decision: ActionResultDecision = shown ? 'continue' : 'cancel';
    const handler = this.actionResultHandler;
    if (handler) {
      try {
        if ((await handler(detail)) === 'cancel') decision = 'cancel';
      } catch (error) {
        // A throwing handler must not strand the person on "Processing": show the result.
        console.error('<face-auth> actionResultHandler threw; showing the result', error);
      }
      if (run !== this.run) return;
    }
    this.flow.dispatch({
      type: 'actionCompleted',
      actionResult,
      reviewResult: detail.reviewResult,
      closed: decision === 'cancel',
    });
  }

  private failAction(error: ActionFlowError): void {
    const t = this.translation;
    const message = t.actionErrors[error.code];
    const detail = error.description || undefined;
    this.flow.dispatch({
      type: 'failed',
      code: error.code,
      message,
      detail,
      retryable: error.retryable,
    });
    this.emitError({
      code: error.code,
      message,
      fatal: true,
      cause: error,
      provider: { ...error.provider },
      retryable: error.retryable,
    });
  }

  private handleVisibility(hidden: boolean): void {
    this.guidance.reset();
    this.flow.dispatch({ type: hidden ? 'pageHidden' : 'pageVisible' });
  }

  private async switchCamera(deviceId: string): Promise<void> {
    if (deviceId === this.camera.activeDeviceId) return;
    this.cameraId = deviceId;
    const run = this.run;
    this.detection.stop();
    this.guidance.reset();
    if (!(await this.openCamera(run, deviceId))) return;
    // The loop restarts on this video right away: attach the new stream now, not at the next update.
    this.attachStream();
    this.afterSettled();
  }

  private revokeCapturedUrl(): void {
    if (this.capturedUrl) URL.revokeObjectURL(this.capturedUrl);
    this.capturedUrl = null;
  }

  /** The one sentence that describes the moment, for the live region. */
  private announcement(s: FlowState): string | null {
    const t = this.translation;
    switch (s.status) {
      case 'starting':
        return t.starting;
      case 'guiding':
        if (s.paused) return t.paused;
        if (s.detector === 'unavailable') return t.detectorUnavailable;
        if (s.hint) return t.hints[s.hint];
        return s.good ? t.holding : null;
      case 'capturing':
        return t.capturing;
      case 'captured':
        return t.capturedTitle;
      case 'cameraError':
        return t.cameraFailures[s.reason].title;
      case 'error':
        return s.message ?? t.captureFailed;
      case 'cancelled':
        return t.cancelledTitle;
      case 'uploading':
        return t.uploading;
      case 'processing':
        return s.phase === 'awaitingHandler' ? t.processing : t.checking;
      case 'actionCompleted':
        return s.closed ? null : this.resultTitle(s, t);
      default:
        return null;
    }
  }

  // ---- event handlers ----

  private readonly handleStart = (): void => void this.start();
  private readonly handleRetry = (): void => this.retry();
  private readonly handleCancel = (): void => this.cancel();
  private readonly handleTakePhoto = (): void => void this.takePhoto();
  private readonly handleCameraChange = (e: Event): void =>
    void this.switchCamera((e.target as HTMLSelectElement).value);

  // ---- render ----

  override render(): TemplateResult {
    const t = this.translation;
    const s = this.flow.state;
    return html`
      <div part="base" class="base" role="region" aria-label=${t.label} lang=${t.$code}>
        ${this.renderScreen(s, t)}
        <div class="visually-hidden" role="status" aria-live="polite">${this.announcer.text}</div>
      </div>
    `;
  }

  private renderScreen(s: FlowState, t: Translation): TemplateResult {
    switch (s.status) {
      case 'idle':
        return this.renderTextScreen(t, t.introTitle, t.introBody, t.start, this.handleStart);
      case 'starting':
      case 'guiding':
      case 'capturing':
        return this.renderCamera(s, t);
      case 'captured':
        return this.renderCaptured(s.capture, t);
      case 'cameraError': {
        const f = t.cameraFailures[s.reason];
        return this.renderTextScreen(t, f.title, f.body, f.action, this.handleStart, true);
      }
      case 'error':
        return this.renderError(s, t);
      case 'cancelled':
        return this.renderTextScreen(t, t.cancelledTitle, '', t.startAgain, this.handleStart);
      default:
        return this.renderProviderScreen(s, t);
    }
  }

  /** The provider flow's screens: `uploading`, `processing`, `actionCompleted`. */
  protected renderProviderScreen(
    s: Extract<FlowState, { status: 'uploading' | 'processing' | 'actionCompleted' }>,
    t: Translation,
  ): TemplateResult {
    switch (s.status) {
      case 'uploading':
        return this.renderBusy(
          t,
          t.uploading,
          html`<progress
            part="upload-progress"
            class="upload-progress"
            max="100"
            value=${Math.round(s.progress * 100)}
            aria-label=${t.uploadProgressLabel}
          ></progress>`,
        );
      case 'processing':
        return this.renderBusy(t, s.phase === 'awaitingHandler' ? t.processing : t.checking);
      case 'actionCompleted':
        return this.renderActionResult(s, t);
    }
  }

  private resultTitle(
    s: Extract<FlowState, { status: 'actionCompleted' }>,
    t: Translation,
  ): string {
    switch (s.actionResult?.answer) {
      case 'GREEN':
        return t.resultGreenTitle;
      case 'RED':
        return t.resultRedTitle;
      case null:
        return t.onHoldTitle;
      default:
        return t.resultErrorTitle;
    }
  }

  private renderActionResult(
    s: Extract<FlowState, { status: 'actionCompleted' }>,
    t: Translation,
  ): TemplateResult {
    // The host closed the flow: nothing of ours stays on its page.
    if (s.closed) return html``;
    const answer = s.actionResult?.answer;
    const title = this.resultTitle(s, t);
    const retry = (label: string): TemplateResult =>
      html`<div part="controls" class="controls">
        <button
          part="button primary-button"
          class="primary"
          data-autofocus
          @click=${this.handleStart}
        >
          ${label}
        </button>
      </div>`;
    if (answer === 'GREEN' || answer === null) {
      return html`<div part="screen" class="screen result" data-answer=${answer ?? 'onHold'}>
        <h2 part="title" class="title" tabindex="-1" data-autofocus>${title}</h2>
        <p part="body" class="body">${answer === null ? t.onHoldBody : t.resultGreenBody}</p>
      </div>`;
    }
    if (answer === 'RED') {
      const reasons = rejectReasons(s.reviewResult?.rejectLabels ?? []);
      const canRetry = s.reviewResult?.reviewRejectType !== 'FINAL';
      return html`<div part="screen" class="screen result error" data-answer="RED">
        <h2 part="title" class="title" tabindex="-1" ?data-autofocus=${!canRetry}>${title}</h2>
        <ul part="reasons" class="reasons">
          ${reasons.map(
            (r) =>
              html`<li data-reason=${r}>${r === 'other' ? t.rejectOther : t.rejectReasons[r]}</li>`,
          )}
        </ul>
        ${canRetry ? retry(t.tryAgain) : html`<p part="body" class="body">${t.resultFinal}</p>`}
      </div>`;
    }
    return html`<div part="screen" class="screen result error" data-answer="ERROR">
      <h2 part="title" class="title">${title}</h2>
      <p part="body" class="body">${t.resultErrorBody}</p>
      ${retry(t.tryAgain)}
    </div>`;
  }

  private renderError(s: Extract<FlowState, { status: 'error' }>, t: Translation): TemplateResult {
    return html`<div part="screen" class="screen error" data-code=${s.code}>
      <h2 part="title" class="title">${t.errorTitle}</h2>
      <p part="body" class="body">${s.message ?? t.captureFailed}</p>
      ${
        // The provider's words are data: a text binding, never HTML.
        s.detail ? html`<p part="detail" class="detail">${t.errorDetail(s.detail)}</p>` : nothing
      }
      <div part="controls" class="controls">
        ${
          s.retryable
            ? html`<button
                part="button primary-button"
                class="primary"
                data-autofocus
                @click=${this.handleRetry}
              >
                ${t.tryAgain}
              </button>`
            : nothing
        }
        <button
          part="button cancel-button"
          ?data-autofocus=${!s.retryable}
          @click=${this.handleCancel}
        >
          ${t.cancel}
        </button>
      </div>
    </div>`;
  }

  private renderCamera(
    s: Extract<FlowState, { status: 'starting' | 'guiding' | 'capturing' }>,
    t: Translation,
  ): TemplateResult {
    const guiding = s.status === 'guiding' ? s : null;
    const busyText =
      s.status === 'starting'
        ? t.starting
        : s.status === 'capturing'
          ? t.capturing
          : guiding?.detector === 'loading'
            ? t.loadingDetector
            : guiding?.paused
              ? t.paused
              : null;
    return html`
      <div part="stage" class="stage">
        <video
          part="video"
          class=${this.camera.facingUser ? 'mirrored' : ''}
          aria-label=${t.previewLabel}
          muted
          playsinline
          autoplay
        ></video>
        ${this.renderOverlay(guiding?.progress ?? 0)}
        ${
          busyText
            ? html`<div class="veil">
                <div part="spinner" class="spinner"></div>
                <p>${busyText}</p>
              </div>`
            : nothing
        }
        ${guiding && !busyText ? this.renderHint(guiding, t) : nothing}
      </div>
      ${guiding?.detector === 'unavailable' ? html`<p class="notice">${t.detectorUnavailable}</p>` : nothing}
      <div part="controls" class="controls">
        ${
          guiding?.manualCapture
            ? html`<button
                part="button primary-button capture-button"
                class="primary"
                @click=${this.handleTakePhoto}
              >
                ${t.takePhoto}
              </button>`
            : nothing
        }
        ${this.renderCameraSwitch(t, s.status !== 'guiding')}
        <button part="button cancel-button" @click=${this.handleCancel}>${t.cancel}</button>
      </div>
    `;
  }

  private renderOverlay(progress: number): TemplateResult {
    const { width, height } = this.stageSize;
    if (!width || !height) return html``;
    const o = ovalInStage(this.stageSize);
    const ring = { ...o, rx: o.rx + 6, ry: o.ry + 6 };
    // The mask: the whole stage minus the oval, drawn as one path with the even-odd rule.
    const d =
      `M0 0H${width}V${height}H0Z ` +
      `M${o.cx - o.rx} ${o.cy}a${o.rx} ${o.ry} 0 1 0 ${2 * o.rx} 0a${o.rx} ${o.ry} 0 1 0 ${-2 * o.rx} 0Z`;
    return html`<svg class="overlay" viewBox="0 0 ${width} ${height}" aria-hidden="true">
      ${svg`<path part="mask" class="mask" fill-rule="evenodd" d=${d}></path>
      <ellipse part="oval" class="oval" cx=${o.cx} cy=${o.cy} rx=${o.rx} ry=${o.ry}></ellipse>
      ${
        progress > 0
          ? // Starts at 12 o'clock, so the ring fills clockwise from the top.
            svg`<path part="progress" class="progress" pathLength="100" stroke-dasharray="100"
            stroke-dashoffset=${100 - progress * 100}
            d=${`M${ring.cx} ${ring.cy - ring.ry}a${ring.rx} ${ring.ry} 0 1 1 0 ${2 * ring.ry}a${ring.rx} ${ring.ry} 0 1 1 0 ${-2 * ring.ry}`}></path>`
          : nothing
      }`}
    </svg>`;
  }

  private renderHint(s: Extract<FlowState, { status: 'guiding' }>, t: Translation): TemplateResult {
    if (s.detector !== 'ready') return html``;
    const text = s.hint ? t.hints[s.hint] : s.good ? t.holding : t.hints.noFace;
    return html`<p
      part="hint"
      class="hint ${s.good ? 'good' : ''}"
      data-hint=${s.hint ?? (s.good ? 'good' : '')}
    >
      ${text}
    </p>`;
  }

  private renderCameraSwitch(t: Translation, disabled: boolean): TemplateResult {
    const devices = this.camera.devices;
    if (devices.length < 2) return html``;
    const active = this.camera.activeDeviceId;
    return html`<label class="camera">
      <span>${t.switchCamera}</span>
      <select part="camera-select" ?disabled=${disabled} @change=${this.handleCameraChange}>
        ${devices.map(
          (d, i) =>
            html`<option value=${d.deviceId} ?selected=${d.deviceId === active}>
              ${d.label || t.cameraOption(i + 1)}
            </option>`,
        )}
      </select>
    </label>`;
  }

  private renderCaptured(capture: CapturedImage, t: Translation): TemplateResult {
    this.capturedUrl ??= URL.createObjectURL(capture.image);
    return html`<div part="screen" class="screen">
      <h2 part="title" class="title">${t.capturedTitle}</h2>
      <img
        part="captured-image"
        class="captured-image"
        src=${this.capturedUrl}
        alt=${t.capturedImageAlt}
      />
      <p part="body" class="body">${t.capturedBody}</p>
      <div part="controls" class="controls">
        <button
          part="button primary-button"
          class="primary"
          data-autofocus
          @click=${this.handleStart}
        >
          ${t.retake}
        </button>
      </div>
    </div>`;
  }

  private renderTextScreen(
    t: Translation,
    title: string,
    body: string,
    action: string,
    onAction: () => void,
    isError = false,
  ): TemplateResult {
    return html`<div part="screen" class="screen ${isError ? 'error' : ''}">
      <h2 part="title" class="title">${title}</h2>
      ${body ? html`<p part="body" class="body">${body}</p>` : nothing}
      <div part="controls" class="controls">
        <button part="button primary-button" class="primary" data-autofocus @click=${onAction}>
          ${action}
        </button>
        ${isError ? html`<button part="button cancel-button" @click=${this.handleCancel}>${t.cancel}</button>` : nothing}
      </div>
    </div>`;
  }

  /** A busy screen of the provider flow (uploading, processing): cancellable like every other step. */
  protected renderBusy(
    t: Translation,
    text: string,
    extra: TemplateResult | typeof nothing = nothing,
  ): TemplateResult {
    return html`<div part="screen" class="screen busy" aria-busy="true">
      <div part="spinner" class="spinner"></div>
      <p part="body" class="body">${text}</p>
      ${extra}
      <div part="controls" class="controls">
        <button part="button cancel-button" @click=${this.handleCancel}>${t.cancel}</button>
      </div>
    </div>`;
  }
}
