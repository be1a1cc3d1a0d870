/**
 * Whole runs of the real `<face-auth>` through its liveness phase, as the browser pass path
 * (test/browser/action/liveness-pass.test.ts) makes them, timed: Debian's Chromium on the widget's
 * sources (Vite), the reactive virtual camera showing the synthetic 3D head of obama-1 (it turns
 * when the widget prompts and is lit by the colours the widget shows), against the emulator in
 * this process with its real review engine and liveness verifier; the profile is obama-2. Each
 * run has a fresh applicant (the liveness lockout counts failures per applicant) and the browser
 * matrix's fixed challenge, seeded through the sandbox control just before the widget asks for
 * one. The run in the page is the tests' own (test/browser/support/liveness-run.ts).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext } from 'playwright-core';
import type { ReviewAnswer } from '../../src/core/action-result.js';
import type * as LivenessRunModule from '../../test/browser/support/liveness-run.js';
import type { LivenessPhaseTimes } from '../../test/browser/support/liveness-run.js';
import type * as VirtualCameraModule from '../../test/browser/support/virtual-camera.js';
import {
  challengedAction,
  MATRIX_CHALLENGE,
  seedChallenge,
} from '../../test/support/liveness-rig.mjs';
import { benchContext, ensureHeadTexture, launchBrowser, startVite } from './browser.js';
import { ensureBuilt } from './build.js';
import { startBenchProvider } from './provider.js';

export interface WidgetLivenessRun {
  answer: ReviewAnswer | null;
  labels: string[];
  rejectType: string | null;
  times: LivenessPhaseTimes;
  /** Request bodies of the selfie and clip uploads (multipart), as Chromium sent them. */
  uploadedBytes: number;
  uploads: number;
  antiSpoofingPercent: number | null;
  livenessReflectionScore: number | null;
}

/** The subject: a live-like head of the owner; the profile photo is another of the owner. */
const SUBJECT_PHOTO = 'obama-1.jpg';
const PROFILE_PHOTO = 'obama-2.jpg';
/** The selfie and clip uploads: `POST …/images` and `POST …/videos`. */
const UPLOAD = /\/resources\/applicantActions\/[^/]+\/(images|videos)$/;

/** Vite serves and compiles the sources; URLs in variables keep tsx from resolving them. */
const SOURCE_URLS = {
  define: '/src/define.ts',
  run: '/test/browser/support/liveness-run.ts',
  camera: '/test/browser/support/virtual-camera.ts',
};

/**
 * `runs` whole runs, one after another; `onRun` hears each as it ends (a long bench shows life).
 */
export async function widgetLivenessRuns(
  facesDir: string,
  runs: number,
  onRun: (run: WidgetLivenessRun, index: number) => void = () => undefined,
): Promise<WidgetLivenessRun[]> {
  // The widget loads its detector model and wasm from dist/assets; the camera needs the texture.
  ensureBuilt();
  const headsDir = ensureHeadTexture(SUBJECT_PHOTO);
  const vite = await startVite();
  const bench = await startBenchProvider('liveness', {
    liveness: true,
    // The sandbox control seeds the challenge; the page calls the emulator from Vite's origin.
    config: { sandbox: { enabled: true }, cors: { origins: [vite.origin] } },
  });
  const browser = await launchBrowser();
  try {
    const { client, levelName, provider } = bench;
    const context = await benchContext(browser);
    await serveHeads(context, vite.origin, headsDir);
    await context.route(
      (url) => url.origin === new URL(provider.url).origin,
      async (route) => {
        const request = route.request();
        const actionId = challengedAction(request.method(), new URL(request.url()).pathname);
        if (actionId) await seedChallenge(client, actionId, MATRIX_CHALLENGE);
        await route.continue();
      },
    );
    const uploads: Array<Promise<number>> = [];
    context.on('requestfinished', (request) => {
      if (request.method() === 'POST' && UPLOAD.test(new URL(request.url()).pathname))
        uploads.push(request.sizes().then((s) => s.requestBodySize));
    });
    const page = await context.newPage();
    page.on('pageerror', (error) => console.error('page error:', error));
    await page.exposeFunction('benchToken', async (userId: string, externalActionId: string) => {
      const { token } = await client.createAccessToken({ userId, levelName, externalActionId });
      return token;
    });
    await page.goto(`${vite.origin}/bench/support/blank.html`);

    const out: WidgetLivenessRun[] = [];
    for (let i = 0; i < runs; i++) {
      const userId = `bench-liveness-${i}-${Date.now()}`;
      const { applicantId } = await client.applicants.create({ referenceId: userId });
      await client.applicants.enrol(
        applicantId,
        {
          content: readFileSync(path.join(facesDir, PROFILE_PHOTO)),
          fileName: PROFILE_PHOTO,
          mimeType: 'image/jpeg',
        },
        { waitMs: 120_000 },
      );
      const { status } = await client.applicants.get(applicantId);
      if (status !== 1) throw new Error(`${PROFILE_PHOTO} was not enrolled (status ${status})`);
      uploads.length = 0;
      const { detail, times } = await page.evaluate(
        async ({ urls, apiBaseUrl, userId, externalActionId, photo }) => {
          await import(/* @vite-ignore */ urls.define);
          const { runLiveness } = (await import(
            /* @vite-ignore */ urls.run
          )) as typeof LivenessRunModule;
          const { loadTexture } = (await import(
            /* @vite-ignore */ urls.camera
          )) as typeof VirtualCameraModule;
          const texture = await loadTexture(photo);
          if (!texture) throw new Error(`no head texture of ${photo} at /__heads/`);
          const el = document.createElement('face-auth');
          el.setAttribute('assets-base-url', '/dist/assets/');
          el.setAttribute('api-base-url', apiBaseUrl);
          el.setAttribute('external-action-id', externalActionId);
          el.setAttribute('locale', 'en');
          el.accessTokenProvider = () =>
            (window as unknown as { benchToken(u: string, a: string): Promise<string> }).benchToken(
              userId,
              externalActionId,
            );
          document.body.append(el);
          try {
            const r = await runLiveness(el, { body: { kind: 'head', texture } });
            return { detail: r.detail, times: r.times };
          } finally {
            el.remove();
          }
        },
        {
          urls: SOURCE_URLS,
          apiBaseUrl: provider.url,
          userId,
          externalActionId: `bench-liveness-${i}-${Date.now()}`,
          photo: SUBJECT_PHOTO,
        },
      );
      const bodies = await Promise.all(uploads);
      const action = await client.getAction(detail.actionId);
      const run: WidgetLivenessRun = {
        answer: detail.answer,
        labels: detail.reviewResult.rejectLabels,
        rejectType: detail.reviewResult.reviewRejectType ?? null,
        times,
        uploadedBytes: bodies.reduce((a, b) => a + b, 0),
        uploads: bodies.length,
        antiSpoofingPercent: action.liveness?.antiSpoofingPercent ?? null,
        livenessReflectionScore: action.liveness?.livenessReflectionScore ?? null,
      };
      onRun(run, i);
      out.push(run);
    }
    return out;
  } finally {
    await browser.close();
    await bench.close();
    await vite.close();
  }
}

/** The virtual camera loads its head textures from /__heads/ (as the browser tests serve them). */
async function serveHeads(context: BrowserContext, origin: string, dir: string): Promise<void> {
  await context.route(`${origin}/__heads/*`, (route) =>
    route.fulfill({ path: path.join(dir, path.basename(new URL(route.request().url()).pathname)) }),
  );
}
