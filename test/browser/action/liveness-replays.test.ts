import { expect } from '@open-wc/testing';
import { expectRed, livenessMatrix } from './liveness-matrix.js';

// Camera: the reactive virtual camera, the 3D head of obama-1 turning as asked but lit wrongly.
// Profile: obama-2. See liveness-matrix.ts.
describe('<face-auth> liveness against the emulator: the colours late or another challenge’s', function () {
  this.timeout(300_000);
  const { run, texture } = livenessMatrix();

  it('the live head lit by the colours 700 ms late (a slow relay) is RED', async () => {
    const r = await run('3D head, colours 700 ms late', {
      body: { kind: 'head', texture: await texture('obama-1.jpg') },
      lagMs: 700,
    });
    expectRed(r, 'LIVENESS_REFLECTION_LATE');
    expect(r.action.liveness?.livenessReflectionIsValid).to.equal(false);
  });

  it("the live head lit by another challenge's colours is RED", async () => {
    const r = await run("3D head, another challenge's colours", {
      body: { kind: 'head', texture: await texture('obama-1.jpg') },
      otherColours: true,
    });
    expectRed(r, 'LIVENESS_REFLECTION_MISMATCH');
    expect(r.action.liveness?.livenessReflectionIsValid).to.equal(false);
  });
});
