import { describe, expect, it } from 'vitest';
import { coverMapping, ovalInStage, ovalInVideo } from './oval.js';

describe('oval layout', () => {
  it('fits the oval to the stage height, narrowing it on slim stages', () => {
    const wide = ovalInStage({ width: 800, height: 600 });
    expect(wide.cy).toBe(300);
    expect(wide.ry).toBeCloseTo(222);
    const slim = ovalInStage({ width: 300, height: 600 });
    expect(slim.rx).toBeCloseTo(120);
    expect(slim.rx / slim.ry).toBeCloseTo(0.78);
  });

  it('maps the stage oval into video pixels under object-fit: cover', () => {
    // A portrait stage over landscape video shows a centred vertical slice of it.
    const video = { width: 1280, height: 720 };
    const stage = { width: 360, height: 480 };
    const { scale, visible } = coverMapping(video, stage);
    expect(scale).toBeCloseTo(480 / 720);
    expect(visible.width).toBeCloseTo(540);
    const o = ovalInVideo(video, stage);
    expect(o.cx).toBe(640);
    expect(o.cy).toBe(360);
    expect(o.ry * 2).toBeLessThanOrEqual(720);
    // Same video, matching stage: the oval scales with the stage.
    const o2 = ovalInVideo({ width: 640, height: 480 }, { width: 320, height: 240 });
    expect(o2.ry).toBeCloseTo(0.74 * 240);
  });
});
