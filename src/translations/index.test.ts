import { describe, expect, it } from 'vitest';
import { KNOWN_REJECT_LABELS } from '../core/action-result.js';
import type { ActionFlowErrorCode } from '../core/action-flow-errors.js';
import { en, ru, withOverrides } from './index.js';

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
