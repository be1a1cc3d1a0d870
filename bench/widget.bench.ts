/**
 * The widget's own numbers, in Debian's Chromium with the fake camera playing clips made from
 * ../shared/faces (made on first use, like dist/):
 *
 * 1. Per frame, in one run side by side: the detector's input (the full-size `<video>`, a
 *    downscaled `ImageBitmap`, a `VideoFrame`, an `OffscreenCanvas`, the frame's own pixels read
 *    with `VideoFrame.copyTo`), each with its face-crop statistics; the inference floor
 *    (`detectForVideo` on a 128x128 `ImageBitmap`, the model's own input size); the element's
 *    per-frame path (read + detection + crop statistics + scoring) and its p95 over the floor's.
 * 2. Whether every input finds what the `<video>` finds, on every clip: face count, boxes, scores
 *    and crop statistics on the same frames.
 * 3. `start()` → first hint of the built CDN bundle served with pre-compressed assets: cold cache
 *    (new profile), warm cache (reload 5 s later), restart in the same page, and cold after
 *    `preload()`,
 *    unthrottled and under Chromium's emulated networks (20 Mbps / 40 ms, 5 Mbps / 150 ms);
 *    then where the time of one cold and one warm start goes (downloads, wasm compile and
 *    instantiate, camera, first frame read, detector ready, first hint).
 * 4. Bytes on the wire for a first visit up to the first hint, from a server that sends the
 *    pre-compressed siblings, one that gzips on the fly and one that compresses nothing.
 * 5. The JavaScript a page loads before anything on demand: the npm build's first-party code
 *    (gzip) and the CDN bundle (gzip -9).
 * 6. `start()` → the first automatic capture of a centred face: cold (new profile), then warm in
 *    the same page (p50/p95), and from `face-auth-ready` to the capture.
 *
 * FACE_AUTH_BENCH_DIST=/other/dist measures parts 3 to 5 on another build instead of dist/;
 * FACE_AUTH_BENCH_COMPARE=/older/dist measures it too, run for run in turn with the first (parts 3
 * to 5), for a before/after on the same machine under the same load. FACE_AUTH_BENCH_SIZES=1 runs
 * parts 4 and 5 alone (a minute instead of half an hour: sizes do not need the timing runs);
 * FACE_AUTH_BENCH_FRAMES=1 runs parts 1 and 2 alone (the per-frame costs and the detections).
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type * as DetectionModule from '../src/controllers/detection-controller.js';
import type * as FaceModule from '../src/core/face.js';
import type * as GeometryModule from '../src/core/geometry.js';
import type * as GuidanceModule from '../src/core/guidance.js';
import type * as ImageStatsModule from '../src/core/image-stats.js';
import type * as OvalModule from '../src/core/oval.js';
import type * as ThresholdsModule from '../src/core/thresholds.js';
import type * as FrameReaderModule from '../src/internal/frame-reader.js';
import { benchContext, launchBrowser, profileContext, startVite } from './support/browser.js';
import type * as PageCameraModule from './support/page-camera.js';
import { ensureBuilt, staticGraphWeight, weigh } from './support/build.js';
import { facesOrSkip, root } from './support/paths.js';
import { percentiles } from './support/percentiles.js';
import { TIMELINE_INIT_SCRIPT, startTimeline } from './support/start-timeline.js';
import { startStaticServer, type ServerEncoding } from './support/static-server.js';

const TIMING_CLIP = 'obama-1-centred';
const AGREEMENT_CLIPS = [
  'obama-1-centred',
  'obama-2-centred',
  'biden-1-far',
  'biden-2-centred',
  'two-people',
  'no-face',
];
/** Frames per input in the timing run, and per clip in the agreement run. */
const TIMED_FRAMES = 60;
const AGREEMENT_FRAMES = 8;
const ELEMENT_FRAMES = 150;
const RUNS = 5;
/** The pause between a cold visit and the warm one (see firstHints). */
const WARM_AFTER_MS = 5000;
const THROTTLED_RUNS = 3;
/** Boxes within this many pixels of the `<video>`'s (at 640x480) count as the same detection. */
const BOX_TOLERANCE_PX = 6;

const NETWORKS = [
  { name: 'unthrottled', conditions: null },
  { name: '20 Mbps / 40 ms', conditions: { mbps: 20, latencyMs: 40 } },
  { name: '5 Mbps / 150 ms', conditions: { mbps: 5, latencyMs: 150 } },
] as const;

type Conditions = { mbps: number; latencyMs: number } | null;

interface InputTimes {
  name: string;
  read: number[];
  detect: number[];
  crop: number[];
  total: number[];
}

interface InputAgreement {
  name: string;
  frames: number;
  countMismatches: number;
  maxBoxDiff: number;
  maxScoreDiff: number;
  /** Largest differences of the crop statistics on the `<video>`'s face box. */
  crop: { mean: number; stdDev: number; sharpnessPct: number } | null;
}

/** Vite serves and compiles the sources; URLs in variables keep tsx from resolving them. */
const SOURCE_URLS = {
  detection: '/src/controllers/detection-controller.ts',
  face: '/src/core/face.ts',
  geometry: '/src/core/geometry.ts',
  guidance: '/src/core/guidance.ts',
  imageStats: '/src/core/image-stats.ts',
  oval: '/src/core/oval.ts',
  thresholds: '/src/core/thresholds.ts',
  camera: '/bench/support/page-camera.ts',
  frameReader: '/src/internal/frame-reader.ts',
};

/**
 * Runs in the page: each detector input on the same camera, with its face-crop statistics.
 * `timing`: one input per new frame in turn, plus the inference floor. Otherwise every input on
 * each frame, compared with the `<video>`'s detections of that frame.
 */
async function compareInputs(
  page: Page,
  options: { frames: number; timing: boolean; tolerance: number },
): Promise<{ times: InputTimes[]; agreement: InputAgreement[]; size: string }> {
  return page.evaluate(
    async ({ frames, timing, urls }) => {
      const { toFaceObservations } = (await import(
        /* @vite-ignore */ urls.face
      )) as typeof FaceModule;
      const { clipRect } = (await import(
        /* @vite-ignore */ urls.geometry
      )) as typeof GeometryModule;
      const { cropStats, rgbaToGray } = (await import(
        /* @vite-ignore */ urls.imageStats
      )) as typeof ImageStatsModule;
      const { openCamera } = (await import(
        /* @vite-ignore */ urls.camera
      )) as typeof PageCameraModule;
      const { FrameReader } = (await import(
        /* @vite-ignore */ urls.frameReader
      )) as typeof FrameReaderModule;
      type Face = FaceModule.FaceObservation;
      type Box = GeometryModule.Rect;
      type Stats = ImageStatsModule.CropStats;

      const camera = await openCamera();
      const { video, detector } = camera;
      const frame = { width: video.videoWidth, height: video.videoHeight };
      let last = 0;
      const stamp = (): number => (last = Math.max(last + 1, performance.now()));
      const nextFrame = (): Promise<unknown> =>
        new Promise((resolve) => video.requestVideoFrameCallback(resolve));

      // The crop as the element read it before: the face box drawn from the video into 64x64.
      const cropCanvas = new OffscreenCanvas(64, 64);
      const cropCtx = cropCanvas.getContext('2d', { willReadFrequently: true })!;
      function canvasCrop(box: Box): Stats | null {
        const b = clipRect(box, frame);
        if (!b) return null;
        cropCtx.drawImage(video, b.x, b.y, b.width, b.height, 0, 0, 64, 64);
        return cropStats(rgbaToGray(cropCtx.getImageData(0, 0, 64, 64).data, 64, 64));
      }

      interface Read {
        image: TexImageSource | ImageData;
        scale: number;
        crop(box: Box): Stats | null;
        close?(): void;
      }
      const half = { resizeWidth: frame.width / 2, resizeHeight: frame.height / 2 };
      const pixels = new FrameReader('pixels');
      const canvas2d = new FrameReader('canvas');
      const pixelsSmall = new FrameReader('pixels', 160);
      async function viaReader(reader: InstanceType<typeof FrameReader>): Promise<Read> {
        const r = (await reader.read(video))!;
        return {
          image: r.image,
          scale: r.scale,
          crop(box) {
            const b = clipRect(box, frame);
            const gray = b ? r.crop(b, 64) : null;
            return gray ? cropStats(gray) : null;
          },
        };
      }
      const inputs: Array<{ name: string; read(): Promise<Read> }> = [
        {
          name: '<video> 640x480 (before)',
          read: async () => ({ image: video, scale: 1, crop: canvasCrop }),
        },
        {
          name: 'ImageBitmap 320x240',
          async read() {
            const bitmap = await createImageBitmap(video, half);
            return { image: bitmap, scale: 2, crop: canvasCrop, close: () => bitmap.close() };
          },
        },
        {
          name: 'VideoFrame 640x480',
          async read() {
            const vf = new VideoFrame(video);
            return { image: vf, scale: 1, crop: canvasCrop, close: () => vf.close() };
          },
        },
        { name: 'OffscreenCanvas 2D 320x240', read: () => viaReader(canvas2d) },
        { name: 'VideoFrame.copyTo 320x240 (after)', read: () => viaReader(pixels) },
        { name: 'VideoFrame.copyTo 160x120', read: () => viaReader(pixelsSmall) },
      ];

      function detect(read: Read): Face[] {
        const result = detector.detectForVideo(read.image as TexImageSource, stamp());
        return toFaceObservations(result.detections, frame, read.scale).sort(
          (a, b) => a.box.x - b.box.x,
        );
      }

      const times = inputs.map((i) => ({
        name: i.name,
        read: [] as number[],
        detect: [] as number[],
        crop: [] as number[],
        total: [] as number[],
      }));
      const floor = {
        name: 'floor: 128x128 ImageBitmap',
        read: [],
        detect: [],
        crop: [],
        total: [],
      } as {
        name: string;
        read: number[];
        detect: number[];
        crop: number[];
        total: number[];
      };
      const agreement = inputs.map((i) => ({
        name: i.name,
        frames: 0,
        countMismatches: 0,
        maxBoxDiff: 0,
        maxScoreDiff: 0,
        crop: null as null | { mean: number; stdDev: number; sharpnessPct: number },
      }));

      // The model's own input: the frame letterboxed into 128x128, as a CPU-backed ImageBitmap.
      const floorCanvas = new OffscreenCanvas(128, 128);
      const floorCtx = floorCanvas.getContext('2d', { willReadFrequently: true })!;
      const letterbox = (128 * frame.height) / frame.width;

      const slots = inputs.length + 1;
      const warmup = slots * 2;
      if (timing) {
        for (let i = 0; i < warmup + frames * slots; i++) {
          await nextFrame();
          const slot = i % slots;
          if (slot === inputs.length) {
            floorCtx.fillRect(0, 0, 128, 128);
            floorCtx.drawImage(video, 0, (128 - letterbox) / 2, 128, letterbox);
            const bitmap = await createImageBitmap(floorCanvas);
            const t0 = performance.now();
            detector.detectForVideo(bitmap, stamp());
            const d = performance.now() - t0;
            bitmap.close();
            if (i >= warmup) {
              floor.detect.push(d);
              floor.total.push(d);
            }
            continue;
          }
          const t0 = performance.now();
          const read = await inputs[slot]!.read();
          const t1 = performance.now();
          const faces = detect(read);
          const t2 = performance.now();
          if (faces[0]) read.crop(faces[0].box);
          const t3 = performance.now();
          read.close?.();
          if (i < warmup) continue;
          const row = times[slot]!;
          row.read.push(t1 - t0);
          row.detect.push(t2 - t1);
          row.crop.push(t3 - t2);
          row.total.push(t3 - t0);
        }
        times.push(floor);
      } else {
        for (let i = 0; i < frames + 2; i++) {
          await nextFrame();
          const reads: Read[] = [];
          for (const input of inputs) reads.push(await input.read());
          const found = reads.map(detect);
          const reference = found[0]!;
          const referenceCrop = reference[0] ? canvasCrop(reference[0].box) : null;
          for (let k = 0; k < inputs.length; k++) {
            const faces = found[k]!;
            const a = agreement[k]!;
            if (i < 2) continue; // the first frames of a fresh stream can differ
            a.frames++;
            if (faces.length !== reference.length) a.countMismatches++;
            faces.forEach((f, n) => {
              const r = reference[n];
              if (!r) return;
              const diff = Math.max(
                Math.abs(f.box.x - r.box.x),
                Math.abs(f.box.y - r.box.y),
                Math.abs(f.box.width - r.box.width),
                Math.abs(f.box.height - r.box.height),
              );
              a.maxBoxDiff = Math.max(a.maxBoxDiff, diff);
              a.maxScoreDiff = Math.max(a.maxScoreDiff, Math.abs(f.score - r.score));
            });
            const own = reference[0] ? reads[k]!.crop(reference[0].box) : null;
            if (own && referenceCrop) {
              const c = (a.crop ??= { mean: 0, stdDev: 0, sharpnessPct: 0 });
              c.mean = Math.max(c.mean, Math.abs(own.mean - referenceCrop.mean));
              c.stdDev = Math.max(c.stdDev, Math.abs(own.stdDev - referenceCrop.stdDev));
              c.sharpnessPct = Math.max(
                c.sharpnessPct,
                (100 * Math.abs(own.sharpness - referenceCrop.sharpness)) / referenceCrop.sharpness,
              );
            }
          }
          reads.forEach((r) => r.close?.());
        }
      }
      camera.close();
      return { times, agreement, size: `${frame.width}x${frame.height}` };
    },
    { ...options, urls: SOURCE_URLS },
  );
}

interface ElementFrames {
  via: string;
  read: number[];
  detect: number[];
  crop: number[];
  score: number[];
  total: number[];
}

/** Runs in the page: the element's per-frame pipeline, outside the element for clean timing. */
async function elementFrames(page: Page, frames: number): Promise<ElementFrames> {
  return page.evaluate(
    async ({ frames: count, urls }) => {
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
      const { openCamera } = (await import(
        /* @vite-ignore */ urls.camera
      )) as typeof PageCameraModule;
      const camera = await openCamera();
      const { video, detector } = camera;
      const host = { addController() {}, removeController() {}, requestUpdate() {} };
      const controller = new DetectionController(host as never, {
        onFrame() {},
        onVisibility() {},
      });
      const guidance = new GuidanceSession(resolveThresholds());
      const out = { via: '', read: [], detect: [], crop: [], score: [], total: [] } as {
        via: string;
        read: number[];
        detect: number[];
        crop: number[];
        score: number[];
        total: number[];
      };
      for (let i = 0; i < count + 10; i++) {
        await new Promise((r) => video.requestVideoFrameCallback(r));
        const frame = (await controller.detect(detector, video))!;
        // Measured on every frame with a face here, whether or not it is well placed.
        if (frame.faces[0]) frame.crop(frame.faces[0]);
        const s0 = performance.now();
        guidance.step({
          t: frame.t,
          faces: frame.faces,
          crop: frame.crop,
          oval: ovalInVideo(frame.frame, frame.frame),
        });
        const score = performance.now() - s0;
        if (i < 10) continue;
        const { read, detect, crop } = frame.cost;
        out.read.push(read);
        out.detect.push(detect);
        out.crop.push(crop);
        out.score.push(score);
        out.total.push(read + detect + crop + score);
      }
      out.via = controller.frameReading;
      camera.close();
      return out;
    },
    { frames, urls: SOURCE_URLS },
  );
}

interface StartTimes {
  /** start() → camera streaming (status `guiding`). */
  camera: number;
  /** start() → detector loaded. */
  detector: number;
  /** start() → first hint on screen. */
  hint: number;
}

/**
 * Runs in the page of the built bundle: mounts <face-auth>, optionally calls `preload()` and
 * waits `preloadMs` (the person reading the intro), calls start(), times the way to the first hint.
 */
async function timeToFirstHint(
  page: Page,
  options: { reuse: boolean; preloadMs: number | null },
): Promise<StartTimes | null> {
  return page.evaluate(async ({ reuse, preloadMs }) => {
    type El = HTMLElement & {
      start(): Promise<void>;
      reset(): void;
      preload?: () => Promise<unknown>;
      state: { status: string; hint?: string | null; good?: boolean; detector?: string };
    };
    await customElements.whenDefined('face-auth');
    let el = document.querySelector('face-auth') as El | null;
    if (!el || !reuse) {
      el?.remove();
      el = document.createElement('face-auth') as El;
      document.body.append(el);
    }
    el.reset();
    if (preloadMs !== null) {
      if (typeof el.preload !== 'function') return null;
      void el.preload();
      await new Promise((r) => setTimeout(r, preloadMs));
    }
    const widget = el;
    const t0 = performance.now();
    const times = { camera: 0, detector: 0, hint: 0 };
    void widget.start();
    for (;;) {
      const s = widget.state;
      const now = performance.now() - t0;
      if (s.status === 'guiding' && !times.camera) times.camera = now;
      if (s.detector === 'ready' && !times.detector) times.detector = now;
      if (s.status === 'guiding' && (s.hint || s.good)) {
        times.hint = now;
        break;
      }
      if (now > 60_000) throw new Error('no hint within 60 s');
      await new Promise((r) => requestAnimationFrame(r));
    }
    return times;
  }, options);
}

interface CaptureTimes {
  /** start() → `face-auth-ready` (camera streaming, detector loaded). */
  ready: number;
  /** start() → the first automatic `face-auth-capture`. */
  capture: number;
}

/**
 * Runs in the page of the built bundle: a new <face-auth>, start(), the time to its first
 * automatic capture of the centred face the camera plays. The browser test used to bound this
 * (5 s from ready) and flaked under load; speed is measured here instead.
 */
async function timeToAutoCapture(page: Page): Promise<CaptureTimes> {
  return page.evaluate(async () => {
    await customElements.whenDefined('face-auth');
    document.querySelector('face-auth')?.remove();
    const el = document.createElement('face-auth') as HTMLElement & { start(): Promise<void> };
    document.body.append(el);
    const times = { ready: 0, capture: 0 };
    const t0 = performance.now();
    const captured = new Promise<void>((resolve, reject) => {
      el.addEventListener('face-auth-ready', () => (times.ready ||= performance.now() - t0));
      el.addEventListener('face-auth-capture', (e) => {
        if (e.detail.mode !== 'auto') return;
        times.capture = performance.now() - t0;
        resolve();
      });
      // Generous: a cold start took 60 s on this 2-core machine at load 18.
      setTimeout(() => reject(new Error('no auto-capture within 180 s')), 180_000);
    });
    void el.start();
    await captured;
    el.remove();
    return times;
  });
}

/**
 * start() → auto-capture on the built CDN bundle (pre-compressed assets, unthrottled): the first
 * visit of a new profile, then RUNS more in the same page (warm), each with a new element.
 */
async function autoCaptures(
  distDir: string,
): Promise<{ cold: CaptureTimes; warm: CaptureTimes[] }> {
  const server = await startStaticServer(path.dirname(distDir), {
    encoding: 'precompressed',
    pages: { '/widget.html': WIDGET_PAGE },
  });
  try {
    const { page, close } = await profileUnder(null);
    try {
      await page.goto(`${server.origin}/widget.html`);
      const cold = await timeToAutoCapture(page);
      const warm: CaptureTimes[] = [];
      for (let i = 0; i < RUNS; i++) warm.push(await timeToAutoCapture(page));
      return { cold, warm };
    } finally {
      await close();
    }
  } finally {
    await server.close();
  }
}

/** A new browser profile (empty caches) with the network as `conditions` says. */
async function profileUnder(
  conditions: Conditions,
  initScript?: string,
): Promise<{ page: Page; close(): Promise<void> }> {
  const profile = await profileContext(TIMING_CLIP);
  if (initScript) await profile.context.addInitScript({ content: initScript });
  const page = profile.context.pages()[0] ?? (await profile.context.newPage());
  page.on('pageerror', (error) => console.error('page error:', error));
  if (conditions) {
    const cdp = await profile.context.newCDPSession(page);
    await cdp.send('Network.enable');
    const bytesPerSecond = (conditions.mbps * 1e6) / 8;
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: conditions.latencyMs,
      downloadThroughput: bytesPerSecond,
      uploadThroughput: bytesPerSecond,
    });
  }
  return { page, close: () => profile.close() };
}

const WIDGET_PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>widget bench</title>
    <script type="module" src="/dist/cdn/face-auth.js"></script>
  </head>
  <body></body>
</html>`;

interface FirstHintRows {
  network: string;
  cold: StartTimes[];
  warm: StartTimes[];
  restart: StartTimes[];
  preloaded: StartTimes[];
}

interface Build {
  label: string;
  dir: string;
}

/**
 * Parts 3: every build in turn within each run (one after the other, not one build's runs then
 * the next's), so that both see the same load on a shared machine.
 */
async function firstHints(builds: Build[]): Promise<Map<Build, FirstHintRows[]>> {
  const servers = await Promise.all(
    builds.map((b) =>
      startStaticServer(path.dirname(b.dir), {
        encoding: 'precompressed',
        pages: { '/widget.html': WIDGET_PAGE },
      }),
    ),
  );
  const result = new Map(builds.map((b) => [b, [] as FirstHintRows[]]));
  try {
    for (const network of NETWORKS) {
      const rows = builds.map((): FirstHintRows => ({
        network: network.name,
        cold: [],
        warm: [],
        restart: [],
        preloaded: [],
      }));
      const runs = network.conditions ? THROTTLED_RUNS : RUNS;
      for (let i = 0; i < runs; i++) {
        for (const [k, server] of servers.entries()) {
          const row = rows[k]!;
          const { page, close } = await profileUnder(network.conditions);
          await page.goto(`${server.origin}/widget.html`);
          row.cold.push((await timeToFirstHint(page, { reuse: false, preloadMs: null }))!);
          // A returning visitor comes back later, not mid-way through the work the first visit
          // left running (V8 optimising and caching the wasm's code in the background).
          await page.waitForTimeout(WARM_AFTER_MS);
          await page.reload();
          row.warm.push((await timeToFirstHint(page, { reuse: false, preloadMs: null }))!);
          row.restart.push((await timeToFirstHint(page, { reuse: true, preloadMs: null }))!);
          await close();
          // A host that calls preload() when the page loads; the person clicks 1 s later.
          const fresh = await profileUnder(network.conditions);
          await fresh.page.goto(`${server.origin}/widget.html`);
          const preloaded = await timeToFirstHint(fresh.page, { reuse: false, preloadMs: 1000 });
          if (preloaded) row.preloaded.push(preloaded);
          await fresh.close();
        }
      }
      builds.forEach((b, k) => result.get(b)!.push(rows[k]!));
    }
  } finally {
    await Promise.all(servers.map((s) => s.close()));
  }
  return result;
}

/**
 * Part 3's breakdown: one cold start (new profile) and one warm one (reload 5 s on) of each build,
 * unthrottled, stamped from outside the widget (bench/support/start-timeline.ts).
 */
async function startTimelines(builds: Build[]): Promise<void> {
  for (const build of builds) {
    const server = await startStaticServer(path.dirname(build.dir), {
      encoding: 'precompressed',
      pages: { '/widget.html': WIDGET_PAGE },
    });
    try {
      const { page, close } = await profileUnder(null, TIMELINE_INIT_SCRIPT);
      try {
        await page.goto(`${server.origin}/widget.html`);
        const cold = await startTimeline(page);
        await page.waitForTimeout(WARM_AFTER_MS);
        await page.reload();
        const warm = await startTimeline(page);
        console.log(
          `${build.label}: where the first hint's time goes, unthrottled, ms from start():`,
        );
        console.log(`  cold cache (new profile):\n${cold.map((l) => `    ${l}`).join('\n')}`);
        console.log(`  warm cache (reload 5 s on):\n${warm.map((l) => `    ${l}`).join('\n')}`);
      } finally {
        await close();
      }
    } finally {
      await server.close();
    }
  }
}

/** Bytes written by each kind of server for a first visit: page load to the first hint. */
async function firstVisitBytes(
  distDir: string,
): Promise<Array<{ encoding: ServerEncoding; bytes: number; files: string; cdnJs: string[] }>> {
  const out = [];
  for (const encoding of ['precompressed', 'gzip', 'none'] as const) {
    const server = await startStaticServer(path.dirname(distDir), {
      encoding,
      pages: { '/widget.html': WIDGET_PAGE },
    });
    try {
      const { page, close } = await profileUnder(null);
      await page.goto(`${server.origin}/widget.html`);
      await timeToFirstHint(page, { reuse: false, preloadMs: null });
      const bytes = server.bytesWritten();
      await close();
      const files = server.served
        .map(
          (s) =>
            `${path.basename(s.path)} ${kB(s.bytes)}${s.encoding === 'identity' ? '' : ` ${s.encoding}`}`,
        )
        .join(', ');
      const cdnJs = server.served
        .filter((s) => s.path.startsWith('/dist/cdn/') && s.path.endsWith('.js'))
        .map((s) => path.basename(s.path));
      out.push({ encoding, bytes, files, cdnJs });
    } finally {
      await server.close();
    }
  }
  return out;
}

const kB = (bytes: number): string => `${(bytes / 1000).toFixed(1)} kB`;
const KiB = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KiB`;
const ms = (v: number): string => `${v.toFixed(1)} ms`;

function fmt(name: string, values: number[]): string {
  const { p50, p95, n } = percentiles(values);
  return `${name}: median ${ms(p50)}, p95 ${ms(p95)} (n=${n})`;
}

export async function run(): Promise<void> {
  const faces = facesOrSkip('widget');
  if (!faces) return;
  const ownDist = !process.env.FACE_AUTH_BENCH_DIST;
  const sizesOnly = process.env.FACE_AUTH_BENCH_SIZES === '1';
  const framesOnly = process.env.FACE_AUTH_BENCH_FRAMES === '1';
  const distDir = path.resolve(process.env.FACE_AUTH_BENCH_DIST ?? path.join(root, 'dist'));
  if (ownDist) ensureBuilt();
  else console.log(`measuring the build in ${distDir} (parts 3 to 5)`);

  if (ownDist && !sizesOnly) {
    const vite = await startVite();
    try {
      const browser = await launchBrowser(TIMING_CLIP);
      let timing: Awaited<ReturnType<typeof compareInputs>>;
      let element: ElementFrames;
      try {
        const page = await (await benchContext(browser)).newPage();
        await page.goto(`${vite.origin}/bench/support/blank.html`);
        timing = await compareInputs(page, {
          frames: TIMED_FRAMES,
          timing: true,
          tolerance: BOX_TOLERANCE_PX,
        });
        element = await elementFrames(page, ELEMENT_FRAMES);
      } finally {
        await browser.close();
      }
      const floor = timing.times.find((t) => t.name.startsWith('floor'))!;
      const floorP95 = percentiles(floor.detect).p95;
      console.log(
        `detector inputs at ${timing.size}, one input per new frame in turn (read + detectForVideo + 64x64 crop stats):`,
      );
      const before = percentiles(timing.times[0]!.total);
      for (const t of timing.times) {
        const { p50, p95 } = percentiles(t.total);
        console.log(
          `  ${t.name.padEnd(34)} total median ${ms(p50)}, p95 ${ms(p95)}; ` +
            `read ${ms(percentiles(t.read).p50)}, detect ${ms(percentiles(t.detect).p50)}, ` +
            `crop ${ms(percentiles(t.crop).p50)} (medians); median ${(p50 / before.p50).toFixed(2)}x the <video>'s`,
        );
      }
      console.log(
        `  ${fmt('detectForVideo, 640x480 (the <video> as input)', timing.times[0]!.detect)}`,
      );
      console.log(
        `  ${fmt('inference floor (detectForVideo, 128x128 ImageBitmap)', floor.detect)}`,
      );
      console.log(`widget per-frame path (frames read via ${element.via}):`);
      console.log(`  ${fmt('read frame        ', element.read)}`);
      console.log(`  ${fmt('detectForVideo    ', element.detect)}`);
      console.log(`  ${fmt('64x64 crop stats  ', element.crop)}`);
      console.log(`  ${fmt('quality scoring   ', element.score)}`);
      console.log(`  ${fmt('per frame (detection + crop stats + scoring)', element.total)}`);
      console.log(
        `  per-frame p95 / floor p95: ${(percentiles(element.total).p95 / floorP95).toFixed(2)}`,
      );

      console.log(
        `same detections as the <video>, ${AGREEMENT_FRAMES} frames per clip (boxes within ${BOX_TOLERANCE_PX} px at 640x480):`,
      );
      for (const clip of AGREEMENT_CLIPS) {
        const b = await launchBrowser(clip);
        try {
          const page = await (await benchContext(b)).newPage();
          await page.goto(`${vite.origin}/bench/support/blank.html`);
          const { agreement } = await compareInputs(page, {
            frames: AGREEMENT_FRAMES,
            timing: false,
            tolerance: BOX_TOLERANCE_PX,
          });
          for (const a of agreement.slice(1)) {
            const same = a.countMismatches === 0 && a.maxBoxDiff <= BOX_TOLERANCE_PX;
            const crop = a.crop
              ? `; crop stats vs the canvas crop: mean ±${a.crop.mean.toFixed(1)}, stdDev ±${a.crop.stdDev.toFixed(1)}, sharpness ±${a.crop.sharpnessPct.toFixed(1)} %`
              : '';
            console.log(
              `  ${clip.padEnd(16)} ${a.name.padEnd(34)} ${same ? 'same' : 'DIFFERENT'}: ` +
                `count mismatches ${a.countMismatches}/${a.frames}, box ±${a.maxBoxDiff.toFixed(1)} px, ` +
                `score ±${a.maxScoreDiff.toFixed(3)}${crop}`,
            );
          }
        } finally {
          await b.close();
        }
      }
    } finally {
      await vite.close();
    }
  }

  if (framesOnly) return;
  const builds: Build[] = [
    { label: path.relative(process.cwd(), distDir) || distDir, dir: distDir },
  ];
  const compare = process.env.FACE_AUTH_BENCH_COMPARE;
  if (compare) builds.push({ label: compare, dir: path.resolve(compare) });
  if (sizesOnly) {
    for (const build of builds) await reportSizes(build);
    return;
  }
  const hints = await firstHints(builds);
  for (const build of builds) await reportBuild(build, hints.get(build)!);
  await startTimelines(builds);

  const captures = await autoCaptures(distDir);
  console.log(
    `${builds[0]!.label}: start() → auto-capture of a centred face, built CDN bundle, pre-compressed assets, unthrottled:`,
  );
  console.log(
    `  cold (new profile): ready ${ms(captures.cold.ready)}, auto-capture ${ms(captures.cold.capture)}`,
  );
  console.log(
    `  ${fmt(
      'warm, new element in the same page',
      captures.warm.map((t) => t.capture),
    )}`,
  );
  console.log(
    `  ${fmt(
      'warm, ready → auto-capture (the old test bound: 5 s)',
      captures.warm.map((t) => t.capture - t.ready),
    )}`,
  );
}

/** Part 3 of one build, then parts 4 and 5 (reportSizes). */
async function reportBuild(build: Build, rows: FirstHintRows[]): Promise<void> {
  console.log(
    `${build.label}: start() → first hint, built CDN bundle, pre-compressed assets (camera streaming / detector loaded / first hint):`,
  );
  for (const row of rows) {
    for (const [name, times] of [
      ['cold cache (new profile)', row.cold],
      ['warm cache (reload 5 s on)', row.warm],
      ['restart in same page      ', row.restart],
      ['cold, preload() 1 s before', row.preloaded],
    ] as const) {
      if (!times.length) continue;
      const med = (k: keyof StartTimes) => percentiles(times.map((t) => t[k])).p50.toFixed(0);
      console.log(
        `  ${row.network.padEnd(16)} ${fmt(
          name,
          times.map((t) => t.hint),
        )}; medians: camera ${med('camera')} ms, detector ${med('detector')} ms`,
      );
    }
  }
  await reportSizes(build);
}

/** Parts 4 and 5 of one build. */
async function reportSizes(build: Build): Promise<void> {
  const distDir = build.dir;
  let firstHintJs: string[] = [];
  console.log(
    `${build.label}: bytes a first visit downloads, on the wire up to the first hint (br: pre-compressed siblings, gzip on the fly, none: identity):`,
  );
  for (const v of await firstVisitBytes(distDir)) {
    firstHintJs = v.cdnJs;
    console.log(
      `  ${v.encoding.padEnd(13)} ${kB(v.bytes)} (${(v.bytes / 1e6).toFixed(2)} MB): ${v.files}`,
    );
  }

  const npm = staticGraphWeight(distDir, 'define.js');
  const cdn = staticGraphWeight(path.join(distDir, 'cdn'), 'face-auth.js');
  const cdnAll = weigh(
    path.join(distDir, 'cdn'),
    readdirSync(path.join(distDir, 'cdn')).filter((f) => f.endsWith('.js')),
  );
  console.log(
    `${build.label}: JavaScript loaded before anything on demand (each file compressed on its own):`,
  );
  console.log(
    `  npm build, first-party (define.js and its static imports): ${KiB(npm.gzip)} gzip -9, ${KiB(npm.brotli)} brotli, ${KiB(npm.raw)} raw [${npm.files.join(', ')}]`,
  );
  console.log(
    `  CDN bundle (face-auth.js and its static imports): ${KiB(cdn.gzip)} gzip -9, ${KiB(cdn.brotli)} brotli, ${KiB(cdn.raw)} raw [${cdn.files.join(', ')}]`,
  );
  const started = weigh(path.join(distDir, 'cdn'), firstHintJs);
  console.log(
    `  CDN, what a first visit loads up to the first hint: ${KiB(started.gzip)} gzip -9, ${KiB(started.brotli)} brotli [${started.files.join(', ')}]`,
  );
  console.log(
    `  CDN, every chunk including those loaded on demand: ${KiB(cdnAll.gzip)} gzip -9 in ${cdnAll.files.length} files`,
  );
}
