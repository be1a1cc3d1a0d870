// The one place that knows how this project starts Chromium: which binary (Debian's
// /usr/bin/chromium or CHROME_PATH; no browser download) and which flags a headless run needs
// here. Plain JS so web-test-runner.config.mjs can import it as well as the TS scripts.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** @returns {string | undefined} the Chromium binary to use, if any. */
export function findChromium() {
  return [process.env.CHROME_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find(
    (p) => p && existsSync(p),
  );
}

export const NO_CHROMIUM_MESSAGE =
  "No Chromium found. Install Debian's chromium (apt-get install chromium) or set CHROME_PATH.";

/** Flags a headless Chromium needs on this kind of machine. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  // No calls home: this machine's network is closed and the widget must not depend on any.
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  // WebGL2 on the CPU (SwiftShader): MediaPipe needs a WebGL2 context even with the CPU delegate.
  '--enable-unsafe-swiftshader',
  '--use-angle=swiftshader',
];

/** @param {string | undefined} clip a clip name of test/browser/clips.json */
export function clipFile(clip) {
  return clip ? path.join(root, 'test/.clips', `${clip}.y4m`) : undefined;
}

/**
 * Fake camera flags: the camera plays test/.clips/<clip>.y4m (Chromium's test pattern when the
 * clip is missing or none is named).
 * @param {string | undefined} clip
 */
export function fakeCameraArgs(clip) {
  const file = clipFile(clip);
  const args = ['--use-fake-device-for-media-stream'];
  if (file && existsSync(file)) args.push(`--use-file-for-fake-video-capture=${file}`);
  return args;
}

/**
 * Playwright launch options for a headless run here: the binary, CHROMIUM_ARGS, `extraArgs`,
 * then the fake camera playing `clip`. Throws NO_CHROMIUM_MESSAGE when there is no Chromium.
 * @param {string | undefined} [clip]
 * @param {string[]} [extraArgs]
 */
export function launchOptions(clip, extraArgs = []) {
  const executablePath = findChromium();
  if (!executablePath) throw new Error(NO_CHROMIUM_MESSAGE);
  return {
    executablePath,
    headless: true,
    args: [...CHROMIUM_ARGS, ...extraArgs, ...fakeCameraArgs(clip)],
  };
}
