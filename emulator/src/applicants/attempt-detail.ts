/** One attempt in full: the review's scores, checks and decision, and its images. */

import { getBlob } from '../platform/blobs.js';
import type { ProviderContext } from '../platform/context.js';
import { ApiError } from '../platform/errors.js';
import { parseJson } from '../platform/format.js';
import { isPastRetention } from '../platform/retention.js';
import type { DecisionRecord, NamedScores, ReviewCheck } from '../reviews/engine/contract.js';
import type { ApplicantRow, AttemptRow } from './rows.js';
import { validationStatusView } from './views.js';
import { enrolmentClipBlobId, enrolmentLivenessResult } from '../liveness/enrolment-store.js';

export function attemptDetail(ctx: ProviderContext, row: ApplicantRow, a: AttemptRow) {
  if (a.error) throw new ApiError('dvs', `DVS response Error: "${a.error}"`);
  const decision = parseJson<DecisionRecord | null>(a.decision, null);
  const checks = parseJson<ReviewCheck[]>(a.checks, []);
  // Read through the named type only, so a score the engine does not write cannot be read here.
  const scores: NamedScores = decision?.scores ?? {};
  const pct = (v: number | null | undefined) => (typeof v === 'number' ? Math.round(v) : 0);
  const liveness = enrolmentLivenessResult(ctx.db, a.id);
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
      // Anti-spoofing and the reflection come from the attempt's liveness clip(s); without one,
      // 0, as the document's example shows for a measure not taken. `confidence` is the
      // similarity to the profile face, which an enrolment (the profile photo itself) has none of.
      faceVerificationResult: {
        antiSpoofing: pct(liveness?.antiSpoofingPercent),
        quality: pct(scores.qualityScore),
        confidence: pct(scores.similarityPercent),
        livenessReflectionConfidence: pct(liveness?.livenessReflectionConfidence),
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
    // The documents put 120032 on `/Images` only: past the viewing window, or without the
    // permission, the detail still answers, with its images left out.
    content: imagesRefusal(ctx, a) ? noContent : attemptContent(ctx, row, a),
    applicantId: row.id,
    attemptId: a.id,
    checks,
    decision,
  };
}

const noContent = {
  livenessReflectionVideoLink: null,
  backOrSecondImageBase64: null,
  faceImageBase64: null,
  frontImageBase64: null,
  trackString: null,
};

/** Why the images of an attempt may not be viewed (the 120032 description), or null. */
function imagesRefusal(ctx: ProviderContext, a: AttemptRow): string | null {
  if (ctx.config.applicants.canViewImages === false) {
    return 'You do not have a permission to review images. Photo is not available for viewing.';
  }
  if (isPastRetention(ctx, a.created_ms)) {
    return 'Allowed time to review these images is expired.';
  }
  return null;
}

/** Images of an attempt as base64; refused with 120032 once the configured viewing window is over. */
export function attemptContent(ctx: ProviderContext, row: ApplicantRow, a: AttemptRow) {
  const refusal = imagesRefusal(ctx, a);
  if (refusal) throw new ApiError('imagesUnavailable', refusal);
  const image = getBlob(ctx.db, a.blob_id)?.data;
  return {
    livenessReflectionVideoLink:
      a.video_blob_id || enrolmentClipBlobId(ctx.db, a.id, 'Video')
        ? `${ctx.publicUrl()}/publicapi/api/v2/private/Applicants/${row.id}/Attempts/${a.id}/Video`
        : null,
    backOrSecondImageBase64: null,
    faceImageBase64: image ? image.toString('base64') : null,
    frontImageBase64: null,
    trackString: null,
  };
}
