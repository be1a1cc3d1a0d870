/**
 * The packed package in fresh apps, as a new user gets it: `npm pack`, install the tarball into a
 * new project with Vite or webpack 5 from the npm registry, build it for production with no
 * configuration for the widget, serve the output, and reach an automatic capture in Chromium on
 * the fake camera. Proves that the bundlers find the detector's files by themselves (the literal
 * `new URL(…, import.meta.url)` in the built chunks) and that nothing 404s.
 *
 * Network: the registry, for vite / webpack and the package's dependencies. The installs are
 * cached in ~/.cache/face-auth-widget/package-apps/ (and npm's own cache), so a later run only
 * re-installs the tarball. Measured on a loaded 2-core box (noisy): 30-45 s per app, install,
 * build and browser run together, about 2 min for the file.
 */
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { clipAvailable, runPage } from './support/run-page.js';
import { serveStatic, type StaticServer } from './support/static-server.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const appSource = path.join(root, 'test/package/app');
/**
 * Outside the repository, so that nothing in the apps resolves from the repository's own
 * node_modules (Node looks up parent folders); kept between runs.
 */
const cache = path.join(
  process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'),
  'face-auth-widget/package-apps',
);

/** The bundlers under test, at the majors a new project gets today. */
const BUNDLERS = {
  vite: { vite: '^7.3.1' },
  webpack: { webpack: '^5.100.0', 'webpack-cli': '^6.0.1' },
} as const;

function run(command: string, args: string[], cwd: string): string {
  return execFileSync(command, args, {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, npm_config_fund: 'false', npm_config_audit: 'false' },
  });
}

/** Packs the built package once per run: the tarball is what `npm publish` would upload. */
function pack(): string {
  mkdirSync(cache, { recursive: true });
  for (const old of readdirSync(cache).filter((f) => f.endsWith('.tgz')))
    rmSync(path.join(cache, old));
  const out = run('npm', ['pack', '--json', '--pack-destination', cache], root);
  const [{ filename }] = JSON.parse(out) as [{ filename: string }];
  return path.join(cache, filename);
}

/**
 * A fresh app for `bundler` with the tarball installed: the app's sources copied from
 * test/package/app/, its node_modules kept between runs (only the tarball changes).
 */
function app(bundler: keyof typeof BUNDLERS, tarball: string): string {
  const dir = path.join(cache, bundler);
  mkdirSync(dir, { recursive: true });
  for (const file of readdirSync(appSource))
    copyFileSync(path.join(appSource, file), path.join(dir, file));
  const manifest = {
    name: `face-auth-${bundler}-app`,
    private: true,
    type: 'module',
    dependencies: { 'face-auth-widget': `file:${tarball}` },
    devDependencies: BUNDLERS[bundler],
  };
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify(manifest, null, 2));
  run('npm', ['install', '--prefer-offline', '--no-package-lock'], dir);
  return dir;
}

describe.skipIf(!clipAvailable())('the packed package in fresh apps', () => {
  let tarball: string;
  let server: StaticServer | undefined;

  beforeAll(() => {
    if (!existsSync(path.join(root, 'dist/index.js')))
      throw new Error('dist/ is not built: run `npm run build` (npm test does it first)');
    tarball = pack();
  }, 120_000);
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  async function expectCapture(out: string): Promise<void> {
    server = await serveStatic({ '/': out });
    const { outcome, problems } = await runPage(`${server.origin}/`);
    expect(problems).toEqual([]);
    const missing = server.requests.filter((r) => r.status !== 200 && r.path !== '/favicon.ico');
    expect(missing).toEqual([]);
    expect(outcome).toMatchObject({ event: 'capture', detector: 'ready', scored: true });
  }

  it('Vite: a production build with no configuration ships the detector and detects', async () => {
    const dir = app('vite', tarball);
    run('npx', ['vite', 'build'], dir);
    const emitted = readdirSync(path.join(dir, 'dist/assets'));
    for (const file of ['vision_wasm_internal', 'face_detection_short_range'])
      expect(
        emitted.some((f) => f.startsWith(file)),
        file,
      ).toBe(true);
    await expectCapture(path.join(dir, 'dist'));
  }, 600_000);

  it('Vite dev server: with the package excluded from pre-bundling, it serves the detector', async () => {
    const dir = app('vite', tarball);
    // Vite's own script, not npx, so that stopping this process stops the server.
    const bin = path.join(dir, 'node_modules/vite/bin/vite.js');
    const dev = spawn(
      process.execPath,
      [bin, '--config', 'vite.dev.config.js', '--host', '127.0.0.1', '--port', '0'],
      { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    try {
      let printed = '';
      dev.stdout.setEncoding('utf8');
      const origin = await new Promise<string>((resolve, reject) => {
        dev.stdout.on('data', (chunk: string) => {
          printed += chunk;
          // eslint-disable-next-line no-control-regex
          const url = /(http:\/\/127\.0\.0\.1:\d+)\//.exec(printed.replace(/\x1b\[[0-9;]*m/g, ''));
          if (url) resolve(url[1]!);
        });
        dev.once('exit', (code) => reject(new Error(`vite exited (${code}): ${printed}`)));
      });
      const { outcome, problems } = await runPage(`${origin}/`);
      expect(problems).toEqual([]);
      expect(outcome).toMatchObject({ event: 'capture', detector: 'ready', scored: true });
    } finally {
      dev.kill();
      await once(dev, 'exit');
    }
  }, 600_000);

  it('webpack 5: a production build with no rule for the widget ships the detector and detects', async () => {
    const dir = app('webpack', tarball);
    run('npx', ['webpack', '--config', 'webpack.config.mjs'], dir);
    const out = path.join(dir, 'dist-webpack');
    copyFileSync(path.join(dir, 'webpack.html'), path.join(out, 'index.html'));
    const emitted = readdirSync(out);
    expect(emitted.filter((f) => f.endsWith('.wasm'))).toHaveLength(1);
    expect(emitted.filter((f) => f.endsWith('.tflite'))).toHaveLength(1);
    await expectCapture(out);
  }, 600_000);
});
