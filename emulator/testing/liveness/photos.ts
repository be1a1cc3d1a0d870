/**
 * The shared face photos as textures for the synthetic clips: decoded, downscaled so the eyes are
 * ~160 px apart (twice their size in the clips), with face-api's 68 landmarks. The photos are
 * never copied into the repository: they are read from ../shared/faces, and tests skip without.
 */
import type * as FaceApi from '@vladmandic/face-api/dist/face-api.node-wasm.js';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { loadLivenessModels } from '../../src/liveness/frame-analyser.js';
import type { Point } from './raster.js';
import type { FaceTexture } from './synthetic-head.js';

const require = createRequire(import.meta.url);
const faceapi = require('@vladmandic/face-api/dist/face-api.node-wasm.js') as typeof FaceApi;

export const FACES_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../../shared/faces',
);

export const haveFaces = (...names: string[]): boolean =>
  names.every((name) => existsSync(path.join(FACES_DIR, name)));

/** Eye-corner distance of the textures, px. */
const TEXTURE_EYE_SPAN = 160;

/** Decodes a shared photo and finds its face's landmarks (the largest face). */
export async function loadFaceTexture(name: string): Promise<FaceTexture> {
  const file = path.join(FACES_DIR, name);
  const first = await landmarksOf(await rgb(file));
  const span = Math.hypot(
    first.landmarks[45]![0] - first.landmarks[36]![0],
    first.landmarks[45]![1] - first.landmarks[36]![1],
  );
  const scaled = await rgb(file, Math.round((first.width * TEXTURE_EYE_SPAN) / span));
  return landmarksOf(scaled);
}

/** The raw bytes of a shared photo (for the engine's own decoding). */
export function photoPath(name: string): string {
  return path.join(FACES_DIR, name);
}

async function rgb(file: string, width?: number) {
  const { data, info } = await sharp(file)
    .rotate()
    .resize(
      width ? { width } : { width: 1280, height: 1280, fit: 'inside', withoutEnlargement: true },
    )
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return {
    data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
    width: info.width,
    height: info.height,
  };
}

async function landmarksOf(image: {
  data: Uint8Array;
  width: number;
  height: number;
}): Promise<FaceTexture> {
  await loadLivenessModels();
  const input = faceapi.tf.tensor3d(image.data, [image.height, image.width, 3], 'int32');
  try {
    const results = await faceapi
      .detectAllFaces(
        input,
        new faceapi.TinyFaceDetectorOptions({ inputSize: 416, scoreThreshold: 0.5 }),
      )
      .withFaceLandmarks();
    const face = results.sort((a, b) => b.detection.box.area - a.detection.box.area)[0];
    if (!face) throw new Error('no face in the photo');
    return { ...image, landmarks: face.landmarks.positions.map((p) => [p.x, p.y] as Point) };
  } finally {
    input.dispose();
  }
}
