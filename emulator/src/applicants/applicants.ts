/** What a caller can do to an applicant: create, update, delete, complete, notify again. */

import { randomBytes, randomUUID } from 'node:crypto';
import type { ProviderContext } from '../platform/context.js';
import type { CreateApplicantBody, UpdateApplicantBody } from '../contract.js';
import { eraseDeleted } from '../platform/db.js';
import { checkMetadata } from '../platform/text-limits.js';
import { ApiError } from '../platform/errors.js';
import { shortValidationLink, validationLink } from './links.js';
import { getApplicantRow } from './repository.js';
import type { ApplicantRow } from './rows.js';
import { blank, checkCallbackUrl, isValidPhone } from './validation.js';
import { applicantView } from './views.js';

export function createApplicant(ctx: ProviderContext, input: CreateApplicantBody) {
  const callbackUrl = checkCallbackUrl(input.callbackUrl);
  const metadata = checkMetadata(input.metadata);
  const phone = blank(input.phone);
  if (input.sendSms && (!phone || !isValidPhone(phone))) {
    throw new ApiError('sms', 'Sms sending error. Please check your phone number');
  }
  const id = randomUUID();
  const requestId = randomUUID();
  const shortCode = randomBytes(5).toString('base64url');
  const { db, config } = ctx;
  const row = db.transaction(() => {
    const seq = (
      db.prepare('SELECT COALESCE(MAX(seq), 0) + 1 AS n FROM applicants').get() as { n: number }
    ).n;
    db.prepare(
      `INSERT INTO applicants (id, seq, account_id, created_ms, first_name, last_name, phone, email, reference_id,
        metadata, callback_url, send_sms, status, verification_method, request_id, short_code, settings, attempts_limit)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      id,
      seq,
      config.accountId,
      ctx.now(),
      blank(input.firstName),
      blank(input.lastName),
      phone,
      blank(input.email),
      blank(input.referenceId),
      JSON.stringify(metadata),
      callbackUrl,
      input.sendSms ? 1 : 0,
      input.status ?? 0,
      input.verificationMethod ?? 1,
      requestId,
      shortCode,
      JSON.stringify(config.applicants.validationRequestSettings),
      config.applicants.attemptsLimit,
    );
    return { request_id: requestId, short_code: shortCode };
  })();
  return {
    applicantId: id,
    validationLink: validationLink(ctx, row),
    shortValidationLink: shortValidationLink(ctx, row),
  };
}

const updatable: [keyof UpdateApplicantBody, keyof ApplicantRow][] = [
  ['firstName', 'first_name'],
  ['lastName', 'last_name'],
  ['phone', 'phone'],
  ['email', 'email'],
  ['referenceId', 'reference_id'],
];

/** Absent or null leaves a field alone; an empty string clears it (the applicant API's note). */
export function updateApplicant(ctx: ProviderContext, id: string, input: UpdateApplicantBody) {
  const row = getApplicantRow(ctx, id);
  const next = { ...row };
  for (const [field, col] of updatable) {
    const v = input[field];
    if (v === undefined || v === null) continue;
    (next as Record<string, unknown>)[col] = v === '' ? null : v;
  }
  if (row.send_sms && !next.phone) {
    throw new ApiError(
      'phoneRequired',
      'Wrong Applicant data: SendSms enabled. Phone number cannot be null.',
    );
  }
  if (next.phone && next.phone !== row.phone && !isValidPhone(next.phone)) {
    throw new ApiError('validation', 'phone must be a valid phone number');
  }
  ctx.db
    .prepare(
      'UPDATE applicants SET first_name = ?, last_name = ?, phone = ?, email = ?, reference_id = ? WHERE id = ?',
    )
    .run(next.first_name, next.last_name, next.phone, next.email, next.reference_id, id);
  return applicantView(ctx, getApplicantRow(ctx, id));
}

export function deleteApplicant(ctx: ProviderContext, id: string): void {
  const { db } = ctx;
  db.transaction(() => {
    const row = db
      .prepare('SELECT id FROM applicants WHERE id = ? AND account_id = ?')
      .get(id, ctx.config.accountId);
    // The applicant API documents only 120029 for delete: the platform's graph query fails on an unknown id.
    if (!row) throw new ApiError('graphql', `Graphql error: "applicant ${id} not found"`);
    const attemptIds = (
      db.prepare('SELECT id FROM attempts WHERE applicant_id = ?').all(id) as { id: number }[]
    ).map((a) => String(a.id));
    const actionIds = (
      db.prepare('SELECT id FROM actions WHERE applicant_id = ?').all(id) as { id: string }[]
    ).map((a) => a.id);
    const cancel = db.prepare(
      "UPDATE jobs SET state = 'cancelled' WHERE subject_id = ? AND state != 'done'",
    );
    for (const s of [...attemptIds, ...actionIds]) cancel.run(s);
    db.prepare(
      'DELETE FROM websdk_links WHERE token IN (SELECT token FROM access_tokens WHERE applicant_id = ?)',
    ).run(id);
    db.prepare('DELETE FROM access_tokens WHERE applicant_id = ?').run(id);
    db.prepare('DELETE FROM sandbox_outcomes WHERE applicant_id = ?').run(id);
    // The face images go with the applicant (privacy): profile, attempt photos and videos,
    // action images and their previews. Collected first, deleted after the rows that point at
    // them (attempts, actions and action images go by ON DELETE CASCADE).
    const blobIds = db
      .prepare(
        `SELECT profile_blob_id AS b FROM applicants WHERE id = @id
         UNION SELECT blob_id FROM attempts WHERE applicant_id = @id
         UNION SELECT video_blob_id FROM attempts WHERE applicant_id = @id
         UNION SELECT i.blob_id FROM action_images i JOIN actions a ON a.id = i.action_id WHERE a.applicant_id = @id
         UNION SELECT i.preview_blob_id FROM action_images i JOIN actions a ON a.id = i.action_id WHERE a.applicant_id = @id`,
      )
      .all({ id }) as { b: string | null }[];
    db.prepare('DELETE FROM applicants WHERE id = ?').run(id);
    const dropBlob = db.prepare('DELETE FROM blobs WHERE id = ?');
    for (const { b } of blobIds) {
      if (!b) continue;
      dropBlob.run(b);
      ctx.decodedImages.take(b); // an upload's decoded pixels waiting for their review go too
    }
  })();
  // Zeroed by secure_delete; now out of the WAL too.
  eraseDeleted(db);
}

export function completeApplicant(ctx: ProviderContext, id: string) {
  const row = getApplicantRow(ctx, id);
  ctx.db.prepare('UPDATE applicants SET status = 3 WHERE id = ?').run(id);
  return { callbackUrl: row.callback_url };
}

export function reNotify(ctx: ProviderContext, id: string): void {
  const row = getApplicantRow(ctx, id);
  if (!row.send_sms) throw new ApiError('sms', 'SMS sending disabled for applicant');
  if (!row.phone || !isValidPhone(row.phone))
    throw new ApiError('sms', 'Sms sending error. Please check your phone number');
  // No SMS gateway here: the count is the observable effect.
  ctx.db.prepare('UPDATE applicants SET notifications = notifications + 1 WHERE id = ?').run(id);
}
