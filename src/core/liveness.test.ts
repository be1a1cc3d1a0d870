import { describe, expect, it } from 'vitest';
import {
  DEFAULT_TURN_GUIDE,
  beginLiveness,
  clipKindOf,
  colourAt,
  followFrontal,
  isLivenessChallenge,
  livenessPlan,
  livenessStep,
  reflectionMs,
  worstCaseMs,
  type LivenessChallenge,
  type LivenessPhase,
  type LivenessPlan,
} from './liveness.js';

const challenge: LivenessChallenge = {
  challengeId: 'c1',
  expiresAt: '2030-01-01T00:00:00Z',
  colours: ['#ff0000', '#00ff00', '#0000ff'],
  segmentMs: 500,
  turns: ['left', 'right'],
};

const pose = (yaw: number, pitch = 0.5) => ({ yaw, pitch });

/** Runs inputs through the reducer, returning every distinct phase. */
function run(plan: LivenessPlan, inputs: Parameters<typeof livenessStep>[2][], start = 0) {
  let phase = beginLiveness(plan, start);
  const seen: LivenessPhase[] = [phase];
  for (const input of inputs) {
    const next = livenessStep(plan, phase, input);
    if (next !== phase) seen.push(next);
    phase = next;
  }
  return { phase, seen };
}

describe('isLivenessChallenge', () => {
  it('accepts the documented answer', () => {
    expect(isLivenessChallenge(challenge)).toBe(true);
  });
  it.each([
    ['no id', { ...challenge, challengeId: '' }],
    ['a colour that is not #rrggbb', { ...challenge, colours: ['red'] }],
    ['segments faster than three a second (WCAG 2.3.1)', { ...challenge, segmentMs: 300 }],
    ['an unknown turn', { ...challenge, turns: ['down'] }],
    ['null', null],
  ])('refuses %s', (_, value) => {
    expect(isLivenessChallenge(value)).toBe(false);
  });
});

describe('the colour schedule', () => {
  const plan = livenessPlan(challenge, 'full');
  it('shows one colour per segment, then none', () => {
    const r = plan.reflection!;
    expect(colourAt(r, -1)).toBeNull();
    expect(colourAt(r, 0)).toBe('#ff0000');
    expect(colourAt(r, 499)).toBe('#ff0000');
    expect(colourAt(r, 500)).toBe('#00ff00');
    expect(colourAt(r, 1499)).toBe('#0000ff');
    expect(colourAt(r, 1500)).toBeNull();
  });
  it('lasts the colours (its clip records the camera lag while the first turn is asked for)', () => {
    expect(reflectionMs(plan)).toBe(1500);
  });
  it('is skipped by the turns mode', () => {
    const turnsOnly = livenessPlan(challenge, 'turns');
    expect(turnsOnly.reflection).toBeNull();
    expect(beginLiveness(turnsOnly, 0).stage).toBe('turn');
  });
  it('keeps a cooperating person within 10 s for the server default (8 × 500 ms, two turns)', () => {
    const full = livenessPlan({ ...challenge, colours: Array(8).fill('#ff0000') }, 'full');
    // The colours, plus two turns of about a second each.
    expect(reflectionMs(full) + 2 * 1000).toBeLessThanOrEqual(10_000);
    expect(worstCaseMs(full)).toBe(4000 + 2 * DEFAULT_TURN_GUIDE.turnTimeoutMs);
  });
});

describe('livenessStep', () => {
  const plan = livenessPlan(challenge, 'full');

  it('moves through the colours by time, then to the first turn as the last one ends', () => {
    const { seen } = run(plan, [
      { type: 'tick', t: 100 },
      { type: 'tick', t: 600 },
      { type: 'tick', t: 1100 },
      { type: 'tick', t: 1499 },
      { type: 'tick', t: 1500 },
    ]);
    expect(seen.map((p) => (p.stage === 'reflection' ? p.colour : p.stage))).toEqual([
      '#ff0000',
      '#00ff00',
      '#0000ff',
      'turn',
    ]);
    expect(seen.map(clipKindOf)).toEqual(['reflection', 'reflection', 'reflection', 'turns']);
  });

  it('counts a turn held past the threshold, then waits for the head to come back (hysteresis)', () => {
    const turns = livenessPlan(challenge, 'turns');
    let phase = beginLiveness(turns, 0);
    const step = (input: Parameters<typeof livenessStep>[2]) =>
      (phase = livenessStep(turns, phase, input));
    step({ type: 'pose', t: 100, pose: pose(0.5) }); // left, first frame past
    expect(phase).toMatchObject({ stage: 'turn', index: 0, turned: false, pastSince: 100 });
    step({ type: 'pose', t: 300, pose: pose(0.5) });
    expect(phase).toMatchObject({ index: 0, turned: true });
    step({ type: 'pose', t: 350, pose: pose(0.25) }); // between exit and enter: still turned
    expect(phase).toMatchObject({ index: 0, turned: true });
    step({ type: 'pose', t: 400, pose: pose(0.05) });
    expect(phase).toMatchObject({ stage: 'turn', index: 1, turned: false, startedAt: 400 });
  });

  it("reads 'left' as the person's own left: a right turn does not count for it", () => {
    const turns = livenessPlan(challenge, 'turns');
    const { phase } = run(turns, [
      { type: 'pose', t: 100, pose: pose(-0.6) },
      { type: 'pose', t: 400, pose: pose(-0.6) },
    ]);
    expect(phase).toMatchObject({ index: 0, turned: false });
  });

  it('does not count one noisy frame: the pose must stay past the threshold', () => {
    const turns = livenessPlan(challenge, 'turns');
    const { phase } = run(turns, [
      { type: 'pose', t: 100, pose: pose(0.5) },
      { type: 'pose', t: 200, pose: pose(0.1) },
      { type: 'pose', t: 300, pose: pose(0.5) },
    ]);
    expect(phase).toMatchObject({ index: 0, turned: false, pastSince: 300 });
  });

  it('moves on after the timeout whether or not the person turned: the server decides', () => {
    const turns = livenessPlan(challenge, 'turns');
    const { seen, phase } = run(turns, [
      { type: 'pose', t: 1000, pose: null },
      { type: 'tick', t: 3500 },
      { type: 'tick', t: 7000 },
    ]);
    expect(seen.map((p) => (p.stage === 'turn' ? p.index : p.stage))).toEqual([0, 1, 'done']);
    expect(livenessStep(turns, phase, { type: 'tick', t: 9000 })).toBe(phase);
  });

  it('measures an up turn against the frontal pitch', () => {
    const up = livenessPlan({ ...challenge, turns: ['up'] }, 'turns');
    let phase = beginLiveness(up, 0);
    const ctx = { frontalPitch: 0.5 };
    phase = livenessStep(up, phase, { type: 'pose', t: 10, pose: pose(0, 0.3) }, ctx);
    phase = livenessStep(up, phase, { type: 'pose', t: 200, pose: pose(0, 0.3) }, ctx);
    expect(phase).toMatchObject({ turned: true });
    phase = livenessStep(up, phase, { type: 'pose', t: 300, pose: pose(0, 0.48) }, ctx);
    expect(phase).toEqual({ stage: 'done' });
  });
});

describe('followFrontal', () => {
  const plan = livenessPlan(challenge, 'full');
  it('learns the pitch from calm frontal frames only', () => {
    const reflection = beginLiveness(plan, 0);
    let ctx = followFrontal({ frontalPitch: null }, reflection, pose(0, 0.5));
    expect(ctx.frontalPitch).toBe(0.5);
    ctx = followFrontal(ctx, reflection, pose(0.4, 0.1)); // turned: ignored
    expect(ctx.frontalPitch).toBe(0.5);
    ctx = followFrontal(ctx, reflection, pose(0, 0.6));
    expect(ctx.frontalPitch).toBeCloseTo(0.52);
  });
});
