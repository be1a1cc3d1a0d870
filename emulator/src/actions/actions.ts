import { createHash, randomUUID } from 'node:crypto';
import type { ApplicantRow } from '../applicants/applicants.js';
import { externalUserId, getApplicantRow } from '../applicants/applicants.js';
import { getBlob, insertBlob } from '../platform/blobs.js';
import type { ProviderContext } from '../platform/context.js';
import { ApiError } from '../platform/errors.js';
import { actionDate, parseJson } from '../platform/format.js';
import { checkImageWithPreview } from '../platform/images.js';
import type { DecisionRecord, ReviewCheck } from '../reviews/engine/contract.js';
import type {
  ActionImage,
  ApplicantAction,
  CreateActionBody,
  ImageMetadata,
  ReviewResult,
  ReviewStatus,
} from '../contract.js';
import { actionWebhookBase, enqueueWebhook } from '../webhooks/webhooks.js';

export interface ActionRow {
  id: string;
  applicant_id: string;
  external_action_id: string;
  level_name: string;
  created_ms: number;
  email: string | null;
  phone: string | null;
  questionnaires: string | null;
  review_id: string;
  attempt_id: string;
  attempt_cnt: number;
  review_status: ReviewStatus;
  review_result: string | null;
  checks: string;
  decision: string | null;
  moderation_comment: string | null;
  pending_ms: number | null;
  queued_ms: number | null;
  review_ms: number | null;
}

export interface ActionImageRow {
  id: string;
  action_id: string;
  seq: number;
  blob_id: string;
  preview_blob_id: string;
  added_ms: number;
  file_name: string;
  id_doc_type: string;
  id_doc_sub_type: string | null;
  country: string;
  attempt_id: string;
  answer: ActionImage['answer'];
  review_result: string | null;
}

const hexId = (): string => randomUUID().replaceAll('-', '').slice(0, 24);

export function getActionRow(ctx: ProviderContext, actionId: string): ActionRow {
  const row = ctx.db
    .prepare(
      `SELECT a.* FROM actions a JOIN applicants p ON p.id = a.applicant_id WHERE a.id = ? AND p.account_id = ?`,
    )
    .get(actionId, ctx.config.accountId) as ActionRow | undefined;
  if (!row) throw new ApiError('notFound', `Applicant action ${actionId} not found`);
  return row;
}

function findActionByExternalId(
  ctx: ProviderContext,
  externalActionId: string,
): ActionRow | undefined {
  return ctx.db
    .prepare('SELECT * FROM actions WHERE external_action_id = ?')
    .get(externalActionId) as ActionRow | undefined;
}

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

function imageRows(ctx: ProviderContext, actionId: string): ActionImageRow[] {
  return ctx.db
    .prepare('SELECT * FROM action_images WHERE action_id = ? ORDER BY seq')
    .all(actionId) as ActionImageRow[];
}

function imageView(ctx: ProviderContext, img: ActionImageRow): ActionImage {
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
    images: imageRows(ctx, row.id).map((i) => imageView(ctx, i)),
  };
}

export type ActionView = ReturnType<typeof actionView>;

export function parseImageMetadata(text: string): ImageMetadata {
  let meta: unknown;
  try {
    meta = JSON.parse(text);
  } catch {
    throw new ApiError('validation', 'metadata must be a JSON object');
  }
  if (typeof meta !== 'object' || meta === null || Array.isArray(meta)) {
    throw new ApiError('validation', 'metadata must be a JSON object');
  }
  const m = meta as Record<string, unknown>;
  if (typeof m.idDocType !== 'string' || !m.idDocType)
    throw new ApiError('validation', 'metadata.idDocType is required');
  if (typeof m.country !== 'string' || !/^[A-Z]{3}$/.test(m.country)) {
    throw new ApiError(
      'validation',
      'metadata.country is required: a three-letter ISO 3166-1 alpha-3 code, e.g. RUS',
    );
  }
  const sub = m.idDocSubType;
  if (sub !== undefined && sub !== null && sub !== 'FRONT_SIDE' && sub !== 'BACK_SIDE') {
    throw new ApiError('validation', 'metadata.idDocSubType must be FRONT_SIDE, BACK_SIDE or null');
  }
  return {
    idDocType: m.idDocType,
    country: m.country,
    idDocSubType: (sub as string | null | undefined) ?? null,
  };
}

function isRetryable(row: ActionRow): boolean {
  const r = parseJson<ReviewResult | null>(row.review_result, null);
  return (
    row.review_status === 'completed' && r?.reviewAnswer === 'RED' && r.reviewRejectType === 'RETRY'
  );
}

/** Images may be added before the first submit, or for another try after RED/RETRY while tries are left. */
function assertAcceptsImages(ctx: ProviderContext, row: ActionRow): void {
  if (row.review_status === 'init') return;
  if (!isRetryable(row)) {
    throw new ApiError(
      'invalidState',
      `Images can only be added before submission (reviewStatus is '${row.review_status}')`,
    );
  }
  const max = ctx.config.maxAttemptsPerAction;
  if (row.attempt_cnt >= max) {
    throw new ApiError(
      'invalidState',
      `The action has used all ${max} attempts (maxAttemptsPerAction); start a new action`,
    );
  }
}

export async function addImage(
  ctx: ProviderContext,
  action: ActionRow,
  file: { data: Buffer; mimeType: string; fileName: string },
  meta: ImageMetadata,
) {
  assertAcceptsImages(ctx, action);
  const { image: img, preview } = await checkImageWithPreview(
    file.data,
    file.mimeType,
    ctx.config.images,
  );
  const { db } = ctx;
  const id = db.transaction(() => {
    // Re-read inside the transaction: a concurrent submit may have won the race.
    const cur = getActionRow(ctx, action.id);
    assertAcceptsImages(ctx, cur);
    let attemptId = cur.attempt_id;
    if (cur.review_status !== 'init') {
      // A new try after RED/RETRY: a fresh attempt, the previous result stays on its images.
      attemptId = hexId();
      db.prepare(
        `UPDATE actions SET attempt_id = ?, review_status = 'init', review_result = NULL, checks = '[]', decision = NULL,
         pending_ms = NULL, queued_ms = NULL, review_ms = NULL WHERE id = ?`,
      ).run(attemptId, cur.id);
    }
    const now = ctx.now();
    const blobId = insertBlob(db, img, now);
    const previewId = insertBlob(db, preview, now);
    const seq = (
      db
        .prepare('SELECT COALESCE(MAX(seq), 0) + 1 AS n FROM action_images WHERE action_id = ?')
        .get(cur.id) as {
        n: number;
      }
    ).n;
    const imageObjectId = hexId();
    db.prepare(
      `INSERT INTO action_images (id, action_id, seq, blob_id, preview_blob_id, added_ms, file_name, id_doc_type,
        id_doc_sub_type, country, attempt_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      imageObjectId,
      cur.id,
      seq,
      blobId,
      previewId,
      now,
      file.fileName,
      meta.idDocType,
      meta.idDocSubType ?? null,
      meta.country,
      attemptId,
    );
    return imageObjectId;
  })();
  return imageView(
    ctx,
    db.prepare('SELECT * FROM action_images WHERE id = ?').get(id) as ActionImageRow,
  );
}

/**
 * Submission: `pending`, a durable review job and the `applicantActionPending` webhook in one
 * transaction. Idempotent while the review is under way, so a retried submit is harmless.
 */
export function submitAction(
  ctx: ProviderContext,
  action: ActionRow,
  correlationId: string,
): ActionView {
  const { db } = ctx;
  db.transaction(() => {
    const cur = getActionRow(ctx, action.id);
    if (cur.review_status === 'pending' || cur.review_status === 'queued') return;
    if (cur.review_status !== 'init') {
      throw new ApiError(
        'invalidState',
        `Action is already reviewed (reviewStatus '${cur.review_status}')`,
      );
    }
    const n = (
      db
        .prepare('SELECT COUNT(*) AS n FROM action_images WHERE action_id = ? AND attempt_id = ?')
        .get(cur.id, cur.attempt_id) as { n: number }
    ).n;
    if (n === 0)
      throw new ApiError('invalidState', 'Add an image before submitting the action for review');
    const now = ctx.now();
    db.prepare(
      `UPDATE actions SET review_status = 'pending', pending_ms = ?, attempt_cnt = attempt_cnt + 1 WHERE id = ?`,
    ).run(now, cur.id);
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

export function getActionImage(
  ctx: ProviderContext,
  action: ActionRow,
  imageId: string,
  preview: boolean,
) {
  const img = ctx.db
    .prepare(
      'SELECT * FROM action_images WHERE action_id = ? AND (blob_id = ? OR id = ? OR preview_blob_id = ?)',
    )
    .get(action.id, imageId, imageId, imageId) as ActionImageRow | undefined;
  if (!img) throw new ApiError('notFound', `Image ${imageId} not found in action ${action.id}`);
  const blob = getBlob(
    ctx.db,
    preview || imageId === img.preview_blob_id ? img.preview_blob_id : img.blob_id,
  );
  if (!blob) throw new ApiError('notFound', `Image ${imageId} not found`);
  return blob;
}
