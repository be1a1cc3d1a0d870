/**
 * The derived face model must behave like the legacy @mediapipe/face_detection solution it was
 * taken from: same number of faces, same boxes and scores (within float noise), loaded only from
 * the self-hosted dist/assets/.
 */
import { expect } from '@open-wc/testing';
import { createFaceDetector } from '../../../src/internal/create-face-detector.js';
import type { FaceDetector } from '../../../src/internal/face-detector.js';
import { loadImage, loadScript, skipWithoutFaces } from '../support/faces.js';

interface LegacyDetection {
  boundingBox: { xCenter: number; yCenter: number; width: number; height: number };
  /** The score is untyped and travels under a minified name: `[{ index: 0, <name>: score }]`. */
  [minified: string]: unknown;
}
interface LegacyFaceDetection {
  setOptions(options: { model: string }): void;
  onResults(listener: (results: { detections: LegacyDetection[] }) => void): void;
  send(inputs: { image: HTMLCanvasElement }): Promise<void>;
  close(): Promise<void>;
}
declare global {
  interface Window {
    FaceDetection?: new (config: { locateFile: (file: string) => string }) => LegacyFaceDetection;
  }
}

interface Face {
  x: number;
  y: number;
  w: number;
  h: number;
  score: number;
}

const LEGACY_DIR = '/node_modules/@mediapipe/face_detection/';

function legacyScore(detection: LegacyDetection): number {
  for (const value of Object.values(detection)) {
    const first = Array.isArray(value) ? (value[0] as Record<string, unknown>) : undefined;
    if (!first || !('index' in first)) continue;
    const score = Object.entries(first).find(([k, v]) => k !== 'index' && typeof v === 'number');
    if (score) return score[1] as number;
  }
  return Number.NaN;
}

/**
 * The photo letterboxed onto a square canvas of the model's input size (128x128). Both pipelines
 * then feed the network the same pixels; on the raw photo each resizes it its own way (GL vs
 * CPU sampling), which moves boxes by a few pixels and scores by ~0.02 for reasons that have
 * nothing to do with the model or its metadata.
 */
function modelSized(image: HTMLImageElement, size = 128): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = size;
  const scale = size / Math.max(image.naturalWidth, image.naturalHeight);
  const w = image.naturalWidth * scale;
  const h = image.naturalHeight * scale;
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = '#000';
  ctx.fillRect(0, 0, size, size);
  ctx.drawImage(image, (size - w) / 2, (size - h) / 2, w, h);
  return canvas;
}

async function legacyFaces(legacy: LegacyFaceDetection, image: HTMLCanvasElement): Promise<Face[]> {
  let faces: Face[] = [];
  legacy.onResults(({ detections }) => {
    faces = detections.map((d) => ({
      x: (d.boundingBox.xCenter - d.boundingBox.width / 2) * image.width,
      y: (d.boundingBox.yCenter - d.boundingBox.height / 2) * image.height,
      w: d.boundingBox.width * image.width,
      h: d.boundingBox.height * image.height,
      score: legacyScore(d),
    }));
  });
  await legacy.send({ image });
  return faces.sort((a, b) => a.x - b.x);
}

function tasksFaces(detector: FaceDetector, image: HTMLCanvasElement): Face[] {
  return detector
    .detect(image)
    .detections.map((d) => ({
      x: d.boundingBox!.originX,
      y: d.boundingBox!.originY,
      w: d.boundingBox!.width,
      h: d.boundingBox!.height,
      score: d.categories[0]!.score,
    }))
    .sort((a, b) => a.x - b.x);
}

const PHOTOS = [
  ['obama-1.jpg', 1],
  ['two-people.jpg', 2],
] as const;

describe('derived face model (dist/assets)', function () {
  let detector: FaceDetector;
  const legacyResults = new Map<string, Face[]>();
  /** Each photo decoded once, for both pipelines and both sizes. */
  const images = new Map<string, HTMLImageElement>();

  before(skipWithoutFaces);
  before(async function () {
    // The legacy solution runs first and alone: two MediaPipe wasm runtimes in one page trip
    // over each other's graph options.
    await loadScript(`${LEGACY_DIR}face_detection.js`);
    const legacy = new window.FaceDetection!({ locateFile: (file) => `${LEGACY_DIR}${file}` });
    // Only `model`: setting minDetectionConfidence in this legacy build rewrites the detection
    // calculator's options without num_classes and aborts the graph; its default is 0.5 anyway.
    legacy.setOptions({ model: 'short' });
    for (const [photo] of PHOTOS) {
      images.set(photo, await loadImage(photo));
      legacyResults.set(photo, await legacyFaces(legacy, modelSized(images.get(photo)!)));
    }
    await legacy.close();
    detector = await createFaceDetector({ assetsBaseUrl: '/dist/assets/', runningMode: 'IMAGE' });
  });
  after(() => detector?.close());

  for (const [photo, count] of PHOTOS) {
    it(`finds ${count} face(s) in ${photo}, as the legacy solution does`, () => {
      const image = modelSized(images.get(photo)!);
      const ours = tasksFaces(detector, image);
      const theirs = legacyResults.get(photo)!;
      console.log(photo, JSON.stringify({ ours, theirs }));
      expect(ours).to.have.length(count);
      expect(theirs).to.have.length(count);
      ours.forEach((face, i) => {
        const other = theirs[i]!;
        // Boxes within 1% of the image (tasks-vision rounds boxes to whole pixels); scores
        // within float noise.
        const tolerance = image.width * 0.01;
        expect(Math.abs(face.x - other.x), 'x').to.be.below(tolerance);
        expect(Math.abs(face.y - other.y), 'y').to.be.below(tolerance);
        expect(Math.abs(face.w - other.w), 'width').to.be.below(tolerance);
        expect(Math.abs(face.h - other.h), 'height').to.be.below(tolerance);
        expect(other.score, 'legacy score').to.be.a('number').and.not.NaN;
        expect(Math.abs(face.score - other.score), 'score').to.be.below(0.001);
        expect(face.score).to.be.above(0.5);
      });
    });

    it(`finds ${count} face(s) in the full-size ${photo}`, () => {
      const faces = detector.detect(images.get(photo)!).detections;
      expect(faces).to.have.length(count);
      for (const face of faces) expect(face.categories[0]!.score).to.be.above(0.85);
    });
  }
});
