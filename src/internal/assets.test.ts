import { describe, expect, it } from 'vitest';
import { AssetLoadError, assetUrlsIn, resolveAssetUrls } from './assets.js';

describe('detector asset URLs', () => {
  it('puts the three files in the assets-base-url folder, with or without its trailing slash', () => {
    const expected = {
      loader: 'https://cdn.example/fa/vision_wasm_internal.js',
      wasm: 'https://cdn.example/fa/vision_wasm_internal.wasm',
      model: 'https://cdn.example/fa/face_detection_short_range.tflite',
    };
    expect(resolveAssetUrls('https://cdn.example/fa/')).toEqual(expected);
    expect(resolveAssetUrls('https://cdn.example/fa')).toEqual(expected);
    expect(assetUrlsIn('https://cdn.example/fa')).toEqual(expected);
  });

  it('defaults to the assets folder next to the module when no folder is set', () => {
    // Unbuilt, in Node: relative to this source file (the built chunks hold literal URLs instead,
    // checked by test/package/dist.test.ts).
    const here = new URL('./assets/', import.meta.url).href;
    expect(resolveAssetUrls(null)).toEqual(assetUrlsIn(here));
    expect(resolveAssetUrls('')).toEqual(assetUrlsIn(here));
  });
});

describe('AssetLoadError', () => {
  it('names the URL, the status and the attribute to set', () => {
    const error = new AssetLoadError('https://app.example/x/vision_wasm_internal.js', 404);
    expect(error.message).toContain('https://app.example/x/vision_wasm_internal.js');
    expect(error.message).toContain('(HTTP 404)');
    expect(error.message).toContain('assets-base-url');
    expect(error.url).toBe('https://app.example/x/vision_wasm_internal.js');
  });

  it('keeps what the browser said as its cause, and no status when there was no answer', () => {
    const refused = new TypeError('Failed to fetch');
    const error = new AssetLoadError('https://app.example/m.tflite', undefined, refused);
    expect(error.cause).toBe(refused);
    expect(error.message).not.toContain('HTTP');
  });

  it('says what to change instead when the cause is not a missing file', () => {
    const error = new AssetLoadError('https://app.example/l.js', undefined, undefined, 'Do this.');
    expect(error.message).toMatch(/l\.js could not be loaded\. Do this\.$/);
  });
});
