import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import type { FaceAuthErrorEvent } from '../../../src/events/face-auth-error.js';
import { nextEvent, until, widget } from './helpers.js';

describe('<face-auth> without camera permission', () => {
  it('shows the permission screen, and its retry works once permission is granted', async () => {
    const el = await widget();
    const error = nextEvent<FaceAuthErrorEvent>(el, 'face-auth-error');
    await el.start();
    const { detail } = await error;
    expect(detail.code).to.equal('permission-denied');
    expect(detail.fatal).to.equal(true);
    expect(el.state).to.deep.equal({ status: 'cameraError', reason: 'permission-denied' });
    await el.updateComplete;
    const root = el.shadowRoot!;
    expect(root.querySelector('[part~="title"]')?.textContent).to.contain(
      'Camera access is blocked',
    );
    await expect(el).to.be.accessible();

    await executeServerCommand('grant-camera');
    const retry = root.querySelector<HTMLButtonElement>('[part~="primary-button"]')!;
    expect(retry.textContent?.trim()).to.equal('Try again');
    retry.click();
    await until(() => el.status === 'guiding', 15_000, 'guiding after retry');
    el.cancel();
  });
});
