/**
 * A reactive virtual camera for the browser liveness tests: `navigator.mediaDevices.getUserMedia`
 * answers with a camera track (a `MediaStreamTrackGenerator` fed by a worker) whose frames show
 * a subject in the scene of the Node liveness matrix (emulator/testing/liveness/clips.ts,
 * 480 x 360): the synthetic 3D head made from a photo, or a print of a photo. The subject watches the widget as a person would: it is lit
 * by the colour the widget shows (seen `lagMs` later, as a camera does) and turns its head when
 * the widget prompts a turn. That is also how a real attacker injects frames (a virtual camera);
 * the server's analysis of what gets recorded is the real one.
 *
 * Chromium's own fake camera cannot do this: it plays a Y4M file from when the camera opens, and
 * the liveness phase starts whenever the detector has found a good frame.
 */
import {
  CLIP_HEIGHT,
  CLIP_WIDTH,
  type FaceTexture,
} from '../../../emulator/testing/liveness/clips.js';
import type { Point } from '../../../emulator/testing/liveness/raster.js';
import type { BodySpec, WorkerRequest } from './virtual-camera.worker.js';

/** Chromium's breakout box (not in TypeScript's DOM types: Chromium only, the tests' browser). */
declare class MediaStreamTrackGenerator extends MediaStreamTrack {
  constructor(init: { kind: 'video' | 'audio' });
  readonly writable: WritableStream<VideoFrame>;
}

export type Direction = 'left' | 'right' | 'up';

/** Who stands in front of the camera, and how they answer the widget. */
export interface Subject {
  /** The 3D head made from a photo (a live-like person), or a flat print of it moved in 2D or tilted. */
  body: BodySpec;
  /**
   * How late the camera sees the screen's colour on the subject, ms (default 150, a webcam's
   * lag; the worker's own drawing adds ~10-50). A relay too slow to answer adds to it.
   */
  lagMs?: number;
  /** Lit by other colours than the widget shows: each one the palette's next. */
  otherColours?: boolean;
  /** Turns the other way from each prompt (left for right): the turns in the wrong order. */
  opposite?: boolean;
}

/** A photo's texture and landmarks, made in Node by scripts/make-clips.ts (test/.clips/heads/). */
export async function loadTexture(photo: string): Promise<FaceTexture | null> {
  const meta = await fetch(`/__heads/${photo}.json`);
  const rgb = await fetch(`/__heads/${photo}.rgb`);
  if (!meta.ok || !rgb.ok) return null;
  const { width, height, landmarks } = (await meta.json()) as {
    width: number;
    height: number;
    landmarks: Point[];
  };
  return { width, height, landmarks, data: new Uint8Array(await rgb.arrayBuffer()) };
}

/** What the widget shows now, read from its `liveness` part. */
export interface Shown {
  colour: string | null;
  turn: Direction | null;
}

function shownBy(host: Element | null): Shown {
  const part = host?.shadowRoot?.querySelector<HTMLElement>('[part="liveness"]');
  const colour = part?.dataset.colour || null;
  const turn = (part?.dataset.turn || null) as Direction | null;
  return { colour, turn };
}

/**
 * Installs the virtual camera: every `getUserMedia` from now on gets a stream of `subject`
 * watching the `face-auth` element of the page (mounted before this is called). `restore()` puts the real camera back and
 * stops drawing. `workerUrl` is where the worker's script is served: beside this file in the test
 * runner; a same-origin route on a page it is injected into (../../support/virtual-camera-page.ts),
 * since a strict CSP allows workers from 'self' only.
 */
export function installVirtualCamera(
  subject: Subject,
  fps = 24,
  workerUrl: URL | string = new URL('./virtual-camera.worker.ts', import.meta.url),
) {
  const md = navigator.mediaDevices;
  const original = md.getUserMedia.bind(md);
  // The worker draws, keeps time, follows the prompts and *delivers the frames* itself: a camera
  // keeps delivering frames while the page's main thread is busy (the detector's start blocks it
  // for up to a second on a loaded box), and a subject frozen with it jumps afterwards (a
  // continuity failure of the test's own making). A canvas stream cannot do that: even drawn from
  // a worker (OffscreenCanvas), its frames are taken from the placeholder canvas on the main
  // thread. Chromium's breakout box can: the generator's writable, transferred to the worker,
  // takes the worker's VideoFrames straight to the track's source, past the main thread.
  const generator = new MediaStreamTrackGenerator({ kind: 'video' });
  const worker = new Worker(workerUrl, { type: 'module' });
  const post = (m: WorkerRequest, transfer: Transferable[] = []) => worker.postMessage(m, transfer);
  post(
    {
      type: 'start',
      writable: generator.writable,
      width: CLIP_WIDTH,
      height: CLIP_HEIGHT,
      body: subject.body,
      fps,
      lagMs: subject.lagMs ?? 150,
      otherColours: subject.otherColours ?? false,
      opposite: subject.opposite ?? false,
    },
    [generator.writable as unknown as Transferable],
  );
  let firstFrame: () => void = () => undefined;
  let failed: (e: Error) => void = () => undefined;
  const ready = new Promise<void>((resolve, reject) => {
    firstFrame = resolve;
    failed = reject;
  });
  // A worker that cannot load (a page's CSP refuses a blob: or cross-origin worker script) never
  // sends a frame: the camera fails then, so a test sees a camera error, not a widget waiting for
  // frames until its time limit.
  void ready.catch(() => undefined);
  worker.onerror = (e) => {
    e.preventDefault();
    failed(new Error(`the virtual camera's worker failed: ${e.message || 'not loaded'}`));
  };
  let stats = { frames: 0, meanRenderMs: 0 };
  worker.onmessage = (e: MessageEvent<{ frames: number; meanRenderMs: number }>) => {
    stats = e.data;
    firstFrame();
  };

  // What the widget shows, sent when it changes (and on a timer, in case a change was missed).
  const host = document.querySelector('face-auth');
  let last = '';
  const send = (): void => {
    const shown = shownBy(host);
    const key = `${shown.colour}|${shown.turn}`;
    if (key === last) return;
    last = key;
    if (shown.turn && firstTurnAt === null) firstTurnAt = performance.now();
    if (shown.colour && firstColourAt === null) firstColourAt = performance.now();
    post({ type: 'shown', at: performance.timeOrigin + performance.now(), ...shown });
  };
  // The page's main-thread blocks (long tasks), timed from the first turn prompt: what freezes
  // a recording (Chromium's MediaRecorder takes its frames on the main thread, from a real camera
  // too), reported with the camera's stats.
  let firstTurnAt: number | null = null;
  let firstColourAt: number | null = null;
  const longTasks: { at: number; ms: number }[] = [];
  const tasks = new PerformanceObserver((list) => {
    for (const e of list.getEntries())
      longTasks.push({ at: e.startTime, ms: Math.round(e.duration) });
  });
  tasks.observe({ type: 'longtask', buffered: false });
  const observer = new MutationObserver(send);
  if (host?.shadowRoot)
    observer.observe(host.shadowRoot, { subtree: true, attributes: true, childList: true });
  const timer = setInterval(send, 50);
  md.getUserMedia = async (constraints) => {
    if (!constraints?.video) return original(constraints);
    await ready;
    // A clone per call: the widget stops its stream's tracks when it closes the camera, and a
    // stopped generator would end every later stream.
    return new MediaStream([generator.clone()]);
  };
  return {
    /**
     * Frames drawn and their mean drawing time (ms); the page's main-thread tasks of 200 ms or
     * more, timed (ms) from the first colour the widget showed (the liveness phase's start) and
     * from its first turn prompt.
     */
    stats: () => ({
      ...stats,
      /** When the widget first showed a colour and first prompted a turn (`performance.now()`). */
      firstColourAt,
      firstTurnAt,
      firstTurnAfterFirstColourMs:
        firstTurnAt !== null && firstColourAt !== null
          ? Math.round(firstTurnAt - firstColourAt)
          : null,
      longTasks: longTasks
        .filter((t) => t.ms >= 200)
        .map((t) => ({
          fromFirstColour: firstColourAt === null ? null : Math.round(t.at - firstColourAt),
          fromFirstTurn: firstTurnAt === null ? null : Math.round(t.at - firstTurnAt),
          ms: t.ms,
        })),
    }),
    restore: () => {
      clearInterval(timer);
      observer.disconnect();
      tasks.disconnect();
      worker.terminate();
      generator.stop();
      md.getUserMedia = original;
    },
  };
}
