/**
 * How long and how much a client may send: Node's HTTP timeouts, and a body limit per route that
 * Fastify enforces while the body streams in (a Content-Length above it is refused before a
 * byte is read).
 */
import type { ServerOptions, ServerResponse } from 'node:http';
import type { RouteOptions } from 'fastify';
import type { ProviderConfig } from './config.js';
import { ApiError } from './errors.js';

/** Room for the multipart framing around the files of an upload. */
const MULTIPART_FRAMING_BYTES = 64 * 1024;

/**
 * How often Node looks for requests past `headersTimeout` / `requestTimeout` (its default is 30
 * s, which would let a half-sent request live that much longer than the stated timeout).
 */
const TIMEOUT_CHECK_INTERVAL_MS = 1000;

/** Fastify's server options for the `http` limits of the config. */
export function serverTimeouts(limits: ProviderConfig['http']): {
  connectionTimeout: number;
  keepAliveTimeout: number;
  requestTimeout: number;
  http: ServerOptions;
} {
  return {
    connectionTimeout: limits.connectionTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    http: {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      connectionsCheckingInterval: TIMEOUT_CHECK_INTERVAL_MS,
    },
  };
}

/** The multipart file fields of a route's body schema (`{isFile: true}`). */
function fileFields(schema: unknown): string[] {
  const body = (schema as { body?: { properties?: Record<string, { isFile?: boolean }> } })?.body;
  return Object.entries(body?.properties ?? {})
    .filter(([, s]) => s?.isFile === true)
    .map(([name]) => name);
}

/** Whether a route takes files (multipart uploads). */
export const isUploadRoute = (route: Pick<RouteOptions, 'schema'>): boolean =>
  fileFields(route.schema).length > 0;

/**
 * Upload requests in flight, from their headers to their answer: each holds its body and copies
 * of it while it is parsed and waits for a decode slot, so their number bounds that memory. A
 * browser (one access token, or one address for the anonymous enrolment page) uploads one photo
 * at a time: it may hold `perBrowser` of them, so that one token trickling bodies cannot take
 * every slot.
 */
export class UploadsInFlight {
  private count = 0;
  private readonly byBrowser = new Map<string, number>();

  constructor(
    private readonly max: () => number,
    private readonly perBrowser = 2,
  ) {}

  /**
   * Counts the request whose response is `res` until that closes (answered, or the client
   * gone); throws 503 1504 with Retry-After when `max` are already in flight, or `perBrowser`
   * of `browser`'s. Call it before the body is read.
   */
  enter(res: ServerResponse, browser?: string): void {
    const max = this.max();
    const mine = browser === undefined ? 0 : (this.byBrowser.get(browser) ?? 0);
    if (this.count >= max || mine >= this.perBrowser) {
      const whose = this.count >= max ? `${max} uploads` : `${mine} uploads of this caller`;
      throw new ApiError(
        'uploadsBusy',
        `${whose} are being received or checked already (images.maxUploadsInFlight); retry in 1 s`,
        { retryAfterSecs: 1 },
      );
    }
    this.count++;
    if (browser !== undefined) this.byBrowser.set(browser, mine + 1);
    res.once('close', () => {
      this.count--;
      if (browser === undefined) return;
      const left = (this.byBrowser.get(browser) ?? 1) - 1;
      if (left > 0) this.byBrowser.set(browser, left);
      else this.byBrowser.delete(browser);
    });
  }
}

/**
 * The most a route's body may hold: its files at their size limits (a `video` field at the
 * video limit, any other at the image limit) plus the multipart framing, or
 * `http.jsonBodyLimitBytes` for a route that takes no file.
 */
export function routeBodyLimit(
  route: Pick<RouteOptions, 'schema'>,
  config: ProviderConfig,
): number {
  const files = fileFields(route.schema);
  if (files.length === 0) return config.http.jsonBodyLimitBytes;
  const fileBytes = files.reduce(
    (sum, name) => sum + (name === 'video' ? config.videos.maxBytes : config.images.maxBytes),
    0,
  );
  return fileBytes + MULTIPART_FRAMING_BYTES;
}
