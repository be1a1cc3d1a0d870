/**
 * What the emulator's pages need to be safe to open: a strict Content-Security-Policy, no
 * framing, no MIME sniffing, no referrer (the WebSDK link's URL holds an access token) and no
 * caching of a page that holds a token or a requestId; and their script and style served as
 * files, since the policy allows nothing inline.
 */

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { ProviderContext } from '../platform/context.js';
import { PAGE_ASSETS } from './html.js';

const assetsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'assets');

/** The pages' own files, by name: read once, served from memory. */
const assets = new Map<string, { type: string; body: Buffer }>(
  (
    [
      ['enrolment.js', 'text/javascript; charset=utf-8'],
      ['websdk.js', 'text/javascript; charset=utf-8'],
      ['page.css', 'text/css; charset=utf-8'],
    ] as const
  ).map(([name, type]) => [name, { type, body: readFileSync(path.join(assetsDir, name)) }]),
);

/** The origin of an absolute http(s) URL, or undefined (a relative URL is on 'self'). */
function originOf(url: string | null | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.origin : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The pages' policy. The widget's CDN build runs MediaPipe's wasm ('wasm-unsafe-eval', not
 * 'unsafe-eval'), loads its loader script and fetches its wasm and model from /widget/ ('self'),
 * hands the model to MediaPipe as a blob: URL (connect-src blob:), and shows the captured photo
 * from a blob: URL. The WebSDK page calls the API at the public
 * URL, which may be another origin than the one the page was opened on; a configured
 * `websdk.widgetScript` may be on a CDN.
 */
export function pageCsp(ctx: ProviderContext): string {
  const api = originOf(ctx.publicUrl());
  const widget = originOf(ctx.config.websdk.widgetScript);
  const list = (...sources: (string | undefined)[]) =>
    [...new Set(sources.filter((s): s is string => !!s))].join(' ');
  return [
    "default-src 'none'",
    `script-src ${list("'self'", "'wasm-unsafe-eval'", widget)}`,
    "style-src 'self'",
    "img-src 'self' blob: data:",
    // blob: for the face model, which the widget hands to MediaPipe as a blob: URL.
    `connect-src ${list("'self'", 'blob:', api, widget)}`,
    "media-src 'self' blob:",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'self'",
  ].join('; ');
}

/** The headers above on every HTML answer, nosniff on every answer, and the pages' files. */
export function pageSecurity(app: FastifyInstance, ctx: ProviderContext): void {
  app.addHook('onSend', async (_req, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    const type = reply.getHeader('content-type');
    if (typeof type === 'string' && type.startsWith('text/html')) {
      reply.header('content-security-policy', pageCsp(ctx));
      reply.header('x-frame-options', 'DENY');
      reply.header('referrer-policy', 'no-referrer');
      reply.header('cache-control', 'no-store');
    }
    return payload;
  });

  app.get(
    `${PAGE_ASSETS}/:file`,
    { schema: { hide: true }, config: { auth: 'none' } },
    async (req, reply) => {
      const asset = assets.get((req.params as { file: string }).file);
      if (!asset) return reply.code(404).send({ description: 'No such page file', code: 404 });
      return reply.type(asset.type).header('cache-control', 'no-cache').send(asset.body);
    },
  );
}
