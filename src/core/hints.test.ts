import { describe, expect, it } from 'vitest';
import { HINT_PRIORITY, sortHints } from './hints.js';

describe('hints', () => {
  it('sorts and dedupes by priority', () => {
    expect(sortHints(['holdStill', 'noFace', 'holdStill', 'moveBack'])).toEqual([
      'noFace',
      'moveBack',
      'holdStill',
    ]);
    expect(new Set(HINT_PRIORITY).size).toBe(HINT_PRIORITY.length);
  });
});
