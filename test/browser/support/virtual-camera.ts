/**
 * A reactive virtual camera for the browser liveness tests: `navigator.mediaDevices.getUserMedia`
 * answers with a `canvas.captureStream()` whose frames show a subject in the scene of the Node
 * liveness matrix (emulator/testing/liveness/clips.ts, 480 x 360): the synthetic 3D head made
 * from a photo, or a print of a photo. The subject watches the widget as a person would: it is lit
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
 * stops drawing.
 */
export function installVirtualCamera(subject: Subject, fps = 24) {
  const md = navigator.mediaDevices;
  const original = md.getUserMedia.bind(md);
  const canvas = document.createElement('canvas');
  canvas.width = CLIP_WIDTH;
  canvas.height = CLIP_HEIGHT;
  // The worker draws, keeps time and follows the prompts itself: a camera keeps delivering frames
  // while the page's main thread is busy (the detector's start blocks it for up to a second on a
  // loaded box), and a subject frozen with it jumps afterwards (a continuity failure of the test's
  // own making).
  const offscreen = canvas.transferControlToOffscreen();
  const worker = new Worker(new URL('./virtual-camera.worker.ts', import.meta.url), {
    type: 'module',
  });
  const post = (m: WorkerRequest, transfer: Transferable[] = []) => worker.postMessage(m, transfer);
  post(
    {
      type: 'start',
      canvas: offscreen,
      body: subject.body,
      fps,
      lagMs: subject.lagMs ?? 150,
      otherColours: subject.otherColours ?? false,
      opposite: subject.opposite ?? false,
    },
    [offscreen],
  );
  let firstFrame: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (firstFrame = resolve));
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
    post({ type: 'shown', at: performance.timeOrigin + performance.now(), ...shown });
  };
  const observer = new MutationObserver(send);
  if (host?.shadowRoot)
    observer.observe(host.shadowRoot, { subtree: true, attributes: true, childList: true });
  const timer = setInterval(send, 50);
  md.getUserMedia = async (constraints) => {
    if (!constraints?.video) return original(constraints);
    await ready;
    return canvas.captureStream(fps);
  };
  return {
    /** Frames drawn and their mean drawing time (ms). */
    stats: () => stats,
    restore: () => {
      clearInterval(timer);
      observer.disconnect();
      worker.terminate();
      md.getUserMedia = original;
    },
  };
}
