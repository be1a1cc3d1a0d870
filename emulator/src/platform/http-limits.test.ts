import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signRequest } from '../../../src/server/index.js';
import type { TestProvider } from '../../testing/support.js';
import {
  appToken,
  approvedApplicant,
  level,
  makeImage,
  secretKey,
  startTestProvider,
} from '../../testing/support.js';

/** Short timeouts, so a slow client is cut off within a test's time. */
const HEADERS_TIMEOUT_MS = 1000;
const REQUEST_TIMEOUT_MS = 2000;
/** Node checks the timeouts once a second (http-limits.ts); the rest is the test's own slack. */
const MARGIN_MS = 1000 + 1000;
const UPLOADS_IN_FLIGHT = 2;

let t: TestProvider;
beforeAll(async () => {
  t = await startTestProvider({
    config: {
      http: { headersTimeoutMs: HEADERS_TIMEOUT_MS, requestTimeoutMs: REQUEST_TIMEOUT_MS },
      images: { maxUploadsInFlight: UPLOADS_IN_FLIGHT },
    },
  });
});
afterAll(async () => t?.close());

interface RawExchange {
  /** What the server answered, as text. */
  answer: string;
  /** When the server closed the connection (ms after connecting), if it did within `waitMs`. */
  closedAfterMs: number | undefined;
  /** When the first byte of the answer came (ms after connecting). */
  answeredAfterMs: number | undefined;
}

/**
 * A raw connection to the emulator that sends `head` and then, if given, `trickle` (one chunk
 * every `everyMs`), and reports what came back within `waitMs`.
 */
function rawExchange(
  head: string,
  waitMs: number,
  trickle?: { chunk: string; everyMs: number },
): Promise<RawExchange> {
  const { port } = new URL(t.url);
  return new Promise((resolve) => {
    const started = Date.now();
    const socket = net.connect(Number(port), '127.0.0.1');
    let answer = '';
    let answeredAfterMs: number | undefined;
    let closedAfterMs: number | undefined;
    let timer: NodeJS.Timeout | undefined;
    const done = () => {
      clearInterval(timer);
      clearTimeout(deadline);
      socket.destroy();
      resolve({ answer, closedAfterMs, answeredAfterMs });
    };
    socket.on('data', (d: Buffer) => {
      answeredAfterMs ??= Date.now() - started;
      answer += d.toString('latin1');
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      closedAfterMs = Date.now() - started;
      done();
    });
    socket.on('connect', () => {
      socket.write(head);
      if (trickle) {
        timer = setInterval(() => {
          if (!socket.destroyed) socket.write(trickle.chunk);
        }, trickle.everyMs);
      }
    });
    const deadline = setTimeout(done, waitMs);
  });
}

describe('slow clients', () => {
  it('the default timeouts are the stated ones', async () => {
    const d = await startTestProvider();
    try {
      const server = d.provider.app.server;
      expect(server.headersTimeout).toBe(10_000);
      expect(server.requestTimeout).toBe(60_000);
      expect(server.keepAliveTimeout).toBe(5_000);
      expect(server.timeout).toBe(130_000);
    } finally {
      await d.close();
    }
  });

  it('a connection that never finishes its headers is closed after headersTimeoutMs', async () => {
    const res = await rawExchange(
      'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Half: ',
      HEADERS_TIMEOUT_MS + MARGIN_MS + 2000,
    );
    expect(res.closedAfterMs, 'closed').toBeDefined();
    expect(res.closedAfterMs!).toBeLessThanOrEqual(HEADERS_TIMEOUT_MS + MARGIN_MS);
    expect(res.closedAfterMs!).toBeGreaterThanOrEqual(HEADERS_TIMEOUT_MS - 100);
  }, 15_000);

  it('a body that trickles in is cut off after requestTimeoutMs', async () => {
    const { applicantId } = await t.client.applicants.create({ firstName: 'Slow' });
    const res = await rawExchange(
      `PUT /publicapi/api/v2/private/Applicants/${applicantId} HTTP/1.1\r\nHost: 127.0.0.1\r\n` +
        `Authorization: Bearer ${secretKey}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"a":"`,
      REQUEST_TIMEOUT_MS + MARGIN_MS + 2000,
      { chunk: 'x', everyMs: 100 },
    );
    expect(res.closedAfterMs, 'closed').toBeDefined();
    expect(res.closedAfterMs!).toBeLessThanOrEqual(REQUEST_TIMEOUT_MS + MARGIN_MS);
    expect(res.answer).toMatch(/^HTTP\/1\.1 408/);
  }, 15_000);
});

describe('bodies before authentication', () => {
  const big = 6 * 1024 * 1024;
  const multipartHead = (path: string, auth: string) =>
    `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n${auth}` +
    `Content-Type: multipart/form-data; boundary=xyz\r\nContent-Length: ${big}\r\n\r\n`;

  it('an anonymous 6 MB upload is answered 401 before a byte of its body is sent', async () => {
    const { applicantId } = await approvedApplicant(t.client);
    const action = await t.client.createAction(applicantId, level, { externalActionId: 'early' });
    const cases = [
      ['', `/resources/applicantActions/${action.id}/images`, 4000],
      ['X-Access-Token: _act-made-up\r\n', `/resources/applicantActions/${action.id}/images`, 4020],
      [
        'Authorization: Bearer sk_wrong\r\n',
        `/publicapi/api/v2/private/Applicants/${applicantId}/Attempts`,
        4010,
      ],
      [
        `X-App-Token: app_unknown\r\nX-App-Access-Ts: ${Math.floor(Date.now() / 1000)}\r\nX-App-Access-Sig: ab\r\n`,
        `/resources/applicantActions/${action.id}/images`,
        4001,
      ],
    ] as const;
    for (const [auth, path, errorCode] of cases) {
      const res = await rawExchange(multipartHead(path, auth), 3000);
      expect(res.answer, auth || 'no auth').toMatch(/^HTTP\/1\.1 401/);
      expect(res.answer).toContain(`"errorCode":${errorCode}`);
      // Not waiting for the body: the connection is closed instead of read to its end.
      expect(res.answer.toLowerCase()).toContain('connection: close');
      expect(res.closedAfterMs, 'closed').toBeDefined();
      expect(res.answeredAfterMs!).toBeLessThan(1000);
    }
  }, 20_000);

  it('a signed upload above its route limit is answered 413 from its Content-Length alone', async () => {
    const { applicantId } = await approvedApplicant(t.client);
    const action = await t.client.createAction(applicantId, level, { externalActionId: 'large' });
    const path = `/resources/applicantActions/${action.id}/images`;
    const ts = Math.floor(Date.now() / 1000);
    // Signed over a body it will never send: the limit answers first.
    const sig = signRequest({ secret: appToken.secret, ts, method: 'POST', pathWithQuery: path });
    const length = t.provider.config.images.maxBytes + 1024 * 1024 - 100_000;
    const res = await rawExchange(
      `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nX-App-Token: ${appToken.token}\r\n` +
        `X-App-Access-Ts: ${ts}\r\nX-App-Access-Sig: ${sig}\r\n` +
        `Content-Type: multipart/form-data; boundary=xyz\r\nContent-Length: ${length}\r\n\r\n`,
      3000,
    );
    expect(res.answer).toMatch(/^HTTP\/1\.1 413/);
    expect(res.answer).toContain('"errorCode":1013');
  });

  it('a JSON body above http.jsonBodyLimitBytes is refused while it streams (413), chunked too', async () => {
    const limit = t.provider.config.http.jsonBodyLimitBytes;
    const body = JSON.stringify({ firstName: 'x'.repeat(limit + 1) });
    const res = await fetch(`${t.url}/publicapi/api/v2/private/Applicants`, {
      method: 'POST',
      headers: { authorization: `Bearer ${secretKey}`, 'content-type': 'application/json' },
      // A stream: sent chunked, with no Content-Length to refuse it by.
      body: new Blob([body]).stream(),
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ errorCode: 1013 });
  });
});

describe('uploads in flight', () => {
  it(`past images.maxUploadsInFlight (${UPLOADS_IN_FLIGHT}) an upload is 503 1504 before its body is read`, async () => {
    const { applicantId } = await approvedApplicant(t.client);
    const action = await t.client.createAction(applicantId, level, { externalActionId: 'busy' });
    const path = `/resources/applicantActions/${action.id}/images`;
    const signedHead = () => {
      const ts = Math.floor(Date.now() / 1000);
      const sig = signRequest({ secret: appToken.secret, ts, method: 'POST', pathWithQuery: path });
      return (
        `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nX-App-Token: ${appToken.token}\r\n` +
        `X-App-Access-Ts: ${ts}\r\nX-App-Access-Sig: ${sig}\r\n` +
        `Content-Type: multipart/form-data; boundary=xyz\r\nContent-Length: 100000\r\n\r\n`
      );
    };
    // Uploads whose bodies never come: they hold their slots until the request timeout.
    const holding = Array.from({ length: UPLOADS_IN_FLIGHT }, () =>
      rawExchange(signedHead(), REQUEST_TIMEOUT_MS + MARGIN_MS + 2000),
    );
    await new Promise((r) => setTimeout(r, 300));
    const refused = await rawExchange(signedHead(), 3000);
    expect(refused.answer).toMatch(/^HTTP\/1\.1 503/);
    expect(refused.answer.toLowerCase()).toContain('retry-after: 1');
    expect(refused.answer).toContain('"errorCode":1504');
    expect(refused.answeredAfterMs!).toBeLessThan(1000);
    // Once they are cut off, the slots are free again.
    const held = await Promise.all(holding);
    for (const h of held) expect(h.answer).toMatch(/^HTTP\/1\.1 408/);
    const image = await t.client.addActionImage(action.id, {
      content: await makeImage(),
      fileName: 'ok.jpg',
      mimeType: 'image/jpeg',
    });
    expect(image.id).toBeTruthy();
  }, 20_000);
});
