import { createHash, randomBytes } from 'node:crypto';
import type { CookieSerializeOptions } from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
// Types only: `req.cookies` and `reply.setCookie`, from the plugin the server registers.
import type {} from '@fastify/cookie';
import type { DemoStore, DemoUser } from './store.js';

export interface Session {
  user: DemoUser;
  /** SHA-256 of the session id: what the store keeps, so its file signs nobody in. */
  sidHash: string;
}

/**
 * `__Host-`: the browser accepts it only with `Secure`, `Path=/` and no `Domain`, so no other
 * host or subdomain can set or shadow it. `HttpOnly`: no script reads it. `SameSite=Lax`: not
 * sent on cross-site POSTs (the Origin check is the CSRF defence that covers same-site ones too).
 * Chromium treats `http://127.0.0.1` and `http://localhost` as secure contexts and keeps
 * `Secure` cookies there, so the demo needs no https.
 */
export const SESSION_COOKIE = '__Host-demo_sid';
const COOKIE: CookieSerializeOptions = {
  path: '/',
  secure: true,
  httpOnly: true,
  sameSite: 'lax',
};
const TTL_MS = 12 * 60 * 60 * 1000;

const NAMES = ['Alex Example', 'Sam Sample', 'Robin Demo', 'Kim Placeholder', 'Jo Tester'];

const hash = (sid: string): string => createHash('sha256').update(sid).digest('base64url');

const unauthorized = (): Error => Object.assign(new Error('Sign in first'), { statusCode: 401 });

/**
 * Cookie sessions, kept server-side in the store: the cookie holds only an unguessable id, and
 * who the user is comes from the store, never from the request. "Sign in" makes a new demo user
 * (a real app checks a password or a passkey here). Needs `@fastify/cookie` registered on the app.
 */
export class Sessions {
  constructor(
    private readonly store: DemoStore,
    private readonly ttlMs = TTL_MS,
  ) {}

  /** The request's session, or undefined without a live one. */
  get(req: FastifyRequest): Session | undefined {
    const sid = req.cookies[SESSION_COOKIE];
    if (!sid) return undefined;
    const sidHash = hash(sid);
    const user = this.store.sessionUser(sidHash);
    return user && { user, sidHash };
  }

  /** The request's session; a 401 without one. Every route that acts for a user starts here. */
  require(req: FastifyRequest): Session {
    const session = this.get(req);
    if (!session) throw unauthorized();
    return session;
  }

  /** A new demo user in a new session; a session the request already had ends (no fixation). */
  signIn(req: FastifyRequest, reply: FastifyReply): Session {
    const old = this.get(req);
    if (old) this.store.deleteSession(old.sidHash);
    const sid = randomBytes(32).toString('base64url');
    const sidHash = hash(sid);
    const user: DemoUser = {
      id: `user-${randomBytes(6).toString('hex')}`,
      name: NAMES[randomBytes(1)[0]! % NAMES.length]!,
    };
    this.store.addUserSession(user, sidHash, this.ttlMs);
    void reply.setCookie(SESSION_COOKIE, sid, { ...COOKIE, maxAge: this.ttlMs / 1000 });
    return { user, sidHash };
  }

  signOut(req: FastifyRequest, reply: FastifyReply): void {
    const session = this.get(req);
    if (session) this.store.deleteSession(session.sidHash);
    void reply.clearCookie(SESSION_COOKIE, COOKIE);
  }
}
