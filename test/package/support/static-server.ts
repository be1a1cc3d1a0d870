/**
 * A static file server for the package tests: serves a built folder (an app's production build,
 * or dist/ with a test page) with the MIME types a browser needs (`application/wasm` for the wasm)
 * and the response headers a test sets, such as a Content-Security-Policy.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.tflite': 'application/octet-stream',
  '.map': 'application/json',
};

export interface StaticServer {
  /** The origin, e.g. `http://127.0.0.1:41234`. */
  origin: string;
  /** Every path asked for, with its status: what the page loaded, and what it did not find. */
  requests: { path: string; status: number }[];
  close(): Promise<void>;
}

/**
 * Serves `mounts` (URL prefix → folder) on 127.0.0.1 (a secure context for getUserMedia), with
 * `headers` on every HTML answer (read per request when a function, so a test can change them).
 * A path that is a folder serves its index.html.
 */
export async function serveStatic(
  mounts: Record<string, string>,
  headers: () => Record<string, string> = () => ({}),
): Promise<StaticServer> {
  const requests: StaticServer['requests'] = [];
  const server = createServer((req, res) => {
    const urlPath = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const prefix = Object.keys(mounts)
      .filter((p) => urlPath.startsWith(p))
      .sort((a, b) => b.length - a.length)[0];
    let file =
      prefix === undefined ? undefined : path.join(mounts[prefix]!, urlPath.slice(prefix.length));
    if (file && existsSync(file) && statSync(file).isDirectory())
      file = path.join(file, 'index.html');
    const root = prefix === undefined ? undefined : path.resolve(mounts[prefix]!);
    if (!file || !root || !path.resolve(file).startsWith(root) || !existsSync(file)) {
      requests.push({ path: urlPath, status: 404 });
      res.writeHead(404).end();
      return;
    }
    const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
    requests.push({ path: urlPath, status: 200 });
    res.writeHead(200, {
      'Content-Type': type,
      'Cache-Control': 'no-store',
      ...(type.startsWith('text/html') ? headers() : {}),
    });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
