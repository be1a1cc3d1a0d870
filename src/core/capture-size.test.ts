import { describe, expect, it } from 'vitest';
import { fitWithin, qualitySteps } from './capture-size.js';

describe('capture size', () => {
  it('scales down only', () => {
    expect(fitWithin({ width: 1280, height: 720 }, 640)).toEqual({ width: 640, height: 360 });
    expect(fitWithin({ width: 640, height: 480 }, 1920)).toEqual({ width: 640, height: 480 });
    expect(fitWithin({ width: 640, height: 480 }, 0)).toEqual({ width: 640, height: 480 });
  });

  it('steps JPEG quality down to 0.5 only when a byte limit is set', () => {
    expect(qualitySteps(0.92, null)).toEqual([0.92]);
    expect(qualitySteps(0.9, 100_000)).toEqual([0.9, 0.8, 0.7, 0.6, 0.5]);
    expect(qualitySteps(2, undefined)).toEqual([1]);
  });
});
