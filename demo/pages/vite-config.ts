/**
 * Vite dev-server config of the demo pages (demo/pages is the site root). The pages import the
 * element from source (`face-auth-widget/define` is aliased to src/), except the plain-HTML
 * example, which loads the CDN build from `/vendor/face-auth/` (served from dist/ as an
 * integrator would serve it from their own origin).
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { InlineConfig, Plugin } from 'vite';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const pagesRoot = path.join(repoRoot, 'demo/pages');

const types: Record<string, string> = {
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.map': 'application/json',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.tflite': 'application/octet-stream',
  '.md': 'text/plain',
};

/** Serves `prefix` from a folder of dist/ (what an integrator copies to their static host). */
function serveFolder(prefix: string, folder: string): Plugin {
  return {
    name: `demo-serve-${prefix}`,
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const url = req.url?.split('?')[0] ?? '';
        if (!url.startsWith(prefix)) return next();
        const file = path.join(folder, decodeURIComponent(url.slice(prefix.length)));
        if (!file.startsWith(folder) || !existsSync(file) || !statSync(file).isFile())
          return next();
        res.setHeader('content-type', types[path.extname(file)] ?? 'application/octet-stream');
        res.setHeader('cache-control', 'no-cache');
        createReadStream(file).pipe(res);
      });
    },
  };
}

export interface DemoViteOptions {
  port: number;
  host: string;
  /** The host backend: `/api` is proxied there, so the session cookie is same-origin. */
  backendUrl: string;
}

export function demoViteConfig(o: DemoViteOptions): InlineConfig {
  const dist = path.join(repoRoot, 'dist');
  return {
    // The lead's config supplies the dev-mode defines (where the element finds its assets).
    configFile: path.join(repoRoot, 'vite.config.ts'),
    root: pagesRoot,
    // Its own cache: other tools run Vite on this repo at the same time.
    cacheDir: path.join(repoRoot, 'node_modules/.vite-demo'),
    logLevel: 'warn',
    clearScreen: false,
    appType: 'mpa',
    resolve: {
      alias: [
        { find: /^face-auth-widget\/define$/, replacement: path.join(repoRoot, 'src/define.ts') },
        { find: /^face-auth-widget$/, replacement: path.join(repoRoot, 'src/index.ts') },
      ],
    },
    server: {
      port: o.port,
      host: o.host,
      strictPort: true,
      fs: { allow: [repoRoot] },
      proxy: { '/api': { target: o.backendUrl, changeOrigin: false } },
      watch: { ignored: ['**/data/**', '**/dist/**', '**/test/**', '**/bench/**'] },
    },
    optimizeDeps: {
      // Pre-bundled up front: a dependency found late reloads the page mid-flow.
      entries: ['**/*.html'],
      include: [
        'lit',
        'lit/decorators.js',
        'ky',
        '@mediapipe/tasks-vision',
        'react',
        'react-dom/client',
      ],
    },
    plugins: [
      serveFolder('/vendor/face-auth/', dist),
      // The element built from source looks for its MediaPipe assets here (vite.config.ts).
      serveFolder('/dist/assets/', path.join(dist, 'assets')),
    ],
  };
}
