import { describe, expect, it } from 'vitest';
import { INITIAL_HOLD, advanceHold, type HoldState } from './hold.js';

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
