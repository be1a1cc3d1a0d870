/**
 * Writes the self-hosted MediaPipe assets into dist/assets/:
 * - the wasm fileset of @mediapipe/tasks-vision (SIMD and non-SIMD builds; the loader picks one),
 * - face_detection_short_range.tflite derived from the Apache-2.0 model of
 *   @mediapipe/face_detection by adding the TFLite metadata MediaPipe Tasks requires.
 *
 * The build refuses a tasks-vision version that carries the usage-metrics uploader (1.x).
 */
import { mkdir, readFile, writeFile, copyFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FACE_MODEL_FILE } from '../src/internal/assets.js';
import {
  addModelMetadata,
  buildNormalizationMetadata,
  readInputNormalization,
  readModelMetadata,
} from './tflite-metadata.js';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.resolve(root, process.argv[2] ?? 'dist/assets');

/** The only tasks-vision version we ship: 1.x posts usage metrics to a Google endpoint every 60 s. */
const TASKS_VISION_VERSION = '0.10.35';
const WASM_FILES = [
  'vision_wasm_internal.js',
  'vision_wasm_internal.wasm',
  'vision_wasm_nosimd_internal.js',
  'vision_wasm_nosimd_internal.wasm',
];

/** A package's folder, found the way Node would from the repo root (exports maps hide package.json). */
function packageDir(name: string): string {
  const entry = require.resolve(name, { paths: [root] });
  const marker = `${path.sep}node_modules${path.sep}${name.split('/').join(path.sep)}${path.sep}`;
  return entry.slice(0, entry.lastIndexOf(marker) + marker.length - 1);
}

async function main(): Promise<void> {
  const visionDir = packageDir('@mediapipe/tasks-vision');
  const { version } = JSON.parse(await readFile(path.join(visionDir, 'package.json'), 'utf8')) as {
    version: string;
  };
  if (version !== TASKS_VISION_VERSION) {
    throw new Error(
      `@mediapipe/tasks-vision ${version} is installed; only ${TASKS_VISION_VERSION} is allowed ` +
        '(1.x uploads usage metrics). Run npm ci.',
    );
  }
  await mkdir(outDir, { recursive: true });
  for (const file of WASM_FILES) {
    await copyFile(path.join(visionDir, 'wasm', file), path.join(outDir, file));
  }

  const modelDir = packageDir('@mediapipe/face_detection');
  // The derived model keeps the package's file name, which is the one the widget loads.
  const model = new Uint8Array(await readFile(path.join(modelDir, FACE_MODEL_FILE)));
  const metadata = buildNormalizationMetadata({
    name: 'face_detection_short_range',
    description:
      'BlazeFace short-range face detector (MediaPipe), metadata added by face-auth-widget',
    version: '1',
    author: 'The MediaPipe Authors',
    license: 'Apache License, Version 2.0',
    inputName: 'input',
    mean: [127.5],
    std: [127.5],
  });
  const derived = addModelMetadata(model, metadata);
  // Self-check before shipping: the metadata reads back as written.
  const readBack = readModelMetadata(derived);
  if (!readBack) throw new Error('derived model lost its metadata');
  const { mean, std } = readInputNormalization(readBack);
  if (mean[0] !== 127.5 || std[0] !== 127.5)
    throw new Error('derived model normalisation is wrong');
  await writeFile(path.join(outDir, FACE_MODEL_FILE), derived);

  await writeFile(
    path.join(outDir, 'NOTICE.md'),
    [
      '# Third-party assets',
      '',
      `- \`vision_wasm_*\`: @mediapipe/tasks-vision ${version} (Apache-2.0), copied unchanged.`,
      `- \`${FACE_MODEL_FILE}\`: \`${FACE_MODEL_FILE}\` from @mediapipe/face_detection (Apache-2.0),`,
      '  with a TFLITE_METADATA entry added (input normalisation mean 127.5, std 127.5).',
      '',
    ].join('\n'),
  );
  console.log(
    `assets: ${WASM_FILES.length} wasm files + ${FACE_MODEL_FILE} (${derived.length} B) -> ${path.relative(root, outDir)}`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
