import type { FaceDetector } from '@mediapipe/tasks-vision';
import { AssetLoadError, resolveAssetUrls, type AssetUrls } from './assets.js';
import type * as TasksVision from './tasks-vision.js';
import { TRUSTED_TYPES_POLICY, setScriptSrc } from './trusted-script-url.js';

export type { Detection, FaceDetectorResult } from '@mediapipe/tasks-vision';
export type { FaceDetector };

export interface FaceDetectorSetup {
  /** Folder holding the wasm fileset and the model; the module-relative default when omitted. */
  assetsBaseUrl?: string | null;
  runningMode: 'IMAGE' | 'VIDEO';
  /** Detections below this score are dropped by MediaPipe itself. */
  minDetectionConfidence?: number;
}

/** What a detector is made from, each loading from the moment it is asked for. */
interface DetectorAssets {
  urls: AssetUrls;
  /**
   * MediaPipe's JavaScript: a module of its own, loaded with the rest and not before, so a page
   * that shows the element but never starts it does not download or parse it.
   */
  library: Promise<typeof TasksVision>;
  /** The emscripten module factory the wasm loader script defines. */
  factory: Promise<unknown>;
  /** The wasm binary, compiled while it downloads. */
  wasm: Promise<WebAssembly.Module>;
  /** The model, kept as a Blob: MediaPipe gets it as a `blob:` URL (see createFaceDetector). */
  model: Promise<Blob>;
}

/**
 * The assets of the last URLs asked for. Kept once loaded: every later detector (another run,
 * a re-added element) starts from the compiled module instead of downloading and compiling again.
 */
let assets: DetectorAssets | null = null;

export type LoaderGlobals = typeof globalThis & { ModuleFactory?: unknown; Module?: unknown };

/** Runs the wasm loader script (a classic script, as MediaPipe loads it) and takes its factory. */
function loadFactory(url: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.crossOrigin = 'anonymous';
    try {
      setScriptSrc(script, url);
    } catch (error) {
      // Trusted Types required and the face-auth policy not allowed: say which URL and why.
      reject(
        new AssetLoadError(
          url,
          undefined,
          error,
          `The page requires Trusted Types: list the ${TRUSTED_TYPES_POLICY} policy in its ` +
            'trusted-types CSP directive (see docs/integration.md).',
        ),
      );
      return;
    }
    script.addEventListener('load', () => {
      const g = globalThis as LoaderGlobals;
      const factory = g.ModuleFactory;
      script.remove();
      if (typeof factory === 'function') resolve(factory);
      else reject(new Error(`${url} did not define ModuleFactory`));
    });
    script.addEventListener('error', () => {
      script.remove();
      reject(new AssetLoadError(url));
    });
    document.head.append(script);
  });
}

function sameUrls(a: AssetUrls, b: AssetUrls): boolean {
  return a.loader === b.loader && a.wasm === b.wasm && a.model === b.model;
}

async function fetchOk(url: string): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, { credentials: 'same-origin' });
  } catch (error) {
    throw new AssetLoadError(url, undefined, error); // offline, or refused by the page's CSP
  }
  if (!response.ok) throw new AssetLoadError(url, response.status);
  return response;
}

/** Compiles while downloading; a server that sends the wrong MIME type gets the slower path. */
async function compileWasm(url: string): Promise<WebAssembly.Module> {
  try {
    return await WebAssembly.compileStreaming(fetchOk(url));
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    return WebAssembly.compile(await (await fetchOk(url)).arrayBuffer());
  }
}

/**
 * Starts loading everything a detector needs from `assetsBaseUrl` (or the files shipped next to
 * the module), all at once: the wasm loader script, the wasm binary (compiled while it streams in)
 * and the model. Called again for the same files it returns the same loads; a load that failed is
 * tried again.
 */
export function loadDetectorAssets(assetsBaseUrl?: string | null): DetectorAssets {
  const urls = resolveAssetUrls(assetsBaseUrl);
  if (assets && sameUrls(assets.urls, urls)) return assets;
  const loading: DetectorAssets = {
    urls,
    library: import('./tasks-vision.js'),
    factory: loadFactory(urls.loader),
    wasm: compileWasm(urls.wasm),
    model: fetchOk(urls.model).then((r) => r.blob()),
  };
  for (const part of [loading.library, loading.factory, loading.wasm, loading.model]) {
    part.catch(() => {
      if (assets === loading) assets = null;
    });
  }
  assets = loading;
  return loading;
}
