/**
 * The retention window of stored faces (`applicants.imagesAvailableForSecs`): past it, action
 * images and their previews, enrolment attempts' photos and videos, and liveness clips (of
 * actions and of enrolment attempts) are refused and then erased. The applicant's profile face is kept while the applicant is (later actions are
 * matched against it); deleting the applicant erases it.
 */

import type { ProviderContext } from './context.js';
import type { Db } from './db.js';
import { eraseDeleted } from './db.js';
import { DurableLoop } from './durable-loop.js';

/** The retention window in milliseconds. */
export const retentionMs = (ctx: ProviderContext): number =>
  ctx.config.applicants.imagesAvailableForSecs * 1000;

/** True once something stored at `storedMs` is past the retention window. */
export const isPastRetention = (ctx: ProviderContext, storedMs: number): boolean =>
  ctx.now() - storedMs > retentionMs(ctx);

/**
 * The stored faces under retention, each with the time it was stored: action images and their
 * previews, attempt photos and videos, liveness clips. Not a profile face. Only those not erased
 * yet.
 */
const RETAINED = `
  SELECT b.id, s.stored_ms FROM (
    SELECT blob_id AS id, added_ms AS stored_ms FROM action_images
    UNION ALL SELECT preview_blob_id, added_ms FROM action_images
    UNION ALL SELECT blob_id, created_ms FROM attempts
    UNION ALL SELECT video_blob_id, created_ms FROM attempts WHERE video_blob_id IS NOT NULL
    UNION ALL SELECT blob_id, added_ms FROM liveness_clips
  ) s JOIN blobs b ON b.id = s.id
  WHERE b.purged_ms IS NULL
    AND NOT EXISTS (SELECT 1 FROM applicants p WHERE p.profile_blob_id = b.id)`;

function retentionStatements(db: Db) {
  return {
    due: db.prepare(`SELECT 1 FROM (${RETAINED}) WHERE stored_ms < ? LIMIT 1`),
    next: db.prepare(`SELECT MIN(stored_ms) AS t FROM (${RETAINED})`),
    erase: db.prepare(
      `UPDATE blobs SET data = X'', purged_ms = ? WHERE id IN (SELECT id FROM (${RETAINED}) WHERE stored_ms < ?)`,
    ),
  };
}

/**
 * Erases what has passed the window: the blob keeps its hash, type and size (the views show
 * them), its bytes are zeroed (secure_delete) and checkpointed out of the WAL. One sweep at a
 * time; it sleeps until the oldest face left expires, or a window from now when there is none
 * (nothing stored later can expire sooner), so no upload needs to wake it.
 */
export class RetentionSweeper extends DurableLoop<'sweep'> {
  private readonly sql: ReturnType<typeof retentionStatements>;

  constructor(private readonly ctx: ProviderContext) {
    super({ name: 'retention sweeper', now: () => ctx.now() });
    this.sql = retentionStatements(ctx.db);
  }

  protected override laneOf(): string {
    return 'sweep';
  }

  protected nextJob(_inFlight: readonly 'sweep'[], busy: ReadonlySet<string>): 'sweep' | undefined {
    if (busy.has('sweep')) return undefined;
    return this.sql.due.get(this.cutoff()) ? 'sweep' : undefined;
  }

  protected nextDueAt(): number | null {
    const oldest = (this.sql.next.get() as { t: number | null }).t;
    const now = this.ctx.now();
    const window = retentionMs(this.ctx);
    return Math.min(oldest === null ? Infinity : oldest + window + 1, now + window);
  }

  protected async runJob(): Promise<void> {
    const erased = this.sql.erase.run(this.ctx.now(), this.cutoff()).changes;
    if (erased > 0) eraseDeleted(this.ctx.db);
  }

  /** Stored before this: past the window. */
  private cutoff(): number {
    return this.ctx.now() - retentionMs(this.ctx);
  }
}
