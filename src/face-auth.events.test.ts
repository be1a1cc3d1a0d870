import { describe, expect, it } from 'vitest';
import { CameraError } from './controllers/camera-controller.js';
import { ActionFlowError } from './core/action-flow-errors.js';
import { flowReducer, type FlowEvent, type FlowState } from './core/flow.js';
import { eventsOf, readyEvent, settles, type FlowCause } from './face-auth.events.js';
import { AssetLoadError } from './internal/assets.js';
import { en } from './translations/index.js';

const capture = { image: new Blob(), width: 1, height: 1, report: null, mode: 'auto' as const };
const starting: FlowState = { status: 'starting', captureMode: 'auto', detector: 'loading' };
const guiding = flowReducer(starting, { type: 'cameraReady' });

/** The events of the change `event` makes from `previous`, as [type, detail] pairs. */
function fired(previous: FlowState, event: FlowEvent, cause: FlowCause = {}) {
  const next = flowReducer(previous, event);
  expect(next, `${event.type} moves the flow`).not.toBe(previous);
  return eventsOf({ previous, next }, cause, en).map((e) => [
    e.type,
    (e as Event & { detail: unknown }).detail,
  ]);
}

describe('eventsOf', () => {
  it('reports a new status first, then what the new state means', () => {
    expect(fired(guiding, { type: 'cancel' })).toEqual([
      [
        'face-auth-status',
        { status: 'cancelled', previous: 'guiding', state: { status: 'cancelled' } },
      ],
      ['face-auth-cancel', { from: 'guiding' }],
    ]);
    const capturing = flowReducer({ ...guiding, manualCapture: true } as FlowState, {
      type: 'captureStarted',
      trigger: 'manual',
    });
    expect(fired(capturing, { type: 'captured', capture }).map(([type]) => type)).toEqual([
      'face-auth-status',
      'face-auth-capture',
    ]);
  });

  it('fires nothing for a change within a status', () => {
    expect(fired(guiding, { type: 'frameAssessed', hint: 'moveCloser', progress: 0 })).toEqual([]);
  });

  it("unwraps the browser's error behind a camera failure", () => {
    const browser = new DOMException('denied', 'NotAllowedError');
    const error = new CameraError('permission-denied', { cause: browser });
    const [, [, detail]] = fired(
      starting,
      { type: 'cameraFailed', reason: 'permission-denied' },
      { error },
    ) as [unknown, [string, unknown]];
    expect(detail).toEqual({
      code: 'permission-denied',
      message: en.cameraFailures['permission-denied'].title,
      fatal: true,
      cause: browser,
    });
  });

  it('adds what the provider said only to a provider-run failure', () => {
    const capturing: FlowState = { status: 'capturing', captureMode: 'auto', trigger: 'auto' };
    const encoder = new Error('no frame');
    expect(
      fired(
        capturing,
        { type: 'failed', code: 'capture-failed', retryable: true },
        { error: encoder },
      )[1],
    ).toEqual([
      'face-auth-error',
      { code: 'capture-failed', message: en.captureFailed, fatal: true, cause: encoder },
    ]);

    const uploading: FlowState = { status: 'uploading', capture, progress: 0 };
    const error = new ActionFlowError('network', 'offline', { step: 'upload' });
    const message = en.actionErrors.network;
    expect(
      fired(uploading, { type: 'failed', code: 'network', message, retryable: true }, { error })[1],
    ).toEqual([
      'face-auth-error',
      {
        code: 'network',
        message,
        fatal: true,
        cause: error,
        provider: { step: 'upload' },
        retryable: true,
      },
    ]);
  });

  it('warns once the detector turns out unavailable, not fatal', () => {
    const cause = new Error('no wasm');
    expect(fired(guiding, { type: 'detectorUnavailable' }, { error: cause })).toEqual([
      [
        'face-auth-error',
        { code: 'detector-unavailable', message: en.detectorUnavailable, fatal: false, cause },
      ],
    ]);
    const unavailable = flowReducer(starting, { type: 'detectorUnavailable' });
    expect(fired(unavailable, { type: 'cameraReady' }).map(([type]) => type)).toEqual([
      'face-auth-status',
    ]);
  });

  it('names the file that failed and the attribute to set when an asset did not load', () => {
    const cause = new AssetLoadError('https://app.example/assets/vision_wasm_internal.wasm', 404);
    const events = fired(guiding, { type: 'detectorUnavailable' }, { error: cause });
    expect(events.map(([type]) => type)).toEqual(['face-auth-error']);
    const detail = events[0]![1];
    expect(detail).toMatchObject({ code: 'detector-unavailable', fatal: false, cause });
    const { message } = detail as { message: string };
    expect(message.startsWith(en.detectorUnavailable)).toBe(true);
    expect(message).toContain('https://app.example/assets/vision_wasm_internal.wasm');
    expect(message).toContain('HTTP 404');
    expect(message).toContain('assets-base-url');
  });

  it('hands the provider answer to face-auth-action-result as it is, on the step to the handler', () => {
    const reviewing: FlowState = { status: 'processing', capture, phase: 'reviewing' };
    const actionResult = {
      actionId: 'a1',
      answer: 'GREEN' as const,
      reviewStatus: 'completed' as const,
      externalActionId: 'x',
      reviewResult: { rejectLabels: [], reviewRejectType: null },
    };
    const next = flowReducer(reviewing, { type: 'processingStarted', phase: 'awaitingHandler' });
    const [event] = eventsOf({ previous: reviewing, next }, { actionResult }, en);
    expect(event?.type).toBe('face-auth-action-result');
    expect((event as Event & { detail: unknown }).detail).toBe(actionResult);
    expect(event?.cancelable).toBe(true);
  });
});

describe('settles', () => {
  it('is true once per run: when guiding first has a settled detector', () => {
    const ready = flowReducer(guiding, { type: 'detectorReady' });
    expect(settles({ previous: starting, next: guiding })).toBe(false);
    expect(settles({ previous: guiding, next: ready })).toBe(true);
    const paused = flowReducer(ready, { type: 'pageHidden' });
    expect(settles({ previous: ready, next: paused })).toBe(false);

    const readyEarly = flowReducer(starting, { type: 'detectorReady' });
    expect(settles({ previous: starting, next: readyEarly })).toBe(false);
    expect(
      settles({ previous: readyEarly, next: flowReducer(readyEarly, { type: 'cameraReady' }) }),
    ).toBe(true);
  });

  it('face-auth-ready says which detector settled and which camera streams', () => {
    const ready = flowReducer(guiding, { type: 'detectorUnavailable' });
    expect(ready.status === 'guiding' && readyEvent(ready, 'FaceTime')?.detail).toEqual({
      detector: 'unavailable',
      cameraLabel: 'FaceTime',
    });
  });
});
