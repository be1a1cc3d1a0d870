/**
 * Checks every request passes whatever its route, for the shapes a JSON schema cannot refuse
 * on its own: a query key given twice, a number that is not finite, a GET that carries the
 * applicant API's update, a HEAD that carries a body.
 */
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import type { FastifyRequest } from 'fastify';
import { ApiError } from './errors.js';

/** Keys a query string gave more than once, per parsed query object. */
const duplicated = new WeakMap<object, string[]>();

/**
 * The router's query-string parser: one value per key (the first), in an object without a
 * prototype (`__proto__` is a key like any other). A key given twice is remembered, and the
 * request refused by {@link refuseDuplicatedQueryKeys}: which of two `requestId`s was meant is
 * not ours to guess, and an array where a schema-less route expects a string is a crash.
 */
export function parseQuery(text: string): Record<string, string> {
  const query = Object.create(null) as Record<string, string>;
  const twice: string[] = [];
  for (const [key, value] of new URLSearchParams(text)) {
    if (Object.hasOwn(query, key)) twice.push(key);
    else query[key] = value;
  }
  if (twice.length) duplicated.set(query, twice);
  return query;
}

/** 400 1001 for a query that names a key twice (see {@link parseQuery}). */
export function refuseDuplicatedQueryKeys(req: FastifyRequest): void {
  const twice = duplicated.get(req.query as object);
  if (twice) {
    throw new ApiError(
      'validation',
      `Query parameter '${twice[0]}' is given more than once; give each parameter once`,
    );
  }
}

/**
 * Where in `value` a number is one no handler can use (`query.offset`), if anywhere: Infinity
 * or NaN anywhere; in the URL also a whole number past 2^53 - 1 (`offset=1e300`), which is
 * not the number that was written and which SQLite refuses as a LIMIT or OFFSET.
 */
function unusableNumberPath(value: unknown, root: string, wholeMustBeSafe: boolean) {
  // Iterative: a JSON body may nest thousands of levels deep.
  const stack: [unknown, string][] = [[value, root]];
  while (stack.length) {
    const [v, path] = stack.pop()!;
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) return `${path} must be a finite number`;
      if (wholeMustBeSafe && Number.isInteger(v) && !Number.isSafeInteger(v))
        return `${path} must be at most ${Number.MAX_SAFE_INTEGER} in size`;
    } else if (Array.isArray(v)) {
      v.forEach((item, i) => stack.push([item, `${path}[${i}]`]));
    } else if (typeof v === 'object' && v !== null && !Buffer.isBuffer(v)) {
      for (const [k, item] of Object.entries(v)) stack.push([item, `${path}.${k}`]);
    }
  }
  return undefined;
}

/**
 * 400 1001 when a validated request holds a number no handler can use. Ajv coerces `1e309` in a
 * query to Infinity, and with strict numbers it then skips `maximum` for it: `limit=1e309` or
 * `ttlInSecs=1e309` would reach the handler as Infinity (a SQL error, a link that never
 * expires); `offset=1e300` passes an integer schema with no maximum. JSON bodies can hold
 * `1e309` too. Run after validation (preHandler), on the values as coerced.
 */
export function refuseNonFiniteNumbers(req: FastifyRequest): void {
  const parts: [unknown, string, boolean][] = [
    [req.query, 'query', true],
    [req.params, 'params', true],
    [req.body, 'body', false],
  ];
  for (const [value, name, inUrl] of parts) {
    const problem = unusableNumberPath(value, name, inUrl);
    if (problem) throw new ApiError('validation', problem);
  }
}

/** Whether the request says a body follows. */
const hasBody = (headers: IncomingHttpHeaders) =>
  headers['transfer-encoding'] !== undefined ||
  (headers['content-length'] !== undefined && headers['content-length'] !== '0');

/**
 * 400 1001 for a HEAD that carries a body. It would run the handler of the GET it mirrors, and
 * the applicant read reads a body as the update (see {@link routeGetWithBodyAsUpdate}).
 */
export function refuseHeadWithBody(req: FastifyRequest): void {
  if (req.method === 'HEAD' && hasBody(req.headers))
    throw new ApiError('validation', 'A HEAD request carries no body');
}

/**
 * The applicant API documents its update as `GET .../Applicants/{applicantId}` with a JSON
 * body (its example is a PUT). A GET that carries a body on that path is routed as the PUT, so
 * it is parsed, size-limited and validated like one; without a body it stays the read. Called
 * before routing (Fastify's `rewriteUrl`), on the raw request; returns the URL unchanged.
 */
export function routeGetWithBodyAsUpdate(req: IncomingMessage): string {
  const url = req.url ?? '/';
  if (req.method === 'GET' && hasBody(req.headers) && applicantPath.test(url)) {
    req.method = 'PUT';
    // Read as JSON whatever it was sent as (curl's -d says form-urlencoded), as the GET always was.
    req.headers['content-type'] = 'application/json';
  }
  return url;
}

const applicantPath = /^\/publicapi(?:\/publicapi)?\/api\/v2\/private\/Applicants\/[^/?]+(?:\?|$)/;
