import { describe, expect, it } from 'vitest';
import {
  distanceToSimilarityPercent,
  euclideanDistance,
  piecewiseLinear,
  similarityPercentToDistance,
} from './similarity.js';

describe('distance -> similarity percent', () => {
  it('hits its anchors: 0 -> 100 %, 0.6 -> 70 % (the default threshold), 1.2 -> 0 %', () => {
    expect(distanceToSimilarityPercent(0)).toBe(100);
    expect(distanceToSimilarityPercent(0.6)).toBe(70);
    expect(distanceToSimilarityPercent(1.2)).toBe(0);
  });

  it('is linear between anchors and clamped outside them', () => {
    expect(distanceToSimilarityPercent(0.3)).toBe(85);
    expect(distanceToSimilarityPercent(0.9)).toBe(35);
    expect(distanceToSimilarityPercent(1.5)).toBe(0);
    expect(distanceToSimilarityPercent(-0.1)).toBe(100);
  });

  it('puts the measured genuine/impostor extremes on the right side of 70 %', () => {
    expect(distanceToSimilarityPercent(0.54)).toBeGreaterThanOrEqual(70);
    expect(distanceToSimilarityPercent(0.7)).toBeLessThan(70);
  });

  it('is monotonically decreasing', () => {
    let previous = Infinity;
    for (let d = 0; d <= 1.3; d += 0.01) {
      const p = distanceToSimilarityPercent(d);
      expect(p).toBeLessThanOrEqual(previous);
      previous = p;
    }
  });

  it('has an inverse for the decision record', () => {
    expect(similarityPercentToDistance(70)).toBe(0.6);
    expect(similarityPercentToDistance(100)).toBe(0);
    expect(similarityPercentToDistance(0)).toBe(1.2);
    for (const p of [10, 35, 55, 80, 95]) {
      expect(distanceToSimilarityPercent(similarityPercentToDistance(p))).toBeCloseTo(p, 0);
    }
  });

  it('rounds to one decimal so the reported value is the compared value', () => {
    const p = distanceToSimilarityPercent(0.4273);
    expect(p).toBe(Math.round(p * 10) / 10);
  });
});

describe('piecewiseLinear', () => {
  it('interpolates, clamps and passes NaN through', () => {
    const anchors = [
      [0, 0],
      [10, 100],
      [20, 100],
      [30, 0],
    ] as const;
    expect(piecewiseLinear(5, anchors)).toBe(50);
    expect(piecewiseLinear(15, anchors)).toBe(100);
    expect(piecewiseLinear(27.5, anchors)).toBe(25);
    expect(piecewiseLinear(99, anchors)).toBe(0);
    expect(piecewiseLinear(Number.NaN, anchors)).toBeNaN();
  });
});

describe('euclideanDistance', () => {
  it('measures and refuses mismatched lengths', () => {
    expect(euclideanDistance([0, 0], [3, 4])).toBe(5);
    expect(() => euclideanDistance([1], [1, 2])).toThrow(/lengths differ/);
  });
});
