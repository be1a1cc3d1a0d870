import { expect } from '@open-wc/testing';
import { expectRed, livenessMatrix } from './liveness-matrix.js';
import { proxyLog } from './support.js';

// Camera: the reactive virtual camera (the 3D head), then Chromium's own fake camera (the
// default clip: a still photo of obama-1). Profile: obama-2. See liveness-matrix.ts.
/** The decision record's yaw track as `t:yaw` pairs (ms, degrees), to read a miss from the log. */
const yawTrack = (track: unknown): string =>
  Array.isArray(track)
    ? (track as { tMs: number; yawDeg: number | null }[])
        .map((p) => `${Math.round(p.tMs)}:${p.yawDeg ?? '-'}`)
        .join(' ')
    : '-';

describe('<face-auth> liveness against the emulator: a live head and a still photo', function () {
  this.timeout(900_000);
  const { run, texture } = livenessMatrix();

  // A cooperating person whose try comes back RED/RETRY tries again (the action allows three
  // tries): the pass path is GREEN within them, and a miss on the way is never FINAL. Each try is
  // a whole run through the real server analysis; the misses seen here are the continuity check
  // near its limits on the synthetic head (logged with the server's numbers), a false reject the
  // issue's closing note counts.
  it('pass path: the 3D head answering the challenge is GREEN within three tries, with the liveness numbers', async () => {
    let r: Awaited<ReturnType<typeof run>> | undefined;
    for (let attempt = 1; attempt <= 3; attempt++) {
      r = await run(`3D head of obama-1 (live-like), try ${attempt}`, {
        body: { kind: 'head', texture: await texture('obama-1.jpg') },
      });
      console.log(
        `liveness pass path, try ${attempt}: ${r.answer} ${JSON.stringify(r.labels)}, good frame to result ${r.goodFrameToResultMs} ms, ${r.uploadedBytes} bytes uploaded (selfie + clips), camera ${JSON.stringify(r.camera)}, reflection ${JSON.stringify(r.action.review.decision?.liveness?.decision?.reflection)}, continuity ${JSON.stringify(r.action.review.decision?.liveness?.decision?.continuity)}, yaw track ${yawTrack(r.action.review.decision?.liveness?.decision?.yawTrack)}`,
      );
      if (r.answer === 'GREEN') break;
      expect(r.action.review.reviewResult?.reviewRejectType, 'a live head is never FINAL').to.equal(
        'RETRY',
      );
    }
    expect(r!.answer, JSON.stringify(r!.labels)).to.equal('GREEN');
    expect(r!.action.review.reviewResult?.reviewAnswer).to.equal('GREEN');
    expect(r!.action.liveness).to.include({
      antiSpoofingIsValid: true,
      livenessReflectionIsValid: true,
    });
    expect(r!.action.liveness!.antiSpoofingPercent).to.be.at.least(70);
    expect(r!.action.liveness!.livenessReflectionScore).to.be.at.least(30);
    expect(r!.action.liveness!.clips).to.have.members(['reflection', 'turns']);
    expect((await proxyLog()).some((e) => e.path.endsWith('/liveness/challenge'))).to.equal(true);
  });

  it("a still photo (Chromium's fake camera) is RED: no turn", async () => {
    const r = await run("still photo of obama-1 (Chromium's fake camera)", null);
    expectRed(r, 'LIVENESS_TURN_MISSING');
    expect(r.action.liveness?.antiSpoofingIsValid).to.equal(false);
  });
});
