/**
 * The demo end to end: `npm run demo`'s process tree on free ports and a temp data directory;
 * one visitor signs in (a `__Host-` Secure cookie, kept by Chromium on http://127.0.0.1) and
 * enrols obama-1 through the validationLink page, whose liveness phase the synthetic 3D head of
 * obama-1 answers (a virtual camera injected into the page: a still photo can no longer enrol,
 * and the page offers no photo file); "Confirm it's me" in Chromium runs the liveness
 * phase, and the fake camera's still photo of obama-2 is RED for liveness (a photo is what liveness
 * stops: the honest story), with the `LIVENESS` check and its label in the provider panel and the
 * `applicantActionReviewed` webhook with a valid signature; biden-2 → RED; Ctrl-C stops every process and a second start on the same data directory still
 * knows the visitor's session and their enrolled profile, and shows a stranger nothing.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromium } from '../../scripts/chromium.mjs';
import type { RunningDemo, Visit } from './support.js';
import {
  descendants,
  enrolOnProviderPage,
  facesDir,
  isAlive,
  launchChromium,
  openStory as openStoryIn,
  root,
  startDemo,
  waitFor,
} from './support.js';

const missing = !existsSync(facesDir)
  ? `${facesDir} is absent (face photos)`
  : !findChromium()
    ? 'no Chromium (apt-get install chromium, or set CHROME_PATH)'
    : undefined;
if (missing) console.warn(`demo tests skipped: ${missing}`);

/** The review engine's verdict comes seconds after the capture; model loading adds a few more. */
const FLOW_TIMEOUT = 150_000;

describe.skipIf(!!missing)('npm run demo', () => {
  let dataDir: string;
  let demo: RunningDemo | undefined;
  let browser: Browser | undefined;
  /** The one visitor of the story: each camera clip is a new Chromium, the session carries over. */
  let visit: Visit | undefined;

  beforeAll(async () => {
    execFileSync(process.execPath, ['--import', 'tsx', 'scripts/make-clips.ts'], {
      cwd: root,
      stdio: 'ignore',
    });
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'face-auth-demo-'));
    // A first run without dist/ builds it: minutes on a busy machine.
    demo = await startDemo(dataDir, 280_000);
  }, 300_000);

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    if (demo && demo.child.exitCode === null) {
      process.kill(-demo.child.pid!, 'SIGKILL');
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function openStory(clip?: string): Promise<Page> {
    await browser?.close();
    browser = await launchChromium(clip);
    const page = await openStoryIn(browser, demo!.url, { visit });
    visit ??= await page.context().storageState();
    return page;
  }

  it('the webhook secret is in no command line of the demo (the emulator takes it from its env)', () => {
    const secret = process.env.DEMO_WEBHOOK_SECRET ?? 'demo-webhook-secret-change-me';
    const lines = [demo!.child.pid!, ...descendants(demo!.child.pid!)].map((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
      } catch {
        return ''; // ended meanwhile
      }
    });
    expect(lines.some((l) => l.includes('emulator/src/main.ts'))).toBe(true);
    for (const line of lines) expect(line).not.toContain(secret);
  });

  it(
    'signs in and enrols obama-1 through the validationLink page, liveness included (the virtual camera)',
    async () => {
      const page = await openStory();
      // Through the pages' proxy on plain http://127.0.0.1, Chromium keeps the __Host- cookie.
      expect(await page.context().cookies()).toEqual([
        expect.objectContaining({
          name: '__Host-demo_sid',
          secure: true,
          httpOnly: true,
          sameSite: 'Lax',
          path: '/',
        }),
      ]);
      await page.click('#create-profile');
      // The provider's enrolment page (the emulator's): enrolment requires liveness in the
      // shipped config, so it offers no photo file, only the camera and its liveness phase,
      // which a live-like head answers (approved, the provider sends the visitor back).
      await enrolOnProviderPage(page, demo!.url);
      await expect
        .poll(() => page.locator('#profile-status').textContent(), { timeout: 30_000 })
        .toBe('approved');
    },
    4 * FLOW_TIMEOUT,
  );

  it(
    '"Enrol here with the camera" runs the liveness phase too: a still photo (another visitor) is refused for liveness',
    async () => {
      // Another visitor, so the story's one keeps its profile and its attempts.
      const other = await launchChromium('obama-1-centred');
      try {
        const page = await openStoryIn(other, demo!.url);
        await page.click('#create-profile');
        await page.click('#enrol-camera');
        await expect
          .poll(
            () =>
              page.evaluate(
                () =>
                  !!document
                    .querySelector('#enrol-auth')
                    ?.shadowRoot?.querySelector('[part~=liveness]'),
              ),
            { timeout: FLOW_TIMEOUT - 60_000 },
          )
          .toBe(true);
        const out = page.locator('#enrol-out[data-state]');
        await out.waitFor({ timeout: FLOW_TIMEOUT - 30_000 });
        expect(await out.getAttribute('data-state')).toBe('rejected');
        expect(await out.textContent()).toContain('LIVENESS_TURN_MISSING');
        expect(await page.locator('#profile-status').textContent()).not.toBe('approved');
      } finally {
        await other.close();
      }
    },
    FLOW_TIMEOUT,
  );

  async function confirmItsMe(clip: string): Promise<{ page: Page; actionId: string }> {
    const page = await openStory(clip);
    const hasProviderFlow = await page.evaluate(
      () => 'accessTokenProvider' in document.createElement('face-auth'),
    );
    if (!hasProviderFlow)
      throw new Error('<face-auth> on the demo page has no provider flow (no accessTokenProvider)');
    await page.click('#confirm');
    // The story's <face-auth> runs the liveness phase (colours, then head turns) after the selfie.
    await expect
      .poll(
        () =>
          page.evaluate(
            () => !!document.querySelector('#auth')?.shadowRoot?.querySelector('[part~=liveness]'),
          ),
        { timeout: FLOW_TIMEOUT - 60_000 },
      )
      .toBe(true);
    const result = page.locator('#result[data-answer]');
    await result.waitFor({ timeout: FLOW_TIMEOUT - 30_000 });
    const actionId = (await result.getAttribute('data-action-id'))!;
    expect(actionId).toBeTruthy();
    return { page, actionId };
  }

  it(
    "Confirm it's me with a still photo of obama-2 on camera: the liveness phase, then RED for liveness, shown in the panel",
    async () => {
      const { page, actionId } = await confirmItsMe('obama-2-centred');
      expect(await page.locator('#result').getAttribute('data-answer')).toBe('RED');
      expect(await page.locator('#result').textContent()).toContain('LIVENESS_TURN_MISSING');
      const hook = page.locator(
        `#webhooks li[data-type=applicantActionReviewed][data-action="${actionId}"]`,
      );
      await hook.waitFor({ timeout: 30_000 });
      expect(await hook.getAttribute('data-verified')).toBe('true');
      expect(await hook.textContent()).toContain('RED');
      // The /one panel: the backend's own reading of the action agrees, with the liveness checks.
      await expect
        .poll(() => page.locator('#one-summary').getAttribute('data-answer'), { timeout: 15_000 })
        .toBe('RED');
      const liveness = page.locator('#one-liveness');
      await liveness.waitFor({ timeout: 15_000 });
      expect(await liveness.locator('li[data-check=LIVENESS]').getAttribute('data-answer')).toBe(
        'RED',
      );
      expect(await liveness.locator('li[data-check=LIVENESS_REFLECTION]').count()).toBe(1);
      expect(await page.locator('#one-liveness-labels').textContent()).toContain(
        'LIVENESS_TURN_MISSING',
      );
      expect(await liveness.textContent()).toMatch(/antiSpoofingPercent\s*\d/);
    },
    FLOW_TIMEOUT,
  );

  it(
    "Confirm it's me with biden-2 on camera: RED",
    async () => {
      const { page, actionId } = await confirmItsMe('biden-2-centred');
      expect(await page.locator('#result').getAttribute('data-answer')).toBe('RED');
      const hook = page.locator(
        `#webhooks li[data-type=applicantActionReviewed][data-action="${actionId}"]`,
      );
      await hook.waitFor({ timeout: 30_000 });
      expect(await hook.getAttribute('data-verified')).toBe('true');
      expect(await hook.textContent()).toContain('RED');
    },
    FLOW_TIMEOUT,
  );

  it(
    'the integration examples: plain HTML + CDN build renders; Vite SPA and React 19 run the whole flow with liveness, RED for the still photo',
    async () => {
      const page = await openStory('obama-2-centred');
      const errors: string[] = [];
      page.on('pageerror', (err) => errors.push(err.message));
      for (const [example, click] of [
        ['html', false],
        ['vite-spa', true],
        ['react', true],
      ] as const) {
        await page.goto(new URL(`examples/${example}.html`, demo!.url).href);
        if (click) await page.click('button');
        // Upgraded (the CDN build or the source defined it) and rendering its first screen.
        await expect
          .poll(
            () =>
              page.evaluate(
                () => !!document.querySelector('face-auth')?.shadowRoot?.querySelector('[part]'),
              ),
            { timeout: 30_000 },
          )
          .toBe(true);
        expect(await page.getAttribute('face-auth', 'api-base-url')).toMatch(/^http:\/\/127\./);
        // The source-built examples run the whole flow on the camera (obama-2, enrolled obama-1),
        // liveness included (the default): the fake camera's still photo is RED, as it must be.
        // The CDN one runs whatever dist/ holds, which `npm run demo` builds only when missing.
        if (example === 'html') continue;
        await expect
          .poll(() => page.getAttribute('output', 'data-answer'), { timeout: 240_000 })
          .toBe('RED');
      }
      expect(errors).toEqual([]);
    },
    3 * FLOW_TIMEOUT,
  );

  it(
    'Ctrl-C stops every process; a second start on the same data directory knows the session and its profile',
    async () => {
      await browser?.close();
      browser = undefined;
      const first = demo!;
      const tree = descendants(first.child.pid!);
      expect(tree.length).toBeGreaterThan(0); // at least the emulator
      // A terminal's Ctrl-C: SIGINT to the whole foreground process group.
      process.kill(-first.child.pid!, 'SIGINT');
      expect(await first.exited).toBe(0);
      await waitFor(
        () => ![first.child.pid!, ...tree].some(isAlive),
        15_000,
        `processes left after Ctrl-C: ${[first.child.pid!, ...tree].filter(isAlive).join(', ')}`,
      );

      const second = await startDemo(dataDir);
      demo = second;
      // The ports of the last run are reused when free: the same URL.
      expect(second.url).toBe(first.url);
      // The returning visitor (the cookie Chromium kept) is still signed in, and enrolled.
      const sid = visit!.cookies.find((c) => c.name === '__Host-demo_sid')!;
      const me = (await (
        await fetch(new URL('/api/me', second.url), {
          headers: { cookie: `${sid.name}=${sid.value}` },
        })
      ).json()) as { profile: { approved: boolean; statusName: string } | null };
      expect(me.profile?.approved).toBe(true);
      // Someone without it is no one: no user, no profile.
      expect((await fetch(new URL('/api/me', second.url))).status).toBe(401);

      // SIGTERM to the demo alone (a service manager's stop): it stops its children itself.
      const tree2 = descendants(second.child.pid!);
      process.kill(second.child.pid!, 'SIGTERM');
      expect(await second.exited).toBe(0);
      await waitFor(
        () => !tree2.some(isAlive),
        15_000,
        `processes left after SIGTERM: ${tree2.filter(isAlive).join(', ')}`,
      );
    },
    FLOW_TIMEOUT,
  );
});
