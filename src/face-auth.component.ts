import { LitElement, html, type TemplateResult } from 'lit';
import { property, query } from 'lit/decorators.js';
import type { AccessTokenProvider } from './api/index.js';
import { AnnouncerController } from './controllers/announcer-controller.js';
import { CaptureSessionController } from './controllers/capture-session-controller.js';
import { FlowController } from './controllers/flow-controller.js';
import { LivenessController } from './controllers/liveness-controller.js';
import { LocalisationController } from './controllers/localisation-controller.js';
import { ProviderRunController } from './controllers/provider-run-controller.js';
import { RunController } from './controllers/run-controller.js';
import { StageSizeController } from './controllers/stage-size-controller.js';
import type { ActionResult, ActionResultDecision } from './core/action-result.js';
import {
  canCancel,
  canStart,
  needsCamera,
  type CaptureMode,
  type CapturedImage,
  type FlowChange,
  type FlowEvent,
  type FlowState,
  type FlowStatus,
} from './core/flow.js';
import type { ActionFlowError } from './core/action-flow-errors.js';
import type { LivenessChallenge, LivenessMode } from './core/liveness.js';
import type { QualityThresholds } from './core/thresholds.js';
import type { FaceAuthActionResultDetail } from './events/face-auth-action-result.js';
import { eventsOf, readyEvent, settles, type FlowCause } from './face-auth.events.js';
import { announcement, renderScreen, type ScreenHandlers } from './face-auth.screens.js';
import styles from './face-auth.styles.js';
import type { Translation, TranslationOverrides } from './translations/index.js';

/**
 * @summary Guides a person to one good selfie with the device camera and on-device face
 * detection, then hands over a JPEG with its quality report. With `token-url` or
 * `accessTokenProvider` set it goes on to complete the face-authorization action with the
 * provider (upload, review) and reports the answer.
 *
 * @event face-auth-ready - The camera streams and the detector has settled.
 * @event face-auth-status - `status` changed.
 * @event face-auth-capture - A selfie was taken.
 * @event face-auth-liveness-recorded - Capture-only liveness is over: the selfie and its clips
 *   (`livenessChallengeProvider` set, no provider flow).
 * @event face-auth-error - Something failed.
 * @event face-auth-cancel - The flow was cancelled and the camera released.
 * @event face-auth-action-result - The provider reviewed the selfie (provider flow only). Cancelable:
 *   `preventDefault()` closes without the result screen.
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
 * @csspart liveness - The liveness screen: the preview on a field of the challenge's colour.
 * @csspart liveness-prompt - The one prompt of the liveness phase ("Turn your head left").
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
 * @cssproperty --face-auth-liveness-background - The liveness screen's field between colours.
 * @cssproperty --face-auth-liveness-colour - Set by the widget: the challenge's current colour.
 */
export class FaceAuthElement extends LitElement {
  static override styles = styles;

  private readonly flow = new FlowController(this);
  /** One AbortController per run: start, cancel, reset and removal end the current one. */
  private readonly runs = new RunController(this);
  private readonly localisation = new LocalisationController(this, () => this);
  private readonly stageSize = new StageSizeController(this, () => this.stage);
  private readonly session = new CaptureSessionController(this, {
    runs: this.runs,
    state: () => this.flow.state,
    transition: (event, cause) => this.transition(event, cause),
    // The element's properties of those names, read when the session needs one.
    settings: () => this,
    video: () => this.video,
    stageSize: () => this.stageSize.size,
    captured: (capture) => this.afterCapture(capture),
    holdCamera: () => this.livenessMode !== 'off',
    livenessFrame: (frame) => this.livenessPhase.onFrame(frame),
  });
  private readonly livenessPhase = new LivenessController(this, {
    state: () => this.flow.state,
    transition: (event, cause) => this.transition(event, cause),
    stream: () => this.session.camera.stream,
    watch: () => this.session.watchLiveness(),
    fullscreenTarget: () => this,
    updateComplete: () => this.updateComplete,
  });
  private readonly announcer = new AnnouncerController(this);
  private readonly provider = new ProviderRunController(this, {
    config: () => ({
      apiBaseUrl: this.apiBaseUrl ?? '',
      tokenUrl: this.tokenUrl,
      accessTokenProvider: this.accessTokenProvider,
      externalActionId: this.externalActionId,
      levelName: this.levelName,
      country: this.country || 'XXX',
      poll: this.pollTimeout ? { timeoutMs: this.pollTimeout } : undefined,
    }),
    transition: (event, cause) => this.transition(event, cause),
    translation: () => this.translation,
    handler: () => this.actionResultHandler,
  });

  /**
   * Language of the UI: `en`, `ru`, `de`, `fr`, `es`, `pt-BR`, `tr` or `ar` (right to left), matched by
   * BCP 47 tag (`de-AT` → `de`, `pt` → `pt-BR`); defaults to the nearest `lang` attribute, then English.
   */
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

  /**
   * Liveness after the selfie: `full` (the default: a still photo must not pass) shows a sequence
   * of screen colours and asks for head turns, `turns` only asks for the turns (for people who must
   * avoid flashing; also chosen when the system asks for reduced motion). Both record short WebM
   * clips: in the provider flow they go to the provider with the selfie; in capture-only use (with
   * `livenessChallengeProvider`) they are handed over in `face-auth-liveness-recorded`. `off`: the
   * selfie alone, for a level that does not require liveness.
   */
  @property() liveness: LivenessMode = 'full';

  /**
   * Capture-only liveness (no token source): returns the provider's challenge, asked by the page
   * for its own submit (e.g. an enrolment attempt). With it and `liveness` set, the phase runs
   * after the selfie (`face-auth-capture`) and ends in `face-auth-liveness-recorded`, which carries
   * the selfie and the clips for that submit.
   */
  @property({ attribute: false }) livenessChallengeProvider?: (
    signal: AbortSignal,
  ) => Promise<LivenessChallenge>;

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

  @query('video') private video?: HTMLVideoElement;
  @query('.stage') private stage?: HTMLElement;

  /** An object URL of the captured photo while the `captured` screen shows it. */
  private capturedUrl: string | null = null;
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
    return s.status === 'captured' ||
      s.status === 'liveness' ||
      s.status === 'uploading' ||
      s.status === 'processing'
      ? s.capture
      : undefined;
  }

  /**
   * The provider's answer `{ actionId, answer }` once the review is over (`answer` null when it
   * went `onHold`); `undefined` before, and after a cancel.
   */
  get actionResult(): ActionResult | undefined {
    return this.provider.result;
  }

  /** True when a token source is set: after the capture the element runs the provider flow. */
  get providerFlow(): boolean {
    return Boolean(this.tokenUrl || this.accessTokenProvider);
  }

  /**
   * The liveness phase this run will have: `off` without the provider flow, `turns` instead of
   * `full` when the system asks for reduced motion.
   */
  get livenessMode(): LivenessMode {
    const recorded = this.providerFlow || Boolean(this.livenessChallengeProvider);
    if (!recorded || (this.liveness !== 'full' && this.liveness !== 'turns')) return 'off';
    if (this.liveness === 'full' && matchMedia('(prefers-reduced-motion: reduce)').matches)
      return 'turns';
    return this.liveness;
  }

  /** The strings in use: the locale's translation with `messages` over it. */
  get translation(): Translation {
    return this.localisation.translation;
  }

  // ---- lifecycle ----

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.autostart && this.status === 'idle') void this.start();
  }

  override disconnectedCallback(): void {
    // The controllers end the run, release the camera, the loop, the timer and the observers,
    // and put the flow back to idle without events.
    super.disconnectedCallback();
    this.revokeCapturedUrl();
  }

  /**
   * A language other than English is loaded on demand: the update waits for it, so the element
   * renders in the language asked for from its first frame instead of English first.
   */
  protected override scheduleUpdate(): void | Promise<unknown> {
    const loading = this.localisation.load();
    return loading ? loading.then(() => super.scheduleUpdate()) : super.scheduleUpdate();
  }

  protected override updated(): void {
    this.setAttribute('status', this.status);
    if (this.focusAfterUpdate) {
      this.focusAfterUpdate = false;
      this.renderRoot.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    }
  }

  // ---- public methods ----

  /** Opens the camera and starts guiding. Also the retry after an error and the retake. */
  async start(): Promise<void> {
    if (!canStart(this.flow.state)) return;
    const signal = this.runs.begin();
    this.provider.clear();
    if (this.providerFlow) this.provider.prepare();
    this.transition({
      type: 'start',
      captureMode: this.captureMode,
      detector: this.session.detectorKnown,
    });
    // Liveness asked for and no way to record it: say so now, before the person takes a selfie
    // for nothing. Never a silent pass.
    const liveness = this.livenessMode !== 'off';
    if (liveness && !LivenessController.supported) {
      this.transition({
        type: 'failed',
        code: 'liveness-unsupported',
        message: this.translation.actionErrors['liveness-unsupported'],
        retryable: false,
      });
      return;
    }
    // The phase's module loads while the person is guided to the selfie.
    if (liveness) this.livenessPhase.prepare();
    if (!(await this.session.open(signal))) return;
    // The update renders the video and the session attaches the stream to it.
    await this.updateComplete;
  }

  /**
   * Loads the face detector now (its wasm, model and graph) so that `start()` finds it ready and
   * the first hint shows as soon as the camera streams. Call it when a start is likely, e.g. when
   * the page shows the element or the pointer nears its button; `start()` itself loads it while
   * the camera permission prompt is open. Safe to call more than once. To begin the downloads
   * before the element exists, see the module's `preload(assetsBaseUrl?)`.
   */
  preload(): Promise<void> {
    return this.session.preload();
  }

  /** Ends the flow at any point: camera released, `face-auth-cancel` fired. */
  cancel(): void {
    if (!canCancel(this.flow.state)) return;
    this.runs.end();
    this.provider.clear();
    this.transition({ type: 'cancel' });
  }

  /** Back to the initial screen, releasing everything, without an event besides the status. */
  reset(): void {
    this.runs.end();
    this.provider.clear();
    this.transition({ type: 'reset' });
  }

  /** Takes the photo now, when the manual button is offered (same as pressing it). */
  takePhoto(): Promise<void> {
    return this.session.takePhoto();
  }

  // ---- flow ----

  /**
   * The one way the flow moves. On a change the capture session follows it, focus and the live
   * region catch up, and the events the change means go out: this is the only place that fires
   * them (see face-auth.events.ts).
   */
  private transition(event: FlowEvent, cause: FlowCause = {}): { prevented: boolean } | null {
    const change = this.flow.dispatch(event);
    if (!change) return null;
    const { previous, next } = change;
    this.session.follow(change);
    this.followCapturedPhoto(change);
    if (next.status !== previous.status) {
      const screenChange = !needsCamera(next) || !needsCamera(previous);
      if (screenChange && this.matches(':focus-within')) this.focusAfterUpdate = true;
    }
    const t = this.translation;
    const prevented = !this.fire(eventsOf(change, cause, t));
    this.announcer.say(announcement(t, next));
    if (settles(change)) void this.afterSettled(this.runs.signal);
    return { prevented };
  }

  /**
   * Once the settled camera screen is rendered, the detection loop starts on its video and
   * `face-auth-ready` goes out.
   */
  private async afterSettled(signal: AbortSignal): Promise<void> {
    await this.updateComplete;
    const s = this.flow.state;
    if (signal.aborted || s.status !== 'guiding') return;
    this.session.watch();
    const ready = readyEvent(s, this.session.camera.label);
    if (ready) this.fire([ready]);
  }

  /**
   * Dispatches events built by face-auth.events.ts (documented with `@event` above); building them
   * there, not `new X(...)` inline here, keeps the manifest analyzer from guessing event names out
   * of constructor arguments. False when a listener cancelled one.
   */
  private fire(events: readonly Event[]): boolean {
    let allowed = true;
    for (const event of events) allowed = this.dispatchEvent(event) && allowed;
    return allowed;
  }

  /**
   * A capture announced with `face-auth-capture`: without a token source the flow rests at
   * `captured` (capture-only use); with one, the provider flow takes it on.
   */
  private afterCapture(capture: CapturedImage): void {
    const mode = this.livenessMode;
    if (mode !== 'off' && !this.providerFlow && this.livenessChallengeProvider) {
      if (this.transition({ type: 'livenessStarted' }))
        void this.recordOnly(this.livenessChallengeProvider, mode, this.runs.signal);
      return;
    }
    if (mode !== 'off' && this.transition({ type: 'livenessStarted' })) {
      void this.provider.run(capture, this.runs.signal, {
        record: (challenge, signal, onClip) =>
          this.livenessPhase.record(challenge, mode, signal, onClip),
      });
      return;
    }
    if (this.providerFlow && this.transition({ type: 'uploadStarted' }))
      void this.provider.run(capture, this.runs.signal);
  }

  /**
   * Capture-only liveness: the page's challenge, the phase recorded, and the clips handed over
   * (`face-auth-liveness-recorded`). Never rejects: a failure is the flow's error screen, a
   * cancel (the run's signal) ends it quietly.
   */
  private async recordOnly(
    challengeOf: (signal: AbortSignal) => Promise<LivenessChallenge>,
    mode: 'full' | 'turns',
    signal: AbortSignal,
  ): Promise<void> {
    let challenge: LivenessChallenge | null;
    try {
      // Checked by the phase's module (loaded on demand, usually there already: see start()).
      challenge = await this.livenessPhase.challengeOf(await challengeOf(signal));
    } catch (cause) {
      if (!signal.aborted)
        this.transition({ type: 'failed', code: 'network', retryable: true }, { error: cause });
      return;
    }
    if (signal.aborted) return;
    if (!challenge) {
      this.transition({ type: 'failed', code: 'provider-response', retryable: true });
      return;
    }
    try {
      const clips = await this.livenessPhase.record(challenge, mode, signal);
      if (signal.aborted) return;
      this.transition({
        type: 'livenessRecorded',
        recording: { challengeId: challenge.challengeId, clips },
      });
    } catch (error) {
      if (signal.aborted) return;
      const e = error as ActionFlowError;
      if (e.code === 'aborted') return;
      this.transition(
        { type: 'failed', code: e.code ?? 'liveness-unsupported', retryable: e.retryable ?? false },
        { error },
      );
    }
  }

  /**
   * "Try again" on an error screen: after a provider-flow failure the same photo goes up again
   * in a new run (the action is resolved again, so nothing is duplicated); otherwise a new capture.
   */
  private retry(): void {
    const capture = this.provider.takeFailedCapture();
    // A liveness clip answers one challenge only: with liveness, a retry is a new capture.
    if (
      capture &&
      this.providerFlow &&
      this.livenessMode === 'off' &&
      this.transition({ type: 'uploadRetried', capture })
    ) {
      void this.provider.run(capture, this.runs.begin());
      return;
    }
    void this.start();
  }

  private switchCamera(deviceId: string): void {
    if (deviceId === this.session.camera.activeDeviceId) return;
    this.cameraId = deviceId;
    void this.session.switchCamera(deviceId);
  }

  /** The photo's object URL lives exactly as long as the `captured` screen. */
  private followCapturedPhoto({ previous, next }: FlowChange): void {
    if (previous.status === 'captured' && next.status !== 'captured') this.revokeCapturedUrl();
    if (next.status === 'captured' && previous.status !== 'captured')
      this.capturedUrl = URL.createObjectURL(next.capture.image);
  }

  private revokeCapturedUrl(): void {
    if (this.capturedUrl) URL.revokeObjectURL(this.capturedUrl);
    this.capturedUrl = null;
  }

  // ---- render ----

  private readonly handlers: ScreenHandlers = {
    start: () => void this.start(),
    retry: () => this.retry(),
    cancel: () => this.cancel(),
    takePhoto: () => void this.takePhoto(),
    switchCamera: (e) => this.switchCamera((e.target as HTMLSelectElement).value),
  };

  override render(): TemplateResult {
    const t = this.translation;
    const view = {
      camera: this.session.camera,
      stage: this.stageSize.size,
      capturedUrl: this.capturedUrl ?? '',
    };
    return html`
      <div
        part="base"
        class="base"
        role="region"
        aria-label=${t.label}
        lang=${t.$code}
        dir=${t.direction}
      >
        ${renderScreen(t, this.flow.state, view, this.handlers)}
        <div class="visually-hidden" role="status" aria-live="polite">${this.announcer.text}</div>
      </div>
    `;
  }
}
