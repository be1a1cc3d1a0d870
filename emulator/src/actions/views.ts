/** The Actions API's JSON for an action and its images. */

import { createHash } from 'node:crypto';
import type { ApplicantRow } from '../applicants/rows.js';
import { externalUserId } from '../applicants/rows.js';
import type { ProviderContext } from '../platform/context.js';
import { actionDate, parseJson } from '../platform/format.js';
import type { DecisionRecord, ReviewCheck } from '../reviews/engine/contract.js';
import { imageRows } from './repository.js';
import type { ActionImage, ApplicantAction, ReviewResult } from '../contract.js';
import { livenessView } from '../liveness/store.js';
import type { ActionImageRow, ActionRow } from './rows.js';

export function imageView(ctx: ProviderContext, img: ActionImageRow): ActionImage {
  const blob = ctx.db
    .prepare('SELECT sha256, mime, width, height FROM blobs WHERE id = ?')
    .get(img.blob_id) as { sha256: string; mime: string; width: number; height: number };
  return {
    id: img.id,
    addedDate: actionDate(img.added_ms),
    imageHash: blob.sha256,
    imageFileName: img.file_name,
    resizedImageId: img.preview_blob_id,
    mimeType: blob.mime,
    sigHash: createHash('sha256').update(`${ctx.config.clientId}:${blob.sha256}`).digest('hex'),
    imageId: img.blob_id,
    actualResolution: { width: blob.width, height: blob.height },
    answer: img.answer,
    idDocDef: {
      country: img.country,
      idDocType: img.id_doc_type,
      idDocSubType: img.id_doc_sub_type,
    },
    reviewResult: parseJson<Record<string, unknown>>(img.review_result, {}),
    attemptId: img.attempt_id,
  };
}

export function actionView(ctx: ProviderContext, row: ActionRow): ApplicantAction {
  const applicant = ctx.db
    .prepare('SELECT id, reference_id FROM applicants WHERE id = ?')
    .get(row.applicant_id) as Pick<ApplicantRow, 'id' | 'reference_id'> | undefined;
  const result = parseJson<ReviewResult | null>(row.review_result, null);
  const now = ctx.now();
  return {
    id: row.id,
    createdAt: actionDate(row.created_ms),
    clientId: ctx.config.clientId,
    externalActionId: row.external_action_id,
    applicantId: row.applicant_id,
    externalUserId: applicant ? externalUserId(applicant) : null,
    levelName: row.level_name,
    type: 'faceAuthorization',
    email: row.email,
    phone: row.phone,
    review: {
      reviewId: row.review_id,
      attemptId: row.attempt_id,
      attemptCnt: row.attempt_cnt,
      levelName: row.level_name,
      createDate: actionDate(row.created_ms),
      reviewDate: row.review_ms ? actionDate(row.review_ms) : null,
      elapsedSincePendingMs: row.pending_ms ? (row.review_ms ?? now) - row.pending_ms : null,
      elapsedSinceQueuedMs: row.queued_ms ? (row.review_ms ?? now) - row.queued_ms : null,
      reviewStatus: row.review_status,
      ...(result ? { reviewResult: result } : {}),
      decision: parseJson<DecisionRecord | null>(row.decision, null),
    },
    checks: parseJson<ReviewCheck[]>(row.checks, []),
    liveness: livenessView(ctx, row),
    images: imageRows(ctx, row.id).map((i) => imageView(ctx, i)),
    ...(row.questionnaires
      ? { questionnaires: parseJson<Record<string, unknown>[]>(row.questionnaires, []) }
      : {}),
  };
}

export type ActionView = ReturnType<typeof actionView>;
