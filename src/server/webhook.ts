import { createHmac, timingSafeEqual } from 'node:crypto';

const algorithms: Record<string, string> = {
  HMAC_SHA1_HEX: 'sha1',
  HMAC_SHA256_HEX: 'sha256',
  HMAC_SHA512_HEX: 'sha512',
};

export type WebhookHeaders = Headers | Record<string, string | string[] | undefined>;

function getHeader(headers: WebhookHeaders, name: string): string | undefined {
  if (typeof (headers as Headers).get === 'function')
    return (headers as Headers).get(name) ?? undefined;
  const rec = headers as Record<string, string | string[] | undefined>;
  const key = Object.keys(rec).find((k) => k.toLowerCase() === name);
  const v = key === undefined ? undefined : rec[key];
  return Array.isArray(v) ? v[0] : v;
}

/**
 * True when `X-Payload-Digest` is the HMAC of the raw body under `secret`, with the algorithm
 * named by `X-Payload-Digest-Alg` (HMAC_SHA256_HEX when absent). Pass the body bytes exactly as
 * received: re-serialised JSON will not match.
 */
export function verifyWebhook(
  rawBody: Uint8Array | string,
  headers: WebhookHeaders,
  secret: string,
): boolean {
  const given = getHeader(headers, 'x-payload-digest');
  const alg = algorithms[getHeader(headers, 'x-payload-digest-alg') ?? 'HMAC_SHA256_HEX'];
  if (!given || !alg || !/^[0-9a-f]+$/i.test(given)) return false;
  const expected = createHmac(alg, secret).update(rawBody).digest();
  const actual = Buffer.from(given, 'hex');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
