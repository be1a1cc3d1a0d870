/**
 * The widget's own numbers, in Debian's Chromium with the obama-1-centred fake camera:
 * - per-frame cost of detection + face-crop statistics + quality scoring at 640x480 (what the
 *   element does on every video frame), median and p95;
 * - time from `start()` to the first hint on screen, with a cold HTTP cache (new browser
 *   context), a warm one (page reloaded in the same context) and a restart in the same page
 *   (detector already loaded).
 */
import type { Page } from 'playwright-core';
import { withBenchPage } from './support/browser.js';
import { percentiles } from './support/percentiles.js';
import type * as DetectionModule from '../src/controllers/detection-controller.js';
import type * as GuidanceModule from '../src/core/guidance.js';
import type * as ThresholdsModule from '../src/core/thresholds.js';
import type * as OvalModule from '../src/core/oval.js';
import type * as DetectorModule from '../src/internal/face-detector.js';

const FRAMES = 200;
const RUNS = 5;

interface FrameCosts {
  detect: number[];
  crop: number[];
  score: number[];
  total: number[];
}

/** Runs in the page: the element's per-frame pipeline, outside the element for clean timing. */
async function frameCosts(page: Page): Promise<FrameCosts> {
  return page.evaluate(async (frames) => {
    // Vite serves and compiles the sources; URLs in variables keep tsx from resolving them, and
    // no named helper functions here: tsx would wrap them in a `__name` call the page lacks.
    const urls = {
      detection: '/src/controllers/detection-controller.ts',
      guidance: '/src/core/guidance.ts',
      thresholds: '/src/core/thresholds.ts',
      oval: '/src/core/oval.ts',
      detector: '/src/internal/face-detector.ts',
    };
    const { DetectionController } = (await import(
      /* @vite-ignore */ urls.detection
    )) as typeof DetectionModule;
    const { GuidanceSession } = (await import(
      /* @vite-ignore */ urls.guidance
    )) as typeof GuidanceModule;
    const { resolveThresholds } = (await import(
      /* @vite-ignore */ urls.thresholds
    )) as typeof ThresholdsModule;
    const { ovalInVideo } = (await import(/* @vite-ignore */ urls.oval)) as typeof OvalModule;
    const { createFaceDetector } = (await import(
      /* @vite-ignore */ urls.detector
    )) as typeof DetectorModule;
    const stream = await navigator.mediaDevices.getUserMedia({
      video: { width: 640, height: 480 },
    });
    const video = document.createElement('video');
    video.muted = true;
    video.srcObject = stream;
    await video.play();
    const host = { addController() {}, removeController() {}, requestUpdate() {} };
    const controller = new DetectionController(host as never, {
      onFrame() {},
      onVisibility() {},
    });
    const detector = await createFaceDetector({
      assetsBaseUrl: '/dist/assets/',
      runningMode: 'VIDEO',
    });
    const guidance = new GuidanceSession(resolveThresholds());
    const out = {
      detect: [] as number[],
      crop: [] as number[],
      score: [] as number[],
      total: [] as number[],
    };
    for (let i = 0; i < frames + 10; i++) {
      const frame = controller.detect(detector, video);
      // Measured on every frame with a face here, whether or not it is well placed.
      if (frame.faces[0]) frame.crop(frame.faces[0]);
      const s0 = performance.now();
      guidance.step({
        t: frame.t,
        faces: frame.faces,
        crop: frame.crop,
        oval: ovalInVideo(frame.frame, { width: 640, height: 480 }),
      });
      const score = performance.now() - s0;
      if (i >= 10) {
        out.detect.push(frame.cost.detect);
        out.crop.push(frame.cost.crop);
        out.score.push(score);
        out.total.push(frame.cost.detect + frame.cost.crop + score);
      }
      await new Promise((r) => requestAnimationFrame(r));
    }
    detector.close();
    stream.getTracks().forEach((t) => t.stop());
    return out;
  }, FRAMES);
}

interface StartTimes {
  /** start() → camera streaming (status `guiding`). */
  camera: number;
  /** start() → detector loaded. */
  detector: number;
  /** start() → first hint on screen. */
  hint: number;
}

/** Runs in the page: mounts <face-auth>, calls start(), times the way to the first hint. */
async function timeToFirstHint(page: Page, reuse: boolean): Promise<StartTimes> {
  return page.evaluate(async (reuseElement) => {
    const defineUrl = '/src/define.ts';
    await import(/* @vite-ignore */ defineUrl);
    type El = HTMLElement & {
      start(): Promise<void>;
      reset(): void;
      state: { status: string; hint?: string | null; good?: boolean; detector?: string };
    };
    let el = document.querySelector('face-auth') as El | null;
    if (!el || !reuseElement) {
      el?.remove();
      el = document.createElement('face-auth') as El;
      el.setAttribute('assets-base-url', '/dist/assets/');
      document.body.append(el);
    }
    el.reset();
    const widget = el;
    const t0 = performance.now();
    const times = { camera: 0, detector: 0, hint: 0 };
    void widget.start();
    // A plain loop: tsx would wrap a named callback in a `__name` helper the page lacks.
    for (;;) {
      const s = widget.state;
      const now = performance.now() - t0;
      if (s.status === 'guiding' && !times.camera) times.camera = now;
      if (s.detector === 'ready' && !times.detector) times.detector = now;
      if (s.status === 'guiding' && (s.hint || s.good)) {
        times.hint = now;
        break;
      }
      if (now > 30_000) throw new Error('no hint within 30 s');
      await new Promise((r) => requestAnimationFrame(r));
    }
    return times;
  }, reuse);
}

export async function run(): Promise<void> {
  const result = await withBenchPage({ clip: 'obama-1-centred' }, async (page, origin) => {
    const costs = await frameCosts(page);
    // The first page load made Vite prebundle and compile; every measured load after it is served
    // at steady state, so "cold" is about the browser's caches only.
    const browser = page.context().browser()!;
    const cold: StartTimes[] = [];
    const warm: StartTimes[] = [];
    const restart: StartTimes[] = [];
    for (let i = 0; i < RUNS; i++) {
      const context = await browser.newContext({ permissions: ['camera'] });
      const p = await context.newPage();
      await p.goto(`${origin}/bench/support/blank.html`);
      cold.push(await timeToFirstHint(p, false));
      await p.reload();
      warm.push(await timeToFirstHint(p, false));
      restart.push(await timeToFirstHint(p, true));
      await context.close();
    }
    return { costs, cold, warm, restart };
  });
  const fmt = (name: string, v: number[]) => {
    const { p50, p95, n } = percentiles(v);
    return `${name}: median ${p50.toFixed(2)} ms, p95 ${p95.toFixed(2)} ms (n=${n})`;
  };
  console.log(
    'widget per-frame cost at 640x480 (detectForVideo + 64x64 crop stats, then scoring):',
  );
  console.log(`  ${fmt('detectForVideo    ', result.costs.detect)}`);
  console.log(`  ${fmt('64x64 crop stats  ', result.costs.crop)}`);
  console.log(`  ${fmt('quality scoring   ', result.costs.score)}`);
  console.log(`  ${fmt('total per frame   ', result.costs.total)}`);
  console.log('widget start() → first hint (camera streaming / detector loaded / first hint):');
  for (const [name, times] of [
    ['cold cache (new context)', result.cold],
    ['warm cache (reload)     ', result.warm],
    ['restart in same page    ', result.restart],
  ] as const) {
    const med = (k: keyof StartTimes) => percentiles(times.map((t) => t[k])).p50.toFixed(0);
    console.log(
      `  ${fmt(
        name,
        times.map((t) => t.hint),
      )}; medians: camera ${med('camera')} ms, detector ${med('detector')} ms`,
    );
  }
}
