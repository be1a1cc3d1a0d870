/**
 * Face detection, landmarks and descriptors with @vladmandic/face-api on tfjs's WebAssembly
 * backend: no native binaries, nothing fetched over the network. Meant to run inside a review
 * worker thread (each worker has its own tfjs engine and models).
 */
import type * as TfWasm from '@tensorflow/tfjs-backend-wasm';
import type * as Tfjs from '@tensorflow/tfjs';
import type * as FaceApi from '@vladmandic/face-api/dist/face-api.node-wasm.js';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { AnalysedFace, EngineInfo, FaceAnalysis } from './face-analysis.js';
import { installFastCopyKernels } from './fast-copy-kernels.js';
import { greyFaceCrop, inFrameRatio, type Box } from './grey-crop.js';
import type { RawImage } from './image-decode.js';
import { MODEL_DIR } from './model-files.js';
import { measureFaceCrop } from './quality.js';

// face-api's node-wasm build is CommonJS and `require`s tfjs itself; loading tfjs through the
// same `require` guarantees one tfjs instance (one engine, one registered wasm backend).
const require = createRequire(import.meta.url);
const faceapi = require('@vladmandic/face-api/dist/face-api.node-wasm.js') as typeof FaceApi;
const tf = require('@tensorflow/tfjs') as typeof Tfjs;
const tfWasm = require('@tensorflow/tfjs-backend-wasm') as typeof TfWasm;
// Tensors handed to face-api must be typed with face-api's own (bundled) tfjs declarations.
type FaceApiTensor3D = FaceApi.tf.Tensor3D;

/** Detector input size (multiple of 32): 416 finds faces down to ~40 px in a 1280 px image. */
export const DETECTOR_INPUT_SIZE = 416;
/** Detections below this confidence are not faces. */
export const DETECTOR_MIN_SCORE = 0.5;
/** A face detector configuration (the passes below; bench/faces.bench.ts compares others). */
export type DetectorSpec =
  { kind: 'tiny'; inputSize: number; minScore: number } | { kind: 'ssd'; minScore: number };

/**
 * Detector passes, in order; a pass runs only when the ones before found no face. Chosen on the
 * labelled set of bench/faces.bench.ts (emulator/src/reviews/engine/CALIBRATION.md): the tiny
 * detector at 416 px, score 0.5, finds the faces of nearly every webcam frame at a third of
 * SsdMobilenetv1's cost, but missed a bearded face, tight face crops and a dim, soft frame; the
 * second pass at score 0.3 finds the webcam frames, and SSD the tight crops. Smaller inputs
 * (320, 224 px) lose webcam frames.
 */
export const DETECTOR_PASSES: readonly [DetectorSpec, ...DetectorSpec[]] = [
  { kind: 'tiny', inputSize: DETECTOR_INPUT_SIZE, minScore: DETECTOR_MIN_SCORE },
  { kind: 'tiny', inputSize: DETECTOR_INPUT_SIZE, minScore: 0.3 },
  { kind: 'ssd', minScore: 0.5 },
];

/** Side of the grey face crop the quality measurements are taken on. */
export const QUALITY_CROP_SIZE = 128;

let loaded: Promise<EngineInfo> | undefined;

/** Loads the backend and the three models once, then warms them up. Idempotent. */
export function loadFaceModels(): Promise<EngineInfo> {
  loaded ??= load();
  return loaded;
}

async function load(): Promise<EngineInfo> {
  const started = performance.now();
  const wasmDir = path.dirname(
    require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'),
  );
  // Local files only (never the CDN default). The pool already runs one worker per core, so the
  // multi-threaded wasm build would only oversubscribe the CPU: force the single-threaded SIMD one.
  tfWasm.setWasmPaths(wasmDir + path.sep);
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  if (!(await tf.setBackend('wasm'))) throw new Error('tfjs wasm backend failed to initialise');
  await tf.ready();
  installFastCopyKernels(tf);
  await faceapi.nets.tinyFaceDetector.loadFromDisk(MODEL_DIR);
  await faceapi.nets.faceLandmark68Net.loadFromDisk(MODEL_DIR);
  await faceapi.nets.faceRecognitionNet.loadFromDisk(MODEL_DIR);
  if (DETECTOR_PASSES.some((pass) => pass.kind === 'ssd')) {
    await faceapi.nets.ssdMobilenetv1.loadFromDisk(MODEL_DIR);
  }
  const loadMs = performance.now() - started;

  // The weights' digests are added by the engine (model-files.ts), hashed once for all workers.
  const models: Record<string, string> = {
    'face-api': faceapi.version,
    tfjs: tf.version_core,
    backend: `wasm${(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) ? '-simd' : ''}`,
  };

  const warmStart = performance.now();
  await warmUp();
  return {
    engine: `face-api ${faceapi.version} / tfjs ${tf.version_core} ${models.backend}`,
    models,
    loadMs: Math.round(loadMs),
    warmUpMs: Math.round(performance.now() - warmStart),
  };
}

/** First inference compiles kernels and allocates buffers: pay that at start, not on a review. */
async function warmUp(): Promise<void> {
  const blank = faceapi.tf.zeros([256, 256, 3], 'int32') as FaceApiTensor3D;
  const crop = faceapi.tf.zeros([150, 150, 3], 'float32') as FaceApiTensor3D;
  try {
    for (const pass of DETECTOR_PASSES) await faceapi.detectAllFaces(blank, detectorOptions(pass));
    await faceapi.nets.faceLandmark68Net.detectLandmarks(crop);
    const descriptor = await faceapi.nets.faceRecognitionNet.computeFaceDescriptor(crop);
    if (descriptor instanceof faceapi.tf.Tensor) descriptor.dispose();
  } finally {
    blank.dispose();
    crop.dispose();
  }
}

function detectorOptions(pass: DetectorSpec = DETECTOR_PASSES[0]) {
  return pass.kind === 'ssd'
    ? new faceapi.SsdMobilenetv1Options({ minConfidence: pass.minScore })
    : new faceapi.TinyFaceDetectorOptions({
        inputSize: pass.inputSize,
        scoreThreshold: pass.minScore,
      });
}

/** Detects every face in a decoded image, with descriptor and quality measurements for each. */
export async function analyseFaces(image: RawImage): Promise<FaceAnalysis> {
  await loadFaceModels();
  const started = performance.now();
  const input = faceapi.tf.tensor3d(image.data, [image.height, image.width, 3], 'int32');
  let results: Awaited<ReturnType<typeof detectWithDescriptors>> = [];
  let detector = describeDetector(DETECTOR_PASSES[0]);
  try {
    // The next pass runs only when the previous found no face at all: a face the first pass
    // sees is analysed exactly as before, and only images that would be NO_FACE pay for more.
    for (const pass of DETECTOR_PASSES) {
      detector = describeDetector(pass);
      results = await detectWithDescriptors(input, pass);
      if (results.length > 0) break;
    }
  } finally {
    input.dispose();
  }
  const inference = performance.now() - started;

  // Boxes are reported in the original's pixels: face size means resolution the user gave us.
  const scale = image.originalWidth / image.width;
  const faces: AnalysedFace[] = results.map((result) => {
    const { x, y, width, height } = result.detection.box;
    const box: Box = { x, y, width, height };
    const grey = greyFaceCrop(image.data, image.width, image.height, box, QUALITY_CROP_SIZE);
    return {
      box: { x: x * scale, y: y * scale, width: width * scale, height: height * scale },
      detectionScore: result.detection.score,
      descriptor: Array.from(result.descriptor),
      metrics: {
        faceSizePx: Math.min(width, height) * scale,
        inFrameRatio: inFrameRatio(box, image.width, image.height),
        ...measureFaceCrop(grey, QUALITY_CROP_SIZE),
      },
    };
  });
  faces.sort((a, b) => b.box.width * b.box.height - a.box.width * a.box.height);
  return {
    imageWidth: image.originalWidth,
    imageHeight: image.originalHeight,
    detector,
    faces,
    timingsMs: {
      inference: Math.round(inference),
      measurements: Math.round(performance.now() - started - inference),
    },
  };
}

function detectWithDescriptors(input: FaceApiTensor3D, pass: DetectorSpec) {
  return faceapi
    .detectAllFaces(input, detectorOptions(pass))
    .withFaceLandmarks()
    .withFaceDescriptors();
}

function describeDetector(pass: DetectorSpec): string {
  return pass.kind === 'ssd'
    ? `SsdMobilenetv1 minConfidence ${pass.minScore}`
    : `TinyFaceDetector ${pass.inputSize} px, score >= ${pass.minScore}`;
}

/**
 * Face boxes (in pixels of the original image) found by one detector configuration, largest
 * first (bench/faces.bench.ts compares detectors with it).
 */
export async function detectFaceBoxes(
  image: RawImage,
  spec: DetectorSpec,
): Promise<{ box: Box; score: number }[]> {
  await loadFaceModels();
  const options = detectorOptions(spec);
  const input = faceapi.tf.tensor3d(image.data, [image.height, image.width, 3], 'int32');
  try {
    const detections = await faceapi.detectAllFaces(input, options);
    const scale = image.originalWidth / image.width;
    return detections
      .map(({ box, score }) => ({
        box: {
          x: box.x * scale,
          y: box.y * scale,
          width: box.width * scale,
          height: box.height * scale,
        },
        score,
      }))
      .sort((a, b) => b.box.width * b.box.height - a.box.width * a.box.height);
  } finally {
    input.dispose();
  }
}
