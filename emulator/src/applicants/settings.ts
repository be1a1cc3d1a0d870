/** An applicant's `validationRequestSettings`: as shown, and the thresholds its reviews use. */

import { parseJson } from '../platform/format.js';
import type { ReviewThresholds } from '../reviews/engine/contract.js';
import { DEFAULT_THRESHOLDS } from '../reviews/engine/judge.js';
import type { ApplicantRow } from './rows.js';

export function settingsView(row: ApplicantRow) {
  const s = parseJson<Record<string, number>>(row.settings, {});
  return {
    validationRequestId: row.request_id,
    ...s,
    verifyFace: true,
    isOCREnabled: false,
    isAddressCheckEnabled: false,
    isFaceRequiredOnDocument: false,
    isCrossMatchRequired: false,
    isDMVEnabled: false,
    isDMVPartialEnabled: false,
    isIdentiFraudEnabled: false,
    isIdentiFraudFullCaseEnabled: false,
    isDmvOrIdentiFraudEnabled: false,
    isDmvAndIdentiFraudEnabled: false,
    isDmvOrIdentiFraudPartialEnabled: false,
    isDmvAndIdentiFraudPartialEnabled: false,
    isGenderCheckEnabled: false,
    isAgeCheckEnabled: false,
    ageYearsDifference: 10,
    showConsentForm: false,
  };
}

export function applicantThresholds(row: ApplicantRow): ReviewThresholds {
  const s = parseJson<ReviewThresholds>(row.settings, DEFAULT_THRESHOLDS);
  return { faceValidationPercent: s.faceValidationPercent, qualityScore: s.qualityScore };
}
