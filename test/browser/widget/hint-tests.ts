import { expect } from '@open-wc/testing';
import type { HintCode } from '../../../src/core/hints.js';
import { skipWithoutClip, startedWidget, until } from './helpers.js';

/**
 * A clip on which the widget must show `hint` and must never capture: the shared body of the
 * two-people, biden-1-far and no-face tests.
 */
export function hintSuite(clip: string, hint: HintCode, text: string): void {
  describe(`<face-auth> with ${clip} on camera`, function () {
    before(async function () {
      await skipWithoutClip(this, clip);
    });

    it(`shows the ${hint} hint and never captures`, async () => {
      const { el, captured } = await startedWidget();
      const hints: string[] = [];
      await until(
        () => {
          const s = el.state;
          if (s.status === 'guiding' && s.hint && hints.at(-1) !== s.hint) hints.push(s.hint);
          return s.status === 'guiding' && s.hint === hint;
        },
        // Generous: the first frame after `face-auth-ready` also sets up the detector's graph
        // (no blank-frame warm-up once the camera streams), which takes seconds on a loaded box.
        // How fast the first hint comes is the widget bench's to measure.
        20_000,
        `hint ${hint} (saw ${hints.join(', ')})`,
      );
      await el.updateComplete;
      const shown = el.shadowRoot!.querySelector('[part~="hint"]');
      expect(shown?.textContent?.trim()).to.equal(text);
      await expect(el).to.be.accessible();
      // Give the auto-capture ample time to (wrongly) happen.
      await new Promise((r) => setTimeout(r, 3000));
      expect(captured()).to.equal(false);
      expect(el.status).to.equal('guiding');
      expect((el.state as { hint: string | null }).hint).to.equal(hint);
      el.cancel();
    });
  });
}
