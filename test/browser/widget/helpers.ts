import { fixture, html } from '@open-wc/testing';
import '../../../src/define.js';
import { skipWithoutClip } from '../support/clips.js';
import { nextEvent } from '../support/events.js';
import { until } from '../support/wait.js';
import type { FaceAuthCaptureEvent } from '../../../src/events/face-auth-capture.js';
import type { FaceAuthElement } from '../../../src/face-auth.component.js';

export { nextEvent, skipWithoutClip, until };

export const ASSETS = '/dist/assets/';

export async function widget(attrs: { captureMode?: 'auto' | 'manual'; locale?: string } = {}) {
  return fixture<FaceAuthElement>(
    html`<face-auth
      assets-base-url=${ASSETS}
      capture-mode=${attrs.captureMode ?? 'auto'}
      locale=${attrs.locale ?? 'en'}
    ></face-auth>`,
  );
}

export interface StartedWidget {
  el: FaceAuthElement;
  /** Whether it has captured since before start(). */
  captured(): boolean;
  /** Its first capture; rejects if none comes within 20 s of start(). */
  firstCapture: Promise<FaceAuthCaptureEvent>;
}

/** An auto-capture widget, started, once its detector is ready (capture listeners added before start()). */
export async function startedWidget(): Promise<StartedWidget> {
  const el = await widget();
  let captured = false;
  el.addEventListener('face-auth-capture', () => (captured = true));
  const firstCapture = nextEvent<FaceAuthCaptureEvent>(el, 'face-auth-capture', 20_000);
  // Suites that expect no capture never await it: its timeout must not be an unhandled rejection.
  firstCapture.catch(() => undefined);
  const ready = nextEvent(el, 'face-auth-ready', 20_000);
  await el.start();
  await ready;
  return { el, captured: () => captured, firstCapture };
}

/** Waits until the widget's video shows camera frames (it has a width). */
export const untilVideo = (el: FaceAuthElement): Promise<void> =>
  until(() => (el.shadowRoot!.querySelector('video')?.videoWidth ?? 0) > 0, 10_000, 'video');
