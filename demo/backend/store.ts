import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ActionWebhook } from '../../src/server/index.js';

/** The demo user's link to the provider: which applicant is their profile. */
export interface Profile {
  applicantId: string;
  /** The applicant's `referenceId`: the `userId` access tokens are minted for. */
  externalUserId: string;
  validationLink: string;
  createdAt: string;
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
  /** userId → profile. */
  profiles: Record<string, Profile>;
  webhooks: ReceivedWebhook[];
}

/**
 * The host backend's own state, in one small JSON file in the demo's data directory, so a
 * restart still knows who enrolled. Writes go to a temp file and are renamed over the old one,
 * so a kill mid-write leaves the previous version intact.
 */
export class DemoStore {
  private data: StoreFile;

  constructor(
    private readonly file: string,
    private readonly maxWebhooks = 50,
  ) {
    this.data = DemoStore.read(file);
  }

  private static read(file: string): StoreFile {
    try {
      const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<StoreFile>;
      return { profiles: parsed.profiles ?? {}, webhooks: parsed.webhooks ?? [] };
    } catch {
      return { profiles: {}, webhooks: [] };
    }
  }

  private save(): void {
    mkdirSync(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(this.data, null, 2));
    renameSync(tmp, this.file);
  }

  profile(userId: string): Profile | undefined {
    return this.data.profiles[userId];
  }

  setProfile(userId: string, profile: Profile | undefined): void {
    if (profile) this.data.profiles[userId] = profile;
    else delete this.data.profiles[userId];
    this.save();
  }

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
