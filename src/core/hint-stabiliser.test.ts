import { describe, expect, it } from 'vitest';
import { INITIAL_HINT_STATE, stabiliseHint } from './hint-stabiliser.js';

describe('stabiliseHint', () => {
  it('shows the first hint at once and a new one only after it persists', () => {
    let s = stabiliseHint(INITIAL_HINT_STATE, 0, 'moveCloser', 300);
    expect(s.shown).toBe('moveCloser');
    s = stabiliseHint(s, 100, 'centreFace', 300);
    expect(s.shown).toBe('moveCloser');
    s = stabiliseHint(s, 200, 'moveCloser', 300); // flicker back: nothing changes
    s = stabiliseHint(s, 250, 'centreFace', 300);
    s = stabiliseHint(s, 500, 'centreFace', 300);
    expect(s.shown).toBe('moveCloser');
    s = stabiliseHint(s, 560, 'centreFace', 300);
    expect(s.shown).toBe('centreFace');
    // All good shows at once.
    expect(stabiliseHint(s, 570, null, 300).shown).toBeNull();
  });
});
