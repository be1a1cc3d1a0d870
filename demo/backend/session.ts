import { randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
// Types only: `req.cookies` and `reply.setCookie`, from the plugin the server registers.
import type {} from '@fastify/cookie';

/** The one person of the demo. A real backend has its own users and sign-in. */
export interface DemoUser {
  id: string;
  name: string;
}

export const DEMO_USER: DemoUser = { id: 'demo-user', name: 'Alex Example' };

export interface Session {
  user: DemoUser;
  /** The action "Confirm it's me" started; the token endpoint mints tokens for it only. */
  currentAction?: { actionId: string; externalActionId: string };
}

const COOKIE = 'demo_sid';

/**
 * Cookie sessions kept in memory: enough to show that the token endpoint belongs to a signed-in
 * user (the element calls it with same-origin credentials). Visiting the page signs you in as
 * the demo user; a restart signs you in again, and the profile itself is in the store. Needs
 * `@fastify/cookie` registered on the app.
 */
export class Sessions {
  private readonly sessions = new Map<string, Session>();

  /** The request's session, or undefined when it has no valid cookie. */
  get(req: FastifyRequest): Session | undefined {
    const sid = req.cookies[COOKIE];
    return sid ? this.sessions.get(sid) : undefined;
  }

  /** The request's session, signing the demo user in when there is none. */
  getOrCreate(req: FastifyRequest, reply: FastifyReply): Session {
    const existing = this.get(req);
    if (existing) return existing;
    const sid = randomBytes(18).toString('base64url');
    const session: Session = { user: DEMO_USER };
    this.sessions.set(sid, session);
    void reply.setCookie(COOKIE, sid, { path: '/', httpOnly: true, sameSite: 'lax' });
    return session;
  }
}
