/**
 * `npm run screenshots [-- name...]`: a PNG of every `<face-auth>` screen (or the named ones) at a
 * phone (375x667) and a desktop (1280x800) size, in screenshots/out/ (gitignored).
 *
 * Debian's Chromium (playwright-core, no download) plays the fake-camera clips of
 * test/browser/clips.json; Vite's dev server serves the sources. Error screens are produced the
 * way the browser would: getUserMedia rejecting with each DOMException name, no getUserMedia, a
 * non-secure context, a track that ends, a detector that cannot load.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { clipFile, launchOptions } from './chromium.mjs';
import { startVite } from '../bench/support/browser.js';
import { root } from '../bench/support/paths.js';

const OUT = path.join(root, 'screenshots/out');
/** The two sizes of the issue; `--viewports=320x568,667x375` shoots others instead. */
const viewportArg = process.argv.find((a) => a.startsWith('--viewports='));
const VIEWPORTS = viewportArg
  ? viewportArg
      .slice('--viewports='.length)
      .split(',')
      .map((v) => {
        const [width, height] = v.split('x').map(Number);
        return { width: width!, height: height! };
      })
  : [
      { width: 375, height: 667 },
      { width: 1280, height: 800 },
    ];

/** What the page does before the shot; runs in the page with the element as `el`. */
interface Scenario {
  name: string;
  /** The fake camera; null: Chromium's built-in test pattern. */
  clip: string | null;
  attrs?: Record<string, string>;
  /** Code run in the page before `start()` (stubs). */
  setup?: string;
  /** Start the flow (default true). */
  start?: boolean;
  /** A page-side condition on `el` to wait for before the shot. */
  until: string;
  /** Code run once `until` holds (e.g. make a track end), then `until` is awaited again. */
  then?: string;
  thenUntil?: string;
}

/** Error screens made by getUserMedia rejecting: screenshot name → DOMException name. */
const GET_USER_MEDIA_ERRORS = {
  'permission-denied': 'NotAllowedError',
  'no-camera': 'NotFoundError',
  'camera-busy': 'NotReadableError',
  constraints: 'OverconstrainedError',
};
const hasHint = (hint: string) => `el.state.status === 'guiding' && el.state.hint === '${hint}'`;

const SCENARIOS: Scenario[] = [
  { name: 'intro', clip: null, start: false, until: `el.status === 'idle'` },
  {
    name: 'starting',
    clip: null,
    setup: `navigator.mediaDevices.getUserMedia = () => new Promise(() => {});`,
    until: `el.status === 'starting'`,
  },
  {
    name: 'guidance',
    clip: 'obama-1-centred',
    attrs: { thresholds: JSON.stringify({ holdMs: 8000 }) },
    until: `el.state.status === 'guiding' && el.state.progress >= 0.4`,
  },
  { name: 'hint-move-closer', clip: 'biden-1-far', until: hasHint('moveCloser') },
  { name: 'hint-one-face', clip: 'two-people', until: hasHint('multipleFaces') },
  { name: 'hint-no-face', clip: 'no-face', until: hasHint('noFace') },
  {
    name: 'manual-fallback',
    clip: 'obama-1-centred',
    attrs: { 'assets-base-url': '/no-such-assets/' },
    until: `el.state.status === 'guiding' && el.state.detector === 'unavailable'`,
  },
  { name: 'capture', clip: 'obama-1-centred', until: `el.status === 'captured'` },
  {
    name: 'cancelled',
    clip: null,
    attrs: { 'capture-mode': 'manual' },
    until: `el.status === 'guiding'`,
    then: `el.cancel()`,
    thenUntil: `el.status === 'cancelled'`,
  },
  ...Object.entries(GET_USER_MEDIA_ERRORS).map(([name, domException]) => ({
    name: `error-${name}`,
    clip: null,
    setup: `navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('stub', '${domException}'));`,
    until: `el.status === 'cameraError'`,
  })),
  {
    name: 'error-unsupported',
    clip: null,
    setup: `navigator.mediaDevices.getUserMedia = undefined;`,
    until: `el.status === 'cameraError'`,
  },
  {
    name: 'error-insecure-context',
    clip: null,
    setup: `Object.defineProperty(window, 'isSecureContext', { value: false });`,
    until: `el.status === 'cameraError'`,
  },
  {
    name: 'error-track-ended',
    clip: null,
    attrs: { 'capture-mode': 'manual' },
    until: `el.status === 'guiding' && el.shadowRoot.querySelector('video').srcObject`,
    then: `{ const t = el.shadowRoot.querySelector('video').srcObject.getVideoTracks()[0]; t.stop(); t.dispatchEvent(new Event('ended')); }`,
    thenUntil: `el.status === 'cameraError'`,
  },
  {
    name: 'error-capture-failed',
    clip: null,
    attrs: { 'capture-mode': 'manual' },
    setup: `HTMLCanvasElement.prototype.toBlob = function (callback) { callback(null); };`,
    until: `el.status === 'guiding' && el.shadowRoot.querySelector('video').videoWidth > 0`,
    then: `void el.takePhoto()`,
    thenUntil: `el.status === 'error'`,
  },
];

/** Waits for the condition; on a timeout says what the element was doing and shoots anyway. */
async function waitFor(page: Page, condition: string): Promise<void> {
  try {
    await page.waitForFunction(
      `(() => { const el = document.querySelector('face-auth'); return !!el && !!(${condition}); })()`,
      undefined,
      { timeout: 20_000, polling: 50 },
    );
  } catch {
    const state = await page.evaluate(`JSON.stringify(document.querySelector('face-auth')?.state)`);
    console.warn(`screenshots: still waiting for ${condition}; state ${String(state)}`);
  }
}

async function shoot(browser: Browser, origin: string, scenario: Scenario): Promise<void> {
  for (const viewport of VIEWPORTS) {
    const context = await browser.newContext({
      viewport,
      permissions: ['camera'],
      reducedMotion: 'reduce',
    });
    const page = await context.newPage();
    page.on('pageerror', (error) => console.error(`${scenario.name}: page error:`, error.message));
    await page.goto(`${origin}/bench/support/blank.html`);
    await page.addStyleTag({
      content: `body { margin: 0; padding: 16px; font-family: system-ui; background: #f1f3f4; }
        face-auth { margin: 0 auto; }`,
    });
    await page.evaluate(
      async ({ attrs, setup, start }) => {
        const url = '/src/define.ts';
        await import(/* @vite-ignore */ url);
        if (setup) (0, eval)(setup);
        const el = document.createElement('face-auth') as HTMLElement & { start(): Promise<void> };
        el.setAttribute('assets-base-url', '/dist/assets/');
        el.setAttribute('locale', 'en');
        for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
        document.body.append(el);
        await customElements.whenDefined('face-auth');
        if (start) void el.start();
      },
      { attrs: scenario.attrs ?? {}, setup: scenario.setup ?? '', start: scenario.start ?? true },
    );
    await waitFor(page, scenario.until);
    if (scenario.then) {
      await page.evaluate(`{ const el = document.querySelector('face-auth'); ${scenario.then} }`);
      await waitFor(page, scenario.thenUntil ?? 'true');
    }
    // Let the last render (and the video frame) reach the screen.
    await page.waitForTimeout(300);
    const file = path.join(OUT, `${scenario.name}-${viewport.width}x${viewport.height}.png`);
    await page.screenshot({ path: file });
    console.log(`screenshots: ${path.relative(root, file)}`);
    await context.close();
  }
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  if (!existsSync(path.join(root, 'dist/assets/face_detection_short_range.tflite'))) {
    execFileSync('npx', ['tsx', 'scripts/build-assets.ts'], { cwd: root, stdio: 'inherit' });
  }
  execFileSync('npx', ['tsx', 'scripts/make-clips.ts'], { cwd: root, stdio: 'inherit' });

  const server = await startVite();
  const { origin } = server;

  try {
    // One browser per camera clip: the fake camera is a launch flag.
    const wanted = process.argv.slice(2).filter((a) => !a.startsWith('--'));
    const scenarios = wanted.length ? SCENARIOS.filter((s) => wanted.includes(s.name)) : SCENARIOS;
    const clips = [...new Set(scenarios.map((s) => s.clip))];
    for (const clip of clips) {
      const file = clipFile(clip ?? undefined);
      if (file && !existsSync(file)) {
        console.warn(
          `screenshots: SKIP scenarios of clip ${clip}: ${file} missing (../shared/faces absent?)`,
        );
        continue;
      }
      const browser = await chromium.launch(launchOptions(clip ?? undefined));
      try {
        for (const scenario of scenarios.filter((s) => s.clip === clip)) {
          await shoot(browser, origin, scenario);
        }
      } finally {
        await browser.close();
      }
    }
  } finally {
    await server.close();
  }
}

await main();
