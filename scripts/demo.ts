/**
 * `npm run demo`: the whole story on one machine. Starts, in one process tree,
 *   - the provider emulator (a child process, data in `--data`/DEMO_DATA_DIR, default ./data),
 *   - the example host backend (demo/backend, in this process),
 *   - the Vite dev server of the demo pages (demo/pages, in this process; `/api` → backend),
 * configures the emulator for the ports picked (CORS origin of the pages, webhook URL of the
 * backend), prints ONE URL, and stops everything on Ctrl-C (SIGINT) or SIGTERM.
 *
 * Ports are free ones by default, the same as the last run on this data directory when they are
 * still free (demo-ports.json); fix them with DEMO_PORT (pages), DEMO_BACKEND_PORT and
 * DEMO_PROVIDER_PORT (or `--port` for the pages).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createServer, type ViteDevServer } from 'vite';
import { startBackend, type RunningBackend } from '../demo/backend/server.js';
import { defaultConfigPath, loadConfigFile } from 'face-auth-emulator';
import { demoViteConfig } from '../demo/pages/vite-config.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const HOST = '127.0.0.1';
/** The demo's own webhook secret, shared by the emulator (signs) and the backend (verifies). */
const WEBHOOK_SECRET = process.env.DEMO_WEBHOOK_SECRET ?? 'demo-webhook-secret-change-me';

const { values } = parseArgs({
  options: { port: { type: 'string' }, data: { type: 'string' } },
});
const dataDir = path.resolve(values.data ?? process.env.DEMO_DATA_DIR ?? 'data');
const portsFile = path.join(dataDir, 'demo-ports.json');

/** `port` if it is free now (0: any free port); rejects when it is taken. */
function probePort(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(port, HOST, () => {
      const { port: bound } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(bound));
    });
  });
}

interface SavedPorts {
  pages?: number;
  backend?: number;
  provider?: number;
}

/**
 * The port for one part: the env/flag value when given (used as is), else the one the last run
 * on this data directory used when it is still free (the URL stays the same across runs, and
 * webhooks queued for the backend's old URL still arrive), else a free one.
 */
async function pickPort(fixed: string | undefined, saved: number | undefined): Promise<number> {
  if (fixed) return Number(fixed);
  if (saved) {
    const port = await probePort(saved).catch(() => 0);
    if (port) return port;
  }
  return probePort(0);
}

/** dist/ holds the CDN build (plain-HTML example) and the MediaPipe assets every page loads. */
function ensureBuilt(): void {
  const needed = ['dist/cdn/face-auth.js', 'dist/assets/face_detection_short_range.tflite'];
  if (needed.every((f) => existsSync(path.join(root, f)))) return;
  console.log('demo: building dist/ (first run)…');
  const r = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('npm run build failed');
}

/**
 * Starts the emulator as a child and resolves with its URL from its `listening on` line. The
 * webhook secret goes in its environment: arguments are in the process list for all to read.
 */
function startProvider(args: string[]): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(root, 'emulator/src/main.ts'), ...args],
    {
      cwd: root,
      env: { ...process.env, WEBHOOK_SECRET, WEBHOOK_SECRET_FILE: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.setEncoding('utf8');
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (chunk: string) => process.stderr.write(`[provider] ${chunk}`));
    const onData = (chunk: string): void => {
      out += chunk;
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) {
        child.stdout!.off('data', onData);
        // From here on only the notable lines (the config block was printed once already).
        child.stdout!.on('data', (c: string) => {
          for (const line of c.split('\n')) if (line.trim()) console.log(`[provider] ${line}`);
        });
        resolve({ child, url: m[1]! });
      }
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`provider exited (${code}) before listening`)));
  });
}

function waitForExit(child: ChildProcess, ms: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
    }, ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

async function main(): Promise<void> {
  ensureBuilt();
  mkdirSync(dataDir, { recursive: true });
  let saved: SavedPorts = {};
  try {
    saved = JSON.parse(readFileSync(portsFile, 'utf8')) as SavedPorts;
  } catch {
    // First run on this data directory.
  }
  const providerConfig = loadConfigFile(defaultConfigPath);
  const appToken = providerConfig.appTokens[0]!;

  let backend: RunningBackend | undefined;
  let vite: ViteDevServer | undefined;
  let provider: ChildProcess | undefined;
  let stopping: Promise<void> | undefined;

  const stop = (code: number): Promise<void> =>
    (stopping ??= (async () => {
      // Vite at once: a terminal's Ctrl-C reaches its esbuild service too (same process group),
      // so a page request meanwhile would fail to compile ("The service is no longer running");
      // a closing Vite drops such requests quietly instead.
      const viteClosed = vite?.close().catch(() => undefined);
      // The emulator before the backend: it may be mid-way through a webhook to the backend.
      if (provider) {
        if (provider.exitCode === null && provider.signalCode === null) provider.kill('SIGTERM');
        await waitForExit(provider, 10_000);
      }
      await viteClosed;
      await backend?.close().catch(() => undefined);
      process.exit(code);
    })());
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.on(sig, () => {
      console.log(`demo: ${sig}, stopping…`);
      void stop(0);
    });
  }

  try {
    backend = await startBackend({
      port: await pickPort(process.env.DEMO_BACKEND_PORT, saved.backend),
      host: HOST,
      appToken: appToken.token,
      appSecret: appToken.secret,
      secretKey: providerConfig.secretKeys[0]!,
      webhookSecret: WEBHOOK_SECRET,
      dataDir,
    });
    const pagePort = await pickPort(values.port ?? process.env.DEMO_PORT, saved.pages);
    const ownSigterm = new Set(process.listeners('SIGTERM'));
    vite = await createServer(
      demoViteConfig({ port: pagePort, host: HOST, backendUrl: backend.url }),
    );
    await vite.listen();
    // Vite exits the process on SIGTERM once it has closed itself, which would orphan the
    // emulator: this script's own handler stops everything, Vite included.
    for (const l of process.listeners('SIGTERM')) if (!ownSigterm.has(l)) process.off('SIGTERM', l);
    const pageUrl = `http://${HOST}:${pagePort}/`;
    // The pages' origins are the only ones the backend takes state-changing calls from.
    backend.setPages(pageUrl, [`http://localhost:${pagePort}/`]);

    const started = await startProvider([
      '--port',
      String(await pickPort(process.env.DEMO_PROVIDER_PORT, saved.provider)),
      '--host',
      HOST,
      '--data',
      dataDir,
      '--webhook-url',
      `${backend.url}/webhooks/provider`,
      '--cors-origin',
      `http://${HOST}:${pagePort}`,
      '--cors-origin',
      `http://localhost:${pagePort}`,
    ]);
    provider = started.child;
    provider.once('exit', (code, signal) => {
      if (stopping) return;
      console.error(`demo: the provider emulator stopped (${signal ?? code}); stopping the demo`);
      void stop(1);
    });
    backend.setProviderUrl(started.url);
    const ports: SavedPorts = {
      pages: pagePort,
      backend: backend.port,
      provider: Number(new URL(started.url).port),
    };
    writeFileSync(portsFile, `${JSON.stringify(ports)}\n`);

    console.log(
      [
        '',
        `  face-auth demo ready: ${pageUrl}`,
        '',
        `  provider emulator ${started.url}   host backend ${backend.url}   data ${dataDir}`,
        '  (the face models load in a few seconds; Ctrl-C stops everything)',
        '',
      ].join('\n'),
    );
  } catch (err) {
    console.error('demo: failed to start:', err);
    await stop(1);
  }
}

await main();
