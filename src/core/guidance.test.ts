import { describe, expect, it } from 'vitest';
import { GuidanceSession } from './guidance.js';
import { DEFAULT_THRESHOLDS, resolveThresholds } from './thresholds.js';
import { GOOD_CROP, OVAL, face } from '../../test/support/synthetic.js';

describe('GuidanceSession', () => {
  it('captures the best frame after a still, good pose is held', () => {
    const g = new GuidanceSession(resolveThresholds({ holdMs: 600, stillnessWindowMs: 300 }));
    const steps = [0, 100, 200, 300, 400, 500, 600, 700, 800, 900, 1000].map((t) =>
      g.step({
        t,
        faces: [face()],
        oval: OVAL,
        crop: { ...GOOD_CROP, sharpness: t === 400 ? 150 : 100 },
      }),
    );
    // Stillness is unknown for the first 60 % of the window.
    expect(steps[0]!.hint).toBe('holdStill');
    expect(steps[2]!.hint).toBeNull();
    const bestAt = steps.findIndex((s, i) => i > 2 && s.isBest);
    expect(bestAt).toBe(4);
    const done = steps.findIndex((s) => s.complete);
    expect(done).toBe(8); // held from t=200 to t=800
    expect(g.bestReport?.checks.sharpness?.value).toBe(150);
    g.reset();
    expect(g.bestReport).toBeNull();
  });

  it('starts over when a second face appears', () => {
    const g = new GuidanceSession(DEFAULT_THRESHOLDS, 0);
    for (const t of [0, 200, 400]) g.step({ t, faces: [face()], oval: OVAL, crop: GOOD_CROP });
    const s = g.step({ t: 600, faces: [face(), face({ cx: 80 })], oval: OVAL, crop: null });
    expect(s).toMatchObject({ hint: 'multipleFaces', progress: 0, complete: false });
  });
});
