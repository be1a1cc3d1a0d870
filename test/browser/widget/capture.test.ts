import { expect } from '@open-wc/testing';
import { createFaceDetector } from '../../../src/internal/create-face-detector.js';
import { ASSETS, skipWithoutClip, startedWidget } from './helpers.js';

describe('<face-auth> with a centred obama-1 on camera', function () {
  before(async function () {
    await skipWithoutClip(this);
  });

  it('captures automatically a JPEG with exactly one face', async () => {
    const started = performance.now();
    // The time is logged, not bounded: speed is the widget bench's to measure (`npm run bench`);
    // a 5 s bound here failed on a loaded 2-core runner (5.8 s, 8 s) with nothing wrong.
    const { el, firstCapture } = await startedWidget();
    const t0 = performance.now();
    const { detail } = await firstCapture;
    const elapsed = performance.now() - t0;
    console.log(`start() → ready ${Math.round(t0 - started)} ms`);
    console.log(
      `auto-capture ${Math.round(elapsed)} ms after ready; report`,
      JSON.stringify(detail.report?.checks),
    );
    expect(detail.mode).to.equal('auto');
    expect(detail.image.type).to.equal('image/jpeg');
    expect(detail.report?.ok).to.equal(true);
    expect(el.status).to.equal('captured');

    const bytes = new Uint8Array(await detail.image.arrayBuffer());
    expect([bytes[0], bytes[1]]).to.deep.equal([0xff, 0xd8]); // JPEG SOI
    // No EXIF (APP1) segment right after the SOI: canvas encodes JFIF only.
    expect([bytes[2], bytes[3]]).to.not.deep.equal([0xff, 0xe1]);

    const bitmap = await createImageBitmap(detail.image);
    expect([bitmap.width, bitmap.height]).to.deep.equal([detail.width, detail.height]);
    const detector = await createFaceDetector({ assetsBaseUrl: ASSETS, runningMode: 'IMAGE' });
    const canvas = document.createElement('canvas');
    canvas.width = bitmap.width;
    canvas.height = bitmap.height;
    canvas.getContext('2d')!.drawImage(bitmap, 0, 0);
    const result = detector.detect(canvas);
    detector.close();
    expect(result.detections).to.have.length(1);

    await expect(el).to.be.accessible();
  });
});
