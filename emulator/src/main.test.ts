import type { ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fingerprint, loadConfigFile, mergeConfig } from './platform/config.js';
import { verifyWebhook } from '../../src/server/index.js';
import type { Receiver } from '../testing/support.js';
import {
  approvedApplicant,
  clientFor,
  enrolledApplicant,
  startReceiver,
  submitSelfie,
  tempDir,
  testConfig,
  until,
} from '../testing/support.js';
import { spawnProvider } from '../testing/spawn-provider.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const reviewers = path.join(here, '../testing/reviewers.ts');

interface Child {
  proc: ChildProcess;
  url: string;
}

/** The process's command line as the process list shows it (Linux). */
const commandLine = (pid: number) =>
  readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');

/** Starts `emulator/src/main.ts` as a real process and resolves with its URL once it listens. */
async function startChild(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<Child & { output: () => string }> {
  const { child, listening, output } = spawnProvider(args, env);
  return { proc: child, url: await listening, output };
}

function kill9(child: Child): Promise<void> {
  return new Promise((resolve) => {
    if (child.proc.exitCode !== null || child.proc.signalCode !== null) return resolve();
    child.proc.once('exit', () => resolve());
    child.proc.kill('SIGKILL');
  });
}

/** A suite's temp folder, and the children and receivers it starts: gone after the suite. */
function suiteResources() {
  const tmp = tempDir();
  const children: Child[] = [];
  const receivers: Receiver[] = [];
  afterAll(async () => {
    for (const c of children) await kill9(c);
    for (const r of receivers) await r.close();
    tmp.remove();
  });
  return { tmp, children, receivers };
}

describe('crash safety', () => {
  const { tmp, children, receivers } = suiteResources();
  let hooks: Receiver | undefined;

  it('SIGKILL between accepting an image and delivering the webhook loses nothing', async () => {
    let accepting = false;
    // Phase 1 the receiver never answers (deliveries hang); phase 2 it answers 200.
    hooks = await startReceiver(() => (accepting ? 200 : 'hang'));
    receivers.push(hooks);
    const dataDir = path.join(tmp.dir, 'data');
    const marker = path.join(tmp.dir, 'review-started');
    const writeConfig = (reviewer: string) => {
      const file = path.join(tmp.dir, `config-${path.basename(reviewer)}.json`);
      const cfg = mergeConfig(loadConfigFile(), {
        ...testConfig(hooks!.url),
        reviewer: `${reviewers}#${reviewer}`,
      });
      writeFileSync(file, JSON.stringify(cfg));
      return file;
    };

    // 1st life: the review engine hangs mid-review and the webhook receiver hangs mid-delivery.
    const first = await startChild(
      ['--data', dataDir, '--config', writeConfig('createHangingReviewer')],
      { REVIEWER_MARKER: marker },
    );
    children.push(first);
    const c1 = clientFor(first.url);
    const { applicantId, referenceId } = await enrolledApplicant(c1);
    const { action, image } = await submitSelfie(c1, applicantId, {
      externalActionId: `crash-${Date.now()}`,
    });
    expect(action.review.reviewStatus).toBe('pending');
    await hooks.waitFor((r) => r.some((h) => h.body.type === 'applicantActionPending'));
    await until(async () => existsSync(marker), Boolean);
    expect(hooks.received.some((h) => h.body.type === 'applicantActionReviewed')).toBe(false);

    await kill9(first);

    // 2nd life, same data directory, a reviewer that answers; the receiver now accepts.
    accepting = true;
    const second = await startChild([
      '--data',
      dataDir,
      '--config',
      writeConfig('createGreenReviewer'),
    ]);
    children.push(second);
    const c2 = clientFor(second.url);

    const done = await until(
      () => c2.getAction(action.id),
      (a) => a.review.reviewStatus === 'completed',
    );
    expect(done.review.reviewResult).toEqual({ reviewAnswer: 'GREEN', rejectLabels: [] });
    expect(done.review.decision).toMatchObject({ engine: 'test-double' });
    expect(done.images).toHaveLength(1);
    expect(done.images[0]).toMatchObject({
      id: image.id,
      imageHash: image.imageHash,
      answer: 'GREEN',
    });
    expect((await c2.applicants.get(applicantId)).referenceId).toBe(referenceId);

    const hooksFor = await hooks.waitFor((r) =>
      r.some(
        (h) => h.body.type === 'applicantActionReviewed' && h.body.applicantActionId === action.id,
      ),
    );
    const pendings = hooksFor.filter((h) => h.body.type === 'applicantActionPending');
    // At-least-once: the hanging delivery is sent again after the restart, byte for byte.
    expect(pendings.length).toBeGreaterThanOrEqual(2);
    expect(new Set(pendings.map((h) => h.raw.toString())).size).toBe(1);
    const reviewed = hooksFor.filter((h) => h.body.type === 'applicantActionReviewed');
    expect(reviewed).toHaveLength(1);
    expect(reviewed[0]!.body).toMatchObject({
      applicantActionId: action.id,
      reviewResult: { reviewAnswer: 'GREEN' },
    });
    expect(hooksFor.findIndex((h) => h.body.type === 'applicantActionReviewed')).toBeGreaterThan(
      hooksFor.map((h) => h.body.type).lastIndexOf('applicantActionPending'),
    );

    // Let the outbox record the delivery, stop cleanly, and check the file is whole.
    await until(
      async () => {
        const db = new Database(path.join(dataDir, 'provider.sqlite'), { readonly: true });
        try {
          return (
            db.prepare('SELECT COUNT(*) AS n FROM outbox WHERE delivered_ms IS NULL').get() as {
              n: number;
            }
          ).n;
        } finally {
          db.close();
        }
      },
      (n) => n === 0,
    );
    second.proc.kill('SIGTERM');
    await new Promise((r) => second.proc.once('exit', r));
    const db = new Database(path.join(dataDir, 'provider.sqlite'), { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(
        db.prepare(`SELECT state, tries FROM jobs WHERE kind = 'action-review'`).all(),
      ).toEqual([{ state: 'done', tries: 2 }]);
    } finally {
      db.close();
    }
  }, 90_000);
});

describe('secrets at start', () => {
  const { tmp, children, receivers } = suiteResources();
  let hooks: Receiver;
  beforeAll(async () => {
    hooks = await startReceiver();
    receivers.push(hooks);
  });

  /** Starts an emulator (no review engine, sandbox on) that sends webhooks to `hooks`. */
  async function start(args: string[], env: NodeJS.ProcessEnv = {}) {
    const dataDir = path.join(tmp.dir, `data-${children.length}`);
    // The shipped level requires liveness; these actions send a selfie alone (testConfig's level).
    const config = path.join(tmp.dir, `config-${children.length}.json`);
    writeFileSync(
      config,
      JSON.stringify(mergeConfig(loadConfigFile(), { levels: testConfig().levels })),
    );
    const child = await startChild(
      [
        '--data',
        dataDir,
        '--config',
        config,
        '--reviewer',
        'none',
        '--sandbox',
        '--webhook-url',
        hooks.url,
        ...args,
      ],
      { WEBHOOK_SECRET: '', WEBHOOK_SECRET_FILE: '', ...env },
    );
    children.push(child);
    return child;
  }

  /** The next webhook the child sends, for a fresh action. */
  async function nextWebhook(child: Child) {
    const client = clientFor(child.url);
    const { applicantId } = await approvedApplicant(client);
    const { action } = await submitSelfie(client, applicantId);
    const all = await hooks.waitFor((r) => r.some((h) => h.body.applicantActionId === action.id));
    return all.find((h) => h.body.applicantActionId === action.id)!;
  }

  it('prints identifiers and fingerprints, not the app secret, the secret key or the webhook secret', async () => {
    const webhookSecret = `env-secret-${Date.now()}`;
    const child = await start([], { WEBHOOK_SECRET: webhookSecret });
    await until(
      async () => child.output(),
      (o) => o.includes('OpenAPI'),
    );
    const out = child.output();
    const config = loadConfigFile();
    expect(out).toContain(config.appTokens[0]!.token);
    expect(out).toContain(fingerprint(config.appTokens[0]!.secret));
    expect(out).toContain(fingerprint(webhookSecret));
    for (const secret of [config.appTokens[0]!.secret, config.secretKeys[0]!, webhookSecret])
      expect(out).not.toContain(secret);
  }, 60_000);

  it('takes the webhook secret from a file (--webhook-secret-file), out of the process list', async () => {
    const secret = `file-secret-${Date.now()}`;
    const file = path.join(tmp.dir, 'webhook-secret');
    writeFileSync(file, `${secret}\n`, { mode: 0o600 });
    const child = await start(['--webhook-secret-file', file]);
    expect(commandLine(child.proc.pid!)).not.toContain(secret);
    const hook = await nextWebhook(child);
    expect(verifyWebhook(hook.raw, hook.headers, secret)).toBe(true);
  }, 60_000);

  it('a --webhook-url flag takes the secret from WEBHOOK_SECRET in the env', async () => {
    const secret = `env-secret-${Date.now()}`;
    const child = await start([], { WEBHOOK_SECRET: secret });
    expect(commandLine(child.proc.pid!)).not.toContain(secret);
    const hook = await nextWebhook(child);
    expect(verifyWebhook(hook.raw, hook.headers, secret)).toBe(true);
  }, 60_000);
});
