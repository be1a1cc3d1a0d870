import { describe, expect, it } from 'vitest';
import { KNOWN_REJECT_LABELS, rejectReasons } from '../../../src/core/action-result.js';
import type { ActionFlowErrorCode } from '../../../src/core/action-flow-errors.js';
import { flowReducer, type FlowState } from '../../../src/core/flow.js';
import { FaceAuthActionResultEvent } from '../../../src/events/index.js';
import { en, ru, withOverrides } from '../../../src/translations/index.js';

const ACTION_ERROR_CODES: ActionFlowErrorCode[] = [
  'config',
  'token',
  'token-expired',
  'network',
  'provider-rejected',
  'provider-unavailable',
  'provider-response',
  'timeout',
  'aborted',
];

const capture = { image: new Blob(), width: 1, height: 1, report: null, mode: 'auto' as const };
const processing: FlowState = { status: 'processing', capture, phase: 'awaitingHandler' };

describe('reject reasons', () => {
  it('keeps known labels in their order of importance, each once', () => {
    expect(rejectReasons(['LOW_QUALITY', 'FACE_MISMATCH', 'LOW_QUALITY'])).toEqual([
      'FACE_MISMATCH',
      'LOW_QUALITY',
    ]);
  });

  it('folds unknown labels into one generic reason, and never shows an empty list', () => {
    expect(rejectReasons(['SANDBOX', 'WHATEVER'])).toEqual(['other']);
    expect(rejectReasons(['NO_FACE', 'SANDBOX'])).toEqual(['NO_FACE', 'other']);
    expect(rejectReasons([])).toEqual(['other']);
  });
});

describe('provider flow in the reducer', () => {
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

describe('provider flow strings', () => {
  it('has every error code and reject label in both languages, Russian different from English', () => {
    for (const t of [en, ru]) {
      for (const c of ACTION_ERROR_CODES) expect(t.actionErrors[c]).toBeTruthy();
      for (const l of KNOWN_REJECT_LABELS) expect(t.rejectReasons[l]).toBeTruthy();
    }
    for (const c of ACTION_ERROR_CODES) expect(ru.actionErrors[c]).not.toBe(en.actionErrors[c]);
    for (const l of KNOWN_REJECT_LABELS) expect(ru.rejectReasons[l]).not.toBe(en.rejectReasons[l]);
    expect(ru.errorDetail('x')).toContain('x');
  });

  it('overrides single reasons and error messages without touching the rest', () => {
    const t = withOverrides(en, {
      rejectReasons: { FACE_MISMATCH: 'Not you.' },
      actionErrors: { timeout: 'Slow.' },
    });
    expect(t.rejectReasons.FACE_MISMATCH).toBe('Not you.');
    expect(t.rejectReasons.NO_FACE).toBe(en.rejectReasons.NO_FACE);
    expect(t.actionErrors.timeout).toBe('Slow.');
    expect(t.actionErrors.network).toBe(en.actionErrors.network);
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
