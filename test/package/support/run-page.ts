/**
 * Opens a page in Chromium with the fake camera playing a clip of test/browser/clips.json, and
 * waits for the outcome the page's own script writes into `<body data-outcome>` (see
 * test/package/app/main.js): the pages under test run no inline script, and their tests read
 * nothing but the DOM, so a strict CSP applies to the page exactly as written.
 */
import { chromium } from 'playwright-core';
import { clipFile, launchOptions } from '../../../scripts/chromium.mjs';
import { existsSync } from 'node:fs';

/** What test/package/app/main.js reports. */
export interface PageOutcome {
  /** `face-auth-ready`'s detector: `ready` once MediaPipe runs. */
  detector?: string;
  /** The first `face-auth-capture` (automatic, so detection scored frames) or `face-auth-error`. */
  event: 'capture' | 'error';
  code?: string;
  message?: string;
  imageType?: string;
  /** Whether the capture carries a quality report (a manual capture has none). */
  scored?: boolean;
}

export interface PageRun {
  outcome: PageOutcome;
  /**
   * What the browser refused or threw: CSP and Trusted Types violations (reported on the console)
   * and uncaught errors. MediaPipe's own logging on console.error is not a problem.
   */
  problems: string[];
}

export const DEFAULT_CLIP = 'obama-1-centred';

/**
 * Whether the fake camera clip exists (rendered from ../shared/faces by scripts/make-clips.ts,
 * which `npm test` runs before the unit tests); says why when it does not, as the suite skips.
 */
export function clipAvailable(clip = DEFAULT_CLIP): boolean {
  const file = clipFile(clip);
  if (file && existsSync(file)) return true;
  console.warn(
    `skipped: no fake-camera clip ${clip} (test/.clips/). It is made from ../shared/faces by ` +
      '`npx tsx scripts/make-clips.ts`; without those photos these tests cannot run.',
  );
  return false;
}

export async function runPage(
  url: string,
  clip = DEFAULT_CLIP,
  timeout = 180_000,
): Promise<PageRun> {
  const browser = await chromium.launch(launchOptions(clip));
  try {
    const context = await browser.newContext({ permissions: ['camera', 'microphone'] });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy|Trusted ?Type|Refused to/i.test(message.text()))
        problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    await page.goto(url);
    const body = await page.waitForSelector('body[data-outcome]', { timeout });
    const outcome = JSON.parse((await body.getAttribute('data-outcome')) ?? '{}') as PageOutcome;
    return { outcome, problems };
  } finally {
    await browser.close();
  }
}
