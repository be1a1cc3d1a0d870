import type { KyInstance } from 'ky';
import type { Clock } from './clock.js';
import { ACCESS_TOKEN_HEADER, kySend, parseJsonBody } from './http.js';
import { TransportError, httpFailure } from './transport-error.js';

/**
 * The image upload is the one request that needs upload progress, and the one where fetch cannot
 * give it everywhere:
 *
 * - ky's `onUploadProgress` (1.8+) wraps the body in a `ReadableStream` sent with
 *   `duplex: 'half'`. Chromium streams request bodies only over HTTP/2+: against the emulator
 *   (plain `http://` HTTP/1.1) the upload fails with `net::ERR_ALPN_NEGOTIATION_FAILED` (checked
 *   with /usr/bin/chromium). Firefox/Safari have no request streams at all (ky then throws
 *   "Request streams are not supported"). Most dev setups and many hosts are HTTP/1.1.
 * - `XMLHttpRequest.upload.onprogress` works on every browser and protocol.
 *
 * So in a browser (`XMLHttpRequest` exists) the upload goes through XHR, alone; everywhere else
 * (Node: the unit tests, server-side use) through ky with a streamed body, which Node's fetch
 * sends over HTTP/1.1 (chunked). `uploadTransport` can force either.
 *
 * The streamed body is our own pull-based stream rather than ky's `onUploadProgress`: ky 1.9's
 * wrapper pumps the whole body into the stream in `start()`, so its progress reaches 100 % before
 * the bytes leave (measured: 4 MB "sent" to a server that had read none). Pulling 64 KiB chunks
 * only when fetch asks makes the count follow the socket's back-pressure.
 */

/** `fetch` only where request streams work: Node, or a browser talking HTTP/2+. */
export type UploadTransport = 'auto' | 'xhr' | 'fetch';

export interface UploadProgress {
  transferredBytes: number;
  /** 0 when unknown. */
  totalBytes: number;
  /** 0..1; 0 while the total is unknown. */
  fraction: number;
}

export interface UploadRequest {
  client: KyInstance;
  /** The API base, for XHR which does not go through ky's `prefixUrl`. */
  prefixUrl: string;
  path: string;
  form: FormData;
  token: string;
  signal: AbortSignal;
  timeoutMs: number;
  clock: Clock;
  onProgress: (p: UploadProgress) => void;
}

export function pickTransport(choice: UploadTransport): 'xhr' | 'fetch' {
  if (choice !== 'auto') return choice;
  return typeof globalThis.XMLHttpRequest === 'function' ? 'xhr' : 'fetch';
}

export function upload(req: UploadRequest, transport: 'xhr' | 'fetch'): Promise<unknown> {
  return transport === 'xhr' ? xhrUpload(req) : fetchUpload(req);
}

function progressOf(transferredBytes: number, totalBytes: number): UploadProgress {
  const fraction = totalBytes > 0 ? Math.min(1, transferredBytes / totalBytes) : 0;
  return { transferredBytes, totalBytes, fraction };
}

const CHUNK_BYTES = 64 * 1024;

async function fetchUpload(req: UploadRequest): Promise<unknown> {
  // Serialise the multipart once: the exact size for the progress, and the boundary header.
  const packed = new Response(req.form);
  const contentType = packed.headers.get('content-type') ?? 'multipart/form-data';
  const blob = await packed.blob();
  const total = blob.size;
  let offset = 0;
  const { signal } = req;
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (signal.aborted) {
          controller.error(signal.reason);
          return;
        }
        if (offset >= total) {
          controller.close();
          return;
        }
        const chunk = new Uint8Array(await blob.slice(offset, offset + CHUNK_BYTES).arrayBuffer());
        offset += chunk.byteLength;
        controller.enqueue(chunk);
        req.onProgress(progressOf(offset, total));
      },
    },
    { highWaterMark: 0 },
  );
  return kySend(
    req.client,
    req.path,
    {
      method: 'post',
      body,
      headers: { [ACCESS_TOKEN_HEADER]: req.token, 'content-type': contentType },
      signal,
      timeout: req.timeoutMs,
    },
    req.clock,
  );
}

function joinUrl(prefixUrl: string, path: string): string {
  return prefixUrl.replace(/\/+$/, '') + '/' + path.replace(/^\/+/, '');
}

function xhrUpload(req: UploadRequest): Promise<unknown> {
  return new Promise<unknown>((resolve, reject) => {
    const { signal } = req;
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const xhr = new XMLHttpRequest();
    const onAbort = (): void => xhr.abort();
    const settle = (fn: () => void): void => {
      signal.removeEventListener('abort', onAbort);
      fn();
    };
    xhr.open('POST', joinUrl(req.prefixUrl, req.path));
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader(ACCESS_TOKEN_HEADER, req.token);
    xhr.responseType = 'text';
    xhr.timeout = req.timeoutMs;
    xhr.withCredentials = false;
    xhr.upload.onprogress = (e) =>
      req.onProgress(progressOf(e.loaded, e.lengthComputable ? e.total : 0));
    xhr.onload = () =>
      settle(() => {
        const text = typeof xhr.responseText === 'string' ? xhr.responseText : '';
        if (xhr.status >= 200 && xhr.status < 300) {
          try {
            resolve(parseJsonBody(text));
          } catch (e) {
            reject(e);
          }
          return;
        }
        reject(
          httpFailure(xhr.status, text, xhr.getResponseHeader('Retry-After'), req.clock.now()),
        );
      });
    // Status 0: no answer. Like fetch, XHR cannot say whether the server got the bytes.
    xhr.onerror = () =>
      settle(() =>
        reject(new TransportError({ kind: 'network', reachedServer: 'unknown' }, undefined)),
      );
    xhr.ontimeout = () => settle(() => reject(new TransportError({ kind: 'timeout' }, undefined)));
    xhr.onabort = () =>
      settle(() => reject(signal.reason ?? new DOMException('Aborted', 'AbortError')));
    signal.addEventListener('abort', onAbort, { once: true });
    xhr.send(req.form);
  });
}
