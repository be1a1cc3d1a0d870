import { loadDetectorAssets } from './internal/face-detector.js';

/**
 * Starts downloading the face detector's files (MediaPipe's script, wasm loader, wasm binary,
 * model) from
 * `assetsBaseUrl`, or from the assets bundled next to this module, and compiling the wasm as it
 * streams in: call it as early as the page knows it will show `<face-auth>`, before the element
 * exists. Every `<face-auth>` with the same `assets-base-url` then starts from these loads. The
 * element's `preload()` method goes one step further and also builds the detector.
 *
 * Resolves once everything is downloaded and compiled; rejects when a file cannot be loaded (the
 * element then says so when it starts, and offers manual capture).
 */
export async function preload(assetsBaseUrl?: string): Promise<void> {
  const assets = loadDetectorAssets(assetsBaseUrl);
  await Promise.all([assets.library, assets.factory, assets.wasm, assets.model]);
}
