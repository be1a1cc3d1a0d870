/**
 * Measuring a clip ahead (when it arrives, before the submit) changes when the work is done, never
 * the verdict; and it only takes idle capacity.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { passClips } from '../../testing/liveness/cpu.js';
import { haveFaces } from '../../testing/liveness/photos.js';
import { MAX_CHALLENGE_TTL_MS, type LivenessChallenge } from './challenge.js';
import type { LivenessOutcome } from './verdict.js';
import { LivenessVerifier, verifyLiveness, type VerifyLivenessInput } from './verifier.js';

const available = haveFaces('obama-1.jpg');
if (!available) {
  console.warn('verifier test skipped: obama-1.jpg is not in ../shared/faces');
}

/** What a verdict says, without when it was reached. */
const said = (o: LivenessOutcome) => ({
  reviewAnswer: o.reviewAnswer,
  rejectLabels: o.rejectLabels,
  antiSpoofingPercent: o.antiSpoofingPercent,
  livenessReflectionScore: o.livenessReflectionScore,
  checks: o.checks,
  yawTrack: o.decision.yawTrack,
  r: o.decision.r,
  p: o.decision.p,
});

describe.runIf(available)('the liveness verifier measuring ahead', () => {
  let clip: Buffer;
  let challenge: LivenessChallenge;
  let input: VerifyLivenessInput;
  let verifier: LivenessVerifier;

  beforeAll(async () => {
    // The colours' clip, the one the widget sends ahead (judged with no turns asked, as
    // verifyClips judges it).
    const clips = await passClips(10);
    clip = clips.reflection.clip;
    challenge = { ...clips.challenge, turns: [] };
    input = {
      clip,
      kind: 'reflection',
      challenge,
      receivedAt: new Date(Date.parse(challenge.expiresAt) - MAX_CHALLENGE_TTL_MS + 1000),
      profileDescriptor: null,
      selfieDescriptor: null,
    };
    verifier = new LivenessVerifier({ workers: 1 });
    await verifier.ready;
  }, 180_000);

  afterAll(async () => verifier?.close());

  it('judges a clip measured on arrival exactly as one measured at the verdict', async () => {
    verifier.measureAhead(clip, { kind: 'reflection' });
    const ahead = await verifier.verify(input);
    expect(ahead.decision.timingsMs.measuredAhead).toBe(1);
    const inThread = await verifyLiveness(input);
    expect(said(ahead)).toEqual(said(inThread));
    expect(ahead.reviewAnswer).toBe('GREEN');
  }, 180_000);

  it('measures ahead only on idle capacity, and each clip once', async () => {
    // The worker busy with a verdict: a clip arriving now waits for its own verdict.
    const running = verifier.verify(input);
    const other = Buffer.concat([clip, Buffer.alloc(1)]);
    verifier.measureAhead(other, { kind: 'reflection' });
    await running;
    const later = await verifier.verify({ ...input, clip: other });
    expect(later.decision.timingsMs.measuredAhead).toBeUndefined();
    // A submitted clip is measured at once, busy or not: its verdict follows in any case.
    const busy = verifier.verify(input);
    verifier.measureAhead(other, { submitted: true, kind: 'reflection' });
    await busy;
    expect(
      (await verifier.verify({ ...input, clip: other })).decision.timingsMs.measuredAhead,
    ).toBe(1);
    // A clip measured as one kind is not taken by the verdict of another (measured otherwise).
    verifier.measureAhead(clip, { kind: 'turns' });
    expect((await verifier.verify(input)).decision.timingsMs.measuredAhead).toBeUndefined();
    // That turns measurement is taken by a turns verdict (and no longer busies the worker).
    expect(
      (await verifier.verify({ ...input, kind: 'turns' })).decision.timingsMs.measuredAhead,
    ).toBe(1);
    // A measurement is taken by one verdict: the same bytes again are measured again.
    verifier.measureAhead(clip, { kind: 'reflection' });
    expect((await verifier.verify(input)).decision.timingsMs.measuredAhead).toBe(1);
    expect((await verifier.verify(input)).decision.timingsMs.measuredAhead).toBeUndefined();
  }, 240_000);
});
