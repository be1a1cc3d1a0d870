import { fixture, html } from '@open-wc/testing';
import '../../../src/define.js';
import { skipWithoutClip } from '../support/clips.js';
import { nextEvent } from '../support/events.js';
import { until } from '../support/wait.js';

export { nextEvent, skipWithoutClip, until };
import type { FaceAuthElement } from '../../../src/face-auth.component.js';

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
