// Browser tests: @web/test-runner driving Debian's Chromium through Playwright (no browser
// download). Each fake-camera clip of test/browser/clips.json gets its own browser group:
//   *.cam-<clip>.test.ts  -> camera plays test/.clips/<clip>.y4m, permission granted
//   *.cam-denied.test.ts  -> camera permission not granted (server command 'grant-camera' grants it)
//   any other *.test.ts   -> default clip (obama-1-centred)
import { existsSync, readFileSync, readdirSync, createReadStream } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultReporter } from '@web/test-runner';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { providerRig } from './test/browser/action/rig.mjs';
import { NO_CHROMIUM_MESSAGE, clipFile, findChromium, launchOptions } from './scripts/chromium.mjs';

const root = path.dirname(fileURLToPath(import.meta.url));
const facesDir = path.resolve(root, '../shared/faces');
const clips = Object.keys(
  JSON.parse(readFileSync(path.join(root, 'test/browser/clips.json'), 'utf8')),
);
const DEFAULT_CLIP = 'obama-1-centred';

if (!findChromium()) {
  console.error(NO_CHROMIUM_MESSAGE);
  process.exit(1);
}

/** A Chromium whose camera plays `clip` (or none when the clip is missing). */
function launcher({ clip, grantCamera }) {
  return playwrightLauncher({
    product: 'chromium',
    launchOptions: launchOptions(clip),
    createBrowserContext: ({ browser }) =>
      browser.newContext(grantCamera ? { permissions: ['camera', 'microphone'] } : {}),
  });
}

/** Requests recorded per test session by 'record-requests' (see the privacy test). */
const recordings = new Map();

/** Server commands the tests can call with executeServerCommand(). */
const commandsPlugin = {
  name: 'face-auth-commands',
  async executeCommand({ command, payload, session }) {
    if (command === 'record-requests') {
      // Every request of the browser context (page, workers, wasm fetches), seen by Playwright
      // itself rather than by the page, so nothing the page does can hide one.
      const context = session.browser.getPage(session.id).context();
      const urls = [];
      const listener = (request) => urls.push(request.url());
      context.on('request', listener);
      recordings.set(session.id, { context, listener, urls });
      return true;
    }
    if (command === 'recorded-requests') {
      const recording = recordings.get(session.id);
      if (!recording) return [];
      recording.context.off('request', recording.listener);
      recordings.delete(session.id);
      return recording.urls;
    }
    if (command === 'grant-camera') {
      const page = session.browser.getPage(session.id);
      await page.context().grantPermissions(['camera', 'microphone']);
      return true;
    }
    if (command === 'clips-available') {
      const name = payload?.clip ?? DEFAULT_CLIP;
      return existsSync(clipFile(name));
    }
    if (command === 'faces-available') return existsSync(facesDir);
    return undefined;
  },
};

/**
 * Serves the synthetic heads' textures (test/.clips/heads/, made by scripts/make-clips.ts from
 * ../shared/faces) at /__heads/ for the browser liveness tests' virtual camera.
 */
async function headsMiddleware(ctx, next) {
  if (!ctx.path.startsWith('/__heads/')) return next();
  const file = path.join(root, 'test/.clips/heads', path.basename(ctx.path));
  if (!existsSync(file)) {
    ctx.status = 404;
    return undefined;
  }
  ctx.type = file.endsWith('.json') ? 'application/json' : 'application/octet-stream';
  ctx.body = createReadStream(file);
  return undefined;
}

/** Serves ../shared/faces at /__faces/ so tests can load the photos without copying them. */
async function facesMiddleware(ctx, next) {
  if (!ctx.path.startsWith('/__faces/')) return next();
  const file = path.join(facesDir, path.basename(ctx.path));
  if (!existsSync(file)) {
    ctx.status = 404;
    return undefined;
  }
  ctx.type = path.extname(file);
  ctx.body = createReadStream(file);
  return undefined;
}

/**
 * One closing line over every group, `browser tests: N passed, M failed, K skipped`, for CI's
 * summary (the default reporter prints per-group progress only). A file that failed to load
 * counts as a failure.
 */
function countingReporter() {
  return {
    stop({ sessions }) {
      const count = { passed: 0, failed: 0, skipped: 0 };
      const walk = (suite) => {
        for (const t of suite.tests)
          count[t.skipped ? 'skipped' : t.passed ? 'passed' : 'failed']++;
        suite.suites.forEach(walk);
      };
      for (const session of sessions) {
        if (session.testResults) walk(session.testResults);
        if (session.errors.length && !session.passed) count.failed++;
      }
      console.log(
        `browser tests: ${count.passed} passed, ${count.failed} failed, ${count.skipped} skipped`,
      );
    },
  };
}

const camGlob = (name) => `test/browser/**/*.cam-${name}.test.ts`;
const browserTests = readdirSync(path.join(root, 'test/browser'), { recursive: true }).map(String);
/** web-test-runner refuses a group whose glob matches nothing, so only clips in use get one. */
const inUse = (name) => browserTests.some((f) => f.endsWith(`.cam-${name}.test.ts`));

export default {
  rootDir: root,
  nodeResolve: true,
  files: ['test/browser/**/*.test.ts', '!test/browser/**/*.cam-*.test.ts'],
  browsers: [launcher({ clip: DEFAULT_CLIP, grantCamera: true })],
  groups: [
    ...clips.map((name) => ({
      name: `cam-${name}`,
      files: camGlob(name),
      browsers: [launcher({ clip: name, grantCamera: true })],
    })),
    {
      name: 'cam-denied',
      files: camGlob('denied'),
      browsers: [launcher({ clip: DEFAULT_CLIP, grantCamera: false })],
    },
  ].filter((group) => inUse(group.name.slice('cam-'.length))),
  concurrency: 1,
  concurrentBrowsers: 1,
  browserStartTimeout: 60_000,
  testsStartTimeout: 120_000,
  // A test file's whole run: the liveness files run whole widget runs (camera, liveness phase,
  // upload, review with the liveness verifier) on a loaded 2-core box.
  testsFinishTimeout: 900_000,
  testFramework: { config: { timeout: 60_000 } },
  // providerRig: the emulator for test/browser/action/** (started on demand) and its fault proxy.
  reporters: [defaultReporter(), countingReporter()],
  middleware: [facesMiddleware, headsMiddleware, providerRig.middleware],
  plugins: [
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: path.join(root, 'tsconfig.json') }),
    commandsPlugin,
    providerRig.plugin,
  ],
};
