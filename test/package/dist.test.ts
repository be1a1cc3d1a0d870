/**
 * Checks the built package (npm test builds first): the entry points the exports map promises,
 * the self-hosted assets, and that nothing built names a third-party host to call.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dist = path.join(root, 'dist');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  exports: Record<string, string | Record<string, string>>;
  dependencies: Record<string, string>;
};

/**
 * Hosts a widget must never call on its own: CDNs, analytics, Google endpoints (tasks-vision 1.x
 * posts usage metrics to odml.pa.googleapis.com). Protobuf type URLs such as
 * `type.googleapis.com/...` inside the wasm are names, not URLs with a scheme, and are not fetched.
 */
const FORBIDDEN_HOST =
  /https?:\/\/[a-z0-9.-]*(googleapis\.com|gstatic\.com|google-analytics\.com|googletagmanager\.com|doubleclick\.net|google\.com|jsdelivr\.net|unpkg\.com|cdnjs\.cloudflare\.com|esm\.sh|skypack\.dev|firebaseio\.com|sentry\.io|segment\.io)/gi;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true })
    .map((f) => path.join(dir, String(f)))
    .filter((f) => statSync(f).isFile());
}

describe('built package (dist/)', () => {
  beforeAll(() => {
    if (!existsSync(path.join(dist, 'cdn/face-auth.js'))) {
      throw new Error('dist/ is not built: run `npm run build` (npm test does it first)');
    }
  });

  it('has every file the exports map names', () => {
    for (const [subpath, target] of Object.entries(pkg.exports)) {
      const targets = typeof target === 'string' ? [target] : Object.values(target);
      for (const file of targets) {
        if (file.startsWith('./package.json')) continue;
        // A pattern (`./assets/*`): its folder holds files.
        const target = file.endsWith('/*') ? path.dirname(file) : file;
        expect(existsSync(path.join(root, target)), `${subpath} -> ${file}`).toBe(true);
      }
    }
  });

  it('keeps lit, ky and tasks-vision out of the npm build and inside the CDN build', () => {
    const npmBuild = readdirSync(dist)
      .filter((f) => f.endsWith('.js'))
      .map((f) => readFileSync(path.join(dist, f), 'utf8'))
      .join('\n');
    // Minified: `from"lit"`.
    expect(npmBuild).toMatch(/from ?["']lit["']/);
    // MediaPipe's script is imported when a run starts, not before: only FaceDetector, from a
    // chunk of its own that the rest imports on demand.
    const mediapipe = readdirSync(dist).filter(
      (f) => f.endsWith('.js') && readFileSync(path.join(dist, f), 'utf8').includes('@mediapipe'),
    );
    expect(mediapipe).toHaveLength(1);
    expect(readFileSync(path.join(dist, mediapipe[0]!), 'utf8')).toMatch(
      /^export ?\{ ?FaceDetector ?\} ?from ?["']@mediapipe\/tasks-vision["']/,
    );
    expect(npmBuild).toContain(`import("./${mediapipe[0]}")`);
    expect(npmBuild).not.toMatch(new RegExp(`from ?["']\\./${mediapipe[0]}["']`));
    const cdnDir = path.join(dist, 'cdn');
    const cdn = readdirSync(cdnDir)
      .filter((f) => f.endsWith('.js'))
      .map((f) => readFileSync(path.join(cdnDir, f), 'utf8'))
      .join('\n');
    expect(cdn).not.toMatch(/\b(from ?|import ?\(?)["'](lit|ky|@mediapipe\/tasks-vision)["']/);
    expect(readFileSync(path.join(cdnDir, 'face-auth.js'), 'utf8')).toMatch(
      /customElements\.define/,
    );
  });

  it('ships the SIMD wasm fileset and the derived model in dist/assets, each pre-compressed', () => {
    for (const file of [
      'vision_wasm_internal.js',
      'vision_wasm_internal.wasm',
      'face_detection_short_range.tflite',
    ]) {
      const size = statSync(path.join(dist, 'assets', file)).size;
      expect(size, file).toBeGreaterThan(1000);
      // The siblings a server sends for Accept-Encoding: br / gzip, smaller than the file.
      for (const sibling of [`${file}.br`, `${file}.gz`]) {
        const compressed = readFileSync(path.join(dist, 'assets', sibling));
        expect(compressed.length, sibling).toBeLessThan(size);
      }
      const original = readFileSync(path.join(dist, 'assets', file));
      const br = readFileSync(path.join(dist, 'assets', `${file}.br`));
      const gz = readFileSync(path.join(dist, 'assets', `${file}.gz`));
      expect(brotliDecompressSync(br).equals(original), `${file}.br`).toBe(true);
      expect(gunzipSync(gz).equals(original), `${file}.gz`).toBe(true);
    }
  });

  it('names each detector file in a literal new URL(…, import.meta.url) that resolves to it', () => {
    // The pattern Vite, webpack 5 and Parcel follow to copy a dependency's files into an app's
    // build (test/package/bundlers.test.ts builds such apps); one per file, in the npm build and
    // in the CDN build, each pointing at the file from the chunk that holds it.
    const literal = /new URL\(["']([^"']+)["'],\s*import\.meta\.url\)/g;
    for (const dir of [dist, path.join(dist, 'cdn')]) {
      const found = new Map<string, string>();
      for (const chunk of readdirSync(dir).filter((f) => f.endsWith('.js'))) {
        for (const [, relative] of readFileSync(path.join(dir, chunk), 'utf8').matchAll(literal)) {
          found.set(path.basename(relative!), path.resolve(dir, relative!));
        }
      }
      expect([...found.keys()].sort(), dir).toEqual([
        'face_detection_short_range.tflite',
        'vision_wasm_internal.js',
        'vision_wasm_internal.wasm',
      ]);
      for (const file of found.values()) expect(existsSync(file), file).toBe(true);
    }
  });

  it('ships no no-SIMD wasm, and the widget never uses the resolver that would pick it', () => {
    const shipped = readdirSync(path.join(dist, 'assets'));
    expect(shipped.filter((f) => f.includes('nosimd'))).toEqual([]);
    // MediaPipe's FilesetResolver names the `…_nosimd_internal` files where SIMD is missing; the
    // widget names its files itself (the privacy browser test checks the requests).
    const npmBuild = readdirSync(dist)
      .filter((f) => f.endsWith('.js'))
      .map((f) => readFileSync(path.join(dist, f), 'utf8'))
      .join('\n');
    expect(npmBuild).not.toMatch(/FilesetResolver|forVisionTasks/);
  });

  it('ships a custom-elements manifest that declares <face-auth>', () => {
    const manifest = readFileSync(path.join(dist, 'custom-elements.json'), 'utf8');
    expect(manifest).toContain('"tagName": "face-auth"');
  });

  it('ships no test file: none in dist/ or its .d.ts, none in the manifest', () => {
    const tests = filesUnder(dist).filter((f) => /\.test\./.test(path.basename(f)));
    expect(tests.map((f) => path.relative(root, f))).toEqual([]);
    const manifest = readFileSync(path.join(dist, 'custom-elements.json'), 'utf8');
    expect(manifest).not.toMatch(/\.test\.[jt]s/);
  });

  it('names no third-party host in any built file', () => {
    const offenders: string[] = [];
    for (const file of filesUnder(dist)) {
      if (file.endsWith('.map')) continue; // source maps quote sources, they are not run
      const text = readFileSync(file).toString('latin1');
      for (const match of text.matchAll(FORBIDDEN_HOST)) {
        offenders.push(`${path.relative(root, file)}: ${match[0]}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('pins @mediapipe/tasks-vision to 0.10.35, the last version without the metrics uploader', () => {
    expect(pkg.dependencies['@mediapipe/tasks-vision']).toBe('0.10.35');
    const installed = JSON.parse(
      readFileSync(path.join(root, 'node_modules/@mediapipe/tasks-vision/package.json'), 'utf8'),
    ) as { version: string };
    expect(installed.version).toBe('0.10.35');
    // MediaPipe's script is a chunk of its own next to face-auth.js: every chunk is read.
    const cdn = readdirSync(path.join(dist, 'cdn'))
      .filter((f) => f.endsWith('.js'))
      .map((f) => readFileSync(path.join(dist, 'cdn', f), 'utf8'))
      .join('\n');
    expect(cdn).toContain('FaceDetectorGraph'); // MediaPipe is in there
    expect(cdn).not.toContain('odml.pa.googleapis.com');
    expect(cdn).not.toContain('net-send-failed');
  });
});
