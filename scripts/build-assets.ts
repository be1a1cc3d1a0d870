/**
 * Writes the self-hosted MediaPipe assets into dist/assets/:
 * - the SIMD wasm of @mediapipe/tasks-vision, and its loader script minified (the no-SIMD build
 *   is not shipped: every browser the widget supports has wasm SIMD, see docs/assets.md),
 * - face_detection_short_range.tflite derived from the Apache-2.0 model of
 *   @mediapipe/face_detection by adding the TFLite metadata MediaPipe Tasks requires.
 *
 * The build refuses a tasks-vision version that carries the usage-metrics uploader (1.x).
 */
import { mkdir, readFile, writeFile, copyFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { transformWithEsbuild } from 'vite';
import { FACE_MODEL_FILE, WASM_BINARY_FILE, WASM_LOADER_FILE } from '../src/internal/assets.js';
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
  await copyFile(
    path.join(visionDir, 'wasm', WASM_BINARY_FILE),
    path.join(outDir, WASM_BINARY_FILE),
  );
  // The loader ships unminified (322 kB, comments and all). Minified as a classic script, its
  // top-level names (the global ModuleFactory the widget reads) stay as they are.
  const loader = await readFile(path.join(visionDir, 'wasm', WASM_LOADER_FILE), 'utf8');
  const { code: minified } = await transformWithEsbuild(loader, WASM_LOADER_FILE, {
    minify: true,
    target: 'es2020',
  });
  if (!/\bvar ModuleFactory\b/.test(minified))
    throw new Error('the minified wasm loader lost its global ModuleFactory');
  await writeFile(path.join(outDir, WASM_LOADER_FILE), minified);

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
      `- \`${WASM_BINARY_FILE}\`: @mediapipe/tasks-vision ${version} (Apache-2.0), copied unchanged.`,
      `- \`${WASM_LOADER_FILE}\`: @mediapipe/tasks-vision ${version} (Apache-2.0), minified with esbuild.`,
      `- \`${FACE_MODEL_FILE}\`: \`${FACE_MODEL_FILE}\` from @mediapipe/face_detection (Apache-2.0),`,
      '  with a TFLITE_METADATA entry added (input normalisation mean 127.5, std 127.5).',
      '',
    ].join('\n'),
  );
  console.log(
    `assets: ${WASM_BINARY_FILE}, ${WASM_LOADER_FILE} (${minified.length} B), ${FACE_MODEL_FILE} (${derived.length} B) -> ${path.relative(root, outDir)}`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
