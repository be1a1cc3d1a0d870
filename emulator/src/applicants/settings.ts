/** An applicant's `validationRequestSettings`: as shown, and the thresholds its reviews use. */

import type { ProviderContext } from '../platform/context.js';
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

/** The thresholds a review of the applicant uses: its own settings, overridden by the level's. */
export function reviewThresholds(
  ctx: ProviderContext,
  applicant: ApplicantRow,
  levelName?: string,
) {
  const base = applicantThresholds(applicant);
  const level = levelName ? ctx.config.levels.find((l) => l.name === levelName) : undefined;
  return { ...base, ...(level?.thresholds ?? {}) };
}
