/**
 * Runs benchmark code in Debian's Chromium (playwright-core, no browser download) against the
 * repo served by Vite's dev server, optionally with a fake camera clip from test/.clips/ (made
 * from ../shared/faces on first use).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
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
    // Pre-bundle the widget's dependencies up front. Left to discovery, Vite meets a dependency
    // (ky, lit/directive.js) only when the page imports it and then reloads the page under the
    // running bench ("Execution context was destroyed" on a fresh clone's first run); so the scan
    // starts from what the pages import: the element's and the liveness runs' entry modules. The
    // default scan of every HTML file trips over the demo pages' imports, which only the demo
    // config resolves.
    optimizeDeps: {
      entries: [
        'bench/support/blank.html',
        'src/define.ts',
        'test/browser/support/liveness-run.ts',
      ],
      include: ['lit', 'lit/decorators.js', 'lit/directive.js', 'ky', '@mediapipe/tasks-vision'],
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

/**
 * Makes `file` with scripts/make-clips.ts (the fake-camera clips and the virtual camera's head
 * textures, from ../shared/faces) when it is not there yet, saying so in one line.
 */
function ensureMadeByClips(file: string): void {
  if (existsSync(file)) return;
  console.log(
    `${path.relative(root, file)} is missing: making the camera clips and head textures (scripts/make-clips.ts)`,
  );
  execFileSync(process.execPath, ['--import', 'tsx', path.join(root, 'scripts/make-clips.ts')], {
    cwd: root,
    stdio: 'inherit',
  });
  if (!existsSync(file)) throw new Error(`${file} missing: make-clips could not make it`);
}

/** The fake-camera clip `clip` (test/.clips/<clip>.y4m), made on first use. */
export function ensureClip(clip: string): void {
  ensureMadeByClips(clipFile(clip)!);
}

/**
 * The virtual camera's head texture of `photo` (test/.clips/heads/<photo>.json and .rgb), made on
 * first use; returns the folder.
 */
export function ensureHeadTexture(photo: string): string {
  const dir = path.join(root, 'test/.clips/heads');
  ensureMadeByClips(path.join(dir, `${photo}.json`));
  return dir;
}

/** Chromium as the benches run it, its camera playing `clip`. */
export async function launchBrowser(clip?: string): Promise<Browser> {
  if (clip) ensureClip(clip);
  return chromium.launch(launchOptions(clip));
}

/** tsx compiles code passed to `page.evaluate` and wraps named functions in `__name`. */
const NAME_HELPER =
  'globalThis.__name = (f, n) => Object.defineProperty(f, "name", { value: n, configurable: true });';

/** A context with the camera allowed, in which page functions may be named. */
export async function benchContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext({ permissions: ['camera'] });
  await context.addInitScript({ content: NAME_HELPER });
  return context;
}

/**
 * Chromium with a profile of its own on disk, as a person's browser has: its HTTP cache and the
 * compiled-code cache of wasm live on disk, unlike the memory-only cache of `benchContext`, which
 * keeps no entry as large as the wasm. `close()` ends the browser and deletes the profile.
 */
export async function profileContext(
  clip: string,
): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  ensureClip(clip);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-profile-'));
  const context = await chromium.launchPersistentContext(dir, {
    ...launchOptions(clip),
    permissions: ['camera'],
  });
  await context.addInitScript({ content: NAME_HELPER });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Starts Vite + Chromium, opens a blank page on the server's origin, runs `body`, cleans up. */
export async function withBenchPage<T>(
  options: BenchPageOptions,
  body: (page: Page, origin: string) => Promise<T>,
): Promise<T> {
  const browser = await launchBrowser(options.clip);
  const server = await startVite();
  const { origin } = server;
  try {
    const context = await benchContext(browser);
    const page = await context.newPage();
    page.on('pageerror', (error) => console.error('page error:', error));
    await page.goto(`${origin}/bench/support/blank.html`);
    return await body(page, origin);
  } finally {
    await browser.close();
    await server.close();
  }
}
