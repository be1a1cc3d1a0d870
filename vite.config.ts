/**
 * Three builds of the widget from one config:
 * - `vite build`            npm build: ES modules in dist/ (index, define, server/index), with
 *                           lit, ky and @mediapipe/tasks-vision left as dependencies;
 * - `vite build --mode cdn` dist/cdn/face-auth.js: a self-contained ES module for a
 *                           <script type="module"> tag that defines <face-auth>, with the parts
 *                           loaded on demand (each language but English, MediaPipe's script
 *                           with only its face detector) as chunks next to it in dist/cdn/.
 * - `vite build --mode ssr` dist/ssr/: the npm build for runtimes without a DOM (server-side
 *                           rendering, edge functions), with lit's server build inside, so that
 *                           importing the package there does not throw.
 * The first two find the self-hosted MediaPipe assets (dist/assets/, written by scripts/build-assets.ts)
 * relative to their own URL, hence a different relative path per build, through literal
 * `new URL(…, import.meta.url)` expressions that an app's bundler follows (literalAssetUrls).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import MagicString from 'magic-string';
import { defineConfig, transformWithEsbuild, type Plugin, type UserConfig } from 'vite';
import { templateWhitespace } from './scripts/template-whitespace.js';
import { treeShakableTasksVision } from './scripts/tree-shakable-tasks-vision.js';

const external = [
  /^lit(\/|$)/,
  /^@lit\//,
  /^ky$/,
  /^@mediapipe\/tasks-vision$/,
  /^node:/,
  /^react(\/|$)/,
];
/** Both builds write into dist/, which other build steps fill too (so it is never emptied). */
const buildBase = {
  outDir: 'dist',
  emptyOutDir: false,
  // Vite's own pass over the chunks would print them again (its minifier leaves whitespace and
  // comments in an ES library build): minify() lowers to ES2022 and minifies in one.
  target: 'esnext',
  minify: false,
  sourcemap: true,
};

/**
 * Both builds are minified with esbuild (names, syntax, whitespace and comments), which takes a
 * third off the gzip weight of the unminified code; the source maps lead back to src/. The
 * layout inside the Lit templates, which esbuild keeps, goes earlier (templateWhitespace).
 */
function minify(): Plugin {
  return {
    name: 'face-auth:minify',
    async renderChunk(code, chunk) {
      const out = await transformWithEsbuild(code, chunk.fileName, {
        minify: true,
        sourcemap: true,
        target: 'es2022',
      });
      return { code: out.code, map: out.map };
    },
  };
}

/** The marker src/internal/assets.ts calls once per shipped file, with its name as a literal. */
const ASSET_URL_CALL = /__FACE_AUTH_ASSET_URL__\((["'])([\w.-]+)\1\)/g;

/**
 * Writes each detector file's default URL as a literal `new URL('<assetsPath><file>',
 * import.meta.url)` into the built chunk: the pattern Vite, webpack 5 and Parcel detect in an
 * app's dependencies to copy the file into the app's build. It is written after this build's own
 * transforms, so this build does not try to inline the 11 MB wasm. Fails the build if a marker is
 * left over or a URL points at no file.
 */
function literalAssetUrls(assetsPath: string): Plugin {
  let outDir = 'dist';
  return {
    name: 'face-auth:literal-asset-urls',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    renderChunk(code, chunk) {
      if (!code.includes('__FACE_AUTH_ASSET_URL__')) return null;
      const s = new MagicString(code);
      for (const match of code.matchAll(ASSET_URL_CALL)) {
        const relative = `${assetsPath}${match[2]}`;
        const file = path.resolve(outDir, path.dirname(chunk.fileName), relative);
        if (!existsSync(file)) this.error(`${chunk.fileName}: ${relative} is not at ${file}`);
        s.overwrite(
          match.index,
          match.index + match[0].length,
          `new URL(${JSON.stringify(relative)}, import.meta.url)`,
        );
      }
      const out = s.toString();
      if (out.includes('__FACE_AUTH_ASSET_URL__'))
        this.error(`${chunk.fileName}: an asset URL is not a literal file name`);
      return { code: out, map: s.generateMap({ hires: true }) };
    },
  };
}

export default defineConfig(({ command, mode }): UserConfig => {
  if (command === 'build' && mode === 'ssr') {
    return {
      // The assets path as a variable, not literal URLs: a server bundle has no use for the wasm.
      define: { __FACE_AUTH_ASSETS_PATH__: JSON.stringify('../assets/') },
      // Lit's server build (its `node` condition), bundled in: it defines the element on
      // @lit-labs/ssr-dom-shim's HTMLElement, so importing this build in a runtime without a DOM
      // does not throw, whichever conditions that runtime resolves with (see package.json).
      resolve: { conditions: ['node'] },
      plugins: [templateWhitespace(), minify()],
      build: {
        ...buildBase,
        lib: {
          entry: { 'ssr/index': 'src/index.ts', 'ssr/define': 'src/define.ts' },
          formats: ['es'],
        },
        rollupOptions: {
          external: [/^ky$/, /^@mediapipe\/tasks-vision$/, /^node:/],
          output: { chunkFileNames: 'ssr/[name]-[hash].js' },
        },
      },
    };
  }
  if (command === 'build' && mode === 'cdn') {
    return {
      define: {
        __FACE_AUTH_ASSETS_PATH__: JSON.stringify('../assets/'),
        __FACE_AUTH_LITERAL_ASSET_URLS__: 'true',
      },
      // MediaPipe's bundle is in this build: only its FaceDetector part is kept.
      plugins: [
        templateWhitespace(),
        treeShakableTasksVision(),
        literalAssetUrls('../assets/'),
        minify(),
      ],
      build: {
        ...buildBase,
        lib: { entry: 'src/cdn.ts', formats: ['es'], fileName: () => 'cdn/face-auth.js' },
        rollupOptions: {
          output: { chunkFileNames: 'cdn/[name]-[hash].js' },
          // Code the chunks share stays in face-auth.js (which exports it to them) instead of a
          // chunk of its own behind a one-line face-auth.js.
          preserveEntrySignatures: 'allow-extension',
        },
      },
    };
  }
  if (command === 'build') {
    return {
      // The same as the source's fallback, but defined, the shipped code holds the literal
      // instead of a lookup of a global that a page or an integrator's bundler could set.
      define: {
        __FACE_AUTH_ASSETS_PATH__: JSON.stringify('./assets/'),
        __FACE_AUTH_LITERAL_ASSET_URLS__: 'true',
      },
      plugins: [templateWhitespace(), literalAssetUrls('./assets/'), minify()],
      build: {
        ...buildBase,
        lib: {
          entry: {
            index: 'src/index.ts',
            define: 'src/define.ts',
            'server/index': 'src/server/index.ts',
            // face-auth-widget/react, and the runtime half of the types-only face-auth-widget/jsx.
            react: 'src/react.ts',
            jsx: 'src/jsx.ts',
          },
          formats: ['es'],
        },
        // Shared chunks stay at the top of dist/ so './assets/' resolves from every module.
        rollupOptions: { external },
      },
    };
  }
  // Dev server: the demo pages (see demo/).
  return {
    define: { __FACE_AUTH_ASSETS_PATH__: JSON.stringify('/dist/assets/') },
    server: { fs: { allow: ['.'] } },
  };
});
