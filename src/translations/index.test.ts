import { describe, expect, it } from 'vitest';
import { KNOWN_REJECT_LABELS } from '../core/action-result.js';
import type { ActionFlowErrorCode } from '../core/action-flow-errors.js';
import { CAMERA_FAILURES } from '../core/camera-failure.js';
import { HINT_PRIORITY } from '../core/hints.js';
import { ar, de, en, ptBR, ru, translationFor, withOverrides } from './index.js';

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

describe('translations', () => {
  it('picks the language by BCP 47 tag, dropping subtags from the end, English otherwise', () => {
    expect(translationFor('ru-RU')).toBe(ru);
    expect(translationFor('RU')).toBe(ru);
    expect(translationFor('de')).toBe(de);
    expect(translationFor('de-AT')).toBe(de);
    expect(translationFor('ar-EG')).toBe(ar);
    expect(translationFor('pt-BR')).toBe(ptBR);
    expect(translationFor('pt')).toBe(ptBR);
    expect(translationFor('pt-PT')).toBe(ptBR);
    expect(translationFor('xx')).toBe(en);
    expect(translationFor('zh-Hant-TW')).toBe(en);
    expect(translationFor(undefined)).toBe(en);
  });

  it('reads tags with underscores, spaces and extra subtags, and never a name off Object', () => {
    expect(translationFor('ru_RU')).toBe(ru);
    expect(translationFor(' ru ')).toBe(ru);
    expect(translationFor('ru-Cyrl-RU-x-private')).toBe(ru);
    for (const tag of ['', 'constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      expect(translationFor(tag)).toBe(en);
    }
  });

  it('has every hint and camera failure in both languages, all different from English in ru', () => {
    for (const t of [en, ru]) {
      for (const h of HINT_PRIORITY) expect(t.hints[h]).toBeTruthy();
      for (const f of CAMERA_FAILURES) expect(t.cameraFailures[f].title).toBeTruthy();
    }
    for (const h of HINT_PRIORITY) expect(ru.hints[h]).not.toBe(en.hints[h]);
  });

  it('overrides single strings, including nested ones, without touching the rest', () => {
    const t = withOverrides(en, { start: 'Go', hints: { moveCloser: 'Closer!' } });
    expect(t.start).toBe('Go');
    expect(t.hints.moveCloser).toBe('Closer!');
    expect(t.hints.moveBack).toBe(en.hints.moveBack);
    expect(en.hints.moveCloser).toBe('Move closer');
    expect(withOverrides(en, null)).toBe(en);
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
