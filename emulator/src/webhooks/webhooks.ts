import { createHmac } from 'node:crypto';
import type { ActionRow } from '../actions/rows.js';
import type { ActionWebhook } from '../contract.js';
import type { ApplicantRow } from '../applicants/rows.js';
import { externalUserId } from '../applicants/rows.js';
import type { WebhookConfig } from '../platform/config.js';
import type { ProviderContext } from '../platform/context.js';
import type { Db } from '../platform/db.js';
import { DurableLoop } from '../platform/durable-loop.js';
import { webhookDate } from '../platform/format.js';

/** What every action webhook says about its action (callers add type, status and correlation). */
export function actionWebhookBase(
  action: Pick<ActionRow, 'id' | 'applicant_id' | 'external_action_id' | 'level_name'>,
  applicant: Pick<ApplicantRow, 'id' | 'reference_id'>,
): Pick<
  ActionWebhook,
  'applicantId' | 'applicantActionId' | 'externalApplicantActionId' | 'externalUserId' | 'levelName'
> {
  return {
    applicantId: action.applicant_id,
    applicantActionId: action.id,
    externalApplicantActionId: action.external_action_id,
    externalUserId: externalUserId(applicant),
    levelName: action.level_name,
  };
}

const wants = (hook: WebhookConfig, type: string): boolean =>
  !hook.types || hook.types.includes(type);

/** The secret to sign a row with: that of the configured webhook for its URL and type. */
function secretFor(hooks: readonly WebhookConfig[], row: { url: string; type: string }) {
  return hooks.find((h) => h.url === row.url && wants(h, row.type))?.secret;
}

export function digest(body: string | Buffer, secret: string): string {
  return createHmac('sha256', secret).update(body).digest('hex');
}

/**
 * Adds one outbox row per configured webhook that wants this type. Must be called inside the
 * transaction that commits the state change, so the notification and the change are one fact.
 * The body is frozen here: every retry sends the same bytes. The secret is not stored: the
 * digest is computed at each send with the secret configured for the row's URL.
 */
export function enqueueWebhook(
  ctx: ProviderContext,
  payload: Omit<ActionWebhook, 'createdAtMs' | 'sandboxMode' | 'clientId'>,
): void {
  const now = ctx.now();
  const full: ActionWebhook = {
    ...payload,
    createdAtMs: webhookDate(now),
    sandboxMode: ctx.config.sandbox.enabled,
    clientId: ctx.config.clientId,
  };
  const body = JSON.stringify(full);
  const insert = ctx.db.prepare(
    `INSERT INTO outbox (url, type, subject_id, body, created_ms, next_attempt_ms) VALUES (?, ?, ?, ?, ?, ?)`,
  );
  for (const hook of ctx.config.webhooks) {
    if (!wants(hook, payload.type)) continue;
    insert.run(hook.url, payload.type, payload.applicantActionId, body, now, now);
  }
}

/**
 * The wait before the next try of a delivery that has failed `tries` times, or null when it has
 * had all its tries (the row is dead).
 */
export function retryDelay(tries: number, delaysMs: readonly number[]): number | null {
  return delaysMs[tries - 1] ?? null;
}

export interface ResentWebhook {
  type: string;
  url: string;
}

/**
 * Queues an action's webhooks again (the emulator's own resend: the API documents none): every
 * webhook it was sent, in the order they were first queued, to each configured URL that takes
 * its type, byte for byte as first sent. A webhook still waiting for delivery to a URL (not yet
 * delivered, not dead) is not queued twice. Returns what was queued.
 */
export function resendWebhooks(ctx: ProviderContext, actionId: string): ResentWebhook[] {
  const { db } = ctx;
  return db.transaction(() => {
    const sent = db
      .prepare(`SELECT type, body FROM outbox WHERE subject_id = ? GROUP BY body ORDER BY MIN(id)`)
      .all(actionId) as { type: string; body: string }[];
    const waiting = db.prepare(
      `SELECT 1 FROM outbox WHERE subject_id = ? AND url = ? AND body = ?
         AND delivered_ms IS NULL AND dead = 0`,
    );
    const insert = db.prepare(
      `INSERT INTO outbox (url, type, subject_id, body, created_ms, next_attempt_ms) VALUES (?, ?, ?, ?, ?, ?)`,
    );
    const now = ctx.now();
    const queued: ResentWebhook[] = [];
    for (const { type, body } of sent) {
      for (const hook of ctx.config.webhooks) {
        if (!wants(hook, type) || waiting.get(actionId, hook.url, body)) continue;
        insert.run(hook.url, type, actionId, body, now, now);
        queued.push({ type, url: hook.url });
      }
    }
    return queued;
  })();
}

/** An undelivered, live row with no older undelivered row for the same URL and action ahead of it. */
const UNBLOCKED = `o.delivered_ms IS NULL AND o.dead = 0
  AND NOT EXISTS (SELECT 1 FROM outbox p WHERE p.delivered_ms IS NULL AND p.dead = 0
                  AND p.url = o.url AND p.subject_id = o.subject_id AND p.id < o.id)`;

interface OutboxRow {
  id: number;
  url: string;
  type: string;
  subject_id: string;
  body: string;
  tries: number;
}

/** What the sender runs for every delivery, prepared once (better-sqlite3 does not cache statements). */
function outboxStatements(db: Db) {
  return {
    due: db.prepare(
      `SELECT id, url, type, subject_id, body, tries FROM outbox o
       WHERE ${UNBLOCKED} AND next_attempt_ms <= ?
       ORDER BY id`,
    ),
    // Only rows that could be sent: one queued behind an older undelivered row for the same
    // URL and action is due only when that row is, so counting it would wake us at once, in a
    // loop, until the older row's retry time.
    nextDue: db.prepare(`SELECT MIN(next_attempt_ms) AS t FROM outbox o WHERE ${UNBLOCKED}`),
    delivered: db.prepare(
      'UPDATE outbox SET delivered_ms = ?, tries = tries + 1, last_error = NULL WHERE id = ?',
    ),
    failed: db.prepare(
      'UPDATE outbox SET tries = ?, next_attempt_ms = ?, last_error = ?, dead = ? WHERE id = ?',
    ),
  };
}

/** A receiver: the origin of a webhook URL (scheme, host and port). */
export function receiverOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}

/**
 * Delivers the outbox, oldest first: one delivery at a time per receiver (the URL's origin),
 * receivers side by side up to `webhookRetry.concurrency`, so a receiver that hangs holds one
 * slot until `timeoutMs` and the others go on. Never a row while an older row for the same URL
 * and action is still undelivered, so a receiver sees `pending` before `reviewed`.
 * A 2xx marks the row delivered; anything else is retried after the waits of
 * `webhookRetry.delaysMs` (5 min, 1 h, 5 h, 18 h: about a day), then the row is marked dead
 * (kept for inspection, and sent again on a resend).
 */
export class WebhookSender extends DurableLoop<OutboxRow> {
  private readonly sql: ReturnType<typeof outboxStatements>;

  constructor(private readonly ctx: ProviderContext) {
    super({ name: 'webhook sender', now: () => ctx.now() });
    this.sql = outboxStatements(ctx.db);
  }

  protected override concurrency(): number {
    return this.ctx.config.webhookRetry.concurrency;
  }

  protected override laneOf(row: OutboxRow): string {
    return receiverOf(row.url);
  }

  protected nextJob(
    _inFlight: readonly OutboxRow[],
    busy: ReadonlySet<string>,
  ): OutboxRow | undefined {
    for (const row of this.sql.due.iterate(this.ctx.now()) as IterableIterator<OutboxRow>) {
      if (!busy.has(receiverOf(row.url))) return row;
    }
    return undefined;
  }

  protected nextDueAt(): number | null {
    return (this.sql.nextDue.get() as { t: number | null }).t;
  }

  protected async runJob(row: OutboxRow, stopping: AbortSignal): Promise<void> {
    const { webhookRetry, webhooks } = this.ctx.config;
    const secret = secretFor(webhooks, row);
    if (secret === undefined) {
      // Its webhook was taken out of the config: nothing to sign with, and perhaps no longer
      // wanted. Kept, dead, for a resend once it is configured again.
      const reason = `no webhook is configured for ${row.url} (${row.type}): not sent`;
      this.sql.failed.run(row.tries, this.ctx.now(), reason, 1, row.id);
      return;
    }
    const ac = new AbortController();
    const timeout = setTimeout(() => ac.abort(new Error('timeout')), webhookRetry.timeoutMs);
    let error: string | null = null;
    try {
      const res = await fetch(row.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-payload-digest': digest(row.body, secret),
          'x-payload-digest-alg': 'HMAC_SHA256_HEX',
        },
        body: row.body,
        signal: AbortSignal.any([ac.signal, stopping]),
      });
      await res.arrayBuffer().catch(() => undefined);
      if (!res.ok) error = `HTTP ${res.status}`;
    } catch (err) {
      error = (err as Error).message;
    } finally {
      clearTimeout(timeout);
    }
    // Stopped mid-flight: leave the row as it was; the next start sends it again (at-least-once).
    if (stopping.aborted) return;
    const now = this.ctx.now();
    if (error === null) {
      this.sql.delivered.run(now, row.id);
      return;
    }
    const tries = row.tries + 1;
    const delay = retryDelay(tries, webhookRetry.delaysMs);
    this.sql.failed.run(tries, now + (delay ?? 0), error, delay === null ? 1 : 0, row.id);
  }
}
