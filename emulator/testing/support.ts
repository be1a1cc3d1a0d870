import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import type { DeepPartial, ProviderConfig } from '../src/platform/config.js';
import { exponentialDelays, loadConfigFile } from '../src/platform/config.js';
import type { FaceReviewer } from '../src/reviews/engine/contract.js';
import type { RunningProvider } from '../src/server.js';
import { startProvider } from '../src/server.js';
import { ProviderClient } from '../../src/server/index.js';

export const defaults = loadConfigFile();
export const appToken = defaults.appTokens[0]!;
export const secretKey = defaults.secretKeys[0]!;
export const level = defaults.levels[0]!.name;
export const webhookSecret = 'test-webhook-secret';

/** A plain-colour image: decodable, no face (reviews in these tests are decided by sandbox or test doubles). */
export async function makeImage(
  opts: { width?: number; height?: number; format?: 'jpeg' | 'png' | 'webp'; colour?: string } = {},
): Promise<Buffer> {
  const img = sharp({
    create: {
      width: opts.width ?? 320,
      height: opts.height ?? 240,
      channels: 3,
      background: opts.colour ?? '#8a6',
    },
  });
  const format = opts.format ?? 'jpeg';
  return format === 'png'
    ? img.png().toBuffer()
    : format === 'webp'
      ? img.webp().toBuffer()
      : img.jpeg().toBuffer();
}

/** A JPEG of random pixels: a run of its bytes ({@link sampleOf}) occurs in no other file. */
export function noiseJpeg(side = 96): Promise<Buffer> {
  return sharp(randomBytes(side * side * 3), { raw: { width: side, height: side, channels: 3 } })
    .jpeg({ quality: 95 })
    .toBuffer();
}

/** 48 bytes from the middle of `b`: what to look for on disk to tell whether `b` is there. */
export const sampleOf = (b: Buffer): Buffer => b.subarray(b.length >> 1, (b.length >> 1) + 48);

/** The bytes of a running emulator's database file and its WAL, as they are on disk now. */
export function databaseBytes(provider: RunningProvider): Buffer {
  const file = provider.ctx.db.name;
  return Buffer.concat(
    [file, `${file}-wal`].filter((f) => existsSync(f)).map((f) => readFileSync(f)),
  );
}

export interface ReceivedHook {
  headers: http.IncomingHttpHeaders;
  raw: Buffer;
  body: Record<string, unknown>;
}

/** A webhook receiver on a free port. `respond` decides each answer (status, or 'hang' to never answer). */
export async function startReceiver(
  respond: (hook: ReceivedHook, n: number) => number | 'hang' = () => 200,
) {
  const received: ReceivedHook[] = [];
  const waiters: (() => void)[] = [];
  const hanging = new Set<http.ServerResponse>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const hook = {
        headers: req.headers,
        raw,
        body: JSON.parse(raw.toString('utf8')) as Record<string, unknown>,
      };
      received.push(hook);
      waiters.splice(0).forEach((w) => w());
      const answer = respond(hook, received.length);
      if (answer === 'hang') {
        hanging.add(res);
        return;
      }
      res.writeHead(answer).end();
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return {
    url,
    received,
    /** Resolves once `pred` holds for the received list (re-checked on every delivery). */
    async waitFor(
      pred: (r: ReceivedHook[]) => boolean,
      timeoutMs = 15_000,
    ): Promise<ReceivedHook[]> {
      const deadline = Date.now() + timeoutMs;
      while (!pred(received)) {
        const left = deadline - Date.now();
        if (left <= 0)
          throw new Error(
            `webhook wait timed out; got ${received.map((r) => r.body.type).join(', ')}`,
          );
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, Math.min(left, 1000));
          waiters.push(() => {
            clearTimeout(t);
            resolve();
          });
        });
      }
      return received;
    },
    async close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      server.close();
    },
  };
}

export type Receiver = Awaited<ReturnType<typeof startReceiver>>;

export function tempDir(): { dir: string; remove(): void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'provider-test-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Test configuration: sandbox on, fast retries, optional webhook. */
export function testConfig(webhookUrl?: string): DeepPartial<ProviderConfig> {
  return {
    sandbox: { enabled: true },
    webhooks: webhookUrl ? [{ url: webhookUrl, secret: webhookSecret }] : [],
    // 20 tries, 50 ms apart doubling up to 200 ms.
    webhookRetry: {
      delaysMs: exponentialDelays({ initialDelayMs: 50, maxDelayMs: 200, maxAttempts: 20 }),
      timeoutMs: 5000,
    },
    reviewRetry: { maxTries: 2, initialDelayMs: 20 },
    cors: { origins: ['http://allowed.test'] },
    // The shipped level requires liveness; these tests decide reviews by sandbox or a test
    // double and submit a selfie alone, so their level explicitly does not. Liveness has its
    // own tests (src/liveness/), which set a level that requires it.
    levels: [{ ...defaults.levels[0]!, liveness: { required: false, reflection: true } }],
    // The same for enrolment: the shipped config requires liveness for enrolment attempts; these
    // tests enrol from a photo alone. Enrolment liveness is tested in src/liveness/enrolment-*.
    applicants: { liveness: { required: false, reflection: true } },
  };
}

/**
 * A test's config over the test config: each key replaces the test config's, except `applicants`,
 * whose keys are merged, so a test that sets e.g. `attemptsLimit` keeps enrolment liveness off
 * (and one that sets `applicants.liveness` gets its own).
 */
function withTestConfig(
  base: DeepPartial<ProviderConfig>,
  own: DeepPartial<ProviderConfig> | undefined,
): DeepPartial<ProviderConfig> {
  return { ...base, ...own, applicants: { ...base.applicants, ...own?.applicants } };
}

/** A client of the emulator at `baseUrl`, signing with the default app token. */
export const clientFor = (baseUrl: string): ProviderClient =>
  new ProviderClient({
    baseUrl,
    appToken: appToken.token,
    appSecret: appToken.secret,
    secretKey,
  });

export interface TestProvider {
  provider: RunningProvider;
  url: string;
  client: ProviderClient;
  /** Moves the emulator's clock forward. */
  advance(ms: number): void;
  close(): Promise<void>;
}

export async function startTestProvider(
  opts: {
    config?: DeepPartial<ProviderConfig>;
    reviewer?: FaceReviewer | null;
    webhookUrl?: string;
    /** The emulator's clock, e.g. a frozen one (default: the real clock); `advance` adds to it. */
    now?: () => number;
  } = {},
): Promise<TestProvider> {
  const tmp = tempDir();
  let offset = 0;
  const provider = await startProvider({
    port: 0,
    dataDir: tmp.dir,
    config: withTestConfig(testConfig(opts.webhookUrl), opts.config),
    reviewer: opts.reviewer ?? null,
    now: () => (opts.now ? opts.now() : Date.now()) + offset,
  });
  return {
    provider,
    url: provider.url,
    client: clientFor(provider.url),
    advance: (ms) => {
      offset += ms;
    },
    close: async () => {
      await provider.close();
      tmp.remove();
    },
  };
}

/** Polls `read` until `pred` holds (the emulator's workers are asynchronous by design). */
export async function until<T>(
  read: () => Promise<T>,
  pred: (v: T) => boolean,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (pred(v)) return v;
    if (Date.now() > deadline)
      throw new Error(`condition not reached: ${JSON.stringify(v).slice(0, 500)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** An approved applicant (created with status 1, so no enrolment photo) with a referenceId. */
export async function approvedApplicant(
  client: ProviderClient,
  referenceId = `user-${Math.random().toString(36).slice(2)}`,
) {
  const { applicantId } = await client.applicants.create({
    firstName: 'Ada',
    referenceId,
    status: 1,
  });
  return { applicantId, referenceId };
}

/** Approved through a real enrolment (sandbox-accepted), so the applicant has a profile face. */
export async function enrolledApplicant(
  client: ProviderClient,
  referenceId = `user-${Math.random().toString(36).slice(2)}`,
) {
  const { applicantId } = await client.applicants.create({ firstName: 'Ada', referenceId });
  await client.setSandboxOutcome(applicantId, { target: 'enrolment', reviewAnswer: 'GREEN' });
  const attempt = await client.applicants.enrol(applicantId, {
    content: await makeImage(),
    fileName: 'profile.jpg',
    mimeType: 'image/jpeg',
  });
  return { applicantId, referenceId, attempt };
}

export async function selfie(format: 'jpeg' | 'png' | 'webp' = 'jpeg') {
  return {
    content: await makeImage({ format }),
    fileName: `selfie.${format === 'jpeg' ? 'jpg' : format}`,
    mimeType: `image/${format}`,
    metadata: { idDocType: 'SELFIE', country: 'RUS' },
  };
}

/**
 * A new action of the applicant with one selfie uploaded, submitted for review unless
 * `submit` is false. `action` is the action as the last call answered it.
 */
export async function submitSelfie(
  client: ProviderClient,
  applicantId: string,
  opts: { externalActionId?: string; submit?: boolean } = {},
) {
  const created = await client.createAction(applicantId, level, {
    externalActionId: opts.externalActionId ?? `act-${Math.random().toString(36).slice(2)}`,
  });
  const image = await client.addActionImage(created.id, await selfie());
  const action = opts.submit === false ? created : await client.submitAction(created.id);
  return { action, image };
}

/** Expects a ProviderApiError-like rejection and returns its status/body. */
export async function failure(
  p: Promise<unknown>,
): Promise<{ status: number; body: Record<string, unknown> }> {
  try {
    await p;
  } catch (err) {
    const e = err as { status?: number; body?: Record<string, unknown> };
    if (typeof e.status === 'number' && e.body) return { status: e.status, body: e.body };
    throw err;
  }
  throw new Error('expected the call to fail');
}
