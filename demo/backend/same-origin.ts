import type { IncomingHttpHeaders } from 'node:http';
import type { onRequestAsyncHookHandler } from 'fastify';

/** Methods that only read: anything else changes state and must come from the app's pages. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Why a state-changing request is not from one of `origins`, or undefined when it is. Browsers
 * send `Origin` on every POST, PUT, PATCH and DELETE (fetch or form) and `Sec-Fetch-Site` on
 * every request; a page elsewhere can forge neither. No `Origin` at all is refused too: then it
 * is not a browser on the app's page.
 */
export function crossOriginReason(
  headers: IncomingHttpHeaders,
  origins: ReadonlySet<string>,
): string | undefined {
  const site = headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin') return `a ${String(site)} request`;
  const origin = headers.origin;
  if (!origin) return 'no Origin header';
  if (!origins.has(origin)) return `Origin ${origin} is not this app's`;
  return undefined;
}

/**
 * The CSRF defence: a 403 for a state-changing request from anywhere but the app's own origins.
 * `SameSite=Lax` keeps the cookie off cross-site POSTs already, but not off same-site ones (a
 * sibling subdomain, or another port of the same host, like the provider's page in the demo):
 * the Origin check covers those, and needs no token in the page.
 */
export function sameOriginOnly(origins: () => ReadonlySet<string>): onRequestAsyncHookHandler {
  return async (req, reply) => {
    if (SAFE_METHODS.has(req.method)) return;
    const reason = crossOriginReason(req.headers, origins());
    if (reason) return reply.code(403).send({ description: `Refused: ${reason}` });
  };
}
