/**
 * Two builds of the widget from one config:
 * - `vite build`            npm build: ES modules in dist/ (index, define, server/index), with
 *                           lit, ky and @mediapipe/tasks-vision left as dependencies;
 * - `vite build --mode cdn` dist/cdn/face-auth.js: a self-contained ES module for a
 *                           <script type="module"> tag that defines <face-auth>, with the parts
 *                           loaded on demand (each language but English, MediaPipe's script)
 *                           as chunks next to it in dist/cdn/.
 * Both find the self-hosted MediaPipe assets (dist/assets/, written by scripts/build-assets.ts)
 * relative to their own URL, hence a different relative path per build.
 */
import { defineConfig, transformWithEsbuild, type Plugin, type UserConfig } from 'vite';

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
 * third off the gzip weight of the unminified code; the source maps lead back to src/.
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

export default defineConfig(({ command, mode }): UserConfig => {
  if (command === 'build' && mode === 'cdn') {
    return {
      define: { __FACE_AUTH_ASSETS_PATH__: JSON.stringify('../assets/') },
      plugins: [minify()],
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
      define: { __FACE_AUTH_ASSETS_PATH__: JSON.stringify('./assets/') },
      plugins: [minify()],
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
