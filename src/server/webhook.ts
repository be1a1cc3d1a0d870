import { createHmac, timingSafeEqual } from 'node:crypto';

/** The `X-Payload-Digest-Alg` values a webhook may be signed with, and their hash. */
const hashes = {
  HMAC_SHA1_HEX: 'sha1',
  HMAC_SHA256_HEX: 'sha256',
  HMAC_SHA512_HEX: 'sha512',
} as const;

export type WebhookDigestAlgorithm = keyof typeof hashes;

/**
 * What {@link verifyWebhook} accepts by default: SHA-256 (what the provider sends; also assumed
 * when the header is absent) and SHA-512. Not SHA-1: a sender's header must not be able to
 * pick a weak algorithm; allow it explicitly for a provider account still set to it.
 */
export const DEFAULT_WEBHOOK_ALGORITHMS: readonly WebhookDigestAlgorithm[] = [
  'HMAC_SHA256_HEX',
  'HMAC_SHA512_HEX',
];

export type WebhookHeaders = Headers | Record<string, string | string[] | undefined>;

export interface VerifyWebhookOptions {
  /** The algorithms to accept (default {@link DEFAULT_WEBHOOK_ALGORITHMS}). */
  algorithms?: readonly WebhookDigestAlgorithm[];
}

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
 * named by `X-Payload-Digest-Alg` (HMAC_SHA256_HEX when absent), and that algorithm is one
 * `options.algorithms` allows (SHA-256 and SHA-512 by default; SHA-1 only when listed). Pass
 * the body bytes exactly as received: re-serialised JSON will not match.
 */
export function verifyWebhook(
  rawBody: Uint8Array | string,
  headers: WebhookHeaders,
  secret: string,
  options: VerifyWebhookOptions = {},
): boolean {
  const allowed = options.algorithms ?? DEFAULT_WEBHOOK_ALGORITHMS;
  const given = getHeader(headers, 'x-payload-digest');
  const name = getHeader(headers, 'x-payload-digest-alg') ?? 'HMAC_SHA256_HEX';
  if (!(allowed as readonly string[]).includes(name) || !Object.hasOwn(hashes, name)) return false;
  const alg = hashes[name as WebhookDigestAlgorithm];
  if (!given || !/^[0-9a-f]+$/i.test(given)) return false;
  const expected = createHmac(alg, secret).update(rawBody).digest();
  const actual = Buffer.from(given, 'hex');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
