import { describe, expect, it } from 'vitest';
import { en, ru, translationFor, withOverrides } from '../../../src/translations/index.js';
import { HINT_PRIORITY } from '../../../src/core/hints.js';
import { CAMERA_FAILURES } from '../../../src/core/camera-failure.js';
import {
  FaceAuthCancelEvent,
  FaceAuthCaptureEvent,
  FaceAuthErrorEvent,
  FaceAuthReadyEvent,
  FaceAuthStatusEvent,
} from '../../../src/events/index.js';

describe('translations', () => {
  it('picks the language by primary subtag, English otherwise', () => {
    expect(translationFor('ru-RU')).toBe(ru);
    expect(translationFor('RU')).toBe(ru);
    expect(translationFor('de')).toBe(en);
    expect(translationFor(undefined)).toBe(en);
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
