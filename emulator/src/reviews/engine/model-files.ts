/**
 * Where the face-api weights live, and their digests for the decision record. Kept apart from
 * face-analyser.ts (which loads tfjs) so the engine can hash the weights on the calling thread
 * once, instead of every worker reading and hashing them again.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

/** face-api's own copy of the weights: local files only, never its CDN default. */
export const MODEL_DIR = path.join(
  path.dirname(require.resolve('@vladmandic/face-api/package.json')),
  'model',
);

const MODEL_FILES = {
  detector: 'tiny_face_detector_model',
  landmarks: 'face_landmark_68_model',
  recognition: 'face_recognition_model',
  // Last detector pass (face-analyser.ts DETECTOR_PASSES): only for images the tiny one finds empty.
  fallbackDetector: 'ssd_mobilenetv1_model',
} as const;

/** `{ detector: 'tiny_face_detector_model sha256:<16 hex>', landmarks: ..., recognition: ... }`. */
export async function modelDigests(): Promise<Record<string, string>> {
  const digests: Record<string, string> = {};
  for (const [role, file] of Object.entries(MODEL_FILES)) {
    // Streamed (~7 MB in all): the calling thread serves HTTP meanwhile.
    const hash = createHash('sha256');
    for await (const chunk of createReadStream(path.join(MODEL_DIR, `${file}.bin`))) {
      hash.update(chunk as Buffer);
    }
    digests[role] = `${file} sha256:${hash.digest('hex').slice(0, 16)}`;
  }
  return digests;
}
