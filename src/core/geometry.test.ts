import { describe, expect, it } from 'vitest';
import { clipRect, ellipseDistance } from './geometry.js';

describe('geometry', () => {
  it('measures distance in ellipse radii', () => {
    const e = { cx: 10, cy: 10, rx: 5, ry: 10 };
    expect(ellipseDistance(e, { x: 10, y: 10 })).toBe(0);
    expect(ellipseDistance(e, { x: 15, y: 10 })).toBe(1);
    expect(ellipseDistance(e, { x: 10, y: 0 })).toBe(1);
  });

  it('clips rects to the frame', () => {
    expect(clipRect({ x: -10, y: 5, width: 30, height: 10 }, { width: 15, height: 100 })).toEqual({
      x: 0,
      y: 5,
      width: 15,
      height: 10,
    });
    expect(clipRect({ x: 20, y: 0, width: 5, height: 5 }, { width: 15, height: 15 })).toBeNull();
  });
});
