/**
 * Where the time of `start()` → first hint goes, seen from outside the widget: an init script
 * wraps the page's WebAssembly compile/instantiate calls, getUserMedia and the VideoFrame
 * constructor (the frame reader's first read) and stamps each, and the Resource Timing entries
 * give each file's download. Nothing in the widget is changed for it.
 */
import type { Page } from 'playwright-core';

/** Installed with `context.addInitScript` before the page loads. */
export const TIMELINE_INIT_SCRIPT = `(() => {
  const stamps = (globalThis.__faceAuthTimeline = []);
  const stamp = (name) => stamps.push([name, performance.now()]);
  for (const name of ['compileStreaming', 'instantiateStreaming', 'compile', 'instantiate']) {
    const original = WebAssembly[name];
    WebAssembly[name] = function (...args) {
      stamp(name + ' start');
      const result = original.apply(this, args);
      result.then(() => stamp(name + ' end'), () => stamp(name + ' failed'));
      return result;
    };
  }
  const media = navigator.mediaDevices;
  if (media) {
    const getUserMedia = media.getUserMedia.bind(media);
    media.getUserMedia = (constraints) => {
      stamp('getUserMedia start');
      const result = getUserMedia(constraints);
      result.then(() => stamp('getUserMedia end'), () => undefined);
      return result;
    };
  }
  const Frame = globalThis.VideoFrame;
  if (Frame) {
    let first = true;
    globalThis.VideoFrame = class extends Frame {
      constructor(...args) {
        super(...args);
        if (first) stamp('first frame read (VideoFrame)');
        first = false;
      }
    };
  }
})();`;

/**
 * Runs in the page: a new <face-auth>, start(), and every stamp up to the first hint, in ms
 * from start(), with each widget file's download (start..end, bytes on the wire).
 */
export async function startTimeline(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    type El = HTMLElement & {
      start(): Promise<void>;
      state: { status: string; hint?: string | null; good?: boolean; detector?: string };
    };
    const stamps = (globalThis as unknown as { __faceAuthTimeline: Array<[string, number]> })
      .__faceAuthTimeline;
    await customElements.whenDefined('face-auth');
    document.querySelector('face-auth')?.remove();
    const el = document.createElement('face-auth') as El;
    document.body.append(el);
    stamps.length = 0;
    const t0 = performance.now();
    const seen = new Set<string>();
    const once = (name: string, now: boolean): void => {
      if (now && !seen.has(name)) {
        seen.add(name);
        stamps.push([name, performance.now()]);
      }
    };
    void el.start();
    for (;;) {
      const s = el.state;
      const video = el.shadowRoot?.querySelector('video');
      once('camera streaming (guiding)', s.status === 'guiding');
      once('video has a frame', !!video && video.readyState >= 2);
      once('detector ready', s.detector === 'ready');
      if (s.status === 'guiding' && (s.hint || s.good)) {
        once('FIRST HINT', true);
        break;
      }
      if (performance.now() - t0 > 60_000) throw new Error('no hint within 60 s');
      await new Promise((r) => requestAnimationFrame(r));
    }
    const rows: Array<[number, string]> = stamps.map(([name, t]) => [t - t0, name]);
    for (const r of performance.getEntriesByType('resource') as PerformanceResourceTiming[]) {
      if (r.startTime < t0 - 1) continue;
      const file = r.name.split('/').pop();
      const size = r.transferSize ? `${(r.transferSize / 1000).toFixed(0)} kB` : 'from cache';
      rows.push([
        r.startTime - t0,
        `fetch ${file} until ${(r.responseEnd - t0).toFixed(0)} ms (${size})`,
      ]);
    }
    performance.clearResourceTimings();
    return rows
      .sort((a, b) => a[0] - b[0])
      .map(([t, name]) => `${t.toFixed(0).padStart(6)} ms  ${name}`);
  });
}
