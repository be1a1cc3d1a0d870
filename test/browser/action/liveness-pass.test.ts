import { expect } from '@open-wc/testing';
import { expectRed, livenessMatrix } from './liveness-matrix.js';
import { proxyLog } from './support.js';

// Camera: the reactive virtual camera (the 3D head), then Chromium's own fake camera (the
// default clip: a still photo of obama-1). Profile: obama-2. See liveness-matrix.ts.
describe('<face-auth> liveness against the emulator: a live head and a still photo', function () {
  this.timeout(300_000);
  const { run, texture } = livenessMatrix();

  it('pass path: the 3D head answering the challenge is GREEN, with the liveness numbers', async () => {
    const r = await run('3D head of obama-1 (live-like)', {
      body: { kind: 'head', texture: await texture('obama-1.jpg') },
    });
    console.log(
      `liveness pass path: good frame to result ${r.goodFrameToResultMs} ms, ${r.uploadedBytes} bytes uploaded (selfie + clips), camera ${JSON.stringify(r.camera)}, reflection ${JSON.stringify(r.action.review.decision?.liveness?.decision?.reflection)}, continuity ${JSON.stringify(r.action.review.decision?.liveness?.decision?.continuity)}`,
    );
    expect(r.answer, JSON.stringify(r.labels)).to.equal('GREEN');
    expect(r.action.review.reviewResult?.reviewAnswer).to.equal('GREEN');
    expect(r.action.liveness).to.include({
      antiSpoofingIsValid: true,
      livenessReflectionIsValid: true,
    });
    expect(r.action.liveness!.antiSpoofingPercent).to.be.at.least(70);
    expect(r.action.liveness!.livenessReflectionScore).to.be.at.least(30);
    expect(r.action.liveness!.clips).to.have.members(['reflection', 'turns']);
    expect((await proxyLog()).some((e) => e.path.endsWith('/liveness/challenge'))).to.equal(true);
  });

  it("a still photo (Chromium's fake camera) is RED: no turn", async () => {
    const r = await run("still photo of obama-1 (Chromium's fake camera)", null);
    expectRed(r, 'LIVENESS_TURN_MISSING');
    expect(r.action.liveness?.antiSpoofingIsValid).to.equal(false);
  });
});
