/**
 * docs/api.md is generated (scripts/api-docs.ts); this fails when the committed page no longer
 * says what the JSDoc, the event classes and the styles say. Fix: `npm run docs`, then commit.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { API_DOCS_PATH, generateApiDocs } from './api-docs.js';

let markdown = '';
beforeAll(async () => {
  ({ markdown } = await generateApiDocs());
});

describe('docs/api.md', () => {
  it('is what npm run docs generates from the code now', () => {
    const committed = readFileSync(API_DOCS_PATH, 'utf8');
    // One assertion, one message: a diff of two long strings says less than the fix does.
    expect(committed === markdown, 'docs/api.md is stale: run `npm run docs` and commit it').toBe(
      true,
    );
  });

  it('documents every event with its class and full detail', () => {
    for (const name of [
      'face-auth-ready',
      'face-auth-status',
      'face-auth-capture',
      'face-auth-error',
      'face-auth-cancel',
      'face-auth-action-result',
    ])
      expect(markdown).toContain(`### ${name}\n`);
    // The error detail comes from FaceAuthErrorDetail, not from a hand-written summary.
    expect(markdown).toMatch(/\| `provider\?` \| `FaceAuthProviderErrorDetail` \|/);
    expect(markdown).toMatch(/\| `retryable\?` \| `boolean` \|/);
  });
});
