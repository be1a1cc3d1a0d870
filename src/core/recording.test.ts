import { describe, expect, it } from 'vitest';
import { pickRecorderMime } from './recording.js';

describe('pickRecorderMime', () => {
  it('prefers WebM with VP8', () => {
    expect(pickRecorderMime(() => true)).toBe('video/webm;codecs=vp8');
  });
  it('falls back to plain WebM', () => {
    expect(pickRecorderMime((t) => t === 'video/webm')).toBe('video/webm');
  });
  it('has nothing when the browser records no WebM', () => {
    expect(pickRecorderMime((t) => t === 'video/mp4')).toBeNull();
    expect(
      pickRecorderMime(() => {
        throw new Error('codecs?');
      }),
    ).toBeNull();
  });
});
