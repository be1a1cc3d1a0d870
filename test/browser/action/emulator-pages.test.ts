import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { provider, providerAction, randomId, skipWithoutFaces } from './support.js';

interface PageData {
  data: Record<string, string> | null;
  errors: string[];
}

/**
 * Opens `url` in a new tab, waits for `selector` and returns its dataset. `widget` is `ok`,
 * `no-widget` (dist not built: the page offers the file input only) or `stale` (dist built
 * before the provider flow).
 */
async function visit(
  url: string,
  selector: string,
  ms = 120_000,
): Promise<{ widget: string } & PageData> {
  const { pageId, widget } = await executeServerCommand<
    { pageId: string; widget: string },
    { url: string }
  >('open-page', { url });
  try {
    if (widget !== 'ok') return { widget, data: null, errors: [] };
    const end = performance.now() + ms;
    for (;;) {
      const r = await executeServerCommand<PageData, { pageId: string; selector: string }>(
        'page-query',
        { pageId, selector },
      );
      if (r.data || r.errors.length || performance.now() > end) return { widget, ...r };
      await new Promise((res) => setTimeout(res, 500));
    }
  } finally {
    await executeServerCommand('page-close', { pageId });
  }
}

// The emulator's validationLink and WebSDK pages, in a tab of this browser (camera: obama-1).
// They load the built CDN module from the emulator's /widget/, so they need `npm run build`.
describe("the emulator's pages run <face-auth>", function () {
  this.timeout(300_000);

  before(async function () {
    await skipWithoutFaces.call(this);
    await provider();
  });

  it('validationLink: the camera capture enrols the applicant; then the WebSDK link answers GREEN', async function () {
    const a = await executeServerCommand<
      { applicantId: string; userId: string; validationLink: string },
      undefined
    >('applicant', undefined);
    const enrolled = await visit(a.validationLink, '#out[data-state="verified"]');
    if (enrolled.widget !== 'ok') {
      console.warn(`SKIP: dist/cdn/face-auth.js is ${enrolled.widget}: run "npm run build".`);
      this.skip();
    }
    expect(enrolled.errors).to.deep.equal([]);
    expect(enrolled.data, 'the enrolment page says verified').to.not.equal(null);
    expect(
      await executeServerCommand<number, { applicantId: string }>('applicant-status', {
        applicantId: a.applicantId,
      }),
    ).to.equal(1);

    const externalActionId = randomId();
    const { url } = await executeServerCommand<
      { url: string },
      { userId: string; externalActionId: string }
    >('websdk-link', { userId: a.userId, externalActionId });
    const done = await visit(url, '#out[data-answer]');
    expect(done.errors).to.deep.equal([]);
    expect(done.data?.answer).to.equal('GREEN');
    const action = await providerAction(done.data!.actionId!);
    expect(action.externalActionId).to.equal(externalActionId);
    expect(action.review.reviewStatus).to.equal('completed');
  });
});
