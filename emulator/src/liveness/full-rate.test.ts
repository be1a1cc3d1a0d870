/** Telling a cut from a motion at the clip's own frame rate, on small synthetic grey frames. */
import { describe, expect, it } from 'vitest';
import type { FullRateFrames } from './decode.js';
import { changeSpread } from './full-rate.js';

const W = 160;
const H = 120;
/** A face's box in the kept (640 px wide) frames: 37..122 x 20..105 in the grey ones. */
const BOX = { x: 150, y: 80, width: 340, height: 340 };

/** A textured square whose pattern is shifted by `shift` px, with a little seeded noise. */
function picture(shift: number, seed: number): Uint8Array {
  const data = new Uint8Array(W * H);
  let s = seed * 2654435761 || 1;
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      s ^= s << 13;
      s ^= s >>> 17;
      s ^= s << 5;
      const u = x + shift;
      const pattern = 128 + 60 * Math.sin(u / 5) * Math.cos(y / 7) + 30 * Math.sin((u + y) / 11);
      data[y * W + x] = Math.max(0, Math.min(255, pattern + ((s >>> 0) % 5) - 2));
    }
  }
  return data;
}

/** Frames every `stepMs` from 0 to 200 ms whose shift follows `shiftAt(t)`. */
function clip(shiftAt: (t: number) => number, stepMs = 33.3): FullRateFrames {
  const frames = [];
  for (let n = 0; n * stepMs <= 200.5; n++) {
    const t = Math.round(n * stepMs * 10) / 10;
    frames.push({ tMs: t, data: picture(shiftAt(t), n + 1) });
  }
  return { width: W, height: H, scale: W / 640, frames };
}

describe('changeSpread', () => {
  it('spreads a head turning over the frames (a share well under a half)', () => {
    const spread = changeSpread(
      clip((t) => (12 * t) / 200),
      0,
      200,
      [BOX],
    );
    expect(spread.steps).toBe(6);
    expect(spread.share).toBeLessThan(0.45);
  });

  it('puts a cut in one frame-to-frame change, large against the noise', () => {
    const spread = changeSpread(
      clip((t) => (t > 100 ? 12 : 0)),
      0,
      200,
      [BOX],
    );
    expect(spread.share).toBeGreaterThan(0.9);
    expect(spread.largest).toBeGreaterThan(0.3);
    expect(spread.largestGapMs).toBe(33);
  });

  it('sees only noise in a still face: no large change', () => {
    expect(
      changeSpread(
        clip(() => 0),
        0,
        200,
        [BOX],
      ).largest,
    ).toBeLessThan(0.1);
  });

  it('cannot tell with a single step between the two frames (a 5 fps clip)', () => {
    expect(
      changeSpread(
        clip((t) => t / 20, 200),
        0,
        200,
        [BOX],
      ),
    ).toEqual({
      steps: 1,
      share: 1,
      largest: 0,
      largestGapMs: 0,
    });
  });
});
