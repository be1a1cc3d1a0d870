import { describe, expect, it } from 'vitest';
import {
  FaceAuthActionResultEvent,
  FaceAuthCancelEvent,
  FaceAuthCaptureEvent,
  FaceAuthErrorEvent,
  FaceAuthReadyEvent,
  FaceAuthStatusEvent,
} from './index.js';

describe('events', () => {
  it('are typed Events that bubble out of the shadow root', () => {
    const events = [
      new FaceAuthReadyEvent({ detector: 'ready', cameraLabel: '' }),
      new FaceAuthStatusEvent({ status: 'idle', previous: 'guiding', state: { status: 'idle' } }),
      new FaceAuthCaptureEvent({
        image: new Blob(),
        width: 1,
        height: 1,
        report: null,
        mode: 'manual',
      }),
      new FaceAuthErrorEvent({ code: 'no-camera', message: 'x', fatal: true }),
      new FaceAuthCancelEvent({ from: 'guiding' }),
    ];
    expect(events.map((e) => e.type)).toEqual([
      'face-auth-ready',
      'face-auth-status',
      'face-auth-capture',
      'face-auth-error',
      'face-auth-cancel',
    ]);
    for (const e of events) {
      expect(e).toBeInstanceOf(Event);
      expect(e.bubbles && e.composed).toBe(true);
    }
  });
});

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
