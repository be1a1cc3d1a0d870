import { describe, expect, it } from 'vitest';
import { classifyCameraError, CAMERA_FAILURES } from './camera-failure.js';

describe('classifyCameraError', () => {
  it.each([
    ['NotAllowedError', 'permission-denied'],
    ['SecurityError', 'permission-denied'],
    ['NotFoundError', 'no-camera'],
    ['NotReadableError', 'camera-busy'],
    ['AbortError', 'camera-busy'],
    ['OverconstrainedError', 'constraints'],
    ['TypeError', 'unsupported'],
    [undefined, 'camera-busy'],
  ] as const)('%s → %s', (name, reason) => {
    expect(classifyCameraError(name)).toBe(reason);
    expect(CAMERA_FAILURES).toContain(reason);
  });
});
