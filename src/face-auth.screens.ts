import { html, nothing, svg, type TemplateResult } from 'lit';
import { cssProperty } from './internal/css-property.js';
import type { CameraDevice } from './controllers/camera-controller.js';
import { rejectReasons } from './core/action-result.js';
import type { FlowState, LivenessView } from './core/flow.js';
import type { Size } from './core/geometry.js';
import { ovalInStage } from './core/oval.js';
import type { Translation } from './translations/index.js';

// The screens of <face-auth>, one template function per screen: the strings, the flow state,
// what else the screen shows and the button handlers in, a template out. The element keeps no
// markup of its own beyond the wrapper and the live region.

/** What the buttons of the screens do. */
export interface ScreenHandlers {
  start(): void;
  retry(): void;
  cancel(): void;
  takePhoto(): void;
  switchCamera(event: Event): void;
}

/** The camera as the camera screen shows it. */
export interface CameraView {
  /** The preview is mirrored for a camera that faces the user. */
  facingUser: boolean;
  devices: readonly CameraDevice[];
  activeDeviceId: string | null;
}

/** What the screens show beyond the flow state. */
export interface ScreenView {
  camera: CameraView;
  /** The rendered size of the camera stage (0×0 before layout: no overlay yet). */
  stage: Size;
  /** An object URL of the captured photo while the `captured` screen shows it; '' otherwise. */
  capturedUrl: string;
}

/** The one sentence that describes the moment, for the live region. */
export function announcement(t: Translation, s: FlowState): string | null {
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
      return s.liveness ? t.livenessPreparing : t.capturedTitle;
    case 'liveness':
      return livenessText(t, s.step);
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
      return s.closed ? null : resultTitle(t, s);
    default:
      return null;
  }
}

/**
 * The screen of a flow state. Pure: everything it shows comes in as arguments, and every button
 * calls one of `on`.
 */
export function renderScreen(
  t: Translation,
  s: FlowState,
  view: ScreenView,
  on: ScreenHandlers,
): TemplateResult {
  switch (s.status) {
    case 'idle':
      return renderTextScreen(t, on, t.introTitle, t.introBody, t.start);
    case 'starting':
    case 'guiding':
    case 'capturing':
      return renderCamera(t, s, view, on);
    case 'captured':
      return s.liveness
        ? renderLiveness(t, { kind: 'preparing' }, view, on)
        : renderCaptured(t, view.capturedUrl, on);
    case 'liveness':
      return renderLiveness(t, s.step, view, on);
    case 'cameraError': {
      const f = t.cameraFailures[s.reason];
      return renderTextScreen(t, on, f.title, f.body, f.action, true);
    }
    case 'error':
      return renderError(t, s, on);
    case 'cancelled':
      return renderTextScreen(t, on, t.cancelledTitle, '', t.startAgain);
    default:
      return renderProviderScreen(t, s, on);
  }
}

/** The provider flow's screens: `uploading`, `processing`, `actionCompleted`. */
function renderProviderScreen(
  t: Translation,
  s: Extract<FlowState, { status: 'uploading' | 'processing' | 'actionCompleted' }>,
  on: ScreenHandlers,
): TemplateResult {
  switch (s.status) {
    case 'uploading':
      return renderBusy(
        t,
        on,
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
      return renderBusy(t, on, s.phase === 'awaitingHandler' ? t.processing : t.checking);
    case 'actionCompleted':
      return renderActionResult(t, s, on);
  }
}

function resultTitle(t: Translation, s: Extract<FlowState, { status: 'actionCompleted' }>): string {
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

function renderActionResult(
  t: Translation,
  s: Extract<FlowState, { status: 'actionCompleted' }>,
  on: ScreenHandlers,
): TemplateResult {
  // The host closed the flow: nothing of ours stays on its page.
  if (s.closed) return html``;
  const answer = s.actionResult?.answer;
  const title = resultTitle(t, s);
  const retry = (label: string): TemplateResult =>
    html`<div part="controls" class="controls">
      <button part="button primary-button" class="primary" data-autofocus @click=${on.start}>
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

function renderError(
  t: Translation,
  s: Extract<FlowState, { status: 'error' }>,
  on: ScreenHandlers,
): TemplateResult {
  const title =
    s.code === 'liveness-unsupported'
      ? t.livenessUnsupportedTitle
      : s.code === 'liveness-locked'
        ? t.livenessLockedTitle
        : t.errorTitle;
  return html`<div part="screen" class="screen error" data-code=${s.code}>
    <h2 part="title" class="title">${title}</h2>
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
              @click=${on.retry}
            >
              ${t.tryAgain}
            </button>`
          : nothing
      }
      <button part="button cancel-button" ?data-autofocus=${!s.retryable} @click=${on.cancel}>
        ${t.cancel}
      </button>
    </div>
  </div>`;
}

function renderCamera(
  t: Translation,
  s: Extract<FlowState, { status: 'starting' | 'guiding' | 'capturing' }>,
  view: ScreenView,
  on: ScreenHandlers,
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
      ${renderPreview(t, view)} ${renderOverlay(view.stage, guiding?.progress ?? 0)}
      ${
        busyText
          ? html`<div class="veil">
              <div part="spinner" class="spinner"></div>
              <p>${busyText}</p>
            </div>`
          : nothing
      }
      ${guiding && !busyText ? renderHint(t, guiding) : nothing}
    </div>
    ${guiding?.detector === 'unavailable' ? html`<p class="notice">${t.detectorUnavailable}</p>` : nothing}
    <div part="controls" class="controls">
      ${
        guiding?.manualCapture
          ? html`<button
              part="button primary-button capture-button"
              class="primary"
              @click=${on.takePhoto}
            >
              ${t.takePhoto}
            </button>`
          : nothing
      }
      ${renderCameraSwitch(t, view.camera, s.status !== 'guiding', on)}
      <button part="button cancel-button" @click=${on.cancel}>${t.cancel}</button>
    </div>
  `;
}

/**
 * The camera's live preview: the camera controller attaches its stream to this `<video>`, on the
 * guiding screens and on the liveness screen alike.
 */
function renderPreview(t: Translation, view: ScreenView): TemplateResult {
  return html`<video
    part="video"
    class=${view.camera.facingUser ? 'mirrored' : ''}
    aria-label=${t.previewLabel}
    muted
    playsinline
    autoplay
  ></video>`;
}

function renderOverlay(stage: Size, progress: number): TemplateResult {
  const { width, height } = stage;
  if (!width || !height) return html``;
  const o = ovalInStage(stage);
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

function renderHint(t: Translation, s: Extract<FlowState, { status: 'guiding' }>): TemplateResult {
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

function renderCameraSwitch(
  t: Translation,
  camera: CameraView,
  disabled: boolean,
  on: ScreenHandlers,
): TemplateResult {
  const devices = camera.devices;
  if (devices.length < 2) return html``;
  const active = camera.activeDeviceId;
  return html`<label class="camera">
    <span>${t.switchCamera}</span>
    <select part="camera-select" ?disabled=${disabled} @change=${on.switchCamera}>
      ${devices.map(
        (d, i) =>
          html`<option value=${d.deviceId} ?selected=${d.deviceId === active}>
            ${d.label || t.cameraOption(i + 1)}
          </option>`,
      )}
    </select>
  </label>`;
}

function renderCaptured(t: Translation, url: string, on: ScreenHandlers): TemplateResult {
  return html`<div part="screen" class="screen">
    <h2 part="title" class="title">${t.capturedTitle}</h2>
    <img part="captured-image" class="captured-image" src=${url} alt=${t.capturedImageAlt} />
    <p part="body" class="body">${t.capturedBody}</p>
    <div part="controls" class="controls">
      <button part="button primary-button" class="primary" data-autofocus @click=${on.start}>
        ${t.retake}
      </button>
    </div>
  </div>`;
}

/** A screen of words with one way on (start, retry, start again), and Cancel after a failure. */
function renderTextScreen(
  t: Translation,
  on: ScreenHandlers,
  title: string,
  body: string,
  action: string,
  isError = false,
): TemplateResult {
  return html`<div part="screen" class="screen ${isError ? 'error' : ''}">
    <h2 part="title" class="title">${title}</h2>
    ${body ? html`<p part="body" class="body">${body}</p>` : nothing}
    <div part="controls" class="controls">
      <button part="button primary-button" class="primary" data-autofocus @click=${on.start}>
        ${action}
      </button>
      ${isError ? html`<button part="button cancel-button" @click=${on.cancel}>${t.cancel}</button>` : nothing}
    </div>
  </div>`;
}

/** A busy screen of the provider flow (uploading, processing): cancellable like every other step. */
function renderBusy(
  t: Translation,
  on: ScreenHandlers,
  text: string,
  extra: TemplateResult | typeof nothing = nothing,
): TemplateResult {
  return html`<div part="screen" class="screen busy" aria-busy="true">
    <div part="spinner" class="spinner"></div>
    <p part="body" class="body">${text}</p>
    ${extra}
    <div part="controls" class="controls">
      <button part="button cancel-button" @click=${on.cancel}>${t.cancel}</button>
    </div>
  </div>`;
}

/** The one line the liveness screen shows (and the live region says). */
function livenessText(t: Translation, step: LivenessView): string {
  switch (step.kind) {
    case 'preparing':
      return t.livenessPreparing;
    case 'reflection':
      return t.livenessHoldStill;
    case 'turn':
      return step.turned ? t.livenessLookBack : t.livenessTurns[step.direction];
  }
}

/** Physical arrows: "left" is the person's own left, on a mirrored preview as in an RTL page. */
const TURN_ARROWS = { left: '←', right: '→', up: '↑' } as const;

/**
 * The liveness phase: the live preview on a field of the challenge's current colour, and one
 * prompt at a time. The colour is the `--face-auth-liveness-colour` of the `liveness` part.
 */
function renderLiveness(
  t: Translation,
  step: LivenessView,
  view: ScreenView,
  on: ScreenHandlers,
): TemplateResult {
  const colour = step.kind === 'reflection' ? step.colour : null;
  const turn = step.kind === 'turn' ? step : null;
  return html`
    <div
      part="liveness"
      class="liveness ${step.kind}"
      data-step=${step.kind}
      data-colour=${colour ?? ''}
      data-turn=${turn && !turn.turned ? turn.direction : ''}
      ${cssProperty('--face-auth-liveness-colour', colour)}
    >
      <div part="stage" class="stage liveness-stage" role="group" aria-label=${t.livenessLabel}>
        ${renderPreview(t, view)}
        ${
          step.kind === 'preparing'
            ? html`<div class="veil">
                <div part="spinner" class="spinner"></div>
              </div>`
            : nothing
        }
      </div>
      <p part="liveness-prompt" class="liveness-prompt">
        ${
          turn && !turn.turned
            ? html`<span class="arrow" aria-hidden="true">${TURN_ARROWS[turn.direction]}</span>`
            : nothing
        }
        <span>${livenessText(t, step)}</span>
      </p>
    </div>
    <div part="controls" class="controls">
      <button part="button cancel-button" @click=${on.cancel}>${t.cancel}</button>
    </div>
  `;
}
