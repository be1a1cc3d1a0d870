import { expect } from '@open-wc/testing';
import { expectRed, livenessMatrix } from './liveness-matrix.js';

// Camera: the reactive virtual camera, a 3D head. Profile: obama-2. See liveness-matrix.ts.
describe('<face-auth> liveness against the emulator: someone else, or the turns reversed', function () {
  this.timeout(300_000);
  const { run, texture } = livenessMatrix();

  it('the live head of another person (biden-2) is RED: face mismatch', async () => {
    const r = await run('3D head of biden-2 (another person)', {
      body: { kind: 'head', texture: await texture('biden-2.jpg') },
    });
    expectRed(r, 'FACE_MISMATCH');
  });

  it('the live head turning opposite to each prompt is RED: turns in the wrong order', async () => {
    const r = await run('3D head turning opposite to the prompts', {
      body: { kind: 'head', texture: await texture('obama-1.jpg') },
      opposite: true,
    });
    expectRed(r, 'LIVENESS_TURN_ORDER');
    expect(r.action.liveness?.antiSpoofingIsValid).to.equal(false);
  });
});
