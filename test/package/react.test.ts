/**
 * The built `face-auth-widget/react` in a real React 19 app in Chromium: the page, bundled with
 * esbuild from dist/react.js and react-dom, renders `<FaceAuth>` and a bare `<face-auth>` tag.
 * Both must be the registered element with their props set, and both handlers must receive the
 * element's own `face-auth-error` when a run starts without a camera permission (the real flow's
 * event, nothing dispatched by hand): the wrapper's `onFaceAuthError`, and React 19's listener
 * for the bare tag's `onface-auth-error` (what face-auth-widget/jsx types).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromium, launchOptions } from '../../scripts/chromium.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const app = `
import { createElement as h } from 'react';
import { createRoot } from 'react-dom/client';
import { FaceAuth } from ${JSON.stringify(path.join(root, 'dist/react.js'))};

window.events = [];
const log = (who) => (e) => window.events.push(who + ':' + e.type + ':' + e.detail.code);
createRoot(document.getElementById('app')).render([
  h(FaceAuth, { key: 'w', id: 'wrapped', captureMode: 'manual', onFaceAuthError: log('wrapper') }),
  h('face-auth', {
    key: 'b',
    id: 'bare',
    'capture-mode': 'manual',
    jpegQuality: 0.5,
    'onface-auth-error': log('bare'),
  }),
]);
`;

describe('face-auth-widget/react in a React 19 page', () => {
  let browser: Browser | undefined;
  let bundle = '';

  beforeAll(async () => {
    if (!existsSync(path.join(root, 'dist/react.js')))
      throw new Error('dist/ is not built: run `npm run build` (npm test does it first)');
    if (!findChromium()) throw new Error('no Chromium: set CHROME_PATH or install chromium');
    const out = await build({
      stdin: { contents: app, resolveDir: root, loader: 'js' },
      bundle: true,
      format: 'iife',
      write: false,
      logLevel: 'silent',
      define: { 'process.env.NODE_ENV': '"production"' },
    });
    bundle = out.outputFiles[0]!.text;
    browser = await chromium.launch(launchOptions());
  }, 120_000);
  afterAll(async () => browser?.close());

  it('renders the wrapper and the bare tag as <face-auth>, and both hear its events', async () => {
    const page = await browser!.newPage();
    // localhost is a secure context, as a camera needs; the page is served from memory.
    await page.route('http://localhost/**', (route) =>
      route.request().url().endsWith('/app.js')
        ? route.fulfill({ contentType: 'text/javascript', body: bundle })
        : route.fulfill({
            contentType: 'text/html',
            body: '<!doctype html><div id="app"></div><script src="/app.js"></script>',
          }),
    );
    await page.goto('http://localhost/');
    await page.waitForFunction(() => document.querySelectorAll('face-auth').length === 2);

    const state = await page.evaluate(() => {
      const Element = customElements.get('face-auth')!;
      const wrapped = document.getElementById('wrapped') as HTMLElement & Record<string, unknown>;
      const bare = document.getElementById('bare') as HTMLElement & Record<string, unknown>;
      return {
        upgraded: wrapped instanceof Element && bare instanceof Element,
        wrappedMode: wrapped.captureMode,
        bareMode: bare.captureMode,
        bareQuality: bare.jpegQuality,
      };
    });
    expect(state).toEqual({
      upgraded: true,
      wrappedMode: 'manual',
      bareMode: 'manual',
      bareQuality: 0.5,
    });

    // No camera permission was granted: each run ends in the element's own face-auth-error.
    await page.evaluate(() => {
      for (const el of document.querySelectorAll('face-auth'))
        void (el as HTMLElement & { start(): Promise<void> }).start();
    });
    await page.waitForFunction(
      () => (window as unknown as { events: string[] }).events.length >= 2,
      null,
      {
        timeout: 60_000,
      },
    );
    const events = await page.evaluate(() => (window as unknown as { events: string[] }).events);
    expect(events.some((e) => e.startsWith('wrapper:face-auth-error:'))).toBe(true);
    expect(events.some((e) => e.startsWith('bare:face-auth-error:'))).toBe(true);
    await page.close();
  }, 120_000);
});
