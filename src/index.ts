// Public API of the package. No side effects: registering <face-auth> is `./define`'s job.
export { FaceAuthElement } from './face-auth.component.js';
export { preload } from './preload.js';
export * from './events/index.js';
export type {
  CaptureMode,
  CapturedImage,
  DetectorStatus,
  FlowEvent,
  FlowState,
  FlowStatus,
  ProcessingPhase,
} from './core/flow.js';
export { flowReducer, INITIAL_FLOW } from './core/flow.js';
export type {
  ActionResult,
  ActionResultDecision,
  ActionReviewResult,
  KnownRejectLabel,
  LivenessRejectReason,
  RejectReason,
  ReviewAnswer,
} from './core/action-result.js';
export { KNOWN_REJECT_LABELS, LIVENESS_REJECT_REASONS } from './core/action-result.js';
export type { ActionFlowErrorCode } from './core/action-flow-errors.js';
export type { AccessTokenGrant } from './core/api-types.js';
export type { AccessTokenProvider } from './api/token-source.js';
export type { CameraFailure } from './core/camera-failure.js';
export type { FaceAuthErrorCode } from './core/errors.js';
export type { HintCode } from './core/hints.js';
export { HINT_PRIORITY } from './core/hints.js';
export type { CheckName, CheckResult, QualityReport } from './core/quality.js';
export type { QualityThresholds } from './core/thresholds.js';
export { DEFAULT_THRESHOLDS } from './core/thresholds.js';
export type { CameraFailureText, Translation, TranslationOverrides } from './translations/index.js';
export { en } from './translations/index.js';
export { default as ru } from './translations/ru.js';
export type {
  FaceAuthAttributes,
  FaceAuthEventListeners,
  FaceAuthProperties,
} from './face-auth.attributes.js';
export type { LivenessMode } from './core/liveness.js';
