import { executeServerCommand } from '@web/test-runner-commands';
import { fixture, html } from '@open-wc/testing';
import '../../../src/define.js';
import { nextEvent } from '../support/events.js';

export { nextEvent };
import type { FaceAuthElement } from '../../../src/face-auth.component.js';

export const ASSETS = '/dist/assets/';

/** Skips the suite with a message when the fake-camera clip of this test group is missing. */
export async function skipWithoutClip(ctx: Mocha.Context, clip?: string): Promise<void> {
  const ok = await executeServerCommand<boolean, { clip: string } | undefined>(
    'clips-available',
    clip ? { clip } : undefined,
  );
  if (!ok) {
    console.warn(
      `SKIP: fake-camera clip ${clip ?? 'obama-1-centred'} is missing (../shared/faces absent?).`,
    );
    ctx.skip();
  }
}

/** Polls until `check` is true, or rejects after `ms`. */
export async function until(check: () => boolean, ms = 15_000, what = 'condition'): Promise<void> {
  const end = performance.now() + ms;
  while (!check()) {
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function widget(attrs: { captureMode?: 'auto' | 'manual'; locale?: string } = {}) {
  return fixture<FaceAuthElement>(
    html`<face-auth
      assets-base-url=${ASSETS}
      capture-mode=${attrs.captureMode ?? 'auto'}
      locale=${attrs.locale ?? 'en'}
    ></face-auth>`,
  );
}
