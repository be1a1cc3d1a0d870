/** Why the camera could not be used; each has its own screen and retry. */
export const CAMERA_FAILURES = [
  'permission-denied',
  'no-camera',
  'camera-busy',
  'constraints',
  'insecure-context',
  'unsupported',
  'track-ended',
] as const;

export type CameraFailure = (typeof CAMERA_FAILURES)[number];

/**
 * Maps a getUserMedia rejection (by its DOMException name) to a failure reason. Browsers differ:
 * Firefox says NotReadableError or AbortError for a camera held by another app, Safari may say
 * SecurityError for a policy block, and old Chrome used the legacy names in parentheses.
 */
export function classifyCameraError(name: string | undefined): CameraFailure {
  switch (name) {
    case 'NotAllowedError':
    case 'PermissionDeniedError':
    case 'SecurityError':
      return 'permission-denied';
    case 'NotFoundError':
    case 'DevicesNotFoundError':
      return 'no-camera';
    case 'NotReadableError':
    case 'TrackStartError':
    case 'AbortError':
      return 'camera-busy';
    case 'OverconstrainedError':
    case 'ConstraintNotSatisfiedError':
      return 'constraints';
    case 'TypeError':
      return 'unsupported';
    default:
      return 'camera-busy';
  }
}
