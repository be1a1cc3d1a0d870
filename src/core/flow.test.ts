import { describe, expect, it } from 'vitest';
import {
  INITIAL_FLOW,
  canStart,
  flowReducer,
  needsCamera,
  type CapturedImage,
  type FlowEvent,
  type FlowState,
} from './flow.js';

const run = (events: FlowEvent[], from: FlowState = INITIAL_FLOW): FlowState =>
  events.reduce(flowReducer, from);

const start: FlowEvent = { type: 'start', captureMode: 'auto', detector: 'loading' };
const capture: CapturedImage = {
  image: new Blob(['x'], { type: 'image/jpeg' }),
  width: 640,
  height: 480,
  report: null,
  mode: 'auto',
};
const toGuiding: FlowEvent[] = [start, { type: 'cameraReady' }, { type: 'detectorReady' }];
const toCaptured: FlowEvent[] = [
  ...toGuiding,
  { type: 'captureStarted', trigger: 'auto' },
  { type: 'captured', capture },
];
const processing: FlowState = { status: 'processing', capture, phase: 'awaitingHandler' };

describe('flowReducer: capture', () => {
  it('goes idle → starting → guiding → capturing → captured', () => {
    const statuses: string[] = [];
    toCaptured.reduce((s, e) => {
      const next = flowReducer(s, e);
      statuses.push(next.status);
      return next;
    }, INITIAL_FLOW);
    expect(statuses).toEqual(['starting', 'guiding', 'guiding', 'capturing', 'captured']);
  });

  it('enters guiding while the detector still loads, and learns about it later', () => {
    const g = run([start, { type: 'cameraReady' }]);
    expect(g).toMatchObject({ status: 'guiding', detector: 'loading', manualCapture: false });
    expect(flowReducer(g, { type: 'detectorReady' })).toMatchObject({ detector: 'ready' });
  });

  it('offers manual capture when the detector is unavailable, before or after the camera', () => {
    expect(run([start, { type: 'detectorUnavailable' }, { type: 'cameraReady' }])).toMatchObject({
      status: 'guiding',
      detector: 'unavailable',
      manualCapture: true,
    });
    expect(run([start, { type: 'cameraReady' }, { type: 'detectorUnavailable' }])).toMatchObject({
      manualCapture: true,
    });
  });

  it('offers manual capture from the start in manual mode, and after the timeout in auto', () => {
    const manual = run([{ ...start, captureMode: 'manual' } as FlowEvent, { type: 'cameraReady' }]);
    expect(manual).toMatchObject({ manualCapture: true });
    expect(flowReducer(manual, { type: 'captureStarted', trigger: 'auto' })).toBe(manual);
    const auto = run(toGuiding);
    expect(flowReducer(auto, { type: 'captureStarted', trigger: 'manual' })).toBe(auto);
    const later = flowReducer(auto, { type: 'manualCaptureAllowed' });
    expect(flowReducer(later, { type: 'captureStarted', trigger: 'manual' })).toMatchObject({
      status: 'capturing',
      trigger: 'manual',
    });
  });

  it('tracks the hint and progress, returning the same object when nothing changed', () => {
    const g = run(toGuiding);
    const h = flowReducer(g, { type: 'frameAssessed', hint: 'moveCloser', progress: 0 });
    expect(h).toMatchObject({ hint: 'moveCloser', good: false });
    expect(flowReducer(h, { type: 'frameAssessed', hint: 'moveCloser', progress: 0 })).toBe(h);
    expect(flowReducer(h, { type: 'frameAssessed', hint: null, progress: 0.5 })).toMatchObject({
      hint: null,
      good: true,
      progress: 0.5,
    });
  });

  it('pauses while the page is hidden and resets the hold', () => {
    const g = run([...toGuiding, { type: 'frameAssessed', hint: null, progress: 0.7 }]);
    const p = flowReducer(g, { type: 'pageHidden' });
    expect(p).toMatchObject({ paused: true, progress: 0 });
    expect(flowReducer(p, { type: 'pageHidden' })).toBe(p);
    expect(flowReducer(p, { type: 'pageVisible' })).toMatchObject({ paused: false });
  });

  it('turns camera failures into cameraError, and start retries', () => {
    const e = run([start, { type: 'cameraFailed', reason: 'permission-denied' }]);
    expect(e).toEqual({ status: 'cameraError', reason: 'permission-denied' });
    expect(flowReducer(e, start)).toMatchObject({ status: 'starting' });
    const ended = run([...toGuiding, { type: 'cameraFailed', reason: 'track-ended' }]);
    expect(ended).toMatchObject({ status: 'cameraError', reason: 'track-ended' });
    // Camera failures after the capture are stale and ignored.
    const c = run(toCaptured);
    expect(flowReducer(c, { type: 'cameraFailed', reason: 'track-ended' })).toBe(c);
  });

  it('retakes from captured with start', () => {
    expect(run([...toCaptured, start])).toMatchObject({ status: 'starting' });
  });

  it('ignores start while a flow is running', () => {
    const g = run(toGuiding);
    expect(flowReducer(g, start)).toBe(g);
  });

  it('cancels from any active state, and resets from anywhere', () => {
    for (const events of [[start], toGuiding, toCaptured]) {
      expect(run([...events, { type: 'cancel' }])).toEqual({ status: 'cancelled' });
    }
    expect(flowReducer(INITIAL_FLOW, { type: 'cancel' })).toBe(INITIAL_FLOW);
    expect(run([...toGuiding, { type: 'reset' }])).toBe(INITIAL_FLOW);
  });

  it('knows which states need the camera', () => {
    expect(needsCamera(run([start]))).toBe(true);
    expect(needsCamera(run(toGuiding))).toBe(true);
    expect(needsCamera(run(toCaptured))).toBe(false);
    expect(needsCamera({ status: 'cancelled' })).toBe(false);
    expect(canStart(run(toGuiding))).toBe(false);
  });

  it('goes to error on capture failure and can start again', () => {
    const e = run([
      ...toGuiding,
      { type: 'captureStarted', trigger: 'auto' },
      { type: 'failed', code: 'capture-failed', retryable: true },
    ]);
    expect(e).toEqual({ status: 'error', code: 'capture-failed', retryable: true });
    expect(flowReducer(e, start).status).toBe('starting');
  });
});

describe('flowReducer: provider flow', () => {
  it('goes captured → uploading → processing → actionCompleted', () => {
    const done = run([
      ...toCaptured,
      { type: 'uploadStarted' },
      { type: 'uploadProgress', progress: 0.5 },
      { type: 'processingStarted', phase: 'submitting' },
      { type: 'processingStarted', phase: 'reviewing' },
      { type: 'actionCompleted', actionResult: { actionId: 'a1', answer: 'GREEN' } },
    ]);
    expect(done).toEqual({
      status: 'actionCompleted',
      actionResult: { actionId: 'a1', answer: 'GREEN' },
    });
  });

  it('keeps the capture while uploading for a retry, and ignores out-of-order events', () => {
    const u = run([...toCaptured, { type: 'uploadStarted' }]);
    expect(u).toMatchObject({ status: 'uploading', capture, progress: 0 });
    const g = run(toGuiding);
    expect(flowReducer(g, { type: 'uploadStarted' })).toBe(g);
    expect(flowReducer(g, { type: 'actionCompleted', actionResult: undefined })).toBe(g);
  });

  it('fails with a code and message, and cancels mid-upload', () => {
    const u = run([...toCaptured, { type: 'uploadStarted' }]);
    expect(
      flowReducer(u, { type: 'failed', code: 'capture-failed', message: 'x', retryable: false }),
    ).toEqual({ status: 'error', code: 'capture-failed', message: 'x', retryable: false });
    expect(flowReducer(u, { type: 'cancel' })).toEqual({ status: 'cancelled' });
  });

  it('marks a result the host closed, and keeps the reasons for the screen', () => {
    const reviewResult = { rejectLabels: ['FACE_MISMATCH'], reviewRejectType: 'RETRY' as const };
    const actionResult = { actionId: 'a1', answer: 'RED' as const };
    expect(
      flowReducer(processing, {
        type: 'actionCompleted',
        actionResult,
        reviewResult,
        closed: true,
      }),
    ).toEqual({ status: 'actionCompleted', actionResult, reviewResult, closed: true });
    expect(flowReducer(processing, { type: 'actionCompleted', actionResult })).toEqual({
      status: 'actionCompleted',
      actionResult,
    });
  });

  it('carries the provider description of a failure apart from the widget message', () => {
    expect(
      flowReducer(processing, {
        type: 'failed',
        code: 'provider-rejected',
        message: 'The service did not accept the request.',
        detail: '<b>raw</b>',
        retryable: false,
      }),
    ).toEqual({
      status: 'error',
      code: 'provider-rejected',
      message: 'The service did not accept the request.',
      detail: '<b>raw</b>',
      retryable: false,
    });
  });

  it('sends the same photo again from an error ("Try again"), and only from an error', () => {
    const error = flowReducer(processing, { type: 'failed', code: 'network', retryable: true });
    expect(flowReducer(error, { type: 'uploadRetried', capture })).toEqual({
      status: 'uploading',
      capture,
      progress: 0,
    });
    expect(flowReducer(processing, { type: 'uploadRetried', capture })).toBe(processing);
  });

  it('lets start() leave a result (Try again) and cancel() leave the wait for the handler', () => {
    const done = flowReducer(processing, {
      type: 'actionCompleted',
      actionResult: { actionId: 'a', answer: 'GREEN' },
    });
    expect(
      flowReducer(done, { type: 'start', captureMode: 'auto', detector: 'ready' }).status,
    ).toBe('starting');
    expect(flowReducer(processing, { type: 'cancel' })).toEqual({ status: 'cancelled' });
  });
});

describe('flowReducer: liveness', () => {
  const toLiveness: FlowEvent[] = [
    ...toGuiding,
    { type: 'captureStarted', trigger: 'auto' },
    { type: 'captured', capture, liveness: true },
    { type: 'livenessStarted' },
  ];

  it('keeps the camera from the capture to the end of the phase, then uploads the same photo', () => {
    const captured = run(toLiveness.slice(0, -1));
    expect(captured).toEqual({ status: 'captured', capture, liveness: true });
    expect(needsCamera(captured)).toBe(true);
    const live = run(toLiveness);
    expect(live).toEqual({ status: 'liveness', capture, step: { kind: 'preparing' } });
    expect(needsCamera(live)).toBe(true);
    const uploading = flowReducer(live, { type: 'uploadStarted' });
    expect(uploading).toEqual({ status: 'uploading', capture, progress: 0 });
    expect(needsCamera(uploading)).toBe(false);
  });

  it('does not start the phase after a capture without liveness', () => {
    const captured = run(toCaptured);
    expect(needsCamera(captured)).toBe(false);
    expect(flowReducer(captured, { type: 'livenessStarted' })).toBe(captured);
  });

  it('follows the steps, ignoring one that shows nothing new', () => {
    const live = run(toLiveness);
    const red = flowReducer(live, {
      type: 'livenessStep',
      step: { kind: 'reflection', colour: '#ff0000' },
    });
    expect(red).toMatchObject({ step: { kind: 'reflection', colour: '#ff0000' } });
    expect(
      flowReducer(red, { type: 'livenessStep', step: { kind: 'reflection', colour: '#ff0000' } }),
    ).toBe(red);
    const turn = flowReducer(red, {
      type: 'livenessStep',
      step: { kind: 'turn', direction: 'left', index: 0, count: 2, turned: false },
    });
    expect(turn).toMatchObject({ step: { kind: 'turn', direction: 'left' } });
  });

  it('capture-only: the recorded clips bring the flow back to captured, camera released', () => {
    const live = run(toLiveness);
    const clips = [{ kind: 'reflection' as const, blob: new Blob(['r']) }];
    const done = flowReducer(live, {
      type: 'livenessRecorded',
      recording: { challengeId: 'c-1', clips },
    });
    expect(done).toEqual({ status: 'captured', capture, recording: { challengeId: 'c-1', clips } });
    expect(needsCamera(done)).toBe(false);
    // Only from the phase: a late recording after a cancel changes nothing.
    const cancelled = flowReducer(live, { type: 'cancel' });
    expect(
      flowReducer(cancelled, {
        type: 'livenessRecorded',
        recording: { challengeId: 'c-1', clips },
      }),
    ).toBe(cancelled);
  });

  it('can be cancelled or fail like any active state', () => {
    const live = run(toLiveness);
    expect(flowReducer(live, { type: 'cancel' })).toEqual({ status: 'cancelled' });
    expect(flowReducer(live, { type: 'cameraFailed', reason: 'track-ended' })).toEqual({
      status: 'cameraError',
      reason: 'track-ended',
    });
    expect(
      flowReducer(live, { type: 'failed', code: 'liveness-unsupported', retryable: false }),
    ).toMatchObject({ status: 'error', code: 'liveness-unsupported' });
  });
});
