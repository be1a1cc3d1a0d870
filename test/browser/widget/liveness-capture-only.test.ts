import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/define.js';
import type { FaceAuthElement } from '../../../src/face-auth.component.js';
import type { FaceAuthLivenessRecordedEvent } from '../../../src/events/face-auth-liveness-recorded.js';
import { skipWithoutClip } from '../support/clips.js';
import { nextEvent } from '../support/events.js';
import { until } from '../support/wait.js';
import { watchStreams } from '../action/support.js';
import { ASSETS } from './helpers.js';
import { CHALLENGE } from './in-page-provider.js';

// Capture-only liveness (no token source, a `livenessChallengeProvider`): what the validationLink
// page and the demo's "enrol here" use for an enrolment. The camera is the default clip (a still
// photo): each turn prompt gives way after its timeout; the provider would judge the clips.
describe('<face-auth liveness="full"> capture-only', function () {
  this.timeout(90_000);
  let streams: ReturnType<typeof watchStreams>;

  before(async function () {
    await skipWithoutClip(this);
  });
  beforeEach(() => {
    streams = watchStreams();
  });
  afterEach(() => {
    streams.restore();
    expect(
      streams.tracks.map((t) => t.readyState),
      'every camera track ended',
    ).to.satisfy((states: string[]) => states.every((s) => s === 'ended'));
  });

  async function mount(challenge: () => Promise<unknown>): Promise<FaceAuthElement> {
    const el = await fixture<FaceAuthElement>(
      html`<face-auth assets-base-url=${ASSETS} locale="en" liveness="full"></face-auth>`,
    );
    el.livenessChallengeProvider = challenge as FaceAuthElement['livenessChallengeProvider'];
    return el;
  }

  const livenessPart = (el: FaceAuthElement) =>
    el.shadowRoot!.querySelector<HTMLElement>('[part="liveness"]');

  it('records the phase and hands the selfie and two WebM clips over, then releases the camera', async () => {
    let asked = 0;
    const el = await mount(async () => {
      asked++;
      return CHALLENGE;
    });
    const captures: Blob[] = [];
    el.addEventListener('face-auth-capture', (e) => captures.push(e.detail.image));
    const recorded = nextEvent<FaceAuthLivenessRecordedEvent>(
      el,
      'face-auth-liveness-recorded',
      60_000,
    );
    await el.start();
    // The colour is on the element as a CSS custom property (set through the CSSOM: a strict CSP
    // blocks style attributes).
    await until(
      () => {
        const part = livenessPart(el);
        return (
          !!part?.dataset.colour &&
          part.style.getPropertyValue('--face-auth-liveness-colour') === part.dataset.colour
        );
      },
      30_000,
      'a colour on screen',
    );
    await until(() => livenessPart(el)?.dataset.step === 'turn', 40_000, 'a turn prompt');
    const { detail } = await recorded;
    expect(asked).to.equal(1);
    expect(detail.challengeId).to.equal(CHALLENGE.challengeId);
    expect(detail.image.type).to.equal('image/jpeg');
    expect(detail.clips.map((c) => c.kind)).to.deep.equal(['reflection', 'turns']);
    for (const clip of detail.clips) {
      expect(clip.blob.type).to.equal('video/webm');
      expect(clip.blob.size).to.be.greaterThan(1000);
      const head = new Uint8Array(await clip.blob.slice(0, 4).arrayBuffer());
      expect([...head]).to.deep.equal([0x1a, 0x45, 0xdf, 0xa3]);
    }
    // The selfie was announced when taken, as always; the clips come with that same selfie.
    expect(captures).to.have.length(1);
    expect(captures[0]).to.equal(detail.image);
    expect(el.status).to.equal('captured');
    await until(
      () => streams.tracks.every((t) => t.readyState === 'ended'),
      5_000,
      'the camera released',
    );
    await expect(el).to.be.accessible();
  });

  it('a challenge that cannot be had is an error screen, with the camera released', async () => {
    const el = await mount(() => Promise.reject(new Error('offline')));
    const error = nextEvent(el, 'face-auth-error', 40_000);
    await el.start();
    expect(((await error) as CustomEvent).detail).to.include({ code: 'network' });
    expect(el.status).to.equal('error');
    await until(
      () => streams.tracks.every((t) => t.readyState === 'ended'),
      5_000,
      'the camera released',
    );
  });

  it('without a challenge provider, liveness does not run: the capture is handed over at once', async () => {
    const el = await fixture<FaceAuthElement>(
      html`<face-auth assets-base-url=${ASSETS} locale="en" liveness="full"></face-auth>`,
    );
    const capture = nextEvent(el, 'face-auth-capture', 40_000);
    await el.start();
    await capture;
    expect(el.status).to.equal('captured');
  });
});
