/**
 * `npm run screenshots:demo`: the pictures of the demo's README (demo/README.md), one per step, made with the
 * fake camera (Chromium plays test/.clips/*.y4m) against a fresh `npm run demo` process tree in
 * a temp data directory. Written as small palette PNGs to docs/screenshots/.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import type { Visit } from '../test/demo/support.js';
import {
  enrolOnProviderPage,
  facesDir,
  launchChromium,
  openStory,
  root,
  startDemo,
} from '../test/demo/support.js';

const outDir = path.join(root, 'docs/screenshots');
const viewport = { width: 1280, height: 860 };

async function shoot(page: Page, name: string): Promise<void> {
  const png = await page.screenshot({ fullPage: false });
  const file = path.join(outDir, `${name}.png`);
  await sharp(png).png({ palette: true, quality: 80, compressionLevel: 9 }).toFile(file);
  console.log(`  ${path.relative(root, file)} (${Math.round(statSync(file).size / 1024)} KB)`);
}

/** The one visitor of the pictures: signed in on the first page, the same user in every browser. */
let visit: Visit | undefined;

async function open(browser: Browser, url: string): Promise<Page> {
  const page = await openStory(browser, url, { visit, viewport });
  visit ??= await page.context().storageState();
  return page;
}

/**
 * Runs "Confirm it's me" on the camera: a picture while the element guides, one of the liveness
 * phase, then one of the result. False when the element has no provider flow yet (no result).
 */
async function confirmOnCamera(
  page: Page,
  guiding: string,
  liveness: string,
  result: string,
): Promise<boolean> {
  const ready = await page.evaluate(
    () => 'accessTokenProvider' in document.createElement('face-auth'),
  );
  await page.click('#confirm');
  await page.locator('#auth[status=guiding]').waitFor({ timeout: 60_000 });
  await page.locator('#auth-slot').scrollIntoViewIfNeeded();
  await shoot(page, guiding);
  if (!ready) return false;
  // Into the colours: a moment after the first one is on screen.
  await page.locator('#auth[status=liveness]').waitFor({ timeout: 120_000 });
  await page.waitForTimeout(1500);
  await shoot(page, liveness);
  await page.locator('#result[data-answer]').waitFor({ timeout: 120_000 });
  await page.locator('#webhooks li[data-type=applicantActionReviewed]').first().waitFor();
  await page.locator('#one-summary[data-status=completed]').waitFor();
  await page.locator('#result').scrollIntoViewIfNeeded();
  await shoot(page, result);
  return true;
}

async function main(): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  execFileSync(process.execPath, ['--import', 'tsx', 'scripts/make-clips.ts'], {
    cwd: root,
    stdio: 'inherit',
  });
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'face-auth-demo-shots-'));
  const demo = await startDemo(dataDir);
  const browsers: Browser[] = [];
  try {
    // 1-2: the profile, then the provider's enrolment page.
    const plain = await launchChromium('obama-1-centred');
    browsers.push(plain);
    let page = await open(plain, demo.url);
    await shoot(page, 'demo-1-start');
    await page.click('#create-profile');
    await page.locator('#validation-link').waitFor();
    await shoot(page, 'demo-2-profile-created');
    // The provider's page runs the liveness phase: the virtual camera's live head answers it.
    await enrolOnProviderPage(page, demo.url);
    await page.locator('#profile-status', { hasText: 'approved' }).waitFor();
    await shoot(page, 'demo-3-enrolled');

    // 4-6: "Confirm it's me" while the widget guides (a still photo of obama-2 on the camera),
    // its liveness phase, then the result: RED for liveness, as a photo must be.
    const obama = await launchChromium('obama-2-centred');
    browsers.push(obama);
    page = await open(obama, demo.url);
    if (
      !(await confirmOnCamera(
        page,
        'demo-4-confirm-camera',
        'demo-5-liveness',
        'demo-6-still-photo-red',
      ))
    ) {
      console.warn('  <face-auth> has no provider flow yet: demo-5 and demo-6 skipped');
    }

    // 7: someone else, from a photo file (biden-2) → RED.
    page = await open(plain, demo.url);
    await page.setInputFiles('#try-file', path.join(facesDir, 'biden-2.jpg'));
    await page.locator('#result[data-answer=RED]').waitFor({ timeout: 120_000 });
    await page.locator('#one-summary[data-answer=RED]').waitFor();
    await page.locator('#webhooks li[data-type=applicantActionReviewed]').first().waitFor();
    await shoot(page, 'demo-7-someone-else-red');
  } finally {
    for (const b of browsers) await b.close().catch(() => undefined);
    process.kill(demo.child.pid!, 'SIGTERM');
    await demo.exited;
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
