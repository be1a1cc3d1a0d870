/**
 * The demo's host backend against an in-process emulator with a test-double reviewer (no faces,
 * no browser): sessions, the profile ↔ applicant mapping that survives a restart, the token
 * endpoint's action rules, and webhook verification.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningBackend } from '../../demo/backend/server.js';
import { startBackend } from '../../demo/backend/server.js';
import type { RunningProvider } from 'face-auth-emulator';
import { startProvider } from 'face-auth-emulator';
import { createGreenReviewer } from 'face-auth-emulator/testing/reviewers';
import { appToken, makeImage, secretKey, tempDir, until } from 'face-auth-emulator/testing';

const webhookSecret = 'demo-test-webhook-secret';

interface Hook {
  verified: boolean;
  payload: { type: string } | null;
}

describe('demo host backend', () => {
  let tmp: ReturnType<typeof tempDir>;
  let dataDir: string;
  let provider: RunningProvider;
  let backend: RunningBackend;
  let cookie = '';

  const start = (port = 0) =>
    startBackend({
      port,
      appToken: appToken.token,
      appSecret: appToken.secret,
      secretKey,
      webhookSecret,
      dataDir,
    });

  async function call<T = Record<string, unknown>>(
    method: string,
    url: string,
    body?: Buffer,
  ): Promise<{ status: number; body: T }> {
    const send = () =>
      fetch(new URL(url, backend.url), {
        method,
        headers: { cookie, ...(body ? { 'content-type': 'image/jpeg' } : {}) },
        ...(body ? { body: new Uint8Array(body) } : {}),
      });
    // After the restart, fetch's pool may still hold a kept-alive socket of the old server.
    const res = await send().catch(send);
    const set = res.headers.get('set-cookie');
    if (set) cookie = set.split(';')[0]!;
    return { status: res.status, body: (await res.json()) as T };
  }

  beforeAll(async () => {
    tmp = tempDir();
    dataDir = tmp.dir;
    backend = await start();
    provider = await startProvider({
      dataDir,
      reviewer: createGreenReviewer(),
      config: {
        webhooks: [{ url: `${backend.url}/webhooks/provider`, secret: webhookSecret }],
        webhookRetry: { initialDelayMs: 50, maxDelayMs: 200, maxAttempts: 3, timeoutMs: 2000 },
      },
    });
    backend.setProviderUrl(provider.url);
  });

  afterAll(async () => {
    await backend?.close();
    await provider?.close();
    tmp.remove();
  });

  it('refuses tokens and actions until the profile is approved', async () => {
    const me = await call<{ profile: unknown }>('GET', '/api/me');
    expect(me.body.profile).toBeNull();
    expect(cookie).toMatch(/^demo_sid=/);
    expect((await call('POST', '/api/face-auth/token')).status).toBe(409);
    const created = await call<{ profile: { approved: boolean; validationLink: string } }>(
      'POST',
      '/api/profile',
    );
    expect(created.body.profile.approved).toBe(false);
    expect(created.body.profile.validationLink).toContain('/embedded?requestId=');
    expect((await call('POST', '/api/actions')).status).toBe(409);
  });

  it('enrols, and a restarted backend still knows the profile', async () => {
    const enrolled = await call<{ profile: { approved: boolean } }>(
      'POST',
      '/api/profile/enrol',
      await makeImage(),
    );
    expect(enrolled.body.profile.approved).toBe(true);
    const port = backend.port; // the emulator's webhook URL names it
    await backend.close();
    backend = await start(port);
    backend.setProviderUrl(provider.url);
    cookie = '';
    const me = await call<{ profile: { approved: boolean } | null }>('GET', '/api/me');
    expect(me.body.profile?.approved).toBe(true);
  });

  it('mints tokens for the same action until it completes, then for a new one', async () => {
    const started = await call<{ actionId: string; externalActionId: string }>(
      'POST',
      '/api/actions',
    );
    const t1 = await call<{ token: string; externalActionId: string }>(
      'POST',
      '/api/face-auth/token',
    );
    const t2 = await call<{ token: string; externalActionId: string }>(
      'POST',
      '/api/face-auth/token',
    );
    expect(t1.body.externalActionId).toBe(started.body.externalActionId);
    expect(t2.body.externalActionId).toBe(started.body.externalActionId);
    expect(t1.body.token).toBeTruthy();

    // A whole action through the backend (the "photo file" path): completed GREEN.
    const photo = await call<{ actionId: string; answer: string }>(
      'POST',
      '/api/actions/photo',
      await makeImage(),
    );
    expect(photo.body.answer).toBe('GREEN');
    const one = await call<{ review: { reviewStatus: string } }>(
      'GET',
      `/api/actions/${photo.body.actionId}`,
    );
    expect(one.body.review.reviewStatus).toBe('completed');
    const t3 = await call<{ externalActionId: string }>('POST', '/api/face-auth/token');
    expect(t3.body.externalActionId).not.toBe(started.body.externalActionId);
  });

  it('keeps the verified webhooks and flags a forged one', async () => {
    const items = await until(
      async () => (await call<{ items: Hook[] }>('GET', '/api/webhooks')).body.items,
      (hooks) => hooks.some((w) => w.payload?.type === 'applicantActionReviewed'),
      10_000,
    );
    expect(items.every((w) => w.verified)).toBe(true);

    const forged = await fetch(new URL('/webhooks/provider', backend.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-payload-digest': 'ab'.repeat(32) },
      body: JSON.stringify({ type: 'applicantActionReviewed' }),
    });
    expect(forged.status).toBe(401);
    const latest = (await call<{ items: Hook[] }>('GET', '/api/webhooks')).body.items[0]!;
    expect(latest.verified).toBe(false);
    expect(latest.payload).toBeNull();
  });

  it('treats a malformed or unknown session cookie as no session: a fresh one, never a 500', async () => {
    for (const bad of ['demo_sid=%E0%A4%A', 'demo_sid=not-a-session', 'demo_sid']) {
      cookie = bad;
      const me = await call('GET', '/api/me');
      expect(me.status, bad).toBe(200);
      expect(cookie, bad).toMatch(/^demo_sid=[\w-]{24}$/);
    }
  });
});
