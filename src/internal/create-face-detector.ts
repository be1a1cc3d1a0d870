import type { FaceDetector } from '@mediapipe/tasks-vision';
import { loadDetectorAssets, type FaceDetectorSetup, type LoaderGlobals } from './face-detector.js';

// Building the detector from its loaded files, in the module the element loads on demand with the
// frame reader (detection-pipeline.ts): the downloads themselves start in face-detector.ts, which
// the element has from the start, so they never wait for this module.

/** Whether the page may fetch() `url`: a CSP whose connect-src lacks blob: refuses blob: URLs. */
async function canFetch(url: string): Promise<boolean> {
  try {
    await fetch(url);
    return true;
  } catch {
    return false;
  }
}

/**
 * Creates a MediaPipe FaceDetector from the self-hosted assets only: the wasm loader, the wasm
 * binary and the model are all fetched from `assetsBaseUrl` (or next to the module), never from a
 * CDN, and in parallel
 * (MediaPipe on its own would fetch the model only once the wasm runs). Only the SIMD build of
 * the wasm is used: every browser the widget supports has wasm SIMD (docs/browser-support.md);
 * where it is missing, the compile fails and the element offers manual capture.
 */
export async function createFaceDetector(setup: FaceDetectorSetup): Promise<FaceDetector> {
  const loading = loadDetectorAssets(setup.assetsBaseUrl);
  const [library, factory, wasm, model] = await Promise.all([
    loading.library,
    loading.factory,
    loading.wasm,
    loading.model,
  ]);
  // MediaPipe copies a model named by a path into its file system, but writes one given as bytes
  // into its graph config, which is far slower to build (about a second before the first
  // detection): the model downloaded above goes in as a blob: URL, read from memory, where the
  // page's CSP lets fetch() read blob: URLs (connect-src blob:, docs/integration.md); elsewhere
  // as bytes, slower but working.
  const modelUrl = URL.createObjectURL(model);
  const modelOption = (await canFetch(modelUrl))
    ? { modelAssetPath: modelUrl }
    : { modelAssetBuffer: new Uint8Array(await model.arrayBuffer()) };
  // MediaPipe calls the global ModuleFactory with the global Module (emscripten's settings),
  // both read synchronously inside createFromOptions, and clears them once the runtime is up.
  // Through `instantiateWasm` the runtime takes the module compiled above instead of fetching
  // and compiling the binary again. A page's own globals of those names are put back.
  const g = globalThis as LoaderGlobals;
  const own = { factory: g.ModuleFactory, module: g.Module };
  let failed: (error: unknown) => void = () => undefined;
  const failure = new Promise<never>((_, reject) => (failed = reject));
  g.ModuleFactory = factory;
  g.Module = {
    instantiateWasm(
      imports: WebAssembly.Imports,
      receive: (instance: WebAssembly.Instance, module: WebAssembly.Module) => void,
    ): object {
      WebAssembly.instantiate(wasm, imports).then((instance) => receive(instance, wasm), failed);
      return {};
    },
  };
  const restore = (): void => {
    g.ModuleFactory = own.factory;
    g.Module = own.module;
  };
  let creating: Promise<FaceDetector>;
  try {
    creating = library.FaceDetector.createFromOptions(
      // No loader path: the factory is already there. The binary path is never fetched.
      { wasmLoaderPath: '', wasmBinaryPath: loading.urls.wasm },
      {
        baseOptions: { ...modelOption, delegate: 'CPU' },
        runningMode: setup.runningMode,
        minDetectionConfidence: setup.minDetectionConfidence ?? 0.5,
      },
    );
  } finally {
    restore();
  }
  try {
    return await Promise.race([creating, failure]);
  } finally {
    restore();
    URL.revokeObjectURL(modelUrl);
  }
}
