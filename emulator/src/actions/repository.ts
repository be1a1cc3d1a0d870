/** Reading actions and their images; the ids the emulator gives out. */

import { randomUUID } from 'node:crypto';
import type { ProviderContext } from '../platform/context.js';
import { ApiError } from '../platform/errors.js';
import type { ActionImageRow, ActionRow } from './rows.js';

/** 24 hex digits, the shape of the provider's ids (actions, reviews, attempts, images). */
export const hexId = (): string => randomUUID().replaceAll('-', '').slice(0, 24);

export function getActionRow(ctx: ProviderContext, actionId: string): ActionRow {
  const row = ctx.db
    .prepare(
      `SELECT a.* FROM actions a JOIN applicants p ON p.id = a.applicant_id WHERE a.id = ? AND p.account_id = ?`,
    )
    .get(actionId, ctx.config.accountId) as ActionRow | undefined;
  if (!row) throw new ApiError('notFound', `Applicant action ${actionId} not found`);
  return row;
}

export function findActionByExternalId(
  ctx: ProviderContext,
  externalActionId: string,
): ActionRow | undefined {
  return ctx.db
    .prepare('SELECT * FROM actions WHERE external_action_id = ?')
    .get(externalActionId) as ActionRow | undefined;
}

export function imageRows(ctx: ProviderContext, actionId: string): ActionImageRow[] {
  return ctx.db
    .prepare('SELECT * FROM action_images WHERE action_id = ? ORDER BY seq')
    .all(actionId) as ActionImageRow[];
}

export function getImageRow(ctx: ProviderContext, imageObjectId: string): ActionImageRow {
  return ctx.db
    .prepare('SELECT * FROM action_images WHERE id = ?')
    .get(imageObjectId) as ActionImageRow;
}

/** How many images the action's current attempt holds. */
export function countAttemptImages(ctx: ProviderContext, action: ActionRow): number {
  return (
    ctx.db
      .prepare('SELECT COUNT(*) AS n FROM action_images WHERE action_id = ? AND attempt_id = ?')
      .get(action.id, action.attempt_id) as { n: number }
  ).n;
}

/** The image a review of the action's current attempt judges: the last one added. */
export function latestImage(ctx: ProviderContext, action: ActionRow): ActionImageRow | undefined {
  return ctx.db
    .prepare(
      'SELECT * FROM action_images WHERE action_id = ? AND attempt_id = ? ORDER BY seq DESC LIMIT 1',
    )
    .get(action.id, action.attempt_id) as ActionImageRow | undefined;
}
