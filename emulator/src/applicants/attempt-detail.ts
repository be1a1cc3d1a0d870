/** One attempt in full: the review's scores, checks and decision, and its images. */

import { getBlob } from '../platform/blobs.js';
import type { ProviderContext } from '../platform/context.js';
import { ApiError } from '../platform/errors.js';
import { parseJson } from '../platform/format.js';
import { isPastRetention } from '../platform/retention.js';
import type { DecisionRecord, ReviewCheck } from '../reviews/engine/contract.js';
import type { ApplicantRow, AttemptRow } from './rows.js';
import { validationStatusView } from './views.js';

export function attemptDetail(ctx: ProviderContext, row: ApplicantRow, a: AttemptRow) {
  if (a.error) throw new ApiError('dvs', `DVS response Error: "${a.error}"`);
  const decision = parseJson<DecisionRecord | null>(a.decision, null);
  const checks = parseJson<ReviewCheck[]>(a.checks, []);
  const scores = decision?.scores ?? {};
  const pct = (v: number | null | undefined) =>
    typeof v === 'number' ? Math.round(v <= 1 ? v * 100 : v) : 0;
  return {
    documentFailStatusReasons: [],
    faceFailStatusReasons: parseJson<string[]>(a.reject_labels, []),
    invalidDataErrors: [],
    dvsResult: {
      requestId: row.request_id,
      documentType: 10,
      captureMethod: a.capture_method,
      document: null,
      parsedData: null,
      documentVerificationResult: null,
      faceVerificationResult: {
        antiSpoofing: pct(scores.antiSpoofing),
        quality: pct(scores.quality),
        confidence: pct(scores.confidence ?? scores.similarity),
        livenessReflectionConfidence: pct(scores.livenessReflection),
      },
    },
    mobilePhoneModel: null,
    mobilePhoneOS: null,
    captureMethod: a.capture_method,
    requestIpAddress: a.request_ip,
    created: new Date(a.created_ms).toISOString(),
    documentType: 'Selfie',
    documentTypeInt: 10,
    hasRiskEvents: false,
    status: a.status,
    validationStatus: validationStatusView(a),
    content: attemptContent(ctx, row, a),
    applicantId: row.id,
    attemptId: a.id,
    checks,
    decision,
  };
}

/** Images of an attempt as base64; refused with 120032 once the configured viewing window is over. */
export function attemptContent(ctx: ProviderContext, row: ApplicantRow, a: AttemptRow) {
  if (ctx.config.applicants.canViewImages === false) {
    throw new ApiError(
      'imagesUnavailable',
      'You do not have a permission to review images. Photo is not available for viewing.',
    );
  }
  if (isPastRetention(ctx, a.created_ms)) {
    throw new ApiError('imagesUnavailable', 'Allowed time to review these images is expired.');
  }
  const image = getBlob(ctx.db, a.blob_id)?.data;
  return {
    livenessReflectionVideoLink: a.video_blob_id
      ? `${ctx.publicUrl()}/publicapi/api/v2/private/Applicants/${row.id}/Attempts/${a.id}/Video`
      : null,
    backOrSecondImageBase64: null,
    faceImageBase64: image ? image.toString('base64') : null,
    frontImageBase64: null,
    trackString: null,
  };
}
