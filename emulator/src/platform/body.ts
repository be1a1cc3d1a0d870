import type { FastifyInstance, FastifyRequest, FastifyServerOptions } from 'fastify';
import { ApiError } from './errors.js';

/** A multipart file part, as handlers see it. */
export interface FilePart {
  fileName: string;
  mimeType: string;
  data: Buffer;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The body bytes exactly as received: what `X-App-Access-Sig` signs. */
    rawBody?: Buffer;
  }
}

async function parseMultipart(
  body: Buffer,
  contentType: string,
): Promise<Record<string, string | FilePart>> {
  let form: FormData;
  try {
    // A view over the same memory (Buffer's pooled ArrayBuffer is typed ArrayBufferLike).
    const bytes = new Uint8Array(body.buffer as ArrayBuffer, body.byteOffset, body.length);
    form = await new Response(bytes, {
      headers: { 'content-type': contentType },
    }).formData();
  } catch {
    throw new ApiError('validation', 'Malformed multipart/form-data body');
  }
  const out: Record<string, string | FilePart> = {};
  for (const [name, value] of form.entries()) {
    if (typeof value === 'string') out[name] = value;
    else
      out[name] = {
        fileName: value.name || 'upload',
        mimeType: value.type || 'application/octet-stream',
        data: Buffer.from(await value.arrayBuffer()),
      };
  }
  return out;
}

const isMultipart = (req: FastifyRequest) =>
  /^multipart\/form-data\b/i.test(req.headers['content-type'] ?? '');

/**
 * Parses a multipart body kept raw by the content-type parser. Called once the caller is
 * authenticated (preValidation, before schema validation), so an anonymous or badly signed
 * upload costs no parsing.
 */
export async function parseDeferredMultipart(req: FastifyRequest): Promise<void> {
  if (!isMultipart(req) || !req.rawBody || req.body !== undefined) return;
  req.body = await parseMultipart(req.rawBody, req.headers['content-type'] ?? '');
}

/**
 * Every body is read as bytes first and kept on `request.rawBody`, because the app-token
 * signature covers the raw bytes; only then is it parsed (JSON, or left as text). Multipart
 * is parsed later, after authentication ({@link parseDeferredMultipart}).
 */
export function registerBodyParsers(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(
    ['application/json', 'application/json-patch+json', 'text/json'],
    { parseAs: 'buffer' },
    (req, body: Buffer, done) => {
      req.rawBody = body;
      if (body.length === 0) return done(null, undefined);
      try {
        done(null, JSON.parse(body.toString('utf8')));
      } catch {
        done(new ApiError('validation', 'Body is not valid JSON'), undefined);
      }
    },
  );
  app.addContentTypeParser(
    'multipart/form-data',
    { parseAs: 'buffer' },
    (req: FastifyRequest, body: Buffer, done) => {
      req.rawBody = body;
      done(null, undefined);
    },
  );
  // curl's `-d ''` sends application/x-www-form-urlencoded; keep the bytes, parse nothing.
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (req, body: Buffer, done) => {
    req.rawBody = body;
    done(null, body.length ? body.toString('utf8') : undefined);
  });
}

/** Ajv keyword for multipart file parts; the OpenAPI transform turns it into `format: binary`. */
type AjvPlugin = NonNullable<NonNullable<FastifyServerOptions['ajv']>['plugins']>[number];

export const ajvFilePlugin: AjvPlugin = (ajv) =>
  ajv.addKeyword({
    keyword: 'isFile',
    validate: (_schema: unknown, data: unknown) =>
      typeof data === 'object' && data !== null && Buffer.isBuffer((data as FilePart).data),
    errors: false,
  });

/** Replaces `{isFile: true}` with the OpenAPI spelling of a file, recursively. */
export function fileToBinary<T>(schema: T): T {
  if (Array.isArray(schema)) return schema.map((s: unknown) => fileToBinary(s)) as T;
  if (typeof schema !== 'object' || schema === null) return schema;
  const rec = schema as Record<string, unknown>;
  if (rec.isFile === true) return { type: 'string', format: 'binary' } as T;
  return Object.fromEntries(Object.entries(rec).map(([k, v]) => [k, fileToBinary(v)])) as T;
}
