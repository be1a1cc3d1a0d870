import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestProvider } from '../../testing/support.js';
import { approvedApplicant, level, secretKey, startTestProvider } from '../../testing/support.js';

let t: TestProvider;
beforeAll(async () => {
  t = await startTestProvider();
});
afterAll(async () => t?.close());

const bearer = { authorization: `Bearer ${secretKey}` };

/** A request with any method and body (fetch refuses a GET or HEAD with a body). */
function raw(
  method: string,
  path: string,
  headers: Record<string, string>,
  body: string,
): Promise<{ status: number; body: Record<string, unknown> }> {
  // Node sends a GET's body without framing unless it is told the length.
  const framed = { ...headers, 'content-length': String(Buffer.byteLength(body)) };
  return new Promise((resolve, reject) => {
    const req = http.request(`${t.url}${path}`, { method, headers: framed }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString();
        resolve({ status: res.statusCode!, body: text ? JSON.parse(text) : {} });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('query strings', () => {
  it('refuses a parameter given twice (400 1001), on a route with a schema or without', async () => {
    const { validationLink } = await t.client.applicants.create({ firstName: 'Dup' });
    const requestId = new URL(validationLink).searchParams.get('requestId');
    expect((await fetch(`${t.url}/embedded?requestId=${requestId}`)).status).toBe(200);
    const page = await fetch(`${t.url}/embedded?requestId=${requestId}&requestId=other`);
    expect(page.status).toBe(400);
    expect(await page.json()).toMatchObject({ errorCode: 1001 });
    const list = await fetch(`${t.url}/publicapi/api/v2/private/Applicants?Page=1&Page=2`, {
      headers: bearer,
    });
    expect(list.status).toBe(400);
    expect(await list.json()).toMatchObject({
      errorCode: 1001,
      description: expect.stringContaining("'Page'"),
    });
  });

  it('refuses numbers that are not finite where a number is expected (400 1001)', async () => {
    const { applicantId, referenceId } = await approvedApplicant(t.client);
    for (const q of ['Page=1e309', 'PageSize=1e309', 'Page=Infinity', 'PageSize=-1e309']) {
      const res = await fetch(`${t.url}/publicapi/api/v2/private/Applicants?${q}`, {
        headers: bearer,
      });
      expect(res.status, q).toBe(400);
    }
    for (const q of [
      'limit=1e309',
      'offset=1e309',
      'offset=Infinity',
      'limit=-1e309',
      'offset=1e300',
    ]) {
      const res = await t.client.signedFetch(
        'GET',
        `/resources/applicantActions/-;applicantId=${applicantId}?${q}`,
      );
      expect(res.status, q).toBe(400);
      expect(await res.json()).toMatchObject({ errorCode: 1001 });
    }
    // A WebSDK link that would never expire.
    const link = await t.client.signedFetch(
      'POST',
      `/resources/sdkIntegrations/levels/${level}/websdkLink?externalUserId=${referenceId}&externalActionId=inf&ttlInSecs=1e309`,
    );
    expect(link.status).toBe(400);
    expect(await link.json()).toMatchObject({
      errorCode: 1001,
      description: expect.stringContaining('ttlInSecs'),
    });
  });

  it('refuses a SortField that is not a column even when it names an Object property', async () => {
    for (const field of ['__proto__', 'constructor', 'toString']) {
      const res = await fetch(`${t.url}/publicapi/api/v2/private/Applicants?SortField=${field}`, {
        headers: bearer,
      });
      expect(res.status, field).toBe(400);
      expect(await res.json()).toMatchObject({ errorCode: 120026 });
    }
  });
});

describe('the GET that updates an applicant', () => {
  it('validates its body as the PUT does (400 1001, no 500)', async () => {
    const { applicantId } = await t.client.applicants.create({ firstName: 'Get' });
    const path = `/publicapi/api/v2/private/Applicants/${applicantId}`;
    const json = { ...bearer, 'content-type': 'application/json' };
    for (const body of ['null', '[]', '"text"', '{"firstName": {}}', '{']) {
      const res = await raw('GET', path, json, body);
      expect(res.status, body).toBe(400);
      expect(res.body.errorCode, body).toBe(1001);
    }
    // Still the documented update, whatever type curl says it sends.
    const ok = await raw(
      'GET',
      path,
      { ...bearer, 'content-type': 'application/x-www-form-urlencoded' },
      '{"lastName":"ByGet"}',
    );
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ firstName: 'Get', lastName: 'ByGet' });
  });

  it('has a body limit, as the PUT has (413 1013)', async () => {
    const { applicantId } = await t.client.applicants.create({ firstName: 'Big' });
    const big = JSON.stringify({ lastName: 'x'.repeat(t.provider.config.http.jsonBodyLimitBytes) });
    const res = await raw(
      'GET',
      `/publicapi/api/v2/private/Applicants/${applicantId}`,
      { ...bearer, 'content-type': 'application/json' },
      big,
    );
    expect(res.status).toBe(413);
    expect(res.body.errorCode).toBe(1013);
  });

  it('a HEAD with a body is refused (400), not run as the update', async () => {
    const { applicantId } = await t.client.applicants.create({ firstName: 'Head' });
    const res = await new Promise<number>((resolve, reject) => {
      const req = http.request(
        `${t.url}/publicapi/api/v2/private/Applicants/${applicantId}`,
        {
          method: 'HEAD',
          headers: { ...bearer, 'content-type': 'application/json', 'content-length': '23' },
        },
        (r) => resolve(r.statusCode!),
      );
      req.on('error', reject);
      req.end('{"firstName":"Changed"}');
    });
    expect(res).toBe(400);
    expect((await t.client.applicants.get(applicantId)).firstName).toBe('Head');
  });
});

describe('JSON bodies', () => {
  it('refuses a number JSON reads as Infinity (400 1001)', async () => {
    const res = await fetch(`${t.url}/publicapi/api/v2/private/Applicants`, {
      method: 'POST',
      headers: { ...bearer, 'content-type': 'application/json' },
      body: '{"firstName":"Inf","metadata":{"country":"RUS","idDocType":"PASSPORT"},"case":[1e309]}',
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ errorCode: 1001 });
  });
});

describe('paths the router cannot read', () => {
  it('are answered in the provider error shape: a bad escape 400 1001, a long parameter 414 1014', async () => {
    const base = `${t.url}/publicapi/api/v2/private/Applicants`;
    const bad = await fetch(`${base}/%E0%A4%A`, { headers: bearer });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ code: 400, errorCode: 1001, correlationId: /^req-/ });
    const long = await fetch(`${base}/${'a'.repeat(200)}`, { headers: bearer });
    expect(long.status).toBe(414);
    expect(await long.json()).toMatchObject({
      code: 414,
      errorCode: 1014,
      errorName: 'uri-too-long',
    });
  });
});
