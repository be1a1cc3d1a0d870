/**
 * The CDN build on a page with a strict Content-Security-Policy and Trusted Types required: no
 * inline script, scripts from the page's origin only, wasm compiled under 'wasm-unsafe-eval'. The
 * widget must reach an automatic capture (detection ran on camera frames) with nothing refused.
 * The minimal policy here is the one README.md and docs/integration.md give.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clipAvailable, runPage } from './support/run-page.js';
import { serveStatic, type StaticServer } from './support/static-server.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dist = path.join(root, 'dist');

/** README's minimal policy (its provider origin aside: this page only captures). */
const STRICT_CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "img-src 'self' blob:",
  "connect-src 'self' blob:",
  "require-trusted-types-for 'script'",
  'trusted-types face-auth lit-html',
].join('; ');

describe.skipIf(!clipAvailable())('the CDN build under a strict CSP with Trusted Types', () => {
  let server: StaticServer;
  let policy = STRICT_CSP;

  beforeAll(async () => {
    if (!existsSync(path.join(dist, 'cdn/face-auth.js')))
      throw new Error('dist/ is not built: run `npm run build` (npm test does it first)');
    // Read per request: each test serves the page with its own policy.
    server = await serveStatic(
      { '/vendor/face-auth/': dist, '/': path.join(root, 'test/package') },
      () => ({ 'Content-Security-Policy': policy }),
    );
  });
  afterAll(() => server?.close());

  it('detects and captures with nothing refused', async () => {
    policy = STRICT_CSP;
    const { outcome, problems } = await runPage(`${server.origin}/cdn-csp/`);
    expect(problems).toEqual([]);
    const missing = server.requests.filter((r) => r.status !== 200 && r.path !== '/favicon.ico');
    expect(missing).toEqual([]);
    expect(outcome).toMatchObject({
      event: 'capture',
      detector: 'ready',
      imageType: 'image/jpeg',
      scored: true,
    });
  }, 240_000);

  it('still detects where connect-src lacks blob: (the model goes to MediaPipe as bytes)', async () => {
    policy = STRICT_CSP.replace("connect-src 'self' blob:", "connect-src 'self'");
    const { outcome, problems } = await runPage(`${server.origin}/cdn-csp/`);
    // The one refusal: the widget's own check whether it may fetch a blob: URL.
    expect(problems.length).toBeGreaterThan(0);
    for (const problem of problems) expect(problem).toMatch(/connect-src|Refused to connect/);
    expect(outcome).toMatchObject({ event: 'capture', detector: 'ready', scored: true });
  }, 240_000);

  it('is enforced: without the face-auth policy the loader is refused, and the error says which file', async () => {
    policy = STRICT_CSP.replace('trusted-types face-auth lit-html', 'trusted-types lit-html');
    const { outcome, problems } = await runPage(`${server.origin}/cdn-csp/`);
    expect(problems.join('\n')).toContain("TrustedTypePolicy named 'face-auth'");
    expect(outcome).toMatchObject({ event: 'error', code: 'detector-unavailable' });
    expect(outcome.message).toContain('/vendor/face-auth/assets/vision_wasm_internal.js');
    expect(outcome.message).toContain('trusted-types');
  }, 240_000);
});
