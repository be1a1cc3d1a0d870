import { describe, expect, it } from 'vitest';
import styles from './face-auth.styles.js';

/** The rules, comments dropped: what a browser applies. */
const css = styles.cssText.replace(/\/\*[\s\S]*?\*\//g, '');

/** The declarations of one rule, by its exact selector. */
function rule(selector: string): string {
  const start = css.indexOf(`${selector} {`);
  expect(start, selector).toBeGreaterThanOrEqual(0);
  return css.slice(start, css.indexOf('}', start));
}

describe('face-auth styles', () => {
  it('lay out with logical properties only, so that dir="rtl" mirrors the layout', () => {
    expect(css).not.toMatch(/\b(margin|padding|border|inset)-(left|right)\b/);
    expect(css).not.toMatch(/(^|[\s;{])(left|right)\s*:/);
    expect(css).not.toMatch(/\b(text-align|float|clear)\s*:\s*(left|right)\b/);
    expect(css).not.toMatch(/border-(top|bottom)-(left|right)-radius/);
  });

  it('flip the front camera’s preview the same way whatever the text direction', () => {
    expect(rule('video.mirrored')).toMatch(/transform:\s*scaleX\(-1\)/);
    // The only horizontal flip or shift: one more would be a physical layout in disguise.
    expect(css.match(/\b(scaleX|translateX|scale|translate)\(/g)).toEqual(['scaleX(']);
  });
});
