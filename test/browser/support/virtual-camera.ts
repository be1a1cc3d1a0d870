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
import { hexToRgb, PALETTE } from '../../../emulator/src/liveness/challenge.js';
import {
  CLIP_HEIGHT,
  CLIP_WIDTH,
  type FaceTexture,
} from '../../../emulator/testing/liveness/clips.js';
import type { Point, Rgb } from '../../../emulator/testing/liveness/raster.js';
import type { BodySpec, WorkerRequest } from './virtual-camera.worker.js';

type Direction = 'left' | 'right' | 'up';

/** Who stands in front of the camera, and how they answer the widget. */
export interface Subject {
  /** The 3D head made from a photo (a live-like person), or a flat print of it moved in 2D or tilted. */
  body: BodySpec;
  /**
   * How much later than the widget shows it the subject is lit by a colour, ms (default 0: the
   * screen's light is instant; the camera's lag is the page's own pipeline, which measured
   * 250-550 ms end to end on a loaded 2-core box: the widget's and this camera's timers, the
   * worker's drawing, the canvas capture). A relay too slow to answer adds to it.
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
interface Shown {
  colour: string | null;
  turn: Direction | null;
}

function shownBy(host: Element | null): Shown {
  const part = host?.shadowRoot?.querySelector<HTMLElement>('[part="liveness"]');
  const colour = part?.dataset.colour || null;
  const turn = (part?.dataset.turn || null) as Direction | null;
  return { colour, turn };
}

/** A person's turn: a reaction time, a smooth ramp out, a hold, a ramp back. */
const REACTION_MS = 500;
const RAMP_MS = 650;
/** Held at least this long, and back after the widget says "look back" or after the longest hold. */
const MIN_HOLD_MS = 300;
const MAX_HOLD_MS = 1200;
const PEAK_YAW_DEG = 38;
const PEAK_PITCH_DEG = 25;
const OPPOSITE: Record<Direction, Direction> = { left: 'right', right: 'left', up: 'up' };

type TurnState =
  | { stage: 'still' }
  | { stage: 'react' | 'out' | 'hold' | 'back'; since: number; direction: Direction };

const ease = (u: number) => (1 - Math.cos(Math.PI * Math.min(1, Math.max(0, u)))) / 2;

/** Follows the prompts: one turn per new prompt, in its direction (or the opposite one). */
class Turner {
  private state: TurnState = { stage: 'still' };
  private lastPrompt: Direction | null = null;

  constructor(private readonly opposite: boolean) {}

  /** The turn's signed share of its peak now: `a` left (+) / right (−), `b` up. */
  step(now: number, shown: Shown): { a: number; b: number } {
    if (shown.turn && shown.turn !== this.lastPrompt && this.state.stage === 'still') {
      this.lastPrompt = shown.turn;
      const direction = this.opposite ? OPPOSITE[shown.turn] : shown.turn;
      this.state = { stage: 'react', since: now, direction };
    }
    const s = this.state;
    if (s.stage === 'still') return { a: 0, b: 0 };
    const dt = now - s.since;
    let e = 0;
    if (s.stage === 'react') {
      if (dt >= REACTION_MS) this.state = { ...s, stage: 'out', since: now };
    } else if (s.stage === 'out') {
      e = ease(dt / RAMP_MS);
      if (dt >= RAMP_MS) this.state = { ...s, stage: 'hold', since: now };
    } else if (s.stage === 'hold') {
      e = 1;
      // The widget took the turn (its prompt says "look back": no turn shown), or it never will.
      const seen = shown.turn === null;
      if ((seen && dt >= MIN_HOLD_MS) || dt >= MAX_HOLD_MS)
        this.state = { ...s, stage: 'back', since: now };
    } else {
      e = 1 - ease(dt / RAMP_MS);
      if (dt >= RAMP_MS) this.state = { stage: 'still' };
    }
    const d = s.direction;
    return d === 'up' ? { a: 0, b: e } : { a: d === 'left' ? e : -e, b: 0 };
  }
}

const WHITE: Rgb = [255, 255, 255];

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
  const ctx = canvas.getContext('2d')!;
  const worker = new Worker(new URL('./virtual-camera.worker.ts', import.meta.url), {
    type: 'module',
  });
  const post = (m: WorkerRequest, transfer: Transferable[] = []) => worker.postMessage(m, transfer);
  post({ type: 'body', body: subject.body });
  const turner = new Turner(subject.opposite ?? false);
  /** What the widget showed, by time: the camera sees it later. */
  const history: { t: number; colour: string | null }[] = [{ t: 0, colour: null }];
  const stats = { frames: 0, renderMs: 0 };
  let n = 0;
  let inFlight: { n: number; at: number } | null = null;
  let firstFrame: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (firstFrame = resolve));

  const colourSeen = (now: number): Rgb => {
    const lag = subject.lagMs ?? 0;
    let colour: string | null = null;
    for (let i = history.length - 1; i >= 0; i--) {
      if (history[i]!.t <= now - lag) {
        colour = history[i]!.colour;
        break;
      }
    }
    if (!colour) return WHITE;
    if (subject.otherColours) {
      const k = (PALETTE as readonly string[]).indexOf(colour.toLowerCase());
      colour = PALETTE[(k + 1) % PALETTE.length]!;
    }
    return hexToRgb(colour);
  };

  worker.onmessage = (e: MessageEvent<{ n: number; rgba: Uint8ClampedArray<ArrayBuffer> }>) => {
    ctx.putImageData(new ImageData(e.data.rgba, CLIP_WIDTH, CLIP_HEIGHT), 0, 0);
    if (inFlight?.n === e.data.n) {
      const ms = performance.now() - inFlight.at;
      stats.frames += 1;
      stats.renderMs += ms;
      inFlight = null;
    }
    firstFrame();
  };

  const tick = (): void => {
    const now = performance.now();
    const shown = shownBy(document.querySelector('face-auth'));
    if (shown.colour !== history.at(-1)!.colour) history.push({ t: now, colour: shown.colour });
    const { a, b } = turner.step(now, shown);
    // One frame at a time: a slow worker lowers the frame rate, it does not queue stale frames.
    if (inFlight) return;
    n += 1;
    inFlight = { n, at: now };
    post({
      type: 'frame',
      n,
      a,
      b,
      screen: colourSeen(now),
      peakYawDeg: PEAK_YAW_DEG,
      peakPitchDeg: PEAK_PITCH_DEG,
    });
  };

  // The colour's change is seen when the widget makes it, not at the next tick.
  const host = document.querySelector('face-auth');
  const observer = new MutationObserver(() => {
    const { colour } = shownBy(host);
    if (colour !== history.at(-1)!.colour) history.push({ t: performance.now(), colour });
  });
  if (host?.shadowRoot)
    observer.observe(host.shadowRoot, { subtree: true, attributes: true, childList: true });
  tick();
  const timer = setInterval(tick, 1000 / fps);
  md.getUserMedia = async (constraints) => {
    if (!constraints?.video) return original(constraints);
    await ready;
    return canvas.captureStream(fps);
  };
  return {
    /** Frames drawn and their mean time from request to canvas (ms): part of the colour lag. */
    stats: () => ({
      frames: stats.frames,
      meanRenderMs: Math.round(stats.renderMs / (stats.frames || 1)),
    }),
    restore: () => {
      clearInterval(timer);
      observer.disconnect();
      worker.terminate();
      md.getUserMedia = original;
    },
  };
}
