/**
 * Where the self-hosted MediaPipe assets (wasm fileset + derived face model) live.
 *
 * They ship in `dist/assets/` next to the code. In the built package each file's default URL is a
 * literal `new URL('./assets/<file>', import.meta.url)` (written into the chunk by vite.config.ts),
 * which Vite, webpack 5 and Parcel recognise and copy into the app's own build, renamed as they
 * like (Rollup with @web/rollup-plugin-import-meta-assets too): so the default is three URLs, not a
 * folder.
 * An integrator who serves the files elsewhere names the folder with `assets-base-url`.
 */

/** Set by the npm and CDN builds (vite.config.ts); absent when the source runs unbuilt. */
declare const __FACE_AUTH_ASSETS_PATH__: string | undefined;
/**
 * Set by the npm and CDN builds. Each call `__FACE_AUTH_ASSET_URL__('<file>')` is replaced in the
 * built chunk by `new URL('<assets path><file>', import.meta.url)`; it is never called unbuilt.
 */
declare const __FACE_AUTH_LITERAL_ASSET_URLS__: boolean | undefined;
declare function __FACE_AUTH_ASSET_URL__(file: string): URL;

/** The face detector model derived at build time (see scripts/build-assets.ts). */
export const FACE_MODEL_FILE = 'face_detection_short_range.tflite';

/**
 * The wasm fileset of @mediapipe/tasks-vision, SIMD build: the loader script and the binary.
 * The no-SIMD build is not shipped (see docs/assets.md).
 */
export const WASM_LOADER_FILE = 'vision_wasm_internal.js';
export const WASM_BINARY_FILE = 'vision_wasm_internal.wasm';

/** The absolute URLs of the three files a detector is made from. */
export interface AssetUrls {
  /** The emscripten loader script (a classic script). */
  loader: string;
  wasm: string;
  model: string;
}

/** The three files inside one folder (absolute URL ending in `/`). */
export function assetUrlsIn(base: string): AssetUrls {
  const folder = base.endsWith('/') ? base : `${base}/`;
  return {
    loader: `${folder}${WASM_LOADER_FILE}`,
    wasm: `${folder}${WASM_BINARY_FILE}`,
    model: `${folder}${FACE_MODEL_FILE}`,
  };
}

/** The files next to this module, as shipped: where a bundler put them, if one did. */
function defaultAssetUrls(): AssetUrls {
  if (typeof __FACE_AUTH_LITERAL_ASSET_URLS__ === 'boolean') {
    // Literal file names: the build turns each call into a `new URL(literal, import.meta.url)`.
    return {
      loader: __FACE_AUTH_ASSET_URL__('vision_wasm_internal.js').href,
      wasm: __FACE_AUTH_ASSET_URL__('vision_wasm_internal.wasm').href,
      model: __FACE_AUTH_ASSET_URL__('face_detection_short_range.tflite').href,
    };
  }
  // Unbuilt source (dev server, unit tests): a variable, so no tool resolves it at build time.
  const relative =
    typeof __FACE_AUTH_ASSETS_PATH__ === 'string' ? __FACE_AUTH_ASSETS_PATH__ : './assets/';
  return assetUrlsIn(new URL(relative, import.meta.url).href);
}

/**
 * The files to load: from the `assets-base-url` folder (absolute, or relative to the page) when
 * one is set, else the ones shipped next to the module.
 */
export function resolveAssetUrls(assetsBaseUrl?: string | null): AssetUrls {
  if (!assetsBaseUrl) return defaultAssetUrls();
  return assetUrlsIn(new URL(assetsBaseUrl, globalThis.document?.baseURI ?? import.meta.url).href);
}

/**
 * A detector file that could not be loaded. Its message names the URL and what to change, since
 * the usual cause is a build that did not copy the files, or a folder that is not served.
 */
export class AssetLoadError extends Error {
  override name = 'AssetLoadError';

  constructor(
    readonly url: string,
    /** The HTTP status when there was an answer; absent for a script that failed to load. */
    readonly status?: number,
    /** What the browser said, when it said something (a network error, a refused script URL). */
    cause?: unknown,
    /** What to change, when it is not the usual (serve the files, or point elsewhere). */
    remedy = "Serve the files of face-auth-widget's dist/assets/ there, or set the " +
      'assets-base-url attribute to the folder that holds them (see docs/assets.md).',
  ) {
    super(
      `face-auth: the face detector file ${url} could not be loaded` +
        `${status === undefined ? '' : ` (HTTP ${status})`}. ${remedy}`,
      cause === undefined ? undefined : { cause },
    );
  }
}
