/**
 * The virtual camera's subject, off the page's main thread (where the widget runs its detector
 * and its colour schedule): it keeps its own time, follows what the page reports the widget shows
 * (colour, turn prompt), draws the scene of emulator/testing/liveness/clips.ts and writes each
 * frame to the camera's track (the page's MediaStreamTrackGenerator) at a steady rate with its own
 * timestamps, as a camera delivers frames whatever the page's main thread is doing.
 */
import {
  buildHeadMesh,
  headFrame,
  moved2dAt,
  printFrame,
  tiltedAt,
  type FaceTexture,
  type HeadMesh,
} from '../../../emulator/testing/liveness/clips.js';
import { hexToRgb, PALETTE } from '../../../emulator/src/liveness/challenge.js';
import type { Rgb } from '../../../emulator/testing/liveness/raster.js';
import type { Direction, Shown } from './virtual-camera.js';

/** The subject's body as the page sends it (a texture, not a mesh: the mesh is built here). */
export type BodySpec =
  | { kind: 'head'; texture: FaceTexture }
  | { kind: 'print'; texture: FaceTexture; move: 'moved2d' | 'tilt'; tiltDeg?: number };

export type WorkerRequest =
  | {
      type: 'start';
      /** The page's MediaStreamTrackGenerator's writable: VideoFrames written here are the camera's. */
      writable: WritableStream<VideoFrame>;
      width: number;
      height: number;
      body: BodySpec;
      fps: number;
      lagMs: number;
      otherColours: boolean;
      opposite: boolean;
    }
  | ({ type: 'shown'; at: number } & Shown);

/** A person's turn: a reaction time, a smooth ramp out, a hold, a ramp back. */
const REACTION_MS = 500;
const RAMP_MS = 650;
/** Held at least this long, and back after the widget says "look back" or after the longest hold. */
const MIN_HOLD_MS = 300;
const MAX_HOLD_MS = 1200;
const PEAK_YAW_DEG = 35;
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

const now = (): number => performance.timeOrigin + performance.now();

let shown: Shown = { colour: null, turn: null };
/** What the widget showed, by time: the subject is lit by it `lagMs` later. */
const history: { t: number; colour: string | null }[] = [{ t: 0, colour: null }];

self.onmessage = (e: MessageEvent<WorkerRequest>) => {
  const m = e.data;
  if (m.type === 'shown') {
    shown = { colour: m.colour, turn: m.turn };
    if (m.colour !== history.at(-1)!.colour) history.push({ t: m.at, colour: m.colour });
    return;
  }
  start(m);
};

function start(m: Extract<WorkerRequest, { type: 'start' }>): void {
  const { body, lagMs } = m;
  const writer = m.writable.getWriter();
  const mesh: HeadMesh | null = body.kind === 'head' ? buildHeadMesh(body.texture) : null;
  const turner = new Turner(m.opposite);
  const rgbx = new Uint8Array(m.width * m.height * 4);
  let n = 0;
  let renderMs = 0;

  const colourSeen = (t: number): Rgb => {
    let colour: string | null = null;
    for (let i = history.length - 1; i >= 0; i--) {
      if (history[i]!.t <= t - lagMs) {
        colour = history[i]!.colour;
        break;
      }
    }
    if (!colour) return WHITE;
    if (m.otherColours) {
      const k = (PALETTE as readonly string[]).indexOf(colour.toLowerCase());
      colour = PALETTE[(k + 1) % PALETTE.length]!;
    }
    return hexToRgb(colour);
  };

  const draw = (): void => {
    const t = now();
    const { a, b } = turner.step(t, shown);
    const screen = colourSeen(t);
    n += 1;
    const photo = body.texture;
    const frame =
      body.kind === 'head'
        ? headFrame(mesh!, { yawDeg: a * PEAK_YAW_DEG, pitchDeg: b * PEAK_PITCH_DEG }, screen, n)
        : printFrame(
            photo,
            body.move === 'tilt'
              ? tiltedAt(photo, a, b, body.tiltDeg ?? 35)
              : moved2dAt(photo, a, b),
            screen,
            n,
          );
    const src = frame.data;
    const dst = rgbx;
    for (let i = 0, j = 0; i < src.length; i += 3, j += 4) {
      dst[j] = src[i]!;
      dst[j + 1] = src[i + 1]!;
      dst[j + 2] = src[i + 2]!;
      dst[j + 3] = 255;
    }
    const video = new VideoFrame(rgbx, {
      format: 'RGBX',
      codedWidth: m.width,
      codedHeight: m.height,
      timestamp: Math.round(performance.now() * 1000),
    });
    renderMs += now() - t;
    // Not awaited: a camera does not wait for its consumer. The frame is closed once written (the
    // sink keeps its own reference); a write after the track stopped is simply dropped.
    writer.write(video).then(
      () => video.close(),
      () => video.close(),
    );
    (self as unknown as Worker).postMessage({ frames: n, meanRenderMs: Math.round(renderMs / n) });
  };
  draw();
  setInterval(draw, 1000 / m.fps);
}
