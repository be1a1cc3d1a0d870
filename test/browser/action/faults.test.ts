import { expect } from '@open-wc/testing';
import type { FaceAuthActionResultEvent } from '../../../src/events/face-auth-action-result.js';
import type { FaceAuthCancelEvent } from '../../../src/events/face-auth-cancel.js';
import type { FaceAuthErrorEvent } from '../../../src/events/face-auth-error.js';
import type { FaceAuthElement } from '../../../src/face-auth.component.js';
import {
  enrol,
  faults,
  mount,
  NO_LIVENESS_LEVEL,
  nextEvent,
  provider,
  providerAction,
  proxyLog,
  randomId,
  recordEvents,
  sandbox,
  screenIsAccessible,
  shadow,
  skipWithoutFaces,
  text,
  tokenProvider,
  until,
  failOnUnhandledRejections,
  watchStreams,
  type Enrolled,
  type Instance,
  type ProxyEntry,
} from './support.js';

// Camera: the default clip (obama-1, centred). The review answers come from the emulator's
// sandbox controls, so these tests are about the element's handling of each ending, not faces
// nor liveness: they run the rig's level without liveness, with liveness="off" (a selfie alone;
// "Try again" resends the same photo). Liveness has its own files (liveness-*.test.ts).
// Every request goes through the fault-injecting proxy of test/browser/action/rig.mjs.
describe('<face-auth> provider flow: faults and endings', function () {
  this.timeout(120_000);
  let streams: ReturnType<typeof watchStreams>;
  let proxy: string;

  before(async function () {
    await skipWithoutFaces.call(this);
    proxy = (await provider()).proxy;
  });
  failOnUnhandledRejections();
  beforeEach(() => (streams = watchStreams()));
  afterEach(async () => {
    await faults([]);
    streams.restore();
    expect(
      streams.tracks.map((t) => t.readyState),
      'every camera track ended',
    ).to.satisfy((states: string[]) => states.every((s) => s === 'ended'));
  });

  /** A sandbox-enrolled applicant whose next action review says `answer`. */
  async function applicant(
    answer: 'GREEN' | 'RED' | 'ERROR' | 'ON_HOLD' | null = 'GREEN',
    instance: Instance = 'default',
  ): Promise<Enrolled> {
    await provider(instance);
    const who = await enrol({ sandbox: true, instance });
    if (answer) await sandbox({ applicantId: who.applicantId, reviewAnswer: answer, instance });
    return who;
  }

  async function element(
    who: Enrolled,
    opts: { ttls?: number[]; instance?: Instance } = {},
  ): Promise<{ el: FaceAuthElement; tokens: ReturnType<typeof tokenProvider> }> {
    const instance = opts.instance ?? 'default';
    const base = instance === 'default' ? proxy : (await provider(instance)).proxy;
    const el = await mount({ apiBaseUrl: `${location.origin}${base}`, liveness: 'off' });
    const tokens = tokenProvider(
      { userId: who.userId, externalActionId: randomId(), instance, levelName: NO_LIVENESS_LEVEL },
      opts.ttls,
    );
    el.accessTokenProvider = tokens.provider;
    return { el, tokens };
  }

  const isUpload = (e: ProxyEntry) => /\/images$/.test(e.path);
  /** Waits until the proxy has seen the image upload. */
  const uploadReached = () =>
    until(
      async () => (await proxyLog()).some(isUpload),
      60_000,
      'the upload to reach the provider',
    );
  /** Waits until the client has aborted the image upload. */
  const uploadAborted = () =>
    until(
      async () => (await proxyLog()).find(isUpload)?.outcome === 'aborted',
      10_000,
      'the upload request to be aborted',
    );

  async function errorOf(el: FaceAuthElement): Promise<FaceAuthErrorEvent['detail']> {
    const e = await nextEvent<FaceAuthErrorEvent>(el, 'face-auth-error', 90_000);
    await el.updateComplete;
    return e.detail;
  }

  it('token endpoint fails: error screen with code `token` and a retry', async () => {
    const who = await applicant();
    await faults([{ path: '^/__token$', kind: 'status', status: 500, times: 5 }]);
    const el = await mount({
      apiBaseUrl: `${location.origin}${proxy}`,
      tokenUrl: `${proxy}/__token?userId=${who.userId}&externalActionId=${randomId()}&levelName=${NO_LIVENESS_LEVEL}`,
      liveness: 'off',
    });
    const error = errorOf(el);
    await el.start();
    const detail = await error;
    expect(detail.code).to.equal('token');
    expect(detail.fatal).to.equal(true);
    expect(detail.retryable).to.equal(true);
    expect(detail.message).to.equal(
      'Could not start the check: the service did not let us in. Please try again.',
    );
    expect(el.status).to.equal('error');
    expect(el.actionResult).to.equal(undefined);
    expect(shadow(el).querySelector('.screen')?.getAttribute('data-code')).to.equal('token');
    expect(text(el, '[part~="primary-button"]')).to.equal('Try again');
    await screenIsAccessible(el);
    // Not retried by the element: the host's endpoint failing is a fact for the page.
    expect((await proxyLog()).filter((e) => e.path === '/__token')).to.have.length(1);
  });

  it('access token expires between upload and submit: one refresh, then success', async () => {
    const who = await applicant('GREEN');
    // The submit reaches the emulator 2.5 s late, after the 1 s token has really expired.
    await faults([
      { method: 'POST', path: '/review/status/pending$', kind: 'delay', ms: 2500, times: 1 },
    ]);
    const { el, tokens } = await element(who, { ttls: [1] });
    const result = nextEvent<FaceAuthActionResultEvent>(el, 'face-auth-action-result');
    await el.start();
    const { detail } = await result;
    expect(detail.answer).to.equal('GREEN');
    expect(tokens.calls, 'asked for a token, then once more after the 401').to.equal(2);
    const submits = (await proxyLog()).filter((e) => /review\/status\/pending$/.test(e.path));
    expect(submits.map((e) => e.outcome)).to.deep.equal([401, 200]);
  });

  it('the provider answers 500 twice, then succeeds', async () => {
    const who = await applicant('GREEN');
    await faults([{ method: 'GET', path: '/one$', kind: 'status', status: 500, times: 2 }]);
    const { el } = await element(who);
    const errors = recordEvents(el, ['face-auth-error']);
    const result = nextEvent<FaceAuthActionResultEvent>(el, 'face-auth-action-result');
    await el.start();
    const { detail } = await result;
    expect(detail.answer).to.equal('GREEN');
    expect(errors).to.have.length(0);
    const polls = (await proxyLog()).filter((e) => /\/one$/.test(e.path)).map((e) => e.outcome);
    expect(polls.slice(0, 3)).to.deep.equal([500, 500, 200]);
    expect((await providerAction(detail.actionId)).review.reviewStatus).to.equal('completed');
  });

  it('the provider never completes: `timeout` error after poll-timeout', async () => {
    // The second emulator has no review engine: the review waits in `queued` for ever.
    const who = await applicant(null, 'no-reviewer');
    const { el } = await element(who, { instance: 'no-reviewer' });
    el.pollTimeout = 2500;
    const error = errorOf(el);
    await el.start();
    const detail = await error;
    expect(detail.code).to.equal('timeout');
    expect(detail.retryable).to.equal(true);
    expect(el.status).to.equal('error');
    expect(text(el, '[part~="body"]')).to.equal(
      'The check is taking too long. Please try again later.',
    );
    await screenIsAccessible(el);
  });

  it('the network drops mid-upload: `network` error, and "Try again" sends the same photo', async () => {
    const who = await applicant('GREEN');
    // Chromium resends a request once by itself when a reused keep-alive connection closes
    // before any answer, so the connection drops until the test lifts the fault.
    await faults([{ method: 'POST', path: '/images$', kind: 'drop', times: 100 }]);
    const { el } = await element(who);
    const error = errorOf(el);
    await el.start();
    const detail = await error;
    expect(detail.code).to.equal('network');
    expect(detail.provider?.step).to.equal('upload');
    expect(el.status).to.equal('error');
    expect((await proxyLog()).find(isUpload)?.outcome).to.equal('dropped');
    await faults([]); // the network is back

    const captures = recordEvents(el, ['face-auth-capture']);
    const tracksBefore = streams.tracks.length;
    const result = nextEvent<FaceAuthActionResultEvent>(el, 'face-auth-action-result');
    shadow(el).querySelector<HTMLButtonElement>('[part~="primary-button"]')!.click();
    expect((await result).detail.answer).to.equal('GREEN');
    expect(captures, 'no retake').to.have.length(0);
    expect(streams.tracks.length, 'the camera stayed off').to.equal(tracksBefore);
    expect((await proxyLog()).filter(isUpload)).to.have.length(1);
  });

  it('the user cancels mid-upload: request aborted, camera released, no result, face-auth-cancel', async () => {
    const who = await applicant('GREEN');
    await faults([{ method: 'POST', path: '/images$', kind: 'hang', times: 1 }]);
    const { el } = await element(who);
    const results = recordEvents(el, ['face-auth-action-result']);
    const cancelled = nextEvent<FaceAuthCancelEvent>(el, 'face-auth-cancel');
    await el.start();
    await uploadReached();
    expect(el.status).to.equal('uploading');
    expect(shadow(el).querySelector('[part~="upload-progress"]')).to.not.equal(null);
    await screenIsAccessible(el);

    shadow(el).querySelector<HTMLButtonElement>('[part~="cancel-button"]')!.click();
    const { detail } = await cancelled;
    expect(detail.from).to.equal('uploading');
    expect(el.status).to.equal('cancelled');
    expect(el.actionResult).to.equal(undefined);
    await uploadAborted();
    expect(streams.tracks.length).to.be.above(0);
    expect(streams.tracks.every((t) => t.readyState === 'ended')).to.equal(true);
    await new Promise((r) => setTimeout(r, 1000));
    expect(results).to.have.length(0);
    // Nothing after the upload was sent.
    const later = (await proxyLog()).filter((e) => /pending$|\/one$/.test(e.path));
    expect(later).to.have.length(0);
  });

  it('removing the element mid-upload aborts the request, with no event after', async () => {
    const who = await applicant('GREEN');
    await faults([{ method: 'POST', path: '/images$', kind: 'hang', times: 1 }]);
    const { el } = await element(who);
    const after = recordEvents(el, ['face-auth-action-result', 'face-auth-error']);
    await el.start();
    await uploadReached();
    el.remove();
    await uploadAborted();
    await new Promise((r) => setTimeout(r, 500));
    expect(after).to.have.length(0);
  });

  it('cancel while the handler decides: no result screen, actionResult undefined, face-auth-cancel', async () => {
    const who = await applicant('GREEN');
    const { el } = await element(who);
    let decide!: (d: 'continue') => void;
    el.actionResultHandler = () => new Promise((resolve) => (decide = resolve));
    const result = nextEvent<FaceAuthActionResultEvent>(el, 'face-auth-action-result');
    const cancelled = nextEvent<FaceAuthCancelEvent>(el, 'face-auth-cancel');
    await el.start();
    await result;
    await el.updateComplete;
    shadow(el).querySelector<HTMLButtonElement>('[part~="cancel-button"]')!.click();
    expect((await cancelled).detail.from).to.equal('processing');
    decide('continue'); // too late: the person left
    await new Promise((r) => setTimeout(r, 300));
    expect(el.status).to.equal('cancelled');
    expect(el.actionResult).to.equal(undefined);
  });

  it("the handler returns 'cancel': no result screen", async () => {
    const who = await applicant('GREEN');
    const { el } = await element(who);
    let seen: unknown;
    el.actionResultHandler = (r) => {
      seen = r;
      return 'cancel';
    };
    const result = nextEvent<FaceAuthActionResultEvent>(el, 'face-auth-action-result');
    await el.start();
    const { detail } = await result;
    await until(() => el.status === 'actionCompleted', 10_000, 'actionCompleted');
    await el.updateComplete;
    expect(seen).to.deep.equal(detail);
    expect(el.actionResult).to.deep.equal({ actionId: detail.actionId, answer: 'GREEN' });
    expect(el.state).to.include({ status: 'actionCompleted', closed: true });
    expect(shadow(el).querySelector('.screen')).to.equal(null);
    await screenIsAccessible(el);
  });

  it("the handler's Promise resolves later with 'continue': Processing, then the result", async () => {
    const who = await applicant('GREEN');
    const { el } = await element(who);
    let decide!: (d: 'continue') => void;
    el.actionResultHandler = () => new Promise((resolve) => (decide = resolve));
    const result = nextEvent<FaceAuthActionResultEvent>(el, 'face-auth-action-result');
    await el.start();
    await result;
    await el.updateComplete;
    expect(el.state).to.deep.include({ status: 'processing', phase: 'awaitingHandler' });
    expect(text(el, '[part~="body"]')).to.equal('Processing…');
    await screenIsAccessible(el);
    await new Promise((r) => setTimeout(r, 500));
    expect(el.status).to.equal('processing');
    decide('continue');
    await until(() => el.status === 'actionCompleted', 5_000, 'actionCompleted');
    await el.updateComplete;
    expect(text(el, '[part~="title"]')).to.equal('It’s you');
  });

  it('preventDefault() on face-auth-action-result closes without the result screen', async () => {
    const who = await applicant('GREEN');
    const { el } = await element(who);
    el.addEventListener('face-auth-action-result', (e) => e.preventDefault());
    await el.start();
    await until(() => el.status === 'actionCompleted', 90_000, 'actionCompleted');
    await el.updateComplete;
    expect(el.state).to.include({ closed: true });
    expect(shadow(el).querySelector('.screen')).to.equal(null);
  });

  it('onHold: "we\'ll let you know", answer null', async () => {
    const who = await applicant('ON_HOLD');
    const { el } = await element(who);
    el.pollTimeout = 2500; // a hold is read until the poll timeout, in case it is released
    const result = nextEvent<FaceAuthActionResultEvent>(el, 'face-auth-action-result');
    await el.start();
    const { detail } = await result;
    expect(detail.reviewStatus).to.equal('onHold');
    expect(detail.answer).to.equal(null);
    await el.updateComplete;
    expect(el.actionResult).to.deep.equal({ actionId: detail.actionId, answer: null });
    expect(text(el, '[part~="title"]')).to.equal('We’ll let you know');
    await screenIsAccessible(el);
  });

  it('ERROR from the review: error result screen with "Try again"', async () => {
    const who = await applicant('ERROR');
    const { el } = await element(who);
    const result = nextEvent<FaceAuthActionResultEvent>(el, 'face-auth-action-result');
    await el.start();
    expect((await result).detail.answer).to.equal('ERROR');
    await el.updateComplete;
    expect(text(el, '[part~="title"]')).to.equal('The check could not be done');
    expect(text(el, '[part~="primary-button"]')).to.equal('Try again');
    await screenIsAccessible(el);
  });

  it('RED with RETRY and unknown labels: generic reason, "Try again" sends a new photo', async () => {
    const who = await applicant(null);
    await sandbox({
      applicantId: who.applicantId,
      reviewAnswer: 'RED',
      rejectLabels: ['LOW_QUALITY', 'SOMETHING_NEW'],
      reviewRejectType: 'RETRY',
    });
    const { el } = await element(who);
    const first = nextEvent<FaceAuthActionResultEvent>(el, 'face-auth-action-result');
    await el.start();
    expect((await first).detail.answer).to.equal('RED');
    await el.updateComplete;
    const reasons = [...shadow(el).querySelectorAll('[part~="reasons"] li')].map((li) =>
      li.getAttribute('data-reason'),
    );
    expect(reasons).to.deep.equal(['LOW_QUALITY', 'other']);
    await screenIsAccessible(el);

    await sandbox({ applicantId: who.applicantId, reviewAnswer: 'GREEN' });
    const second = nextEvent<FaceAuthActionResultEvent>(el, 'face-auth-action-result');
    shadow(el).querySelector<HTMLButtonElement>('[part~="primary-button"]')!.click();
    const { detail } = await second;
    expect(detail.answer).to.equal('GREEN');
    expect(detail.actionId, 'the same action, a new attempt').to.equal(
      (await first).detail.actionId,
    );
  });

  it("the provider's error description is shown as text, never as HTML", async () => {
    const who = await applicant();
    const description = '<img src=x onerror="window.__pwned=1">Level <b>unknown</b>';
    await faults([
      {
        method: 'POST',
        path: '/forApplicant/',
        kind: 'status',
        status: 400,
        body: { description, code: 400, errorCode: 1234, errorName: 'bad-request' },
      },
    ]);
    const { el } = await element(who);
    const error = errorOf(el);
    await el.start();
    const detail = await error;
    expect(detail.code).to.equal('provider-rejected');
    expect(detail.provider).to.include({ status: 400, errorCode: 1234, description });
    expect(text(el, '[part~="detail"]')).to.equal(`Details: ${description}`);
    expect(shadow(el).querySelector('img, b')).to.equal(null);
    expect((window as { __pwned?: number }).__pwned).to.equal(undefined);
    // Not retryable: only Cancel.
    expect(shadow(el).querySelector('[part~="primary-button"]')).to.equal(null);
    await screenIsAccessible(el);
  });
});
