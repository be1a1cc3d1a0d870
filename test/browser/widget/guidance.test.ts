import { expect } from '@open-wc/testing';
import type { FaceAuthCaptureEvent } from '../../../src/events/face-auth-capture.js';
import { nextEvent, skipWithoutClip, startedWidget, until, widget } from './helpers.js';

function setHidden(hidden: boolean): void {
  Object.defineProperty(document, 'hidden', { value: hidden, configurable: true });
  document.dispatchEvent(new Event('visibilitychange'));
}

describe('<face-auth> guidance on a centred face', function () {
  before(async function () {
    await skipWithoutClip(this);
  });

  it('pauses while the page is hidden and captures after it is visible again', async () => {
    const { el, captured } = await startedWidget();
    try {
      setHidden(true);
      expect(el.state).to.include({ status: 'guiding', paused: true, progress: 0 });
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('.veil')?.textContent).to.contain('Paused');
      await expect(el).to.be.accessible();
      // Well past the hold time: nothing may be captured while hidden.
      await new Promise((r) => setTimeout(r, 2500));
      expect(captured()).to.equal(false);
      expect(el.state).to.include({ status: 'guiding', progress: 0 });
    } finally {
      delete (document as { hidden?: boolean }).hidden;
    }
    const capture = nextEvent<FaceAuthCaptureEvent>(el, 'face-auth-capture', 10_000);
    setHidden(false);
    delete (document as { hidden?: boolean }).hidden;
    expect((el.state as { paused: boolean }).paused).to.equal(false);
    expect((await capture).detail.mode).to.equal('auto');
  });

  it('announces changes politely, never twice in a row and at most one per 2 s', async () => {
    const el = await widget();
    const region = el.shadowRoot!.querySelector('[aria-live="polite"]')!;
    const said: { t: number; text: string }[] = [];
    new MutationObserver(() =>
      said.push({ t: performance.now(), text: region.textContent ?? '' }),
    ).observe(region, { childList: true, characterData: true, subtree: true });
    await el.start();
    await until(() => el.status === 'captured', 20_000, 'capture');
    await new Promise((r) => setTimeout(r, 2200)); // let the last pending announcement through
    const texts = said.map((s) => s.text.trim()).filter(Boolean);
    expect(texts[0]).to.equal('Starting the camera…');
    expect(texts.at(-1)).to.equal('Photo taken');
    for (let i = 1; i < texts.length; i++) expect(texts[i]).to.not.equal(texts[i - 1]);
    const times = said.filter((s) => s.text.trim()).map((s) => s.t);
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).to.be.at.least(1900);
  });
});
