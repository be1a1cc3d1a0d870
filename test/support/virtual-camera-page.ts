/**
 * Puts the browser tests' reactive virtual camera (test/browser/support/virtual-camera.ts: the
 * synthetic 3D head of a photo, turning when the widget prompts and lit by the colour it shows)
 * into a Playwright page the tests do not serve: the emulator's validationLink page (from the
 * web-test-runner rig) and the demo's pages (the demo test). It is how a test stands a live-like
 * person in front of a page's real `<face-auth>`, whose liveness the real server analysis judges.
 *
 * Nothing in the page or the emulator knows about it, and the page's strict CSP stays as served:
 * the camera's script is evaluated through the DevTools protocol (as any Playwright
 * `evaluate`), and its worker and the photo's texture are answered by Playwright routes on the
 * page's own origin ('self' for worker-src and connect-src).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Page } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const support = path.join(root, 'test/browser/support');
const headsDir = path.join(root, 'test/.clips/heads');
/** Same-origin paths the routes answer; loadTexture() asks for `/__heads/<photo>.json|.rgb`. */
const WORKER_PATH = '/__virtual-camera/worker.js';
const HEADS_PATH = '/__heads/';

let bundles: Promise<{ page: string; worker: string }> | undefined;

/** The page script (an IIFE) and the worker (an ES module), each bundled once per process. */
function bundled(): Promise<{ page: string; worker: string }> {
  bundles ??= Promise.all(
    [
      ['virtual-camera.inject.ts', 'iife'],
      ['virtual-camera.worker.ts', 'esm'],
    ].map(async ([file, format]) => {
      const out = await build({
        entryPoints: [path.join(support, file!)],
        bundle: true,
        format: format as 'iife' | 'esm',
        platform: 'browser',
        target: 'es2022',
        write: false,
        logLevel: 'silent',
      });
      return out.outputFiles[0]!.text;
    }),
  ).then(([page, worker]) => ({ page: page!, worker: worker! }));
  return bundles;
}

/** True when the synthetic heads' textures exist (made by scripts/make-clips.ts from ../shared/faces). */
export function headTexturesAvailable(photo = 'obama-1.jpg'): boolean {
  return existsSync(path.join(headsDir, `${photo}.json`));
}

/**
 * Routes the camera's worker and textures on `page` (any origin it navigates to). Call before
 * the page loads; then {@link installVirtualCameraIn} once its `<face-auth>` is mounted.
 */
export async function routeVirtualCamera(page: Page): Promise<void> {
  const { worker } = await bundled();
  await page.route(`**${WORKER_PATH}`, (route) =>
    route.fulfill({ status: 200, contentType: 'text/javascript', body: worker }),
  );
  await page.route(`**${HEADS_PATH}*`, (route) => {
    const file = path.join(headsDir, path.basename(new URL(route.request().url()).pathname));
    if (!existsSync(file)) return route.fulfill({ status: 404, body: '' });
    return route.fulfill({
      status: 200,
      contentType: file.endsWith('.json') ? 'application/json' : 'application/octet-stream',
      body: readFileSync(file),
    });
  });
}

/**
 * Replaces the page's camera with the synthetic 3D head of `photo` (a photo of ../shared/faces)
 * watching the page's `<face-auth>`, which must be mounted and not yet started. The page must
 * have been routed by {@link routeVirtualCamera} before it loaded.
 */
export async function installVirtualCameraIn(page: Page, photo = 'obama-1.jpg'): Promise<void> {
  const { page: script } = await bundled();
  await page.evaluate(script);
  await page.evaluate(
    ([p, w]) => window.__virtualCamera!.install(p!, new URL(w!, location.href).href),
    [photo, WORKER_PATH],
  );
}

/** The injected camera's stats (frames drawn, the page's long tasks), for a test's log. */
export function virtualCameraStats(page: Page): Promise<unknown> {
  return page.evaluate(() => window.__virtualCamera?.stats() ?? null);
}
