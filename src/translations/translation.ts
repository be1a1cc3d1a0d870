import type { ActionFlowErrorCode } from '../core/action-flow-errors.js';
import type { RejectReason } from '../core/action-result.js';
import type { CameraFailure } from '../core/camera-failure.js';
import type { HintCode } from '../core/hints.js';
import type { TurnDirection } from '../core/liveness.js';

/** What a camera failure screen says: a title, what to do, and the retry button's label. */
export interface CameraFailureText {
  title: string;
  body: string;
  action: string;
}

/**
 * Every string `<face-auth>` shows or announces. Parameterised strings are functions, so a
 * translation can put the parameter where its grammar wants it.
 */
export interface Translation {
  /** BCP 47 tag of the translation, used for the element's `lang`. */
  $code: string;
  /**
   * Direction of the language's script, used for the element's `dir`: the layout mirrors under
   * `rtl` (the styles use logical properties). The camera preview's mirroring does not depend on it.
   */
  direction: 'ltr' | 'rtl';
  /** Accessible name of the widget region. */
  label: string;
  introTitle: string;
  introBody: string;
  start: string;
  starting: string;
  loadingDetector: string;
  cancel: string;
  /** The preview, for screen readers. */
  previewLabel: string;
  hints: Record<HintCode, string>;
  /** Shown while a good pose is held and the ring fills. */
  holding: string;
  paused: string;
  takePhoto: string;
  detectorUnavailable: string;
  switchCamera: string;
  cameraOption: (index: number) => string;
  capturing: string;
  capturedTitle: string;
  capturedBody: string;
  capturedImageAlt: string;
  retake: string;
  cancelledTitle: string;
  startAgain: string;
  cameraFailures: Record<CameraFailure, CameraFailureText>;
  /** Title of the generic error screen. */
  errorTitle: string;
  captureFailed: string;
  tryAgain: string;

  // ---- provider flow (after the capture) ----
  /** While the photo is sent. */
  uploading: string;
  /** Accessible name of the upload progress bar. */
  uploadProgressLabel: string;
  /** While the provider reviews the photo. */
  checking: string;
  /** While the host's `actionResultHandler` decides. */
  processing: string;
  resultGreenTitle: string;
  resultGreenBody: string;
  resultRedTitle: string;
  /** One plain sentence per known reject label, and per thing a failed liveness asks the person to do. */
  rejectReasons: Record<RejectReason, string>;
  /** For reject labels the widget does not know. */
  rejectOther: string;
  /** Under a RED that cannot be retried (`reviewRejectType` FINAL). */
  resultFinal: string;
  resultErrorTitle: string;
  resultErrorBody: string;
  onHoldTitle: string;
  onHoldBody: string;
  /** The `message` of a provider-flow `face-auth-error`, by code. */
  actionErrors: Record<ActionFlowErrorCode, string>;
  // ---- liveness (after the selfie, with `liveness="full"` or `"turns"`) ----
  /** Accessible name of the liveness stage (the preview with the colours). */
  livenessLabel: string;
  /** While the challenge is fetched, the camera still on. */
  livenessPreparing: string;
  /** While the screen shows the challenge's colours. */
  livenessHoldStill: string;
  /** One prompt per turn; `left` and `right` are the person's own left and right. */
  livenessTurns: Record<TurnDirection, string>;
  /** Once the turn was seen: back to the camera. */
  livenessLookBack: string;
  /** Title of the `liveness-unsupported` screen (its body is `actionErrors['liveness-unsupported']`). */
  livenessUnsupportedTitle: string;
  /** Title of the `liveness-locked` screen (its body is `actionErrors['liveness-locked']`). */
  livenessLockedTitle: string;
  /** The provider's own words under an error message (shown as text). */
  errorDetail: (text: string) => string;
}
