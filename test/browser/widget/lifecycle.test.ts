import { expect, fixture, html } from '@open-wc/testing';
import type { FaceAuthCaptureEvent } from '../../../src/events/face-auth-capture.js';
import type { FaceAuthCancelEvent } from '../../../src/events/face-auth-cancel.js';
import type { FaceAuthStatusEvent } from '../../../src/events/face-auth-status.js';
import type { FaceAuthElement } from '../../../src/face-auth.component.js';
import { ASSETS, nextEvent, until, untilVideo, widget } from './helpers.js';

function liveTracks(el: FaceAuthElement): MediaStreamTrack[] {
  const video = el.shadowRoot!.querySelector('video');
  return ((video?.srcObject as MediaStream | null)?.getTracks() ?? []).slice();
}

describe('<face-auth> lifecycle', () => {
  it('renders an accessible intro screen and does nothing until started', async () => {
    const el = await widget();
    expect(el.status).to.equal('idle');
    expect(el.getAttribute('status')).to.equal('idle');
    expect(el.shadowRoot!.querySelector('[part~="title"]')?.textContent).to.equal('Take a selfie');
    await expect(el).to.be.accessible();
  });

  it('stops every track when removed mid-flow', async () => {
    const el = await widget({ captureMode: 'manual' });
    await el.start();
    await until(() => liveTracks(el).length > 0, 10_000, 'a stream');
    const tracks = liveTracks(el);
    expect(tracks.every((t) => t.readyState === 'live')).to.equal(true);
    el.remove();
    expect(tracks.map((t) => t.readyState)).to.deep.equal(tracks.map(() => 'ended'));
  });

  it('cancels: camera released, face-auth-cancel fired, accessible cancelled screen', async () => {
    const el = await widget({ captureMode: 'manual' });
    const statuses: string[] = [];
    el.addEventListener('face-auth-status', (e: FaceAuthStatusEvent) =>
      statuses.push(e.detail.status),
    );
    await el.start();
    await until(() => liveTracks(el).length > 0, 10_000, 'a stream');
    const tracks = liveTracks(el);
    await el.updateComplete;
    await expect(el).to.be.accessible();
    const cancelled = nextEvent<FaceAuthCancelEvent>(el, 'face-auth-cancel');
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="cancel-button"]')!.click();
    expect((await cancelled).detail.from).to.equal('guiding');
    expect(tracks.every((t) => t.readyState === 'ended')).to.equal(true);
    expect(statuses).to.deep.equal(['starting', 'guiding', 'cancelled']);
    await el.updateComplete;
    await expect(el).to.be.accessible();
    el.reset();
    expect(el.status).to.equal('idle');
  });

  it('captures manually by keyboard-operable button, shows the capture screen, and retakes', async () => {
    const el = await widget({ captureMode: 'manual' });
    const ready = nextEvent(el, 'face-auth-ready', 20_000);
    await el.start();
    await ready;
    await untilVideo(el);
    await el.updateComplete;
    const button = el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="capture-button"]')!;
    expect(button.textContent?.trim()).to.equal('Take photo');
    const captured = nextEvent<FaceAuthCaptureEvent>(el, 'face-auth-capture');
    button.focus();
    button.click();
    const { detail } = await captured;
    expect(detail.mode).to.equal('manual');
    expect(detail.image.type).to.equal('image/jpeg');
    expect(detail.width).to.equal(
      el.shadowRoot!.querySelector('video')?.videoWidth ?? detail.width,
    );
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part~="captured-image"]')).to.exist;
    await expect(el).to.be.accessible();
    const retake = el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="primary-button"]')!;
    retake.click();
    await until(() => el.status === 'guiding', 10_000, 'guiding after retake');
    el.cancel();
  });

  it('scales the capture to max-image-size', async () => {
    const el = await fixture<FaceAuthElement>(
      html`<face-auth
        assets-base-url=${ASSETS}
        capture-mode="manual"
        max-image-size="320"
      ></face-auth>`,
    );
    await el.start();
    await untilVideo(el);
    const captured = nextEvent<FaceAuthCaptureEvent>(el, 'face-auth-capture');
    await el.takePhoto();
    const { detail } = await captured;
    expect(Math.max(detail.width, detail.height)).to.equal(320);
  });

  it('falls back to manual capture when the detector cannot load', async () => {
    const el = await fixture<FaceAuthElement>(
      html`<face-auth assets-base-url="/no-such-assets/"></face-auth>`,
    );
    const error = nextEvent<CustomEvent>(el, 'face-auth-error', 20_000);
    await el.start();
    const { detail } = (await error) as unknown as {
      detail: { code: string; fatal: boolean; message: string; cause: Error & { url: string } };
    };
    expect(detail).to.include({ code: 'detector-unavailable', fatal: false });
    // For the developer: which file failed, and the attribute that points elsewhere.
    const missing = new URL('/no-such-assets/', location.href).href;
    expect(detail.message).to.contain(missing).and.to.contain('assets-base-url');
    expect(detail.cause.url.startsWith(missing)).to.be.true;
    await until(() => el.status === 'guiding', 10_000, 'guiding');
    await el.updateComplete;
    const root = el.shadowRoot!;
    expect(root.querySelector('.notice')?.textContent).to.contain(
      'Automatic capture is not available',
    );
    expect(root.querySelector('[part~="capture-button"]')).to.exist;
    await expect(el).to.be.accessible();
    const captured = nextEvent<FaceAuthCaptureEvent>(el, 'face-auth-capture');
    root.querySelector<HTMLButtonElement>('[part~="capture-button"]')!.click();
    expect((await captured).detail.report).to.equal(null);
  });
});

describe('<face-auth> i18n', () => {
  it('follows the nearest lang, the locale attribute, and messages overrides', async () => {
    const wrapper = await fixture<HTMLDivElement>(
      html`<div lang="ru-RU">
        <face-auth assets-base-url=${ASSETS}></face-auth>
      </div>`,
    );
    const el = wrapper.querySelector('face-auth')!;
    await el.updateComplete;
    const title = () => el.shadowRoot!.querySelector('[part~="title"]')?.textContent;
    expect(title()).to.equal('Сделайте селфи');
    el.locale = 'en';
    await el.updateComplete;
    expect(title()).to.equal('Take a selfie');
    el.messages = { introTitle: 'Smile!' };
    await el.updateComplete;
    expect(title()).to.equal('Smile!');
    await expect(el).to.be.accessible();
  });
  it('lays out right to left for Arabic and left to right otherwise', async () => {
    const wrapper = await fixture<HTMLDivElement>(
      html`<div lang="ar-EG">
        <face-auth assets-base-url=${ASSETS}></face-auth>
      </div>`,
    );
    const el = wrapper.querySelector('face-auth')!;
    await el.updateComplete;
    const base = () => el.shadowRoot!.querySelector('[part~="base"]')!;
    expect(base().getAttribute('dir')).to.equal('rtl');
    expect(base().getAttribute('lang')).to.equal('ar');
    expect(getComputedStyle(base()).direction).to.equal('rtl');
    await expect(el).to.be.accessible();
    el.locale = 'en';
    await el.updateComplete;
    expect(base().getAttribute('dir')).to.equal('ltr');
    expect(getComputedStyle(base()).direction).to.equal('ltr');
  });
});
