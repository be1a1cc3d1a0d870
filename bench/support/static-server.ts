/**
 * A static file server for the benchmarks that load the built widget as a site would. As
 * `encoding` says, it answers `Accept-Encoding: br` / `gzip` with the pre-compressed `.br` / `.gz`
 * siblings the build writes (`precompressed`, as nginx's `brotli_static` / `gzip_static` do),
 * gzips every response on the fly (`gzip`, a server with compression on and nothing
 * pre-compressed), or sends the plain files (`none`). It counts the bytes it writes.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import path from 'node:path';
import { createGzip } from 'node:zlib';

export type ServerEncoding = 'precompressed' | 'gzip' | 'none';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.wasm': 'application/wasm',
  '.tflite': 'application/octet-stream',
  '.css': 'text/css',
};

export interface StaticServer {
  origin: string;
  /** Bytes written to every socket since the server started (headers and bodies). */
  bytesWritten(): number;
  /** Paths served since the server started, with the encoding each went out in. */
  served: Array<{ path: string; encoding: string; bytes: number }>;
  close(): Promise<void>;
}

/** The sibling to send for `accept` (`br` before `gzip`), or the file itself. */
function pick(file: string, accept: string, precompressed: boolean): [string, string] {
  if (precompressed && !file.endsWith('.html')) {
    if (/\bbr\b/.test(accept) && existsSync(`${file}.br`)) return [`${file}.br`, 'br'];
    if (/\bgzip\b/.test(accept) && existsSync(`${file}.gz`)) return [`${file}.gz`, 'gzip'];
  }
  return [file, 'identity'];
}

/**
 * Serves the files under `root`, and `pages` (path → HTML) from memory.
 */
export async function startStaticServer(
  root: string,
  options: { encoding: ServerEncoding; pages?: Record<string, string> },
): Promise<StaticServer> {
  const sockets = new Set<Socket>();
  const served: StaticServer['served'] = [];
  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const page = options.pages?.[url.pathname];
    if (page !== undefined) {
      res.writeHead(200, { 'content-type': TYPES['.html']!, 'cache-control': 'no-store' });
      res.end(page);
      return;
    }
    const file = path.join(root, decodeURIComponent(url.pathname));
    if (!file.startsWith(root) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    const accept = String(req.headers['accept-encoding'] ?? '');
    const [sent, encoding] = pick(file, accept, options.encoding === 'precompressed');
    const gzipNow = options.encoding === 'gzip' && /\bgzip\b/.test(accept);
    const { size, mtimeMs } = statSync(sent);
    const etag = `"${size.toString(16)}-${Math.floor(mtimeMs).toString(16)}"`;
    const headers: Record<string, string> = {
      'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      // Cached for the warm visits, revalidated after that (a release renames nothing here).
      'cache-control': 'public, max-age=600',
      etag,
      vary: 'Accept-Encoding',
    };
    if (encoding !== 'identity') headers['content-encoding'] = encoding;
    if (gzipNow) headers['content-encoding'] = 'gzip';
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, headers).end();
      return;
    }
    if (!gzipNow) headers['content-length'] = String(size);
    res.writeHead(200, headers);
    const record = { path: url.pathname, encoding: gzipNow ? 'gzip' : encoding, bytes: 0 };
    served.push(record);
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    const body = createReadStream(sent);
    // Level 6, nginx's and Express compression's usual level.
    const out = gzipNow ? body.pipe(createGzip({ level: 6 })) : body;
    out.on('data', (chunk: Buffer) => (record.bytes += chunk.length));
    out.pipe(res);
  };
  const server = createServer(handle);
  server.on('connection', (socket) => sockets.add(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('static server did not listen');
  return {
    origin: `http://127.0.0.1:${address.port}`,
    bytesWritten: () => [...sockets].reduce((sum, s) => sum + s.bytesWritten, 0),
    served,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
