/**
 * Liveness: a challenge (screen colours and head turns) issued by the server, a short clip recorded
 * under it, and a verdict from that clip alone. See README.md in this folder.
 */
export {
  challengeProblem,
  createChallenge,
  DEFAULT_TURNS,
  MAX_CHALLENGE_TTL_MS,
  PALETTE,
  scheduleMs,
  type ChallengeOptions,
  type LivenessChallenge,
  type RandomBytes,
  type TurnDirection,
} from './challenge.js';
export { ClipDecodeError, DEFAULT_DECODE_LIMITS, type DecodeLimits } from './decode.js';
export {
  LIVENESS_CHECK_TYPES,
  LIVENESS_REJECT_LABELS,
  type LivenessRejectLabel,
} from './labels.js';
export {
  DEFAULT_LIVENESS_CALIBRATION,
  DEFAULT_LIVENESS_THRESHOLDS,
  judgeLiveness,
  normaliseLivenessThresholds,
  type LivenessCalibration,
  type LivenessDecision,
  type LivenessOutcome,
  type LivenessThresholds,
} from './verdict.js';
export {
  LivenessVerifier,
  measureInThisThread,
  verifyLiveness,
  type VerifyLivenessInput,
} from './verifier.js';
