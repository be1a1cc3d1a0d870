import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/define.js';
import type { FaceAuthErrorEvent } from '../../../src/events/face-auth-error.js';
import type { FaceAuthElement } from '../../../src/face-auth.component.js';
import { skipWithoutClip } from '../support/clips.js';
import { nextEvent } from '../support/events.js';
import { until } from '../support/wait.js';
import { watchStreams } from '../action/support.js';
import { ASSETS } from './helpers.js';
import { BASE, CHALLENGE, installProvider, type InPageProvider } from './in-page-provider.js';

// The liveness phase with liveness="full" against a provider inside the page. The camera is the
// default clip (a still photo): the turns are never seen, so each prompt gives way after its
// timeout, as the detector only guides; the server would judge the clips.
describe('<face-auth liveness="full">', function () {
  this.timeout(90_000);
  let provider: InPageProvider;
  let streams: ReturnType<typeof watchStreams>;

  before(async function () {
    await skipWithoutClip(this);
  });
  beforeEach(() => {
    provider = installProvider();
    streams = watchStreams();
  });
  afterEach(() => {
    provider.restore();
    streams.restore();
    expect(
      streams.tracks.map((t) => t.readyState),
      'every camera track ended',
    ).to.satisfy((states: string[]) => states.every((s) => s === 'ended'));
  });

  async function mount(liveness = 'full'): Promise<FaceAuthElement> {
    const el = await fixture<FaceAuthElement>(
      html`<face-auth
        assets-base-url=${ASSETS}
        locale="en"
        api-base-url=${BASE}
        external-action-id="ext-1"
        liveness=${liveness}
      ></face-auth>`,
    );
    el.accessTokenProvider = () => Promise.resolve('token-1');
    return el;
  }

  const root = (el: FaceAuthElement) => el.shadowRoot!;
  const livenessPart = (el: FaceAuthElement) =>
    root(el).querySelector<HTMLElement>('[part="liveness"]');

  /** What the liveness screen showed: every render of it, seen by a MutationObserver. */
  function watchScreen(el: FaceAuthElement) {
    const seen = { colours: new Set<string>(), turns: [] as string[], prompts: new Set<string>() };
    const look = (): void => {
      const part = livenessPart(el);
      if (!part) return;
      if (part.dataset.colour) seen.colours.add(part.dataset.colour);
      const turn = part.dataset.turn;
      if (turn && seen.turns.at(-1) !== turn) seen.turns.push(turn);
      const prompt = root(el).querySelector('[part="liveness-prompt"]')?.textContent?.trim();
      if (prompt) seen.prompts.add(prompt.replace(/\s+/g, ' '));
    };
    const observer = new MutationObserver(look);
    observer.observe(root(el), {
      subtree: true,
      childList: true,
      attributes: true,
      characterData: true,
    });
    return { seen, stop: () => observer.disconnect() };
  }

  it('shows the colours, prompts the turns, records, and sends the selfie and two WebM clips', async () => {
    const el = await mount();
    const screen = watchScreen(el);
    const result = nextEvent(el, 'face-auth-action-result', 60_000);
    await el.start();

    // (axe on the colours is in the cancel test: its run blocks the page longer than a colour.)
    await until(() => livenessPart(el)?.dataset.step === 'turn', 40_000, 'a turn prompt');
    await expect(el).to.be.accessible();
    await result;
    screen.stop();

    expect([...screen.seen.colours]).to.deep.equal(CHALLENGE.colours);
    expect(screen.seen.turns).to.deep.equal(['left', 'right']);
    expect([...screen.seen.prompts]).to.include.members([
      'Hold still while the screen changes colour',
      '← Turn your head left',
      '→ Turn your head right',
    ]);
    expect(provider.calls.filter((c) => c.endsWith('/liveness/challenge'))).to.have.length(1);
    // The colours' clip goes up while the person turns (the provider measures it meanwhile),
    // the selfie and the turns clip after the phase.
    const [reflection, selfie, turns] = provider.uploads;
    const clips = [reflection!, turns!];
    expect(selfie!.path).to.match(/\/images$/);
    expect(selfie!.content.type).to.equal('image/jpeg');
    expect(clips.map((c) => [c.path.replace(/^.*\//, ''), c.metadata])).to.deep.equal([
      ['videos', { challengeId: CHALLENGE.challengeId, kind: 'reflection' }],
      ['videos', { challengeId: CHALLENGE.challengeId, kind: 'turns' }],
    ]);
    for (const clip of clips) {
      expect(clip.content.type).to.equal('video/webm');
      expect(clip.content.size).to.be.greaterThan(1000);
      // A WebM file starts with the EBML magic number.
      const head = new Uint8Array(await clip.content.slice(0, 4).arrayBuffer());
      expect([...head]).to.deep.equal([0x1a, 0x45, 0xdf, 0xa3]);
    }
    // The submit comes after every upload.
    const submit = provider.calls.findIndex((c) => c.endsWith('/review/status/pending'));
    expect(submit).to.be.greaterThan(provider.calls.lastIndexOf(`POST ${clips[1]!.path}`));
    expect(el.status).to.equal('actionCompleted');
  });

  it('cancel mid-phase (during the colours) releases the camera and sends nothing', async () => {
    const el = await mount();
    await el.start();
    await until(() => livenessPart(el)?.dataset.step === 'reflection', 30_000, 'the colours');
    await expect(el).to.be.accessible();
    const cancelled = nextEvent(el, 'face-auth-cancel', 5_000);
    root(el).querySelector<HTMLButtonElement>('[part~="cancel-button"]')!.click();
    await cancelled;
    expect(el.status).to.equal('cancelled');
    await new Promise((r) => setTimeout(r, 300));
    expect(provider.uploads).to.deep.equal([]);
    expect(streams.tracks.length).to.be.greaterThan(0);
  });

  it('turns mode asks for the turns without any colour', async () => {
    const el = await mount('turns');
    const screen = watchScreen(el);
    const result = nextEvent(el, 'face-auth-action-result', 60_000);
    await el.start();
    await result;
    screen.stop();
    expect(screen.seen.colours.size).to.equal(0);
    expect(screen.seen.turns).to.deep.equal(['left', 'right']);
    expect(provider.uploads.map((u) => (u.metadata as { kind?: string }).kind)).to.deep.equal([
      undefined,
      'turns',
    ]);
  });

  it('a provider lockout shows its own screen: no "Try again", the camera released', async () => {
    provider.lockedOut = true;
    const el = await mount();
    const error = nextEvent<FaceAuthErrorEvent>(el, 'face-auth-error', 60_000);
    await el.start();
    const { detail } = await error;
    expect(detail.code).to.equal('liveness-locked');
    expect(detail.provider).to.include({ status: 429, errorCode: 1043 });
    await el.updateComplete;
    const screen = root(el).querySelector('[data-code="liveness-locked"]')!;
    expect(screen.querySelector('[part="title"]')!.textContent!.trim()).to.equal('Too many tries');
    expect(screen.querySelector('[part="body"]')!.textContent).to.contain('a few minutes');
    expect(screen.querySelector('[part~="primary-button"]')).to.equal(null);
    expect(provider.uploads).to.have.length(0);
    await until(() => streams.tracks.every((t) => t.readyState === 'ended'), 10_000, 'camera off');
    await expect(el).to.be.accessible();
  });

  describe('without MediaRecorder', () => {
    const original = window.MediaRecorder;
    beforeEach(() => {
      // @ts-expect-error: a browser without MediaRecorder
      delete window.MediaRecorder;
    });
    afterEach(() => {
      window.MediaRecorder = original;
    });

    it('shows the liveness-unsupported screen and never opens the camera', async () => {
      const el = await mount();
      const error = nextEvent<FaceAuthErrorEvent>(el, 'face-auth-error', 5_000);
      await el.start();
      expect((await error).detail).to.include({ code: 'liveness-unsupported', fatal: true });
      await el.updateComplete;
      expect(el.status).to.equal('error');
      const screen = root(el).querySelector('[data-code="liveness-unsupported"]')!;
      expect(screen.querySelector('[part="title"]')!.textContent!.trim()).to.equal(
        'This browser cannot record video',
      );
      expect(streams.tracks).to.have.length(0);
      expect(provider.calls).to.deep.equal([]);
      await expect(el).to.be.accessible();
    });
  });
});
