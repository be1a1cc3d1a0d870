/**
 * The demo's host backend against an in-process emulator with a test-double reviewer (no faces,
 * no browser): sessions per visitor that survive a restart, the profile ↔ applicant mapping, the
 * token endpoint's action rules, webhook verification; and what an attacker gets: no token
 * without a session or from another origin, nothing of another visitor's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningBackend } from '../../demo/backend/server.js';
import { startBackend } from '../../demo/backend/server.js';
import type { RunningProvider } from 'face-auth-emulator';
import { startProvider } from 'face-auth-emulator';
import { createGreenReviewer } from 'face-auth-emulator/testing/reviewers';
import { appToken, makeImage, secretKey, tempDir, until } from 'face-auth-emulator/testing';
import { fakeClip, useStandInVerifier } from 'face-auth-emulator/testing/liveness';

const webhookSecret = 'demo-test-webhook-secret';
/** Where the app's pages are served: the one origin the backend takes state-changing calls from. */
const appOrigin = 'http://app.test';

interface Hook {
  verified: boolean;
  payload: { type: string; applicantActionId: string } | null;
}

interface Reply<T> {
  status: number;
  body: T;
  setCookie: string | null;
}

describe('demo host backend', () => {
  let tmp: ReturnType<typeof tempDir>;
  let dataDir: string;
  let provider: RunningProvider;
  let backend: RunningBackend;

  const start = async (port = 0): Promise<RunningBackend> => {
    const b = await startBackend({
      port,
      appToken: appToken.token,
      appSecret: appToken.secret,
      secretKey,
      webhookSecret,
      dataDir,
    });
    b.setPages(`${appOrigin}/`);
    return b;
  };

  /** A browser: its own cookie jar, on the app's page (its `Origin`) unless told otherwise. */
  class Visitor {
    cookie = '';

    async call<T = Record<string, unknown>>(
      method: string,
      url: string,
      opts: { body?: Buffer; headers?: Record<string, string> } = {},
    ): Promise<Reply<T>> {
      // What a browser on the app's page sends; a header given as '' is left out.
      const all: Record<string, string> = {
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(method === 'GET' ? {} : { origin: appOrigin, 'sec-fetch-site': 'same-origin' }),
        ...(opts.body ? { 'content-type': 'image/jpeg' } : {}),
        ...opts.headers,
      };
      const headers = Object.fromEntries(Object.entries(all).filter(([, v]) => v !== ''));
      const send = () =>
        fetch(new URL(url, backend.url), {
          method,
          headers,
          ...(opts.body ? { body: new Uint8Array(opts.body) } : {}),
        });
      // After the restart, fetch's pool may still hold a kept-alive socket of the old server.
      const res = await send().catch(send);
      const setCookie = res.headers.get('set-cookie');
      if (setCookie) this.cookie = setCookie.split(';')[0]!;
      return { status: res.status, body: (await res.json()) as T, setCookie };
    }

    async signIn(): Promise<{ id: string; name: string }> {
      const res = await this.call<{ user: { id: string; name: string } }>('POST', '/api/session');
      expect(res.status).toBe(200);
      return res.body.user;
    }

    /** Signed in, with a profile enrolled and approved. */
    async enrolled(): Promise<this> {
      await this.signIn();
      expect((await this.call('POST', '/api/profile')).status).toBe(200);
      const enrolled = await this.call<{ profile: { approved: boolean } }>(
        'POST',
        '/api/profile/enrol',
        { body: await makeImage() },
      );
      expect(enrolled.body.profile.approved).toBe(true);
      return this;
    }
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
        webhookRetry: { delaysMs: [50, 100], timeoutMs: 2000 },
        // The shipped level requires liveness, so the "photo file" path is refused there (400
        // 1040, tested in the emulator's liveness routes). These tests are about the host
        // backend (tokens, webhooks, isolation) with a stand-in reviewer: their level does not.
        levels: [
          {
            name: 'face-auth',
            type: 'faceAuthorization',
            liveness: { required: false, reflection: true },
          },
        ],
        // The same for enrolment (the shipped config requires it there too): these profiles are
        // enrolled from a photo alone, and the liveness one sends its clips to a stand-in.
        applicants: { liveness: { required: false, reflection: true } },
      },
    });
    backend.setProviderUrl(provider.url);
  });

  afterAll(async () => {
    await backend?.close();
    await provider?.close();
    tmp.remove();
  });

  describe('the story', () => {
    const alex = new Visitor();

    it('signs a visitor in with a __Host-, Secure, HttpOnly, SameSite cookie', async () => {
      const res = await alex.call('POST', '/api/session');
      expect(res.status).toBe(200);
      const attrs = res.setCookie!.split(';').map((a) => a.trim().toLowerCase());
      expect(res.setCookie).toMatch(/^__Host-demo_sid=[\w-]{43};/);
      expect(attrs).toContain('secure');
      expect(attrs).toContain('httponly');
      expect(attrs).toContain('samesite=lax');
      expect(attrs).toContain('path=/');
      expect(attrs.some((a) => a.startsWith('domain='))).toBe(false);
    });

    it('refuses tokens and actions until the profile is approved', async () => {
      const me = await alex.call<{ profile: unknown }>('GET', '/api/me');
      expect(me.status).toBe(200);
      expect(me.body.profile).toBeNull();
      expect((await alex.call('POST', '/api/face-auth/token')).status).toBe(409);
      const created = await alex.call<{ profile: { approved: boolean; validationLink: string } }>(
        'POST',
        '/api/profile',
      );
      expect(created.body.profile.approved).toBe(false);
      expect(created.body.profile.validationLink).toContain('/embedded?requestId=');
      expect((await alex.call('POST', '/api/actions')).status).toBe(409);
    });

    it('enrols with liveness: asks the provider for a challenge and passes the clips on with the photo', async () => {
      const calls = await useStandInVerifier(provider.ctx);
      const sam = new Visitor();
      await sam.signIn();
      expect((await sam.call('POST', '/api/profile')).status).toBe(200);
      const challenge = await sam.call<{ challengeId: string; colours: string[] }>(
        'POST',
        '/api/profile/liveness/challenge',
      );
      expect(challenge.status).toBe(200);
      expect(challenge.body.colours.length).toBeGreaterThanOrEqual(4);
      const form = new FormData();
      form.append('image', new Blob([new Uint8Array(await makeImage())], { type: 'image/jpeg' }));
      form.append('challengeId', challenge.body.challengeId);
      const clip = fakeClip('demo enrolment');
      form.append('combined', new Blob([new Uint8Array(clip)], { type: 'video/webm' }), 'c.webm');
      const multipart = new Response(form);
      const enrolled = await sam.call<{
        attempt: { attemptId: number };
        profile: { approved: boolean; applicantId: string };
      }>('POST', '/api/profile/enrol', {
        body: Buffer.from(await multipart.arrayBuffer()),
        headers: { 'content-type': multipart.headers.get('content-type')! },
      });
      expect(enrolled.status).toBe(200);
      expect(enrolled.body.profile.approved).toBe(true);
      // The provider judged the clip under the challenge the backend asked for.
      expect(calls).toHaveLength(1);
      expect(calls[0]).toMatchObject({
        challenge: { challengeId: challenge.body.challengeId },
        bytes: clip.length,
      });
      const spent = provider.ctx.db
        .prepare('SELECT enrolment_attempt_id AS a FROM liveness_challenges WHERE id = ?')
        .get(challenge.body.challengeId) as { a: number };
      expect(spent.a).toBe(enrolled.body.attempt.attemptId);
    });

    it('enrols, and a restarted backend still knows the session and its profile', async () => {
      const enrolled = await alex.call<{ profile: { approved: boolean } }>(
        'POST',
        '/api/profile/enrol',
        { body: await makeImage() },
      );
      expect(enrolled.body.profile.approved).toBe(true);
      const port = backend.port; // the emulator's webhook URL names it
      await backend.close();
      backend = await start(port);
      backend.setProviderUrl(provider.url);
      const me = await alex.call<{ profile: { approved: boolean } | null }>('GET', '/api/me');
      expect(me.body.profile?.approved).toBe(true);
    });

    it('mints tokens for the same action until it completes, then for a new one', async () => {
      const started = await alex.call<{ actionId: string; externalActionId: string }>(
        'POST',
        '/api/actions',
      );
      const t1 = await alex.call<{ token: string; externalActionId: string }>(
        'POST',
        '/api/face-auth/token',
      );
      const t2 = await alex.call<{ token: string; externalActionId: string }>(
        'POST',
        '/api/face-auth/token',
      );
      expect(t1.body.externalActionId).toBe(started.body.externalActionId);
      expect(t2.body.externalActionId).toBe(started.body.externalActionId);
      expect(t1.body.token).toBeTruthy();

      // A whole action through the backend (the "photo file" path): completed GREEN.
      const photo = await alex.call<{ actionId: string; answer: string }>(
        'POST',
        '/api/actions/photo',
        { body: await makeImage() },
      );
      expect(photo.body.answer).toBe('GREEN');
      const one = await alex.call<{ review: { reviewStatus: string } }>(
        'GET',
        `/api/actions/${photo.body.actionId}`,
      );
      expect(one.body.review.reviewStatus).toBe('completed');
      const t3 = await alex.call<{ externalActionId: string }>('POST', '/api/face-auth/token');
      expect(t3.body.externalActionId).not.toBe(started.body.externalActionId);
    });

    it('keeps the verified webhooks and flags a forged one', async () => {
      const items = await until(
        async () => (await alex.call<{ items: Hook[] }>('GET', '/api/webhooks')).body.items,
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
      const latest = (await alex.call<{ items: Hook[] }>('GET', '/api/webhooks')).body.items[0]!;
      expect(latest.verified).toBe(false);
      expect(latest.payload).toBeNull();
    });

    it('signs out: the old cookie no longer works', async () => {
      const before = alex.cookie;
      const out = await alex.call('DELETE', '/api/session');
      expect(out.status).toBe(200);
      expect(out.setCookie).toMatch(/^__Host-demo_sid=;/);
      const stale = new Visitor();
      stale.cookie = before;
      expect((await stale.call('GET', '/api/me')).status).toBe(401);
      expect((await stale.call('POST', '/api/face-auth/token')).status).toBe(401);
    });
  });

  describe('what an attacker gets', () => {
    let victim: Visitor;
    /** An action of the victim's, completed. */
    let victimAction: string;

    beforeAll(async () => {
      victim = await new Visitor().enrolled();
      const photo = await victim.call<{ actionId: string }>('POST', '/api/actions/photo', {
        body: await makeImage(),
      });
      victimAction = photo.body.actionId;
    }, 60_000);

    it('no token without a session cookie, from the right origin or the wrong one', async () => {
      const anonymous = new Visitor();
      const res = await anonymous.call<{ token?: string }>('POST', '/api/face-auth/token');
      expect(res.status).toBe(401);
      expect(res.body.token).toBeUndefined();
      expect(res.setCookie).toBeNull();
      const evil = await anonymous.call<{ token?: string }>('POST', '/api/face-auth/token', {
        headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
      });
      expect(evil.status).toBe(403);
      expect(evil.body.token).toBeUndefined();
    });

    it("no token, and no state change, from another origin with the victim's cookie", async () => {
      const attacks: [string, Record<string, string>][] = [
        ['a cross-site page', { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' }],
        // Same site, other origin (a sibling subdomain, the provider's page on another port):
        // SameSite=Lax lets the cookie through, the Origin check does not.
        ['a same-site page', { origin: 'http://app.test:8080', 'sec-fetch-site': 'same-site' }],
        ['a forged Origin alone', { origin: 'https://evil.example' }],
        ['no Origin at all', { origin: '', 'sec-fetch-site': '' }],
      ];
      for (const [who, headers] of attacks) {
        for (const [method, url] of [
          ['POST', '/api/face-auth/token'],
          ['POST', '/api/actions'],
          ['POST', '/api/profile'],
          ['DELETE', '/api/profile'],
          ['POST', '/api/session'],
          ['DELETE', '/api/session'],
        ] as const) {
          const res = await victim.call<{ token?: string }>(method, url, { headers });
          expect(res.status, `${method} ${url} from ${who}`).toBe(403);
          expect(res.body.token).toBeUndefined();
          expect(res.setCookie).toBeNull();
        }
        const enrol = await victim.call('POST', '/api/profile/enrol', {
          body: await makeImage(),
          headers,
        });
        expect(enrol.status, `enrol from ${who}`).toBe(403);
      }
      // Nothing changed: the victim is still signed in with their approved profile.
      const me = await victim.call<{ profile: { approved: boolean } | null }>('GET', '/api/me');
      expect(me.body.profile?.approved).toBe(true);
    });

    it('two visitors are two users: neither sees the other’s profile, actions or webhooks', async () => {
      const a = new Visitor();
      const b = new Visitor();
      const userA = await a.signIn();
      const userB = await b.signIn();
      expect(userA.id).not.toBe(userB.id);
      expect(a.cookie).not.toBe(b.cookie);

      const attacker = await new Visitor().enrolled();
      const me = await attacker.call<{ user: { id: string }; profile: { applicantId: string } }>(
        'GET',
        '/api/me',
      );
      const victimMe = await victim.call<{ profile: { applicantId: string } }>('GET', '/api/me');
      expect(me.body.profile.applicantId).not.toBe(victimMe.body.profile.applicantId);

      // Session A cannot read session B's action: the same 404 as an action that does not exist.
      const read = await attacker.call('GET', `/api/actions/${victimAction}`);
      expect(read.status).toBe(404);
      expect(read.body).not.toHaveProperty('applicantId');
      expect((await attacker.call('GET', '/api/actions/no-such-action')).status).toBe(404);
      expect((await victim.call('GET', `/api/actions/${victimAction}`)).status).toBe(200);

      // The attacker's token names their own action, never the victim's.
      const token = await attacker.call<{ externalActionId: string }>(
        'POST',
        '/api/face-auth/token',
      );
      expect(token.status).toBe(200);
      const victimCurrent = await victim.call<{ currentAction: { externalActionId: string } }>(
        'GET',
        '/api/me',
      );
      expect(token.body.externalActionId).not.toBe(
        victimCurrent.body.currentAction.externalActionId,
      );

      // The victim's webhooks are the victim's.
      await until(
        async () => (await victim.call<{ items: Hook[] }>('GET', '/api/webhooks')).body.items,
        (hooks) => hooks.some((w) => w.payload?.applicantActionId === victimAction),
        10_000,
      );
      const seen = (await attacker.call<{ items: Hook[] }>('GET', '/api/webhooks')).body.items;
      expect(seen.some((w) => w.payload?.applicantActionId === victimAction)).toBe(false);
    });

    it('treats a malformed or unknown session cookie as no session: a 401, never a 500', async () => {
      for (const bad of [
        '__Host-demo_sid=%E0%A4%A',
        '__Host-demo_sid=not-a-session',
        '__Host-demo_sid',
        // The old cookie's name signs nobody in.
        'demo_sid=anything',
      ]) {
        const v = new Visitor();
        v.cookie = bad;
        expect((await v.call('GET', '/api/me')).status, bad).toBe(401);
        expect((await v.call('POST', '/api/face-auth/token')).status, bad).toBe(401);
      }
    });
  });
});
