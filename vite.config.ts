/**
 * Two builds of the widget from one config:
 * - `vite build`            npm build: ES modules in dist/ (index, define, server/index), with
 *                           lit, ky and @mediapipe/tasks-vision left as dependencies;
 * - `vite build --mode cdn` dist/cdn/face-auth.js: one self-contained ES module for a
 *                           <script type="module"> tag that defines <face-auth>.
 * Both find the self-hosted MediaPipe assets (dist/assets/, written by scripts/build-assets.ts)
 * relative to their own URL, hence a different relative path per build.
 */
import { defineConfig, type UserConfig } from 'vite';

const external = [/^lit(\/|$)/, /^@lit\//, /^ky$/, /^@mediapipe\/tasks-vision$/, /^node:/];
/** Both builds write into dist/, which other build steps fill too (so it is never emptied). */
const buildBase = { outDir: 'dist', emptyOutDir: false, target: 'es2022', sourcemap: true };

export default defineConfig(({ command, mode }): UserConfig => {
  if (command === 'build' && mode === 'cdn') {
    return {
      define: { __FACE_AUTH_ASSETS_PATH__: JSON.stringify('../assets/') },
      build: {
        ...buildBase,
        lib: { entry: 'src/cdn.ts', formats: ['es'], fileName: () => 'cdn/face-auth.js' },
        rollupOptions: { output: { inlineDynamicImports: true } },
      },
    };
  }
  if (command === 'build') {
    return {
      // The same as the source's fallback, but defined, the shipped code holds the literal
      // instead of a lookup of a global that a page or an integrator's bundler could set.
      define: { __FACE_AUTH_ASSETS_PATH__: JSON.stringify('./assets/') },
      build: {
        ...buildBase,
        minify: false,
        lib: {
          entry: {
            index: 'src/index.ts',
            define: 'src/define.ts',
            'server/index': 'src/server/index.ts',
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
