import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ProviderClient, encodeMultipart, signRequest } from '../../../src/server/index.js';
import type { TestProvider } from '../../testing/support.js';
import {
  appToken,
  approvedApplicant,
  failure,
  level,
  selfie,
  startTestProvider,
} from '../../testing/support.js';

let t: TestProvider;
beforeAll(async () => {
  t = await startTestProvider();
});
afterAll(async () => t?.close());

const toBody = (b: Uint8Array | string | undefined) =>
  b === undefined || typeof b === 'string' ? b : Uint8Array.from(b);

/**
 * A hand-made signed request, so each part of the signature can be broken on purpose; to the
 * file's emulator unless `baseUrl` names another.
 */
async function signed(
  method: string,
  pathWithQuery: string,
  opts: {
    body?: Uint8Array | string;
    contentType?: string;
    ts?: number;
    secret?: string;
    token?: string;
    sendBody?: Uint8Array | string;
    baseUrl?: string;
  } = {},
) {
  const ts = opts.ts ?? Math.floor(Date.now() / 1000);
  const sig = signRequest({
    secret: opts.secret ?? appToken.secret,
    ts,
    method,
    pathWithQuery,
    body: opts.body,
  });
  const headers: Record<string, string> = {
    'x-app-token': opts.token ?? appToken.token,
    'x-app-access-ts': String(ts),
    'x-app-access-sig': sig,
  };
  if (opts.contentType) headers['content-type'] = opts.contentType;
  const res = await fetch((opts.baseUrl ?? t.url) + pathWithQuery, {
    method,
    headers,
    body: toBody(opts.sendBody ?? opts.body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('app-token signature (X-App-Token / X-App-Access-Ts / X-App-Access-Sig)', () => {
  it('accepts a correct signature over ts + METHOD + path-with-query + body', async () => {
    const { referenceId } = await approvedApplicant(t.client);
    const q = `/resources/accessTokens?userId=${referenceId}&levelName=${level}&externalActionId=sig-ok`;
    const res = await signed('POST', q);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ userId: referenceId });
  });

  it('401 4003 with the documented body for a bad signature', async () => {
    const res = await signed(
      'POST',
      `/resources/accessTokens?userId=x&levelName=${level}&externalActionId=e`,
      { secret: 'wrong' },
    );
    expect(res.status).toBe(401);
    expect(Object.keys(res.body).sort()).toEqual([
      'code',
      'correlationId',
      'description',
      'errorCode',
      'errorName',
    ]);
    expect(res.body).toMatchObject({
      code: 401,
      errorCode: 4003,
      errorName: 'app-token-signature mismatch',
    });
  });

  it('signs the query too: changing it after signing fails', async () => {
    const ts = Math.floor(Date.now() / 1000);
    const sig = signRequest({
      secret: appToken.secret,
      ts,
      method: 'POST',
      pathWithQuery: '/resources/accessTokens?userId=a',
    });
    const res = await fetch(`${t.url}/resources/accessTokens?userId=b`, {
      method: 'POST',
      headers: {
        'x-app-token': appToken.token,
        'x-app-access-ts': String(ts),
        'x-app-access-sig': sig,
      },
    });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { errorCode: number }).errorCode).toBe(4003);
  });

  it('refuses a timestamp more than 60 s off (past or future) with 4004', async () => {
    const path = `/resources/accessTokens?userId=x&levelName=${level}&externalActionId=e`;
    for (const ts of [Math.floor(Date.now() / 1000) - 61, Math.floor(Date.now() / 1000) + 120]) {
      const res = await signed('POST', path, { ts });
      expect(res.status).toBe(401);
      expect(res.body.errorCode).toBe(4004);
    }
    // Within the window is fine (50 s old).
    const ok = await signed('POST', path, { ts: Math.floor(Date.now() / 1000) - 50 });
    expect(ok.body.errorCode).not.toBe(4004);
  });

  it('skew boundary: 60 s either way is accepted, 61 s is 4004 (frozen server clock)', async () => {
    // A frozen clock, so the server's "now" cannot tick into the next second mid-test.
    const frozenMs = Date.parse('2026-03-01T12:00:00.400Z');
    const frozen = await startTestProvider({ now: () => frozenMs });
    try {
      const now = Math.floor(frozenMs / 1000);
      const path = '/resources/accessTokens?userId=nobody&levelName=x&externalActionId=e';
      const at = async (ts: number) =>
        (await signed('POST', path, { ts, baseUrl: frozen.url })).body;
      for (const off of [61, -61, 3600, -3600]) {
        expect((await at(now + off)).errorCode, `now${off > 0 ? '+' : ''}${off}`).toBe(4004);
      }
      // Accepted by the signature check: the call then fails for its own reason (unknown user).
      for (const off of [59, -59, 60, -60, 0]) {
        const body = await at(now + off);
        expect(body.errorCode, `now${off >= 0 ? '+' : ''}${off}`).not.toBe(4004);
        expect([4000, 4001, 4003]).not.toContain(body.errorCode);
      }
    } finally {
      await frozen.close();
    }
  });

  it('a tampered JSON body fails', async () => {
    const { applicantId } = await approvedApplicant(t.client);
    const path = `/resources/applicantActions/-/forApplicant/${applicantId}?levelName=${level}`;
    const res = await signed('POST', path, {
      contentType: 'application/json',
      body: JSON.stringify({ externalActionId: 'a' }),
      sendBody: JSON.stringify({ externalActionId: 'b' }),
    });
    expect(res.status).toBe(401);
    expect(res.body.errorCode).toBe(4003);
  });

  it('a tampered multipart body fails; the untampered one passes', async () => {
    const { applicantId } = await approvedApplicant(t.client);
    const action = await t.client.createAction(applicantId, level, {
      externalActionId: `mp-${Date.now()}`,
    });
    const img = await selfie();
    const { body, contentType } = encodeMultipart({
      metadata: JSON.stringify(img.metadata),
      content: { content: img.content, fileName: img.fileName, mimeType: img.mimeType },
    });
    const tampered = Buffer.from(body);
    const at = tampered.length - 60;
    tampered[at] = tampered[at]! ^ 0xff;
    const path = `/resources/applicantActions/${action.id}/images`;
    const bad = await signed('POST', path, { contentType, body, sendBody: tampered });
    expect(bad.status).toBe(401);
    expect(bad.body.errorCode).toBe(4003);
    const good = await signed('POST', path, { contentType, body });
    expect(good.status).toBe(200);
  });

  it('refuses an unauthenticated multipart upload before parsing it', async () => {
    const { applicantId } = await approvedApplicant(t.client);
    const action = await t.client.createAction(applicantId, level, {
      externalActionId: `mp-anon-${Date.now()}`,
    });
    const img = await selfie();
    const { body, contentType } = encodeMultipart({
      metadata: JSON.stringify(img.metadata),
      content: { content: img.content, fileName: img.fileName, mimeType: img.mimeType },
    });
    const path = `/resources/applicantActions/${action.id}/images`;
    const formData = vi.spyOn(Response.prototype, 'formData');
    try {
      const badSig = await signed('POST', path, { contentType, body, secret: 'wrong' });
      expect(badSig.body.errorCode).toBe(4003);
      // Garbage that is not multipart at all: the missing headers answer, not a parse error.
      const anon = await fetch(t.url + path, {
        method: 'POST',
        headers: { 'content-type': 'multipart/form-data; boundary=x' },
        body: 'not a multipart body',
      });
      expect(anon.status).toBe(401);
      expect(((await anon.json()) as { errorCode: number }).errorCode).toBe(4000);
      const enrol = await fetch(
        `${t.url}/publicapi/api/v2/private/Applicants/${applicantId}/Attempts`,
        {
          method: 'POST',
          headers: { 'content-type': contentType, authorization: 'Bearer sk_wrong' },
          body: Uint8Array.from(body),
        },
      );
      expect(enrol.status).toBe(401);
      expect(formData).not.toHaveBeenCalled();
      // Authenticated, the same upload is parsed and accepted.
      const good = await signed('POST', path, { contentType, body });
      expect(good.status).toBe(200);
      expect(formData).toHaveBeenCalledTimes(1);
    } finally {
      formData.mockRestore();
    }
  });

  it('4000 for missing headers, 4001 for an unknown token', async () => {
    const none = await fetch(`${t.url}/resources/accessTokens?userId=x`, { method: 'POST' });
    expect(none.status).toBe(401);
    expect(((await none.json()) as { errorCode: number }).errorCode).toBe(4000);
    const res = await signed('POST', '/resources/accessTokens?userId=x', { token: 'app_unknown' });
    expect(res.status).toBe(401);
    expect(res.body.errorCode).toBe(4001);
  });
});

describe('access tokens (X-Access-Token)', () => {
  async function setup() {
    const a = await approvedApplicant(t.client);
    const externalActionId = `ext-${Math.random().toString(36).slice(2)}`;
    const { token, userId } = await t.client.createAccessToken({
      userId: a.referenceId,
      levelName: level,
      externalActionId,
      ttlInSecs: 600,
    });
    expect(userId).toBe(a.referenceId);
    expect(token).toMatch(/^_act-/);
    return { ...a, externalActionId, token };
  }
  const asBrowser = (
    token: string,
    method: string,
    path: string,
    body?: BodyInit,
    contentType?: string,
  ) =>
    fetch(t.url + path, {
      method,
      headers: { 'x-access-token': token, ...(contentType ? { 'content-type': contentType } : {}) },
      ...(body ? { body } : {}),
    }).then(async (r) => ({ status: r.status, body: (await r.json()) as Record<string, unknown> }));

  it('lets the browser resolve-or-create its action (idempotent), add an image, submit and read it', async () => {
    const s = await setup();
    const create = () =>
      asBrowser(
        s.token,
        'POST',
        `/resources/applicantActions/-/forApplicant/-?levelName=${level}`,
        JSON.stringify({ externalActionId: s.externalActionId }),
        'application/json',
      );
    const first = await create();
    expect(first.status).toBe(200);
    const again = await create();
    expect(again.body.id).toBe(first.body.id);
    // The applicant id itself is accepted too, and levelName may be omitted.
    const byId = await asBrowser(
      s.token,
      'POST',
      `/resources/applicantActions/-/forApplicant/${s.applicantId}`,
      JSON.stringify({ externalActionId: s.externalActionId }),
      'application/json',
    );
    expect(byId.body.id).toBe(first.body.id);

    const id = first.body.id as string;
    const img = await selfie();
    const fd = new FormData();
    fd.append('metadata', JSON.stringify(img.metadata));
    fd.append(
      'content',
      new Blob([Uint8Array.from(img.content)], { type: img.mimeType }),
      img.fileName,
    );
    const up = await asBrowser(s.token, 'POST', `/resources/applicantActions/${id}/images`, fd);
    expect(up.status).toBe(200);
    const sub = await asBrowser(
      s.token,
      'POST',
      `/resources/applicantActions/${id}/review/status/pending`,
    );
    expect(sub.status).toBe(200);
    expect((sub.body.review as { reviewStatus: string }).reviewStatus).toBe('pending');
    const one = await asBrowser(s.token, 'GET', `/resources/applicantActions/${id}/one`);
    expect(one.status).toBe(200);
    expect(one.body.externalActionId).toBe(s.externalActionId);
  });

  it("refuses another applicant's action and another externalActionId (403 4030)", async () => {
    const s = await setup();
    const other = await approvedApplicant(t.client);
    const otherAction = await t.client.createAction(other.applicantId, level, {
      externalActionId: `o-${Date.now()}`,
    });
    const read = await asBrowser(
      s.token,
      'GET',
      `/resources/applicantActions/${otherAction.id}/one`,
    );
    expect(read.status).toBe(403);
    expect(read.body.errorCode).toBe(4030);
    const sub = await asBrowser(
      s.token,
      'POST',
      `/resources/applicantActions/${otherAction.id}/review/status/pending`,
    );
    expect(sub.status).toBe(403);

    const wrongExt = await asBrowser(
      s.token,
      'POST',
      `/resources/applicantActions/-/forApplicant/-`,
      JSON.stringify({ externalActionId: 'not-mine' }),
      'application/json',
    );
    expect(wrongExt.status).toBe(403);
    const wrongApplicant = await asBrowser(
      s.token,
      'POST',
      `/resources/applicantActions/-/forApplicant/${other.applicantId}`,
      JSON.stringify({ externalActionId: s.externalActionId }),
      'application/json',
    );
    expect(wrongApplicant.status).toBe(403);

    // Same applicant, another externalActionId created by the backend: still out of scope.
    const sibling = await t.client.createAction(s.applicantId, level, {
      externalActionId: `sib-${Date.now()}`,
    });
    expect(
      (await asBrowser(s.token, 'GET', `/resources/applicantActions/${sibling.id}/one`)).status,
    ).toBe(403);
  });

  it('refuses an expired token (401 4021) and an unknown one (401 4020)', async () => {
    const s = await setup();
    const path = `/resources/applicantActions/-/forApplicant/-`;
    const body = JSON.stringify({ externalActionId: s.externalActionId });
    t.advance(601_000);
    try {
      const expired = await asBrowser(s.token, 'POST', path, body, 'application/json');
      expect(expired.status).toBe(401);
      expect(expired.body.errorCode).toBe(4021);
    } finally {
      t.advance(-601_000);
    }
    const bogus = await asBrowser('_act-bogus', 'POST', path, body, 'application/json');
    expect(bogus.status).toBe(401);
    expect(bogus.body.errorCode).toBe(4020);
  });

  it('is not enough for server-only endpoints (403 4030)', async () => {
    const s = await setup();
    const list = await asBrowser(
      s.token,
      'GET',
      `/resources/applicantActions/-;applicantId=${s.applicantId}`,
    );
    expect(list.status).toBe(403);
    expect(list.body.errorCode).toBe(4030);
    const tok = await asBrowser(
      s.token,
      'POST',
      `/resources/accessTokens?userId=${s.referenceId}&levelName=${level}&externalActionId=x`,
    );
    expect(tok.status).toBe(403);
  });

  it('validates token requests: unknown user 404, unknown level 404, missing externalActionId 400, ttl above max 400', async () => {
    const a = await approvedApplicant(t.client);
    expect(
      (
        await failure(
          t.client.createAccessToken({ userId: 'nobody', levelName: level, externalActionId: 'x' }),
        )
      ).status,
    ).toBe(404);
    expect(
      (
        await failure(
          t.client.createAccessToken({
            userId: a.referenceId,
            levelName: 'nope',
            externalActionId: 'x',
          }),
        )
      ).status,
    ).toBe(404);
    const missing = await t.client.signedFetch(
      'POST',
      `/resources/accessTokens?userId=${a.referenceId}&levelName=${level}`,
    );
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { errorCode: number }).errorCode).toBe(1001);
    expect(
      (
        await failure(
          t.client.createAccessToken({
            userId: a.referenceId,
            levelName: level,
            externalActionId: 'x',
            ttlInSecs: 10 ** 7,
          }),
        )
      ).status,
    ).toBe(400);
  });
});

describe('CORS', () => {
  it('answers configured origins only', async () => {
    const pre = (origin: string) =>
      fetch(`${t.url}/resources/applicantActions/x/one`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'GET',
          'access-control-request-headers': 'x-access-token',
        },
      });
    const ok = await pre('http://allowed.test');
    expect(ok.headers.get('access-control-allow-origin')).toBe('http://allowed.test');
    expect(ok.headers.get('access-control-allow-headers')?.toLowerCase()).toContain(
      'x-access-token',
    );
    const no = await pre('http://evil.test');
    expect(no.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('server helper client', () => {
  it('uses the clock it is given for the signature timestamp', async () => {
    const stale = new ProviderClient({
      baseUrl: t.url,
      appToken: appToken.token,
      appSecret: appToken.secret,
      now: () => Date.now() - 120_000,
    });
    const e = await failure(
      stale.createAccessToken({ userId: 'x', levelName: level, externalActionId: 'y' }),
    );
    expect(e.body.errorCode).toBe(4004);
  });
});
