import { describe, expect, it } from 'vitest';
import { INITIAL_HOLD, advanceHold, type HoldState } from '../../../src/core/hold.js';
import { INITIAL_ANNOUNCE, planAnnouncement } from '../../../src/core/announce-throttle.js';
import { classifyCameraError, CAMERA_FAILURES } from '../../../src/core/camera-failure.js';

describe('advanceHold', () => {
  it('fills while good frames continue and completes after holdMs', () => {
    let s: HoldState = INITIAL_HOLD;
    const steps = [0, 300, 600, 1000].map((t, i) => {
      const step = advanceHold(s, t, { ok: true, score: [0.5, 0.7, 0.6, 0.65][i]! }, 1000);
      s = step.state;
      return step;
    });
    expect(steps.map((x) => x.progress)).toEqual([0, 0.3, 0.6, 1]);
    expect(steps.map((x) => x.isBest)).toEqual([true, true, false, false]);
    expect(steps.map((x) => x.complete)).toEqual([false, false, false, true]);
  });

  it('starts over on a bad frame', () => {
    const a = advanceHold(INITIAL_HOLD, 0, { ok: true, score: 0.9 }, 1000);
    const b = advanceHold(a.state, 500, { ok: false, score: 0 }, 1000);
    expect(b).toMatchObject({ progress: 0, complete: false, state: INITIAL_HOLD });
    const c = advanceHold(b.state, 600, { ok: true, score: 0.1 }, 1000);
    expect(c).toMatchObject({ progress: 0, isBest: true });
  });
});

describe('planAnnouncement', () => {
  it('speaks changes only, and not sooner than the interval', () => {
    const a = planAnnouncement(INITIAL_ANNOUNCE, 0, 'Move closer', 2000);
    expect(a.speak).toBe('Move closer');
    const same = planAnnouncement(a.state, 3000, 'Move closer', 2000);
    expect(same.speak).toBeNull();
    const early = planAnnouncement(a.state, 500, 'Hold still', 2000);
    expect(early).toMatchObject({ speak: null, retryAt: 2000 });
    expect(early.state.pending).toBe('Hold still');
    const later = planAnnouncement(early.state, 2000, 'Hold still', 2000);
    expect(later.speak).toBe('Hold still');
    expect(planAnnouncement(later.state, 9000, null, 2000).speak).toBeNull();
  });

  it('drops a pending change that reverted to what was last spoken', () => {
    const a = planAnnouncement(INITIAL_ANNOUNCE, 0, 'A', 2000);
    const b = planAnnouncement(a.state, 100, 'B', 2000);
    const c = planAnnouncement(b.state, 200, 'A', 2000);
    expect(c).toMatchObject({ speak: null, retryAt: null, state: { pending: null } });
  });
});

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

describe('GuidanceSession', () => {
  it('captures the best frame after a still, good pose is held', async () => {
    const { GuidanceSession } = await import('../../../src/core/guidance.js');
    const { resolveThresholds } = await import('../../../src/core/thresholds.js');
    const { OVAL, GOOD_CROP, face } = await import('../../support/synthetic.js');
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

  it('starts over when a second face appears', async () => {
    const { GuidanceSession } = await import('../../../src/core/guidance.js');
    const { DEFAULT_THRESHOLDS } = await import('../../../src/core/thresholds.js');
    const { OVAL, GOOD_CROP, face } = await import('../../support/synthetic.js');
    const g = new GuidanceSession(DEFAULT_THRESHOLDS, 0);
    for (const t of [0, 200, 400]) g.step({ t, faces: [face()], oval: OVAL, crop: GOOD_CROP });
    const s = g.step({ t: 600, faces: [face(), face({ cx: 80 })], oval: OVAL, crop: null });
    expect(s).toMatchObject({ hint: 'multipleFaces', progress: 0, complete: false });
  });
});

describe('stabiliseHint', () => {
  it('shows the first hint at once and a new one only after it persists', async () => {
    const { INITIAL_HINT_STATE, stabiliseHint } =
      await import('../../../src/core/hint-stabiliser.js');
    let s = stabiliseHint(INITIAL_HINT_STATE, 0, 'moveCloser', 300);
    expect(s.shown).toBe('moveCloser');
    s = stabiliseHint(s, 100, 'centreFace', 300);
    expect(s.shown).toBe('moveCloser');
    s = stabiliseHint(s, 200, 'moveCloser', 300); // flicker back: nothing changes
    s = stabiliseHint(s, 250, 'centreFace', 300);
    s = stabiliseHint(s, 500, 'centreFace', 300);
    expect(s.shown).toBe('moveCloser');
    s = stabiliseHint(s, 560, 'centreFace', 300);
    expect(s.shown).toBe('centreFace');
    // All good shows at once.
    expect(stabiliseHint(s, 570, null, 300).shown).toBeNull();
  });
});
