import { describe, expect, it } from 'vitest';
import { FaceAuthActionResultEvent } from './index.js';

describe('face-auth-action-result', () => {
  it('bubbles out of the shadow root and can be cancelled by the host', () => {
    const e = new FaceAuthActionResultEvent({
      actionId: 'a',
      answer: 'GREEN',
      reviewStatus: 'completed',
      externalActionId: 'x',
      reviewResult: { rejectLabels: [], reviewRejectType: null },
    });
    expect(e.type).toBe('face-auth-action-result');
    expect(e.bubbles && e.composed && e.cancelable).toBe(true);
  });
});
