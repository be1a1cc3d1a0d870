import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { provider, providerAction, randomId, skipWithoutFaces } from './support.js';

interface PageData {
  data: Record<string, string> | null;
  errors: string[];
  /** The Content-Security-Policy violations the page reported (`securitypolicyviolation`). */
  csp: { directive: string; blocked: string; source: string; line: number }[];
}

type Opened = { pageId: string; widget: string; headers: Record<string, string> };
type Camera = 'virtual-head' | undefined;

/**
 * One of the emulator's pages in a new tab. `widget` is `ok`, `no-widget` (dist not built: the
 * page offers the file input only) or `stale` (dist built before the provider flow); `headers`
 * are those the page was served with. With `camera: 'virtual-head'` the tab's camera is the
 * synthetic 3D head of obama-1 (test/support/virtual-camera-page.ts), installed by `start`;
 * otherwise Chromium's fake camera (obama-1, a still photo) and the widget starts at once.
 */
async function open(url: string, camera?: Camera, start = true) {
  const opened = await executeServerCommand<
    Opened,
    { url: string; camera: Camera; start: boolean }
  >('open-page', { url, camera, start });
  const { pageId } = opened;
  const query = (selector: string) =>
    executeServerCommand<PageData, { pageId: string; selector: string }>('page-query', {
      pageId,
      selector,
    });
  return {
    ...opened,
    query,
    /** The person presses "Start" (in front of the virtual camera when the page has one). */
    start: () => executeServerCommand('page-start', { pageId, camera }),
    /** Runs `fn(arg)` in the page, under its CSP (e.g. the page's own fetch). */
    run: <T, A = null>(fn: (arg: A) => Promise<T>, arg?: A) =>
      executeServerCommand<T, { pageId: string; fn: string; arg: A | null }>('page-eval', {
        pageId,
        fn: fn.toString(),
        arg: arg ?? null,
      }),
    camera: () => executeServerCommand<unknown, { pageId: string }>('page-camera', { pageId }),
    /** Polls until `selector` matches (or the page throws, or `ms` pass). */
    async waitFor(selector: string, ms = 240_000): Promise<PageData> {
      const end = performance.now() + ms;
      for (;;) {
        const r = await query(selector);
        if (r.data || r.errors.length || performance.now() > end) return r;
        await new Promise((res) => setTimeout(res, 500));
      }
    },
    close: () => executeServerCommand('page-close', { pageId }),
  };
}

/** The page was served under the strict policy, and the capture ran under it with no violation. */
function expectStrictCsp(page: { headers: Record<string, string> } & Pick<PageData, 'csp'>) {
  const csp = page.headers['content-security-policy'] ?? '';
  expect(csp, 'served with a Content-Security-Policy').to.contain("default-src 'none'");
  expect(csp).to.contain("frame-ancestors 'none'");
  expect(csp).not.to.contain("'unsafe-inline'");
  expect(csp).not.to.contain("'unsafe-eval'");
  expect(page.headers['x-frame-options']).to.equal('DENY');
  expect(page.headers['referrer-policy']).to.equal('no-referrer');
  expect(page.csp, 'CSP violations').to.deep.equal([]);
}

interface AttemptView {
  status: number;
  faceFailStatusReasons: string[];
  dvsResult: { faceVerificationResult: Record<string, number> };
  checks?: { checkType: string; answer: string }[];
  decision?: { liveness?: { decision?: Record<string, unknown> } };
}
interface ApplicantView {
  applicant: { status: number; successAttemptId: number | null; attemptsCount: number };
  attempts: AttemptView[];
}

const INSTANCE = 'shipped';
const applicantView = (applicantId: string) =>
  executeServerCommand<ApplicantView, { applicantId: string; instance: string }>('applicant-view', {
    applicantId,
    instance: INSTANCE,
  });
const newApplicant = () =>
  executeServerCommand<
    { applicantId: string; userId: string; validationLink: string },
    { instance: string }
  >('applicant', { instance: INSTANCE });

/** What the server measured for an attempt: its labels, scores, checks and liveness numbers. */
function numbers(a: AttemptView | undefined): string {
  if (!a) return 'no attempt';
  const l = a.decision?.liveness?.decision;
  return JSON.stringify({
    status: a.status,
    labels: a.faceFailStatusReasons,
    scores: a.dvsResult.faceVerificationResult,
    checks: a.checks?.map((c) => `${c.checkType} ${c.answer}`),
    turns: l?.turns,
    reflection: l?.reflection,
    continuity: l?.continuity,
  });
}

// The emulator's validationLink and WebSDK pages, in a tab of this browser, on the rig's `shipped`
// instance: the shipped config as it is, so enrolment requires liveness (`applicants.liveness`)
// and the `face-auth` level too, judged by the real review engine and liveness verifier.
// They load the built CDN module from the emulator's /widget/, so they need `npm run build`.
// Both are served with a strict CSP (no inline script or style, wasm allowed): the capture, the
// MediaPipe detector, the liveness recording and the upload must run under it without a single
// violation.
describe("the emulator's pages run <face-auth>", function () {
  this.timeout(900_000);

  before(async function () {
    await skipWithoutFaces.call(this);
    await provider(INSTANCE);
  });

  // A cooperating person whose attempt is refused presses "Try again" (the applicant has three
  // attempts): the live head is approved within them; each try is logged with the server's
  // numbers (the synthetic head's misses are the continuity check near its limits, see
  // liveness-pass.test.ts).
  it('validationLink: the live head enrols through the liveness phase; then the WebSDK link answers RED for a still photo', async function () {
    const a = await newApplicant();
    const page = await open(a.validationLink, 'virtual-head');
    let final: PageData | undefined;
    try {
      if (page.widget !== 'ok') {
        console.warn(`SKIP: dist/cdn/face-auth.js is ${page.widget}: run "npm run build".`);
        this.skip();
      }
      // Liveness is required: the page offers no photo file.
      expect((await page.query('#photo')).data, 'no file input').to.equal(null);
      await page.start();
      for (let attempt = 1; attempt <= 3; attempt++) {
        final = await page.waitFor(
          '#out[data-state="verified"], #out[data-state="rejected"], #out[data-state="error"]',
        );
        const view = await applicantView(a.applicantId);
        console.log(
          `validationLink, live head, try ${attempt}: ${final.data?.state} "${final.data?.text}"; server: ${numbers(view.attempts.at(-1))}; camera ${JSON.stringify(await page.camera())}`,
        );
        if (final.data?.state !== 'rejected' || view.applicant.status !== 5) break;
        // RETRY: the page offers "Try again", which starts a new capture (a new challenge).
        await page.run(async () => {
          document.querySelector<HTMLButtonElement>('#again:not([hidden])')!.click();
        });
      }
    } finally {
      await page.close();
    }
    expect(final!.errors).to.deep.equal([]);
    expectStrictCsp({ headers: page.headers, csp: final!.csp });
    expect(final!.data?.state, final!.data?.text).to.equal('verified');
    const view = await applicantView(a.applicantId);
    expect(view.applicant.status).to.equal(1);
    const approved = view.attempts.at(-1)!;
    expect(view.applicant.successAttemptId).to.be.a('number');
    expect(approved.checks?.map((c) => `${c.checkType} ${c.answer}`)).to.include.members([
      'LIVENESS GREEN',
      'LIVENESS_REFLECTION GREEN',
    ]);
    expect(approved.dvsResult.faceVerificationResult.antiSpoofing).to.be.at.least(70);

    const externalActionId = randomId();
    const { url } = await executeServerCommand<
      { url: string },
      { userId: string; externalActionId: string; instance: string }
    >('websdk-link', { userId: a.userId, externalActionId, instance: INSTANCE });
    const websdk = await open(url);
    let done: PageData;
    try {
      done = await websdk.waitFor('#out[data-answer]');
    } finally {
      await websdk.close();
    }
    expect(done.errors).to.deep.equal([]);
    expectStrictCsp({ headers: websdk.headers, csp: done.csp });
    // The level requires liveness and the widget runs it (recording under the strict CSP): the
    // camera is a still photo of the enrolled face, so the face matches and liveness fails.
    expect(done.data?.answer).to.equal('RED');
    const action = await providerAction(done.data!.actionId!, INSTANCE);
    expect(action.externalActionId).to.equal(externalActionId);
    expect(action.review.reviewStatus).to.equal('completed');
    expect(action.review.reviewResult?.rejectLabels).to.include('LIVENESS_TURN_MISSING');
  });

  it("validationLink: a still photo (Chromium's fake camera) is refused for liveness, in words, and the profile face is not set", async function () {
    const a = await newApplicant();
    const page = await open(a.validationLink);
    let r: PageData;
    let again: PageData;
    try {
      if (page.widget !== 'ok') this.skip();
      r = await page.waitFor('#out[data-state="rejected"], #out[data-state="error"]');
      console.log(
        `validationLink, still photo: "${r.data?.text}"; server: ${numbers((await applicantView(a.applicantId)).attempts.at(-1))}`,
      );
      again = await page.query('#again:not([hidden])');
    } finally {
      await page.close();
    }
    expect(r.errors).to.deep.equal([]);
    expectStrictCsp({ headers: page.headers, csp: r.csp });
    expect(r.data?.state, r.data?.text).to.equal('rejected');
    expect(r.data?.labels).to.contain('LIVENESS_TURN_MISSING');
    // The reason in words (as the widget's result screen puts it), and the way on: attempts are
    // left.
    expect(r.data?.text).to.contain('We could not see your head turn as asked');
    expect(r.data?.text).to.contain('You can try again');
    expect(again.data, 'the page offers "Try again"').to.not.equal(null);
    const view = await applicantView(a.applicantId);
    expect(view.applicant.status).to.equal(5);
    expect(view.applicant.successAttemptId, 'no profile face').to.equal(null);
    expect(view.attempts).to.have.length(1);
    expect(view.attempts[0]!.faceFailStatusReasons).to.include('LIVENESS_TURN_MISSING');
    expect(view.attempts[0]!.checks?.find((c) => c.checkType === 'LIVENESS')?.answer).to.equal(
      'RED',
    );
  });

  it('validationLink: with liveness required there is no photo-file fallback, and the page cannot enrol a photo alone (400 1040)', async function () {
    const a = await newApplicant();
    // The page as a person without a camera finds it: the widget is not started.
    const page = await open(a.validationLink, undefined, false);
    try {
      if (page.widget !== 'ok') this.skip();
      expect((await page.query('#photo')).data, 'no file input').to.equal(null);
      expect((await page.query('#camera-only')).data?.text).to.contain('needs a camera');
      // What the old file form sent, sent by the page itself: a photo of the person, alone.
      const photo = new Uint8Array(await (await fetch('/__faces/obama-1.jpg')).arrayBuffer());
      const sent = await page.run(
        async (base64: string) => {
          const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
          const fd = new FormData();
          fd.append('image', new Blob([bytes], { type: 'image/jpeg' }), 'photo.jpg');
          const cfg = JSON.parse(document.getElementById('cfg')!.textContent!) as {
            requestId: string;
          };
          const res = await fetch(`/embedded/attempts?requestId=${cfg.requestId}`, {
            method: 'POST',
            body: fd,
          });
          return { status: res.status, body: (await res.json()) as { errorCode?: number } };
        },
        btoa(Array.from(photo, (b) => String.fromCharCode(b)).join('')),
      );
      expect(sent.status).to.equal(400);
      expect(sent.body.errorCode).to.equal(1040);
    } finally {
      await page.close();
    }
    const view = await applicantView(a.applicantId);
    expect(view.applicant.status).to.equal(0);
    expect(view.applicant.attemptsCount).to.equal(0);
  });
});
