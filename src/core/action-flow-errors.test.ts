import { describe, expect, it } from 'vitest';
import { ActionFlowError, isRetryableCode } from './action-flow-errors.js';

describe('error codes', () => {
  it('retryable only where "Try again" can help', () => {
    expect(isRetryableCode('network')).toBe(true);
    expect(isRetryableCode('timeout')).toBe(true);
    expect(isRetryableCode('provider-unavailable')).toBe(true);
    expect(isRetryableCode('provider-rejected', 400)).toBe(false);
    expect(isRetryableCode('provider-rejected', 429)).toBe(true);
    expect(isRetryableCode('config')).toBe(false);
    expect(isRetryableCode('aborted')).toBe(false);
    const e = new ActionFlowError('provider-rejected', 'x', {
      status: 400,
      description: '<b>x</b>',
      errorCode: 1001,
    });
    expect(e).toMatchObject({
      code: 'provider-rejected',
      retryable: false,
      description: '<b>x</b>',
      errorCode: 1001,
    });
    expect(e.name).toBe('ActionFlowError');
  });

  it("keeps the provider's fields that are set as one object, without the cause", () => {
    const e = new ActionFlowError('provider-rejected', 'x', {
      step: 'upload',
      status: 400,
      errorCode: undefined,
      description: 'bad',
      cause: new Error('transport'),
    });
    expect(Object.keys(e.provider)).toEqual(['step', 'status', 'description']);
    expect(e.provider).toEqual({ step: 'upload', status: 400, description: 'bad' });
    expect(new ActionFlowError('aborted', 'x').provider).toEqual({});
  });
});
