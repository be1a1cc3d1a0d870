import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS, resolveThresholds } from './thresholds.js';

describe('resolveThresholds', () => {
  it('keeps defaults for missing or non-numeric overrides', () => {
    const t = resolveThresholds({ holdMs: 500, maxYaw: Number.NaN } as never);
    expect(t.holdMs).toBe(500);
    expect(t.maxYaw).toBe(DEFAULT_THRESHOLDS.maxYaw);
    expect(resolveThresholds(null)).toEqual(DEFAULT_THRESHOLDS);
  });
});
