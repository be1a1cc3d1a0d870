/**
 * Where the self-hosted MediaPipe assets (wasm fileset + derived face model) live.
 *
 * They ship in `dist/assets/` next to the code, so the default is resolved relative to this
 * module at run time. The npm build and the CDN build sit at different depths, so each build
 * injects its own relative path; an integrator can point elsewhere with `assets-base-url`.
 */
declare const __FACE_AUTH_ASSETS_PATH__: string | undefined;

/** The face detector model derived at build time (see scripts/build-assets.ts). */
export const FACE_MODEL_FILE = 'face_detection_short_range.tflite';

/**
 * The wasm fileset of @mediapipe/tasks-vision, SIMD build: the loader script and the binary.
 * The no-SIMD build is not shipped (see docs/assets.md).
 */
export const WASM_LOADER_FILE = 'vision_wasm_internal.js';
export const WASM_BINARY_FILE = 'vision_wasm_internal.wasm';

/** The default assets folder, as an absolute URL ending in `/`. */
function defaultAssetsBaseUrl(): string {
  // A variable, not a literal, so bundlers do not try to resolve `new URL(literal, import.meta.url)`.
  const relative =
    typeof __FACE_AUTH_ASSETS_PATH__ === 'string' ? __FACE_AUTH_ASSETS_PATH__ : './assets/';
  return new URL(relative, import.meta.url).href;
}

/** Resolves an `assets-base-url` override (absolute or relative to the page) or the default. */
export function resolveAssetsBaseUrl(override?: string | null): string {
  const base = override
    ? new URL(override, globalThis.document?.baseURI ?? import.meta.url).href
    : defaultAssetsBaseUrl();
  return base.endsWith('/') ? base : `${base}/`;
}
