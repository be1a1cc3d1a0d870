/**
 * Runs benchmark code in Debian's Chromium (playwright-core, no browser download) against the
 * repo served by Vite's dev server, optionally with a fake camera clip from test/.clips/.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { createServer } from 'vite';
import { clipFile, launchOptions } from '../../scripts/chromium.mjs';
import { root } from './paths.js';

/** Vite's dev server over the repo (TS compiled on the fly) on a free loopback port. */
export async function startVite(): Promise<{ origin: string; close(): Promise<void> }> {
  const server = await createServer({
    root,
    configFile: path.join(root, 'vite.config.ts'),
    logLevel: 'error',
    // No file watching: an edit elsewhere in the tree must not reload the page mid-measurement.
    server: { port: 0, host: '127.0.0.1', watch: null },
    // Pre-bundle the widget's dependencies up front. Left to discovery, Vite meets ky only when
    // the page imports it and then reloads the page under the running bench; and the default scan
    // of every HTML file trips over the demo pages' imports, which only the demo config resolves.
    optimizeDeps: {
      entries: ['bench/support/blank.html'],
      include: ['lit', 'lit/decorators.js', 'ky', '@mediapipe/tasks-vision'],
    },
  });
  await server.listen();
  const address = server.httpServer?.address();
  if (!address || typeof address === 'string') throw new Error('vite did not listen');
  return { origin: `http://127.0.0.1:${address.port}`, close: () => server.close() };
}

export interface BenchPageOptions {
  /** Name of a clip in test/.clips/ (made by scripts/make-clips.ts) to use as the camera. */
  clip?: string;
}

/** Starts Vite + Chromium, opens a blank page on the server's origin, runs `body`, cleans up. */
export async function withBenchPage<T>(
  options: BenchPageOptions,
  body: (page: Page, origin: string) => Promise<T>,
): Promise<T> {
  const clip = clipFile(options.clip);
  if (clip && !existsSync(clip))
    throw new Error(`${clip} missing: run npx tsx scripts/make-clips.ts`);
  const server = await startVite();
  const { origin } = server;
  const browser = await chromium.launch(launchOptions(options.clip));
  try {
    const context = await browser.newContext({ permissions: ['camera'] });
    const page = await context.newPage();
    page.on('pageerror', (error) => console.error('page error:', error));
    await page.goto(`${origin}/bench/support/blank.html`);
    return await body(page, origin);
  } finally {
    await browser.close();
    await server.close();
  }
}
