/** The applicant API's JSON for an applicant and for an attempt in a list. */

import type { ProviderContext } from '../platform/context.js';
import { bafDate, parseJson } from '../platform/format.js';
import { attemptRows } from './repository.js';
import type { ApplicantRow, AttemptRow } from './rows.js';
import { AttemptStatus, isCompleted, statusNames } from './rows.js';
import { settingsView } from './settings.js';

interface ValidationStatus {
  faceIsValid: boolean | null;
  qualityIsValid: boolean | null;
  antiSpoofingIsValid: boolean | null;
  livenessReflectionIsValid: boolean | null;
}

export function validationStatusView(a: AttemptRow) {
  const vs = parseJson<Partial<ValidationStatus>>(a.validation_status, {});
  return {
    expired: null,
    documentIsValid: null,
    faceIsValid: vs.faceIsValid ?? null,
    antiSpoofingIsValid: vs.antiSpoofingIsValid ?? null,
    profileAlreadyExists: null,
    qualityIsValid: vs.qualityIsValid ?? null,
    livenessReflectionIsValid: vs.livenessReflectionIsValid ?? null,
  };
}

/** Selfie-only attempts: `documentTypeInt` 10 with no document, as the applicant API's success example shows. */
export function attemptSummary(a: AttemptRow) {
  return {
    document: null,
    attemptId: a.id,
    created: bafDate(a.created_ms),
    documentType: null,
    documentTypeInt: 10,
    hasRiskEvents: false,
    status: a.status,
    validationStatus: validationStatusView(a),
  };
}

export function applicantView(
  ctx: ProviderContext,
  row: ApplicantRow,
  attempts: AttemptRow[] = attemptRows(ctx, row.id),
) {
  const decided = attempts.filter((a) => a.status !== AttemptStatus.inProgress);
  const last = attempts.at(-1);
  const success = row.success_attempt_id
    ? attempts.find((a) => a.id === row.success_attempt_id)
    : undefined;
  const lastDecided = decided.at(-1);
  return {
    applicantId: row.id,
    attemptsCount: attempts.length,
    lastAttemptId: last?.id ?? null,
    successAttemptId: success?.id ?? null,
    successAttempt: success ? attemptSummary(success) : null,
    firstName: row.first_name,
    lastName: row.last_name,
    phone: row.phone,
    email: row.email,
    referenceId: row.reference_id,
    openedLinkTimes: row.opened_link_times,
    created: bafDate(row.created_ms),
    accountId: row.account_id,
    validationRequestSettings: settingsView(row),
    completed: isCompleted(row.status),
    status: row.status,
    statusName: statusNames[row.status] ?? 'Unknown',
    attemptsUsed: decided.length,
    documentExpired: null,
    lastValidationResponse: lastDecided
      ? {
          validationResponseId: lastDecided.id,
          created: bafDate(lastDecided.decided_ms ?? lastDecided.created_ms),
          responseStatus: lastDecided.error ? 1 : 0,
          responseStatusName: lastDecided.error ? 'Error' : 'Success',
        }
      : null,
    hasRiskEvents: false,
    metadata: parseJson<Record<string, string>>(row.metadata, {}),
    callbackUrl: row.callback_url,
    verificationMethod: row.verification_method,
  };
}
