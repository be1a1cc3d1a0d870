/**
 * What leaves the device: a page that loads the CDN build and runs detection on camera frames
 * makes no request outside its own origin. Playwright records the requests of the whole browser
 * context (page, workers, wasm and model fetches), so the page cannot hide one.
 */
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import type { FaceAuthElement } from '../../../src/face-auth.component.js';
import type { FaceAuthCaptureEvent } from '../../../src/events/face-auth-capture.js';
import type { FaceAuthReadyEvent } from '../../../src/events/face-auth-ready.js';

import { skipWithoutClip } from '../support/clips.js';
import { nextEvent } from '../support/events.js';

// Deliberately no import of src/define.js (nor of helpers that import it): the element under
// test must be the one the CDN build defines.

describe('privacy: the CDN build on a camera', function () {
  before(async function () {
    await skipWithoutClip(this);
  });

  it('requests nothing outside the page origin while detecting and capturing', async () => {
    await executeServerCommand('record-requests');
    // A variable, so the test bundler leaves the built file alone: this is the shipped module.
    const cdn = '/dist/cdn/face-auth.js';
    await import(/* @vite-ignore */ cdn);
    // No assets-base-url: the element must find dist/assets/ next to its own module.
    const el = document.createElement('face-auth') as FaceAuthElement;
    el.setAttribute('locale', 'en');
    const ready = nextEvent<FaceAuthReadyEvent>(el, 'face-auth-ready', 30_000);
    const captured = nextEvent<FaceAuthCaptureEvent>(el, 'face-auth-capture', 30_000);
    document.body.append(el);
    await el.start();
    expect((await ready).detail.detector).to.equal('ready');
    // An automatic capture only happens after detection has scored camera frames.
    const { image } = (await captured).detail;
    expect(image.type).to.equal('image/jpeg');
    el.remove();

    const urls = await executeServerCommand<string[], undefined>('recorded-requests');
    const foreign = urls.filter((url) => {
      const { protocol, origin } = new URL(url);
      return !['data:', 'blob:'].includes(protocol) && origin !== location.origin;
    });
    expect(urls.some((u) => u.endsWith('/dist/assets/face_detection_short_range.tflite'))).to.be
      .true;
    expect(urls.some((u) => u.endsWith('/dist/assets/vision_wasm_internal.wasm'))).to.be.true;
    // The no-SIMD build is not shipped: nothing may ask for it.
    expect(urls.filter((u) => u.includes('nosimd'))).to.deep.equal([]);
    expect(
      urls.some((u) => u.includes('/src/')),
      'the element came from the CDN build',
    ).to.be.false;
    expect(foreign).to.deep.equal([]);
  });
});
