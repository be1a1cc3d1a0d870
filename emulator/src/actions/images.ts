/** The images of an action: their metadata, adding one, and reading one back. */

import { getBlob, insertBlob } from '../platform/blobs.js';
import type { ProviderContext } from '../platform/context.js';
import type { ImageMetadata } from '../contract.js';
import { ApiError } from '../platform/errors.js';
import { checkImageForReview } from '../platform/images.js';
import { decodeImage, MAX_ANALYSIS_SIDE } from '../reviews/engine/image-decode.js';
import { isPastRetention } from '../platform/retention.js';
import { TEXT_LIMITS, checkLength } from '../platform/text-limits.js';
import { countAttemptImages, getActionRow, getImageRow, hexId } from './repository.js';
import { applyReviewEvent, assertReviewEvent } from './review-state.js';
import type { ActionImageRow, ActionRow } from './rows.js';
import { imageView } from './views.js';

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
  checkLength('metadata.idDocType', m.idDocType, TEXT_LIMITS.idDocType);
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

export async function addImage(
  ctx: ProviderContext,
  action: ActionRow,
  file: { data: Buffer; mimeType: string; fileName: string },
  meta: ImageMetadata,
) {
  // Images may be added before the first submit, up to images.maxPerAttempt, or for another try
  // after RED/RETRY while tries are left; asked before the image is decoded, and again once the
  // row is re-read.
  const added = (row: ActionRow) =>
    ({
      type: 'imageAdded',
      nextAttemptId: hexId(),
      maxAttempts: ctx.config.maxAttemptsPerAction,
      imagesInAttempt: countAttemptImages(ctx, row),
      maxImages: ctx.config.images.maxPerAttempt,
    }) as const;
  assertReviewEvent(action, added(action));
  checkLength('The image file name', file.fileName, TEXT_LIMITS.fileName);
  // Decoded as the review engine decodes, so that the review of this selfie can use its pixels.
  const {
    image: img,
    preview,
    pixels,
  } = await checkImageForReview(
    file.data,
    file.mimeType,
    ctx.config.images,
    decodeImage,
    MAX_ANALYSIS_SIDE,
  );
  const { db } = ctx;
  const stored = db.transaction(() => {
    // Re-read inside the transaction: a concurrent submit may have won the race.
    const cur = getActionRow(ctx, action.id);
    // After RED/RETRY this starts a fresh attempt; the previous result stays on its images.
    const { attemptId } = applyReviewEvent(db, cur, added(cur)).state;
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
    return { imageObjectId, blobId };
  })();
  if (pixels) ctx.decodedImages.put(stored.blobId, pixels);
  return imageView(ctx, getImageRow(ctx, stored.imageObjectId));
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
  if (isPastRetention(ctx, img.added_ms)) {
    throw new ApiError(
      'notFound',
      `Image ${imageId} is past the retention window (applicants.imagesAvailableForSecs) and no longer kept`,
    );
  }
  const blob = getBlob(
    ctx.db,
    preview || imageId === img.preview_blob_id ? img.preview_blob_id : img.blob_id,
  );
  if (!blob) throw new ApiError('notFound', `Image ${imageId} not found`);
  return blob;
}
