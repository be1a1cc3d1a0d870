/**
 * Starts `npm run demo`'s process tree (scripts/demo.ts) as the README tells a newcomer to, on
 * free ports and a temp data directory, and drives it with Debian's Chromium (playwright-core).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { launchOptions } from '../../scripts/chromium.mjs';
import { installVirtualCameraIn, routeVirtualCamera } from '../support/virtual-camera-page.js';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const facesDir = path.resolve(root, '../shared/faces');

/** Chromium whose camera plays test/.clips/<clip>.y4m (or the built-in pattern without one). */
export function launchChromium(clip?: string): Promise<Browser> {
  // The fake-UI flag grants the camera to every page, as a user clicking "Allow" would.
  return chromium.launch(launchOptions(clip, ['--use-fake-ui-for-media-stream']));
}

/** A visitor's cookies, to come back as the same signed-in user in another browser. */
export type Visit = Awaited<ReturnType<BrowserContext['storageState']>>;

/**
 * The story page in a new context of `browser` with the camera allowed, signed in: as the
 * visitor of `visit` (returning), or as a new demo user. The page's `context().storageState()`
 * is the visit to come back with.
 */
export async function openStory(
  browser: Browser,
  url: string,
  opts: { visit?: Visit | undefined; viewport?: { width: number; height: number } } = {},
): Promise<Page> {
  const context = await browser.newContext({
    permissions: ['camera'],
    ...(opts.visit ? { storageState: opts.visit } : {}),
    ...(opts.viewport ? { viewport: opts.viewport } : {}),
  });
  const page = await context.newPage();
  page.on('pageerror', (err) => console.error('page error:', err));
  await page.goto(url);
  if (!opts.visit) await page.click('#sign-in');
  await page.locator('#who').filter({ hasText: 'Signed in' }).waitFor();
  return page;
}

/**
 * From the story page with a profile created: enrols on the provider's page (the applicant's
 * validationLink, the emulator's page) as a live person does, and waits until the provider sends
 * the visitor back to the demo. Enrolment requires liveness in the shipped config, so the page
 * has no photo file: the camera is the synthetic 3D head of obama-1, which turns when the widget
 * asks and is lit by its colours (test/support/virtual-camera-page.ts). A try the provider
 * refuses (the synthetic head misses the continuity check now and then, see
 * test/browser/action/liveness-pass.test.ts) is tried again with the page's "Try again", within
 * the applicant's three attempts; each refusal is logged with the page's words.
 */
export async function enrolOnProviderPage(page: Page, demoUrl: string): Promise<void> {
  // Routed before the provider's page loads: the camera's worker and texture on its origin.
  await routeVirtualCamera(page);
  await page.click('#validation-link');
  await page.locator('#camera-only').waitFor({ timeout: 30_000 });
  if (await page.locator('#photo').count())
    throw new Error("the provider's page offers a photo file although liveness is required");
  await page.waitForFunction(() => customElements.get('face-auth') !== undefined, undefined, {
    timeout: 60_000,
  });
  await installVirtualCameraIn(page, 'obama-1.jpg');
  await page.locator('#widget').evaluate((el) => (el as HTMLElement & { start(): void }).start());
  // The first review of a fresh emulator waits for its engine's workers to load their models: a
  // second or two here, over a minute on a loaded 2-core box (seen in CI).
  const back = page.waitForURL(`${demoUrl}**`, { timeout: 600_000 });
  for (let attempt = 1; ; attempt++) {
    const refused = page
      .locator('#out[data-state="rejected"], #out[data-state="error"]')
      .waitFor({ timeout: 300_000 })
      .then(() => true);
    if (!(await Promise.race([back.then(() => false), refused]))) return;
    const said = await page.locator('#out').textContent();
    console.log(`enrolment on the provider's page, try ${attempt}, refused: ${said}`);
    if (attempt === 3) throw new Error(`enrolment refused three times: ${said}`);
    await page.click('#again');
  }
}

export interface RunningDemo {
  url: string;
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** `node --import tsx scripts/demo.ts --data DIR` in its own process group, like a terminal. */
export function startDemo(dataDir: string, timeoutMs = 120_000): Promise<RunningDemo> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/demo.ts', '--data', dataDir], {
    cwd: root,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, DEMO_PORT: '', DEMO_BACKEND_PORT: '', DEMO_PROVIDER_PORT: '' },
  });
  let out = '';
  child.stdout!.setEncoding('utf8').on('data', (c: string) => (out += c));
  child.stderr!.setEncoding('utf8').on('data', (c: string) => (out += c));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`demo did not start:\n${out}`)), timeoutMs);
    const check = (): void => {
      const m = /face-auth demo ready: (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        child.stdout!.off('data', check);
        resolve({ url: m[1]!, child, output: () => out, exited });
      }
    };
    child.stdout!.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`demo exited (${code}) before it was ready:\n${out}`));
    });
  });
}

/** Every live descendant of `pid` (from /proc): what a clean stop must leave behind: nothing. */
export function descendants(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // The command name may hold spaces and parentheses: the fields start after the last ')'.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
    } catch {
      // The process ended while we looked.
    }
  }
  const out: number[] = [];
  const walk = (p: number): void => {
    for (const c of children.get(p) ?? []) {
      out.push(c);
      walk(c);
    }
  };
  walk(pid);
  return out;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    // A zombie is dead for our purposes; its parent reaps it.
    return !readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z ');
  } catch {
    return false;
  }
}

/** Polls `cond` until it is true (never a fixed sleep); throws `message` after `timeoutMs`. */
export async function waitFor(
  cond: () => boolean | Promise<boolean>,
  timeoutMs: number,
  message: string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error(message);
    await new Promise((r) => setTimeout(r, 100));
  }
}
