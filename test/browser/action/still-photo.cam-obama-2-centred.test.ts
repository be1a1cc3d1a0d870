import { expect } from '@open-wc/testing';
import type { FaceAuthActionResultEvent } from '../../../src/events/face-auth-action-result.js';
import {
  enrol,
  failOnUnhandledRejections,
  mount,
  nextEvent,
  provider,
  providerAction,
  proxyLog,
  faults,
  randomId,
  screenIsAccessible,
  skipWithoutFaces,
  text,
} from './support.js';

// Camera: obama-2, centred: a still photo of the account owner. Profile face: obama-1, enrolled
// through the emulator's API and judged by its real review engine. The face matches, but the
// shipped level requires liveness and the widget runs it by default: a photo does not turn.
describe('<face-auth> provider flow: obama-1 enrolled, a still photo of obama-2 on camera', function () {
  this.timeout(240_000);

  before(skipWithoutFaces);
  failOnUnhandledRejections();

  it('answers RED for liveness through token-url, and the action in the emulator is completed', async () => {
    const { proxy } = await provider();
    await faults([]);
    const who = await enrol({ photo: 'obama-1.jpg' });
    expect(who.status, 'obama-1 enrolled (applicant status 1 = Success)').to.equal(1);
    const externalActionId = randomId();
    const el = await mount({
      apiBaseUrl: `${location.origin}${proxy}`,
      tokenUrl: `${proxy}/__token?userId=${who.userId}&externalActionId=${externalActionId}`,
    });
    const result = nextEvent<FaceAuthActionResultEvent>(el, 'face-auth-action-result', 200_000);
    const statuses: string[] = [];
    el.addEventListener('face-auth-status', (e) => statuses.push(e.detail.status));
    await el.start();
    const { detail } = await result;

    expect(detail.answer).to.equal('RED');
    expect(detail.reviewStatus).to.equal('completed');
    expect(detail.externalActionId).to.equal(externalActionId);
    // The provider's own label first (a photo shows no turn: a bad video selfie), then the rule.
    expect(detail.reviewResult.rejectLabels).to.include.members([
      'BAD_VIDEO_SELFIE',
      'LIVENESS_TURN_MISSING',
    ]);
    // Same person: the face itself passed.
    expect(detail.reviewResult.rejectLabels).not.to.include('FACE_MISMATCH');
    expect(detail.reviewResult.reviewRejectType).to.equal('RETRY');
    await el.updateComplete;
    expect(el.status).to.equal('actionCompleted');
    expect(el.actionResult).to.deep.equal({ actionId: detail.actionId, answer: 'RED' });
    expect(statuses).to.include.members([
      'captured',
      'liveness',
      'uploading',
      'processing',
      'actionCompleted',
    ]);
    expect(text(el, '[part~="title"]')).to.equal('We could not confirm it’s you');
    expect(text(el, '[part~="primary-button"]')).to.equal('Try again');
    // The person is told what to do, in words, not the label.
    expect(text(el, '[data-reason="livenessTurns"]')).to.equal(
      'We could not see your head turn as asked: turn slowly to the side shown, then look straight ahead again.',
    );
    await screenIsAccessible(el);

    const action = await providerAction(detail.actionId);
    expect(action.externalActionId).to.equal(externalActionId);
    expect(action.review.reviewStatus).to.equal('completed');
    expect(action.review.reviewResult?.reviewAnswer).to.equal('RED');
    // The token endpoint was POSTed once; the selfie went up once, then the two clips, after one
    // challenge.
    const log = await proxyLog();
    expect(log.filter((e) => e.path === '/__token').map((e) => e.method)).to.deep.equal(['POST']);
    expect(log.filter((e) => /\/images$/.test(e.path))).to.have.length(1);
    expect(log.filter((e) => /\/videos$/.test(e.path))).to.have.length(2);
    expect(log.filter((e) => /\/liveness\/challenge$/.test(e.path))).to.have.length(1);
  });
});
