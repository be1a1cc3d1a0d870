import { createHmac, randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { WebhookSender, retryDelay } from './webhooks.js';
import { verifyWebhook } from '../../../src/server/index.js';
import type { DeepPartial, ProviderConfig } from '../platform/config.js';
import { migrations, openDb } from '../platform/db.js';
import type { Receiver, TestProvider } from '../../testing/support.js';
import {
  approvedApplicant,
  failure,
  level,
  startReceiver,
  startTestProvider,
  submitSelfie,
  tempDir,
  until,
  webhookSecret,
} from '../../testing/support.js';

/**
 * Runs `body` against an emulator whose one webhook goes to a receiver answering `respond`,
 * signed with `secret`, retried as `webhookRetry` says; closes both after.
 */
async function withReceiver(
  opts: {
    respond: Parameters<typeof startReceiver>[0];
    secret?: string;
    webhookRetry: DeepPartial<ProviderConfig['webhookRetry']>;
    now?: () => number;
  },
  body: (t: TestProvider, hooks: Receiver) => Promise<void>,
): Promise<void> {
  const hooks = await startReceiver(opts.respond);
  const t = await startTestProvider({
    ...(opts.now ? { now: opts.now } : {}),
    config: {
      webhooks: [{ url: hooks.url, secret: opts.secret ?? webhookSecret }],
      webhookRetry: opts.webhookRetry,
    },
  });
  try {
    await body(t, hooks);
  } finally {
    await t.close();
    await hooks.close();
  }
}

describe('webhooks', () => {
  let t: TestProvider;
  let hooks: Receiver;
  let failFirst = 0;
  beforeAll(async () => {
    // The receiver fails the first `failFirst` deliveries it sees, then accepts.
    hooks = await startReceiver((_h, n) => (n <= failFirst ? 500 : 200));
    t = await startTestProvider({ webhookUrl: hooks.url });
  });
  afterAll(async () => {
    await t?.close();
    await hooks?.close();
  });

  it('sends applicantActionPending then applicantActionReviewed, signed, with the documented fields', async () => {
    const { applicantId, referenceId } = await approvedApplicant(t.client);
    await t.client.setSandboxOutcome(applicantId, {
      reviewAnswer: 'RED',
      rejectLabels: ['FACE_MISMATCH'],
      reviewRejectType: 'FINAL',
    });
    const { action: a } = await submitSelfie(t.client, applicantId, {
      externalActionId: `wh-${Date.now()}`,
    });
    const mine = () => hooks.received.filter((h) => h.body.applicantActionId === a.id);
    await hooks.waitFor(() => mine().length >= 2);
    const [pending, reviewed] = mine();
    for (const h of [pending!, reviewed!]) {
      expect(h.headers['x-payload-digest-alg']).toBe('HMAC_SHA256_HEX');
      expect(h.headers['x-payload-digest']).toBe(
        createHmac('sha256', webhookSecret).update(h.raw).digest('hex'),
      );
      expect(verifyWebhook(h.raw, h.headers, webhookSecret)).toBe(true);
      expect(verifyWebhook(h.raw, h.headers, 'other-secret')).toBe(false);
      expect(h.body).toMatchObject({
        applicantId,
        applicantActionId: a.id,
        externalApplicantActionId: a.externalActionId,
        externalUserId: referenceId,
        levelName: level,
        sandboxMode: true,
        clientId: t.provider.config.clientId,
      });
      expect(h.body.createdAtMs).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}$/);
      expect(h.body.correlationId).toMatch(/^req-/);
    }
    expect(pending!.body).toMatchObject({
      type: 'applicantActionPending',
      reviewStatus: 'pending',
    });
    expect(pending!.body.reviewResult).toBeUndefined();
    expect(reviewed!.body).toMatchObject({
      type: 'applicantActionReviewed',
      reviewStatus: 'completed',
      reviewResult: {
        reviewAnswer: 'RED',
        rejectLabels: ['FACE_MISMATCH'],
        reviewRejectType: 'FINAL',
      },
    });
  });

  it('retries a failed delivery with the same bytes and keeps the order', async () => {
    const { applicantId } = await approvedApplicant(t.client);
    await t.client.setSandboxOutcome(applicantId, { reviewAnswer: 'GREEN' });
    const { action: a } = await submitSelfie(t.client, applicantId, {
      externalActionId: `wh2-${Date.now()}`,
      submit: false,
    });
    failFirst = hooks.received.length + 2; // the next two deliveries get HTTP 500
    await t.client.submitAction(a.id);
    const mine = () => hooks.received.filter((h) => h.body.applicantActionId === a.id);
    await hooks.waitFor(() => mine().some((h) => h.body.type === 'applicantActionReviewed'));
    const types = mine().map((h) => h.body.type);
    // The pending webhook failed twice and was resent; the reviewed one waited for it.
    expect(types).toEqual([
      'applicantActionPending',
      'applicantActionPending',
      'applicantActionPending',
      'applicantActionReviewed',
    ]);
    const bodies = new Set(
      mine()
        .filter((h) => h.body.type === 'applicantActionPending')
        .map((h) => h.raw.toString()),
    );
    expect(bodies.size).toBe(1);
    // The receiver answered before the emulator recorded it: wait for the outbox to catch up.
    type Row = { tries: number; delivered_ms: number | null };
    const rows = await until(
      async () =>
        t.provider.ctx.db
          .prepare('SELECT tries, delivered_ms FROM outbox WHERE subject_id = ? ORDER BY id')
          .all(a.id) as Row[],
      (r) => r.every((x) => x.delivered_ms !== null),
    );
    expect(rows.map((r) => r.tries)).toEqual([3, 1]);
  });
});

describe('webhook sender waiting on a retry', () => {
  it('does not spin while a newer row waits behind an older row that is backing off', async () => {
    // The first delivery fails; its retry is a second away. The reviewed webhook for the same
    // action is due at once but blocked behind it: the sender must sleep until the retry,
    // not wake again and again in the meantime.
    const hooks = await startReceiver((_h, n) => (n === 1 ? 500 : 200));
    const t = await startTestProvider({
      webhookUrl: hooks.url,
      config: {
        webhookRetry: { delaysMs: [1000, 1000, 1000, 1000], timeoutMs: 5000 },
      },
    });
    const wake = vi.spyOn(WebhookSender.prototype, 'wake');
    try {
      const { applicantId } = await approvedApplicant(t.client);
      await t.client.setSandboxOutcome(applicantId, { reviewAnswer: 'GREEN' });
      const { action: a } = await submitSelfie(t.client, applicantId, {
        externalActionId: `spin-${Date.now()}`,
      });
      await until(
        async () =>
          t.provider.ctx.db
            .prepare('SELECT COUNT(*) AS n FROM outbox WHERE subject_id = ?')
            .get(a.id) as { n: number },
        (r) => r.n === 2,
      );
      const before = wake.mock.calls.length;
      await new Promise((r) => setTimeout(r, 600)); // inside the retry's backoff
      expect(wake.mock.calls.length - before).toBeLessThan(5);
      await hooks.waitFor((r) => r.some((h) => h.body.type === 'applicantActionReviewed'));
      expect(hooks.received.map((h) => h.body.type)).toEqual([
        'applicantActionPending',
        'applicantActionPending',
        'applicantActionReviewed',
      ]);
    } finally {
      wake.mockRestore();
      await t.close();
      await hooks.close();
    }
  });
});

describe('verifyWebhook', () => {
  const body = Buffer.from(
    '{"type":"applicantActionReviewed","reviewResult":{"reviewAnswer":"GREEN"}}',
  );
  const sig = (alg: string, secret = 's3cret') =>
    createHmac(alg, secret).update(body).digest('hex');

  it('accepts the right digest from plain headers or a Headers object, string or bytes', () => {
    expect(
      verifyWebhook(
        body,
        { 'x-payload-digest': sig('sha256'), 'x-payload-digest-alg': 'HMAC_SHA256_HEX' },
        's3cret',
      ),
    ).toBe(true);
    expect(
      verifyWebhook(body.toString(), new Headers({ 'X-Payload-Digest': sig('sha256') }), 's3cret'),
    ).toBe(true);
    expect(
      verifyWebhook(
        body,
        { 'X-Payload-Digest': sig('sha512'), 'X-Payload-Digest-Alg': 'HMAC_SHA512_HEX' },
        's3cret',
      ),
    ).toBe(true);
  });

  it('refuses SHA-1 unless the caller allows it: the sender’s header does not pick a weak algorithm', () => {
    const sha1 = { 'x-payload-digest': sig('sha1'), 'x-payload-digest-alg': 'HMAC_SHA1_HEX' };
    expect(verifyWebhook(body, sha1, 's3cret')).toBe(false);
    expect(verifyWebhook(body, sha1, 's3cret', { algorithms: ['HMAC_SHA1_HEX'] })).toBe(true);
    // Allowing only SHA-256 refuses a valid SHA-512 digest as well.
    const sha512 = { 'x-payload-digest': sig('sha512'), 'x-payload-digest-alg': 'HMAC_SHA512_HEX' };
    expect(verifyWebhook(body, sha512, 's3cret', { algorithms: ['HMAC_SHA256_HEX'] })).toBe(false);
    // No algorithm header means SHA-256, which must then be allowed.
    const plain = { 'x-payload-digest': sig('sha256') };
    expect(verifyWebhook(body, plain, 's3cret', { algorithms: ['HMAC_SHA512_HEX'] })).toBe(false);
  });

  it('refuses a wrong secret, a tampered body, a missing or malformed digest, an unknown algorithm', () => {
    expect(verifyWebhook(body, { 'x-payload-digest': sig('sha256', 'nope') }, 's3cret')).toBe(
      false,
    );
    expect(
      verifyWebhook(
        Buffer.concat([body, Buffer.from(' ')]),
        { 'x-payload-digest': sig('sha256') },
        's3cret',
      ),
    ).toBe(false);
    expect(verifyWebhook(body, {}, 's3cret')).toBe(false);
    expect(verifyWebhook(body, { 'x-payload-digest': 'zz' }, 's3cret')).toBe(false);
    expect(
      verifyWebhook(
        body,
        { 'x-payload-digest': sig('sha256'), 'x-payload-digest-alg': 'MD5' },
        's3cret',
      ),
    ).toBe(false);
  });
});

describe('webhook receivers do not wait on each other', () => {
  it('a healthy receiver gets its webhooks within 2 s while another one hangs', async () => {
    const hanging = await startReceiver(() => 'hang');
    const healthy = await startReceiver(() => 200);
    const t = await startTestProvider({
      config: {
        // The hanging receiver comes first: its rows are the older ones.
        webhooks: [
          { url: hanging.url, secret: webhookSecret },
          { url: healthy.url, secret: webhookSecret },
        ],
        webhookRetry: { timeoutMs: 10_000 },
      },
    });
    try {
      const { applicantId } = await approvedApplicant(t.client);
      await t.client.setSandboxOutcome(applicantId, { reviewAnswer: 'GREEN' });
      const started = Date.now();
      const { action: a } = await submitSelfie(t.client, applicantId, {
        externalActionId: `lanes-${Date.now()}`,
      });
      await healthy.waitFor(
        (r) =>
          r.some(
            (h) => h.body.type === 'applicantActionReviewed' && h.body.applicantActionId === a.id,
          ),
        10_000,
      );
      const latency = Date.now() - started;
      expect(latency).toBeLessThan(2000);
      // The other receiver got its first webhook and has not answered it.
      expect(hanging.received.map((h) => h.body.type)).toEqual(['applicantActionPending']);
      expect(healthy.received.map((h) => h.body.type)).toEqual([
        'applicantActionPending',
        'applicantActionReviewed',
      ]);
      console.log(`healthy receiver: both webhooks ${latency} ms after the submit`);
    } finally {
      await t.close();
      await hanging.close();
      await healthy.close();
    }
  }, 30_000);
});

describe('a receiver that never answers', () => {
  it('has each try cut at webhookRetry.timeoutMs, counted as a failure and retried', async () => {
    await withReceiver(
      { respond: () => 'hang', webhookRetry: { delaysMs: [100, 100], timeoutMs: 300 } },
      async (t, hooks) => {
        const { applicantId } = await approvedApplicant(t.client);
        const started = Date.now();
        await submitSelfie(t.client, applicantId);
        type Row = { tries: number; dead: number; last_error: string };
        const row = await until(
          async () =>
            t.provider.ctx.db.prepare('SELECT tries, dead, last_error FROM outbox').get() as Row,
          (r) => r.dead === 1,
        );
        // Three tries of 300 ms and two waits of 100 ms: about a second, not a hang.
        expect(Date.now() - started).toBeLessThan(5000);
        expect(row).toMatchObject({ tries: 3, last_error: 'timeout' });
        expect(hooks.received).toHaveLength(3);
      },
    );
  });
});

describe('webhook retry schedule', () => {
  it('waits the schedule’s delay after each failed try, and none after the last', () => {
    const schedule = [300_000, 3_600_000];
    expect([1, 2, 3].map((tries) => retryDelay(tries, schedule))).toEqual([
      300_000,
      3_600_000,
      null,
    ]);
    expect(retryDelay(1, [])).toBeNull();
  });

  it('retries for about a day, 5 min, 1 h, 5 h and 18 h apart, then gives up', async () => {
    // A frozen clock: only `advance` moves it, so every next try's time is exact. It starts at
    // the real time so the client's signed calls are within the allowed skew.
    const start = Date.now();
    await withReceiver(
      { respond: () => 500, webhookRetry: { timeoutMs: 5000 }, now: () => start },
      async (t, hooks) => {
        type Row = { tries: number; next_attempt_ms: number; dead: number; last_error: string };
        const row = () =>
          t.provider.ctx.db
            .prepare('SELECT tries, next_attempt_ms, dead, last_error FROM outbox')
            .get() as Row;
        const { applicantId } = await approvedApplicant(t.client);
        // No reviewer and no sandbox outcome: the action stays queued, its one webhook is `pending`.
        await submitSelfie(t.client, applicantId);
        const waits: number[] = [];
        let elapsed = 0;
        for (let n = 1; ; n++) {
          const r = await until(
            async () => row(),
            (x) => x.tries === n,
          );
          expect(r.last_error).toBe('HTTP 500');
          if (r.dead) break;
          const wait = r.next_attempt_ms - (start + elapsed);
          waits.push(wait);
          // One millisecond early: not due, nothing is sent.
          t.advance(wait - 1);
          t.provider.ctx.wake.webhooks();
          await new Promise((res) => setTimeout(res, 100));
          expect(hooks.received).toHaveLength(n);
          t.advance(1);
          elapsed += wait;
          t.provider.ctx.wake.webhooks();
        }
        const min = 60_000;
        expect(waits).toEqual([5 * min, 60 * min, 300 * min, 1080 * min]);
        expect(hooks.received).toHaveLength(5);
        expect(row()).toMatchObject({ tries: 5, dead: 1 });
        // About a day between the first try and the last.
        expect(elapsed).toBe(24 * 60 * min + 5 * min);
      },
    );
  }, 30_000);
});

describe('the webhook secret', () => {
  it('is stored in no outbox row: each delivery is signed when sent, with the configured secret', async () => {
    const first = `first-secret-${randomUUID()}`;
    await withReceiver(
      {
        respond: (_h, n) => (n === 1 ? 500 : 200),
        secret: first,
        webhookRetry: { delaysMs: [300], timeoutMs: 5000 },
      },
      async (t, hooks) => {
        const { applicantId } = await approvedApplicant(t.client);
        await submitSelfie(t.client, applicantId);
        await hooks.waitFor((r) => r.length === 1);
        expect(verifyWebhook(hooks.received[0]!.raw, hooks.received[0]!.headers, first)).toBe(true);
        // The secret changes (a restart with a new one) while the retry waits: the retry is
        // signed with the new secret.
        const second = `second-secret-${randomUUID()}`;
        t.provider.config.webhooks[0]!.secret = second;
        await hooks.waitFor((r) => r.length === 2);
        expect(verifyWebhook(hooks.received[1]!.raw, hooks.received[1]!.headers, second)).toBe(
          true,
        );
        const { db } = t.provider.ctx;
        const columns = (db.pragma('table_info(outbox)') as { name: string }[]).map((c) => c.name);
        expect(columns).not.toContain('secret');
        db.pragma('wal_checkpoint(TRUNCATE)');
        const file = readFileSync(db.name);
        expect(file.includes(first)).toBe(false);
        expect(file.includes(second)).toBe(false);
      },
    );
  });

  it('a row for a URL no longer configured is not sent unsigned: it is dead, with the reason', async () => {
    await withReceiver(
      { respond: () => 500, webhookRetry: { delaysMs: [300], timeoutMs: 5000 } },
      async (t, hooks) => {
        const { applicantId } = await approvedApplicant(t.client);
        await submitSelfie(t.client, applicantId);
        await hooks.waitFor((r) => r.length === 1);
        t.provider.config.webhooks = [];
        type Row = { dead: number; last_error: string };
        const row = await until(
          async () => t.provider.ctx.db.prepare('SELECT dead, last_error FROM outbox').get() as Row,
          (r) => r.dead === 1,
        );
        expect(row.last_error).toMatch(/no webhook is configured/);
        expect(hooks.received).toHaveLength(1);
      },
    );
  });

  it('a database from before loses the secret column, and its bytes, at the next start', () => {
    const tmp = tempDir();
    try {
      const secret = `old-secret-${randomUUID()}`;
      const file = path.join(tmp.dir, 'provider.sqlite');
      const old = new Database(file);
      old.pragma('journal_mode = WAL');
      old.exec(migrations[0]!);
      old.exec(migrations[1]!);
      old.pragma('user_version = 2');
      old
        .prepare(
          `INSERT INTO outbox (url, secret, type, subject_id, body, created_ms, next_attempt_ms)
         VALUES ('http://127.0.0.1:9/hook', ?, 'applicantActionPending', 'a1', '{}', 0, 0)`,
        )
        .run(secret);
      old.close();
      expect(readFileSync(file).includes(secret)).toBe(true);
      const db = openDb(tmp.dir);
      try {
        const columns = (db.pragma('table_info(outbox)') as { name: string }[]).map((c) => c.name);
        expect(columns).not.toContain('secret');
        expect(db.prepare('SELECT subject_id FROM outbox').all()).toEqual([{ subject_id: 'a1' }]);
      } finally {
        db.close();
      }
      const bytes = Buffer.concat(
        [file, `${file}-wal`].filter((f) => existsSync(f)).map((f) => readFileSync(f)),
      );
      expect(bytes.includes(secret)).toBe(false);
    } finally {
      tmp.remove();
    }
  });
});

describe('resending webhooks (POST /resources/applicantActions/{actionId}/webhooks/resend)', () => {
  it('sends an action’s dead webhooks again, the same bytes, in their order', async () => {
    let accepting = false;
    // One try each, then dead.
    await withReceiver(
      { respond: () => (accepting ? 200 : 500), webhookRetry: { delaysMs: [], timeoutMs: 5000 } },
      async (t, hooks) => {
        type Row = { type: string; dead: number; delivered_ms: number | null };
        const rows = (id: string) =>
          t.provider.ctx.db
            .prepare('SELECT type, dead, delivered_ms FROM outbox WHERE subject_id = ? ORDER BY id')
            .all(id) as Row[];
        const { applicantId } = await approvedApplicant(t.client);
        await t.client.setSandboxOutcome(applicantId, { reviewAnswer: 'GREEN' });
        const { action: a } = await submitSelfie(t.client, applicantId);
        await until(
          async () => rows(a.id),
          (r) => r.length === 2 && r.every((x) => x.dead === 1),
        );
        const dead = hooks.received.map((h) => h.raw.toString());
        expect(hooks.received.map((h) => h.body.type)).toEqual([
          'applicantActionPending',
          'applicantActionReviewed',
        ]);

        accepting = true;
        const answer = await t.client.request<{ queued: { type: string; url: string }[] }>(
          'POST',
          `/resources/applicantActions/${a.id}/webhooks/resend`,
        );
        expect(answer.queued).toEqual([
          { type: 'applicantActionPending', url: hooks.url },
          { type: 'applicantActionReviewed', url: hooks.url },
        ]);
        await hooks.waitFor((r) => r.length === 4);
        expect(hooks.received.slice(2).map((h) => h.raw.toString())).toEqual(dead);
        for (const h of hooks.received.slice(2))
          expect(verifyWebhook(h.raw, h.headers, webhookSecret)).toBe(true);
        await until(
          async () => rows(a.id).filter((r) => r.delivered_ms !== null).length,
          (n) => n === 2,
        );
        // A second resend sends the delivered ones again too: the receiver may have lost them.
        const again = await t.client.request<{ queued: unknown[] }>(
          'POST',
          `/resources/applicantActions/${a.id}/webhooks/resend`,
        );
        expect(again.queued).toHaveLength(2);
        await hooks.waitFor((r) => r.length === 6);
        expect(hooks.received.slice(4).map((h) => h.raw.toString())).toEqual(dead);
      },
    );
  });

  it('does not queue a second copy of a webhook that is still waiting to be delivered', async () => {
    await withReceiver(
      { respond: () => 500, webhookRetry: { delaysMs: [3_600_000], timeoutMs: 5000 } },
      async (t, hooks) => {
        const { applicantId } = await approvedApplicant(t.client);
        const { action: a } = await submitSelfie(t.client, applicantId);
        await hooks.waitFor((r) => r.length === 1);
        const answer = await t.client.request<{ queued: unknown[] }>(
          'POST',
          `/resources/applicantActions/${a.id}/webhooks/resend`,
        );
        expect(answer.queued).toEqual([]);
        const n = t.provider.ctx.db.prepare('SELECT COUNT(*) AS n FROM outbox').get() as {
          n: number;
        };
        expect(n.n).toBe(1);
      },
    );
  });

  it('takes the app token only: 401 without it, 403 with an access token, 404 for an unknown action', async () => {
    const t = await startTestProvider();
    try {
      const { applicantId, referenceId } = await approvedApplicant(t.client);
      const { action: a } = await submitSelfie(t.client, applicantId);
      const path = `/resources/applicantActions/${a.id}/webhooks/resend`;
      expect((await fetch(`${t.url}${path}`, { method: 'POST' })).status).toBe(401);
      const { token } = await t.client.createAccessToken({
        userId: referenceId,
        levelName: level,
        externalActionId: a.externalActionId,
      });
      const withToken = await fetch(`${t.url}${path}`, {
        method: 'POST',
        headers: { 'x-access-token': token },
      });
      expect(withToken.status).toBe(403);
      expect(await withToken.json()).toMatchObject({ errorCode: 4030 });
      const unknown = await failure(
        t.client.request('POST', '/resources/applicantActions/nope/webhooks/resend'),
      );
      expect(unknown).toMatchObject({ status: 404, body: { errorCode: 1004 } });
    } finally {
      await t.close();
    }
  });
});
