import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ActionWebhook } from '../../src/server/index.js';

/** A person of the demo. A real backend has its own users and sign-in. */
export interface DemoUser {
  id: string;
  name: string;
}

/** The user's link to the provider: which applicant is their profile. */
export interface Profile {
  applicantId: string;
  /** The applicant's `referenceId`: the `userId` access tokens are minted for. */
  externalUserId: string;
  validationLink: string;
  createdAt: string;
}

/** An action the backend started for the user: the only ones it mints tokens for or reads. */
export interface OwnAction {
  actionId: string;
  externalActionId: string;
}

interface UserRecord {
  user: DemoUser;
  profile?: Profile;
  /** Every action started for the user, oldest first: what they may read. */
  actions: OwnAction[];
  /** The one the token endpoint mints tokens for. */
  current?: OwnAction;
}

interface SessionRecord {
  userId: string;
  /** Epoch milliseconds. */
  expiresAt: number;
}

/** One webhook as the backend received it. */
export interface ReceivedWebhook {
  receivedAt: string;
  /** `X-Payload-Digest` checked against the webhook secret. */
  verified: boolean;
  digest: string | null;
  digestAlg: string | null;
  payload: ActionWebhook | null;
  /** The body exactly as received (what the digest covers). */
  raw: string;
}

interface StoreFile {
  /** userId → the user, their profile and their actions. */
  users: Record<string, UserRecord>;
  /** SHA-256 of the session id → whose session it is. */
  sessions: Record<string, SessionRecord>;
  webhooks: ReceivedWebhook[];
}

/** How many of a user's actions are remembered (the older ones can no longer be read). */
const MAX_ACTIONS = 50;

/**
 * The host backend's own state, in one small JSON file in the demo's data directory, so a
 * restart still knows who is signed in and who enrolled. Writes go to a temp file and are
 * renamed over the old one, so a kill mid-write leaves the previous version intact.
 *
 * A demo user has no password: they exist as long as a session of theirs does, and go with the
 * last one (signed out or expired).
 */
export class DemoStore {
  private data: StoreFile;

  constructor(
    private readonly file: string,
    /** The clock sessions expire by. */
    private readonly now: () => number = Date.now,
    private readonly maxWebhooks = 50,
  ) {
    this.data = DemoStore.read(file);
  }

  private static read(file: string): StoreFile {
    try {
      const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<StoreFile>;
      return {
        users: parsed.users ?? {},
        sessions: parsed.sessions ?? {},
        webhooks: parsed.webhooks ?? [],
      };
    } catch {
      return { users: {}, sessions: {}, webhooks: [] };
    }
  }

  private save(): void {
    mkdirSync(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(this.data, null, 2));
    renameSync(tmp, this.file);
  }

  private record(userId: string): UserRecord {
    const r = this.data.users[userId];
    if (!r) throw new Error(`No user ${userId}`);
    return r;
  }

  // ------------------------------------------------------------ sessions

  /** The user of a live session, by the session id's hash. */
  sessionUser(sidHash: string): DemoUser | undefined {
    const s = this.data.sessions[sidHash];
    if (!s || s.expiresAt <= this.now()) return undefined;
    return this.data.users[s.userId]?.user;
  }

  /** A new user with their session, live for `ttlMs`. */
  addUserSession(user: DemoUser, sidHash: string, ttlMs: number): void {
    this.data.users[user.id] = { user, actions: [] };
    this.data.sessions[sidHash] = { userId: user.id, expiresAt: this.now() + ttlMs };
    this.prune();
  }

  deleteSession(sidHash: string): void {
    delete this.data.sessions[sidHash];
    this.prune();
  }

  /** Drops expired sessions and the users no session leads to any more, then saves. */
  private prune(): void {
    const now = this.now();
    for (const [hash, s] of Object.entries(this.data.sessions))
      if (s.expiresAt <= now) delete this.data.sessions[hash];
    const reachable = new Set(Object.values(this.data.sessions).map((s) => s.userId));
    for (const id of Object.keys(this.data.users))
      if (!reachable.has(id)) delete this.data.users[id];
    this.save();
  }

  // ------------------------------------------------------------ profiles and actions

  profile(userId: string): Profile | undefined {
    return this.data.users[userId]?.profile;
  }

  /** A new or removed profile also ends the current action (it was the old applicant's). */
  setProfile(userId: string, profile: Profile | undefined): void {
    const r = this.record(userId);
    r.profile = profile;
    delete r.current;
    this.save();
  }

  /** An action just started for the user: theirs to read, and their current one. */
  addAction(userId: string, action: OwnAction): void {
    const r = this.record(userId);
    r.actions.push(action);
    r.actions.splice(0, Math.max(0, r.actions.length - MAX_ACTIONS));
    r.current = action;
    this.save();
  }

  currentAction(userId: string): OwnAction | undefined {
    return this.data.users[userId]?.current;
  }

  /** Whether the backend started this action for this user. */
  ownsAction(userId: string, actionId: string): boolean {
    return !!this.data.users[userId]?.actions.some((a) => a.actionId === actionId);
  }

  // ------------------------------------------------------------ webhooks

  /** Newest first. */
  webhooks(): ReceivedWebhook[] {
    return [...this.data.webhooks].reverse();
  }

  addWebhook(hook: ReceivedWebhook): void {
    this.data.webhooks.push(hook);
    this.data.webhooks.splice(0, Math.max(0, this.data.webhooks.length - this.maxWebhooks));
    this.save();
  }
}
