/**
 * Does Chromium keep the detector's compiled wasm between visits, and what does a returning
 * visitor's start cost? (docs/assets.md, "Where a start's time goes".)
 *
 * Chromium runs here with no DevTools connection at all (a debugger changes how V8 compiles wasm):
 * one profile on disk, four visits of a page that starts `<face-auth>` and reports its first hint
 * to a second local server, each visit staying `stay` ms with detection running (manual capture
 * mode, so it never stops). After each visit it prints the size of the profile's wasm code cache.
 *
 *   npx tsx scripts/wasm-code-cache.ts [stay-ms] [extra Chromium flag]
 *
 * e.g. `npx tsx scripts/wasm-code-cache.ts 10000 "--js-flags=--wasm-caching-threshold=1000
 * --wasm-caching-timeout-ms=100 --wasm-caching-hard-threshold=2000"` lowers V8's thresholds for
 * writing the cache, which no page can do.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ensureClip } from '../bench/support/browser.js';
import { ensureBuilt } from '../bench/support/build.js';
import { root } from '../bench/support/paths.js';
import { startStaticServer } from '../bench/support/static-server.js';
import { CHROMIUM_ARGS, fakeCameraArgs, findChromium, NO_CHROMIUM_MESSAGE } from './chromium.mjs';

const stayMs = Number(process.argv[2] ?? 10_000);
const extraFlags = process.argv.slice(3);
const chromium = findChromium();
if (!chromium) throw new Error(NO_CHROMIUM_MESSAGE);
ensureBuilt();
ensureClip('obama-1-centred');

/** Bytes and files under `dir`. */
function weigh(dir: string): string {
  const files = existsSync(dir)
    ? readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile())
    : [];
  const bytes = files.reduce((sum, e) => sum + statSync(path.join(e.parentPath, e.name)).size, 0);
  return `${files.length} files, ${(bytes / 1e6).toFixed(2)} MB`;
}

let report: ((message: string) => void) | null = null;
const reports = createServer((req, res) => {
  report?.(new URL(req.url ?? '/', 'http://localhost').searchParams.get('m') ?? '');
  res.end();
});
await new Promise<void>((resolve) => reports.listen(0, '127.0.0.1', resolve));
const reportUrl = `http://127.0.0.1:${(reports.address() as AddressInfo).port}/`;

// The report goes out as an image request: a cross-origin GET that needs no CORS answer.
const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><script type="module" src="/dist/cdn/face-auth.js"></script></head>
<body><script type="module">
  await customElements.whenDefined('face-auth');
  const el = document.createElement('face-auth');
  el.setAttribute('capture-mode', 'manual');
  document.body.append(el);
  const t0 = performance.now();
  el.start();
  while (!(el.state.status === 'guiding' && (el.state.hint || el.state.good)))
    await new Promise((r) => setTimeout(r, 5));
  new Image().src = ${JSON.stringify(reportUrl)} + '?m=' + Math.round(performance.now() - t0);
</script></body></html>`;

const server = await startStaticServer(root, {
  encoding: 'precompressed',
  pages: { '/visit.html': PAGE },
});
const profile = mkdtempSync(path.join(os.tmpdir(), 'wasm-code-cache-'));

async function visit(label: string): Promise<void> {
  const args = [
    ...CHROMIUM_ARGS,
    ...fakeCameraArgs('obama-1-centred'),
    '--headless',
    '--use-fake-ui-for-media-stream',
    `--user-data-dir=${profile}`,
    ...extraFlags,
    `${server.origin}/visit.html`,
  ];
  const browser = spawn(chromium!, args, { stdio: 'ignore' });
  const hint = await new Promise<string>((resolve) => {
    report = resolve;
    setTimeout(() => resolve('none within 60 s'), 60_000);
  });
  await new Promise((resolve) => setTimeout(resolve, stayMs));
  browser.kill('SIGTERM');
  await new Promise((resolve) => browser.once('exit', resolve));
  const cache = weigh(path.join(profile, 'Default/Code Cache/wasm'));
  console.log(`${label.padEnd(6)} first hint ${hint} ms; wasm code cache after it: ${cache}`);
}

try {
  for (const label of ['cold', 'warm 1', 'warm 2', 'warm 3']) await visit(label);
} finally {
  reports.close();
  await server.close();
  rmSync(profile, { recursive: true, force: true });
}
