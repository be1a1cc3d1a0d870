import { expect } from '@open-wc/testing';
import type { CameraFailure } from '../../../src/core/camera-failure.js';
import type { FaceAuthErrorEvent } from '../../../src/events/face-auth-error.js';
import en from '../../../src/translations/en.js';
import { nextEvent, until, untilVideo, widget } from './helpers.js';

/** Replaces getUserMedia for one test so each failure can be produced on demand. */
function stubGetUserMedia(impl: MediaDevices['getUserMedia']): () => void {
  const media = navigator.mediaDevices;
  const original = media.getUserMedia;
  Object.defineProperty(media, 'getUserMedia', { value: impl, configurable: true, writable: true });
  return () =>
    Object.defineProperty(media, 'getUserMedia', {
      value: original,
      configurable: true,
      writable: true,
    });
}

const rejecting = (name: string) => () => Promise.reject(new DOMException('stub', name));

describe('<face-auth> camera failures', () => {
  const cases: [string, CameraFailure][] = [
    ['NotAllowedError', 'permission-denied'],
    ['NotFoundError', 'no-camera'],
    ['NotReadableError', 'camera-busy'],
    ['OverconstrainedError', 'constraints'],
  ];
  for (const [name, reason] of cases) {
    it(`${name} → ${reason} screen with a working retry`, async () => {
      const restore = stubGetUserMedia(rejecting(name));
      try {
        const el = await widget();
        const error = nextEvent<FaceAuthErrorEvent>(el, 'face-auth-error');
        await el.start();
        expect((await error).detail.code).to.equal(reason);
        await el.updateComplete;
        const root = el.shadowRoot!;
        expect(root.querySelector('[part~="title"]')?.textContent).to.equal(
          en.cameraFailures[reason].title,
        );
        await expect(el).to.be.accessible();
        restore();
        root.querySelector<HTMLButtonElement>('[part~="primary-button"]')!.click();
        await until(() => el.status === 'guiding', 10_000, 'guiding after retry');
        el.cancel();
      } finally {
        restore();
      }
    });
  }

  it('falls back to any camera when the constraints cannot be met', async () => {
    const real = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
    let calls = 0;
    const restore = stubGetUserMedia((c) => {
      calls++;
      return calls === 1
        ? Promise.reject(new DOMException('stub', 'OverconstrainedError'))
        : real(c);
    });
    try {
      const el = await widget({ captureMode: 'manual' });
      await el.start();
      expect(el.status).to.equal('guiding');
      expect(calls).to.equal(2);
      el.cancel();
    } finally {
      restore();
    }
  });

  it('shows the unsupported screen without getUserMedia', async () => {
    const restore = stubGetUserMedia(undefined as unknown as MediaDevices['getUserMedia']);
    try {
      const el = await widget();
      await el.start();
      expect(el.state).to.deep.equal({ status: 'cameraError', reason: 'unsupported' });
      await el.updateComplete;
      await expect(el).to.be.accessible();
    } finally {
      restore();
    }
  });

  it('shows the insecure-context screen outside https', async () => {
    Object.defineProperty(window, 'isSecureContext', { value: false, configurable: true });
    try {
      const el = await widget();
      await el.start();
      expect(el.state).to.deep.equal({ status: 'cameraError', reason: 'insecure-context' });
      await el.updateComplete;
      await expect(el).to.be.accessible();
    } finally {
      delete (window as { isSecureContext?: boolean }).isSecureContext;
    }
  });

  it('shows the track-ended screen when the camera goes away mid-flow', async () => {
    const el = await widget({ captureMode: 'manual' });
    await el.start();
    const video = el.shadowRoot!.querySelector('video')!;
    await until(() => video.srcObject !== null, 10_000, 'stream');
    const track = (video.srcObject as MediaStream).getVideoTracks()[0]!;
    // A real unplug fires 'ended' on the track; stop() does not, so dispatch it as the browser would.
    track.stop();
    track.dispatchEvent(new Event('ended'));
    expect(el.state).to.deep.equal({ status: 'cameraError', reason: 'track-ended' });
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });
});

describe('<face-auth> camera switch', () => {
  it('lists the cameras by label and switches to the chosen one', async () => {
    const media = navigator.mediaDevices;
    const realEnumerate = media.enumerateDevices.bind(media);
    const realGum = media.getUserMedia.bind(media);
    const asked: MediaStreamConstraints[] = [];
    Object.defineProperty(media, 'enumerateDevices', {
      configurable: true,
      value: async () => [
        ...(await realEnumerate()),
        { deviceId: 'second-camera', groupId: 'g', kind: 'videoinput', label: 'Back camera' },
      ],
    });
    const restore = stubGetUserMedia((c) => {
      asked.push(c ?? {});
      return realGum(c);
    });
    try {
      const el = await widget({ captureMode: 'manual' });
      await el.start();
      await el.updateComplete;
      const select = el.shadowRoot!.querySelector<HTMLSelectElement>('[part~="camera-select"]')!;
      expect(select).to.exist;
      const labels = [...select.options].map((o) => o.textContent?.trim());
      expect(labels).to.have.length(2);
      expect(labels[1]).to.equal('Back camera');
      await expect(el).to.be.accessible();
      select.value = 'second-camera';
      select.dispatchEvent(new Event('change'));
      await until(() => asked.length >= 2, 5000, 'a second getUserMedia');
      const video = asked[1]!.video as MediaTrackConstraints;
      expect(video.deviceId).to.deep.equal({ exact: 'second-camera' });
      // The fake browser has no such camera: the element falls back to any camera and goes on.
      await until(() => asked.length >= 3, 5000, 'the fallback');
      expect(el.status).to.equal('guiding');
      expect(el.cameraId).to.equal('second-camera');
      el.cancel();
    } finally {
      restore();
      delete (media as { enumerateDevices?: unknown }).enumerateDevices;
    }
  });
});

describe('<face-auth> other screens', () => {
  it('is accessible while the camera is starting (permission prompt open)', async () => {
    const restore = stubGetUserMedia(() => new Promise<MediaStream>(() => {}));
    try {
      const el = await widget();
      void el.start();
      await until(() => el.status === 'starting', 5000, 'starting');
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('.veil')?.textContent).to.contain('Starting the camera');
      await expect(el).to.be.accessible();
      el.cancel();
      expect(el.status).to.equal('cancelled');
    } finally {
      restore();
    }
  });

  it('shows an accessible error screen with a retry when the JPEG cannot be encoded', async () => {
    const proto = HTMLCanvasElement.prototype;
    const realToBlob = proto.toBlob;
    proto.toBlob = function (callback: BlobCallback) {
      callback(null);
    };
    try {
      const el = await widget({ captureMode: 'manual' });
      const error = nextEvent<FaceAuthErrorEvent>(el, 'face-auth-error');
      await el.start();
      await untilVideo(el);
      void el.takePhoto();
      expect((await error).detail.code).to.equal('capture-failed');
      expect(el.state).to.include({ status: 'error', code: 'capture-failed', retryable: true });
      await el.updateComplete;
      await expect(el).to.be.accessible();
      proto.toBlob = realToBlob;
      el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="primary-button"]')!.click();
      await until(() => el.status === 'guiding', 10_000, 'guiding after retry');
      el.cancel();
    } finally {
      proto.toBlob = realToBlob;
    }
  });

  it('offers the manual button after manual-capture-delay in auto mode', async () => {
    const el = await widget();
    el.manualCaptureDelay = 300;
    await el.start();
    expect((el.state as { manualCapture: boolean }).manualCapture).to.equal(false);
    await until(
      () => !!el.shadowRoot!.querySelector('[part~="capture-button"]') || el.status !== 'guiding',
      5000,
      'the manual button',
    );
    expect(el.status).to.equal('guiding');
    el.cancel();
  });
});
