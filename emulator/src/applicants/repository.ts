/** Reading applicants and their attempts, always within the emulator's one account. */

import type { ProviderContext } from '../platform/context.js';
import { ApiError } from '../platform/errors.js';
import type { ApplicantRow, AttemptRow } from './rows.js';

export function getApplicantRow(ctx: ProviderContext, id: string): ApplicantRow {
  const row = ctx.db
    .prepare('SELECT * FROM applicants WHERE id = ? AND account_id = ?')
    .get(id, ctx.config.accountId) as ApplicantRow | undefined;
  if (!row) throw new ApiError('bafNotFound', `Applicant ${id} not found`);
  return row;
}

/** The applicant an external user id (`userId`/`externalUserId`) names: its referenceId, else its applicantId. */
export function findApplicantByExternalId(
  ctx: ProviderContext,
  userId: string,
): ApplicantRow | undefined {
  return ctx.db
    .prepare(
      `SELECT * FROM applicants WHERE account_id = ? AND (reference_id = ? OR (reference_id IS NULL AND id = ?))
       ORDER BY seq DESC LIMIT 1`,
    )
    .get(ctx.config.accountId, userId, userId) as ApplicantRow | undefined;
}

export function attemptRows(ctx: ProviderContext, applicantId: string): AttemptRow[] {
  return ctx.db
    .prepare('SELECT * FROM attempts WHERE applicant_id = ? ORDER BY id')
    .all(applicantId) as AttemptRow[];
}

export function getAttemptRow(
  ctx: ProviderContext,
  applicantId: string,
  attemptId: number,
): AttemptRow {
  const row = ctx.db
    .prepare('SELECT * FROM attempts WHERE applicant_id = ? AND id = ?')
    .get(applicantId, attemptId) as AttemptRow | undefined;
  if (!row)
    throw new ApiError('bafNotFound', `Attempt ${attemptId} of applicant ${applicantId} not found`);
  return row;
}

/** The attempts of a page of applicants in one query, each list in id order like attemptRows(). */
export function attemptsByApplicant(
  ctx: ProviderContext,
  ids: string[],
): Map<string, AttemptRow[]> {
  const byApplicant = new Map<string, AttemptRow[]>();
  if (ids.length === 0) return byApplicant;
  // At most PageSize (400) ids: far below SQLite's limit on bound parameters.
  const rows = ctx.db
    .prepare(
      `SELECT * FROM attempts WHERE applicant_id IN (${ids.map(() => '?').join(', ')}) ORDER BY id`,
    )
    .all(...ids) as AttemptRow[];
  for (const a of rows) {
    const list = byApplicant.get(a.applicant_id);
    if (list) list.push(a);
    else byApplicant.set(a.applicant_id, [a]);
  }
  return byApplicant;
}
