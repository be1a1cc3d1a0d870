import { expect } from '@open-wc/testing';
import { expectRed, livenessMatrix } from './liveness-matrix.js';

// Camera: the reactive virtual camera showing a print of obama-1 that follows the prompts.
// Profile: obama-2. See liveness-matrix.ts.
describe('<face-auth> liveness against the emulator: prints moved with the prompts', function () {
  this.timeout(300_000);
  const { run, texture } = livenessMatrix();

  it('a print moved, rotated, scaled and sheared in 2D in step with the prompts is RED', async () => {
    const photo = await texture('obama-1.jpg');
    const r = await run('print moved in 2D with the prompts', {
      body: { kind: 'print', texture: photo, move: 'moved2d' },
    });
    expect(r.answer, JSON.stringify(r.labels)).to.equal('RED');
    // Either no turn reaches the mark, or the one that does has no depth.
    expect(r.labels).to.satisfy((l: string[]) =>
      l.some((x) => ['LIVENESS_TURN_MISSING', 'LIVENESS_NO_DEPTH'].includes(x)),
    );
    expectRed(
      r,
      r.labels.find((x) => x.startsWith('LIVENESS_'))!,
    );
    expect(r.action.liveness?.antiSpoofingIsValid).to.equal(false);
  });

  it('a print tilted 35° in perspective with the prompts is RED: no turn', async () => {
    const photo = await texture('obama-1.jpg');
    const r = await run('print tilted 35° with the prompts', {
      body: { kind: 'print', texture: photo, move: 'tilt', tiltDeg: 35 },
    });
    expectRed(r, 'LIVENESS_TURN_MISSING');
    expect(r.action.liveness?.antiSpoofingIsValid).to.equal(false);
  });
});
