/** Median and p95 of detectForVideo on a 640x480 camera frame, derived model, CPU delegate. */
import { withBenchPage } from './support/browser.js';
import { percentiles } from './support/percentiles.js';
import type * as DetectVideo from './support/detect-video.js';

const FRAMES = 300;

export async function run(): Promise<void> {
  const times = await withBenchPage({ clip: 'obama-1-centred' }, async (page) =>
    page.evaluate(async (frames) => {
      // Runs in the page: Vite serves and compiles the module.
      const url = '/bench/support/detect-video.ts';
      const module = (await import(/* @vite-ignore */ url)) as typeof DetectVideo;
      return module.benchDetectForVideo(frames);
    }, FRAMES),
  );
  const { p50, p95, n } = percentiles(times);
  console.log(
    `detector: detectForVideo 640x480, ${n} frames: median ${p50.toFixed(2)} ms, p95 ${p95.toFixed(2)} ms`,
  );
}
