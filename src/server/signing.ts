import { createHmac, randomBytes } from 'node:crypto';

/**
 * `X-App-Access-Sig`: hex HMAC-SHA256 over `ts + METHOD + path-with-query` followed by the exact
 * body bytes (nothing for a bodyless request).
 */
export function signRequest(input: {
  secret: string;
  ts: number | string;
  method: string;
  pathWithQuery: string;
  body?: Uint8Array | string | undefined;
}): string {
  const hmac = createHmac('sha256', input.secret).update(
    `${input.ts}${input.method.toUpperCase()}${input.pathWithQuery}`,
  );
  if (input.body !== undefined) hmac.update(input.body);
  return hmac.digest('hex');
}

export interface MultipartFile {
  content: Uint8Array;
  fileName: string;
  mimeType: string;
}

/**
 * Encodes multipart/form-data ourselves (instead of letting fetch do it) so the bytes that are
 * signed are exactly the bytes that are sent. The body is typed as the `Uint8Array` it is (a
 * Buffer at run time), so the declarations name no Node type and a backend compiles them without
 * `@types/node`.
 */
export function encodeMultipart(parts: Record<string, string | MultipartFile>): {
  body: Uint8Array<ArrayBuffer>;
  contentType: string;
} {
  const boundary = `----face-auth-${randomBytes(12).toString('hex')}`;
  const chunks: Buffer[] = [];
  const quote = (s: string) => s.replace(/["\r\n]/g, (c) => encodeURIComponent(c));
  for (const [name, value] of Object.entries(parts)) {
    if (typeof value === 'string') {
      chunks.push(
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="${quote(name)}"\r\n\r\n${value}\r\n`,
        ),
      );
    } else {
      chunks.push(
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="${quote(name)}"; filename="${quote(value.fileName)}"\r\n` +
            `Content-Type: ${value.mimeType}\r\n\r\n`,
        ),
        Buffer.from(value.content),
        Buffer.from('\r\n'),
      );
    }
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}
