/** What a caller can do to an action: create it, submit it for review, list them. */

import type { ApplicantRow } from '../applicants/rows.js';
import { getApplicantRow } from '../applicants/repository.js';
import type { ProviderContext } from '../platform/context.js';
import type { CreateActionBody } from '../contract.js';
import { ApiError } from '../platform/errors.js';
import { consumeChallengeAtSubmit } from '../liveness/store.js';
import { actionWebhookBase, enqueueWebhook } from '../webhooks/webhooks.js';
import { countAttemptImages, findActionByExternalId, getActionRow, hexId } from './repository.js';
import { applyReviewEvent } from './review-state.js';
import type { ActionRow } from './rows.js';
import type { ActionView } from './views.js';
import { actionView } from './views.js';

export function requireLevel(ctx: ProviderContext, levelName: string | undefined) {
  if (!levelName) throw new ApiError('validation', 'levelName is required');
  const level = ctx.config.levels.find((l) => l.name === levelName);
  if (!level) throw new ApiError('notFound', `Level '${levelName}' not found`);
  return level;
}

/**
 * Resolves or creates the action: idempotent on `externalActionId` for the same applicant and
 * level (a retried create returns the same action), a conflict for anyone else.
 */
export function createAction(
  ctx: ProviderContext,
  applicant: ApplicantRow,
  levelName: string,
  input: CreateActionBody,
): { row: ActionRow; created: boolean } {
  requireLevel(ctx, levelName);
  return ctx.db.transaction(() => {
    const existing = findActionByExternalId(ctx, input.externalActionId);
    if (existing) {
      if (existing.applicant_id !== applicant.id || existing.level_name !== levelName) {
        throw new ApiError(
          'conflict',
          `externalActionId '${input.externalActionId}' already belongs to another applicant or level`,
        );
      }
      return { row: existing, created: false };
    }
    if (applicant.status !== 1) {
      throw new ApiError(
        'invalidState',
        `Applicant ${applicant.id} is not approved (status «completed: approved» is required for actions)`,
      );
    }
    const id = hexId();
    ctx.db
      .prepare(
        `INSERT INTO actions (id, applicant_id, external_action_id, level_name, created_ms, email, phone, questionnaires,
          review_id, attempt_id, review_status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'init')`,
      )
      .run(
        id,
        applicant.id,
        input.externalActionId,
        levelName,
        ctx.now(),
        input.email ?? null,
        input.phone ?? null,
        input.questionnaires ? JSON.stringify(input.questionnaires) : null,
        hexId(),
        hexId(),
      );
    return { row: getActionRow(ctx, id), created: true };
  })();
}

/**
 * Submission: `pending`, a durable review job and the `applicantActionPending` webhook in one
 * transaction. Idempotent while the review is under way, so a retried submit is harmless. A new
 * review is refused with 503 while the queue is full (admission control).
 */
export function submitAction(
  ctx: ProviderContext,
  action: ActionRow,
  correlationId: string,
): ActionView {
  const { db } = ctx;
  db.transaction(() => {
    const cur = getActionRow(ctx, action.id);
    const now = ctx.now();
    const submitted = applyReviewEvent(db, cur, {
      type: 'submitted',
      at: now,
      images: countAttemptImages(ctx, cur),
    });
    // Already pending or queued: a retried submit, answered with the review under way.
    if (!submitted.changed) return;
    // A queue past the latency budget refuses (503) and the transaction writes nothing.
    ctx.admitReview();
    // Liveness: the attempt's challenge is consumed here, or the submit fails and rolls back.
    consumeChallengeAtSubmit(ctx, cur, now);
    db.prepare(
      `INSERT INTO jobs (kind, subject_id, state, created_ms) VALUES ('action-review', ?, 'pending', ?)`,
    ).run(cur.id, now);
    const applicant = getApplicantRow(ctx, cur.applicant_id);
    enqueueWebhook(ctx, {
      ...actionWebhookBase(cur, applicant),
      type: 'applicantActionPending',
      reviewStatus: 'pending',
      correlationId,
    });
  })();
  // The answer shows the state this call set (`pending`); the queue moves it on from there.
  const view = actionView(ctx, getActionRow(ctx, action.id));
  ctx.wake.reviews();
  ctx.wake.webhooks();
  return view;
}

export function listActions(
  ctx: ProviderContext,
  applicantId: string,
  opts: { limit: number; offset: number; order: string },
) {
  getApplicantRow(ctx, applicantId);
  const dir = opts.order.startsWith('-') ? 'DESC' : 'ASC';
  const totalItems = (
    ctx.db.prepare('SELECT COUNT(*) AS n FROM actions WHERE applicant_id = ?').get(applicantId) as {
      n: number;
    }
  ).n;
  const rows = ctx.db
    .prepare(
      `SELECT * FROM actions WHERE applicant_id = ? ORDER BY created_ms ${dir}, rowid ${dir} LIMIT ? OFFSET ?`,
    )
    .all(applicantId, opts.limit, opts.offset) as ActionRow[];
  const items = rows.map((r) => actionView(ctx, r));
  return { items, totalItems };
}
