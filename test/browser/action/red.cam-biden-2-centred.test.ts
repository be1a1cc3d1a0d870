import { expect } from '@open-wc/testing';
import type { FaceAuthActionResultEvent } from '../../../src/events/face-auth-action-result.js';
import {
  enrol,
  failOnUnhandledRejections,
  mount,
  nextEvent,
  provider,
  providerAction,
  randomId,
  screenIsAccessible,
  shadow,
  skipWithoutFaces,
  text,
  tokenProvider,
} from './support.js';

// Camera: biden-2, centred. Profile face: obama-1 (real review engine): someone else. The level
// requires liveness, so the still photo fails that too; the face mismatch is the reason shown.
describe('<face-auth> provider flow: obama-1 enrolled, biden-2 on camera', function () {
  this.timeout(240_000);

  before(skipWithoutFaces);
  failOnUnhandledRejections();

  it('answers RED with the mismatch reason in plain words (accessTokenProvider, direct CORS)', async () => {
    const { url } = await provider();
    const who = await enrol({ photo: 'obama-1.jpg' });
    expect(who.status).to.equal(1);
    const externalActionId = randomId();
    const el = await mount({ apiBaseUrl: url });
    el.accessTokenProvider = tokenProvider({ userId: who.userId, externalActionId }).provider;
    const result = nextEvent<FaceAuthActionResultEvent>(el, 'face-auth-action-result', 200_000);
    await el.start();
    const { detail } = await result;

    expect(detail.answer).to.equal('RED');
    expect(detail.reviewResult.rejectLabels).to.include('FACE_MISMATCH');
    await el.updateComplete;
    expect(el.status).to.equal('actionCompleted');
    expect(el.actionResult).to.deep.equal({ actionId: detail.actionId, answer: 'RED' });
    expect(text(el, '[part~="title"]')).to.equal('We could not confirm it’s you');
    expect(text(el, '[data-reason="FACE_MISMATCH"]')).to.equal(
      'The face in the photo does not match the one on file.',
    );
    const retry = shadow(el).querySelector('[part~="primary-button"]');
    if (detail.reviewResult.reviewRejectType === 'RETRY')
      expect(retry?.textContent?.trim()).to.equal('Try again');
    else expect(retry).to.equal(null);
    await screenIsAccessible(el);

    const action = await providerAction(detail.actionId);
    expect(action.review.reviewStatus).to.equal('completed');
    expect(action.review.reviewResult?.reviewAnswer).to.equal('RED');

    // The same screen in Russian.
    el.locale = 'ru';
    await el.updateComplete;
    expect(text(el, '[data-reason="FACE_MISMATCH"]')).to.equal(
      'Лицо на фото не совпадает с сохранённым.',
    );
  });
});
