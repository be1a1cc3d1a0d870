/** The provider flow: the element's only entry into the network. */
export { ActionClient, runAction } from './run-action.js';
export type {
  ActionClientConfig,
  ActionOutcome,
  ActionPhase,
  RunActionOptions,
} from './run-action.js';
export { AccessTokenSource } from './token-source.js';
export type { AccessTokenProvider, TokenSourceOptions } from './token-source.js';
export type { UploadProgress, UploadTransport } from './upload.js';
export type { Clock } from './clock.js';
export { realClock } from './clock.js';
export { ActionFlowError, isRetryableCode } from '../core/action-flow-errors.js';
export type { ActionFlowErrorCode, ActionStep } from '../core/action-flow-errors.js';
