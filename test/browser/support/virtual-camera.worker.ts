/**
 * The virtual camera's renderer, off the page's main thread (where the widget runs its detector
 * and its colour schedule): one frame per request, the scene of emulator/testing/liveness/clips.ts
 * as RGBA for `putImageData`.
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
import type { Rgb } from '../../../emulator/testing/liveness/raster.js';

/** The subject's body as the page sends it (a texture, not a mesh: the mesh is built here). */
export type BodySpec =
  | { kind: 'head'; texture: FaceTexture }
  | { kind: 'print'; texture: FaceTexture; move: 'moved2d' | 'tilt'; tiltDeg?: number };

export type WorkerRequest =
  | { type: 'body'; body: BodySpec }
  | {
      type: 'frame';
      n: number;
      a: number;
      b: number;
      screen: Rgb;
      peakYawDeg: number;
      peakPitchDeg: number;
    };

let body: { spec: BodySpec; mesh: HeadMesh | null } | null = null;

self.onmessage = (e: MessageEvent<WorkerRequest>) => {
  const m = e.data;
  if (m.type === 'body') {
    body = { spec: m.body, mesh: m.body.kind === 'head' ? buildHeadMesh(m.body.texture) : null };
    return;
  }
  if (!body) return;
  const { spec, mesh } = body;
  const photo: FaceTexture = spec.texture;
  const frame =
    spec.kind === 'head'
      ? headFrame(
          mesh!,
          { yawDeg: m.a * m.peakYawDeg, pitchDeg: m.b * m.peakPitchDeg },
          m.screen,
          m.n,
        )
      : printFrame(
          photo,
          spec.move === 'tilt'
            ? tiltedAt(photo, m.a, m.b, spec.tiltDeg ?? 35)
            : moved2dAt(photo, m.a, m.b),
          m.screen,
          m.n,
        );
  const src = frame.data;
  const rgba = new Uint8ClampedArray(frame.width * frame.height * 4);
  for (let i = 0, j = 0; i < src.length; i += 3, j += 4) {
    rgba[j] = src[i]!;
    rgba[j + 1] = src[i + 1]!;
    rgba[j + 2] = src[i + 2]!;
    rgba[j + 3] = 255;
  }
  (self as unknown as Worker).postMessage({ n: m.n, rgba }, [rgba.buffer]);
};
