import { describe, expect, it } from 'vitest';
import { motionOver, pruneSamples, type FaceSample } from './stillness.js';

describe('stillness', () => {
  const at = (t: number, x: number, size = 100): FaceSample => ({
    t,
    centre: { x, y: 100 },
    size,
  });

  it('is unknown until the samples span most of the window', () => {
    expect(motionOver([], 500)).toBeNull();
    expect(motionOver([at(0, 0), at(100, 0)], 500)).toBeNull();
  });

  it('measures the largest movement in face heights within the window only', () => {
    const s = [at(0, 500), at(200, 100), at(400, 103), at(600, 105)];
    expect(motionOver(s, 500)).toBeCloseTo(0.05);
    expect(motionOver(s, 700)).toBeCloseTo(3.95);
  });

  it('counts a change of size (moving towards the camera) as motion', () => {
    expect(motionOver([at(0, 100, 80), at(400, 100, 100)], 500)).toBeCloseTo(0.2);
  });

  it('prunes samples the window no longer needs', () => {
    const s = [at(0, 0), at(100, 0), at(200, 0), at(900, 0), at(1000, 0)];
    expect(pruneSamples(s, 500).map((x) => x.t)).toEqual([200, 900, 1000]);
    expect(pruneSamples([], 500)).toEqual([]);
  });
});
