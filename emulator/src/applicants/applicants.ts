import { randomBytes, randomUUID } from 'node:crypto';
import { getBlob } from '../platform/blobs.js';
import type { ProviderContext } from '../platform/context.js';
import { ApiError } from '../platform/errors.js';
import { bafDate, parseDdMmYyyy, parseJson } from '../platform/format.js';
import type { ReviewCheck, DecisionRecord, ReviewThresholds } from '../reviews/engine/contract.js';
import type { ApplicantListQuery, CreateApplicantBody, UpdateApplicantBody } from '../contract.js';
import { DEFAULT_THRESHOLDS } from '../reviews/engine/judge.js';

/** Seed 002 applicant statuses. 4 is not documented and never produced. */
export const statusNames: Record<number, string> = {
  0: 'Pending',
  1: 'Success',
  2: 'Failed',
  3: 'Canceled',
  5: 'FailedAttempt',
};

/** Attempt statuses: 0 success, 1 being verified (emulator addition), 2 failed. */
export const AttemptStatus = { success: 0, inProgress: 1, failed: 2 } as const;

export interface ApplicantRow {
  id: string;
  seq: number;
  account_id: string;
  created_ms: number;
  first_name: string | null;
  last_name: string | null;
  phone: string | null;
  email: string | null;
  reference_id: string | null;
  metadata: string;
  callback_url: string | null;
  send_sms: number;
  status: number;
  verification_method: number;
  opened_link_times: number;
  request_id: string;
  short_code: string;
  settings: string;
  attempts_limit: number;
  profile_blob_id: string | null;
  profile_descriptor: string | null;
  success_attempt_id: number | null;
  notifications: number;
}

export interface AttemptRow {
  id: number;
  applicant_id: string;
  created_ms: number;
  decided_ms: number | null;
  status: number;
  validation_status: string | null;
  blob_id: string;
  video_blob_id: string | null;
  reject_labels: string;
  checks: string;
  decision: string | null;
  error: string | null;
  capture_method: string;
  request_ip: string | null;
  user_agent: string | null;
}

export function isCompleted(status: number): boolean {
  return status === 1 || status === 2 || status === 3;
}

function isValidPhone(phone: string): boolean {
  if (!/^\+?[\d\s().-]+$/.test(phone)) return false;
  const digits = phone.replace(/\D/g, '').length;
  return digits >= 7 && digits <= 15;
}

const blank = (v: string | null | undefined): string | null =>
  v === undefined || v === null || v === '' ? null : v;

export function validationLink(
  ctx: ProviderContext,
  row: Pick<ApplicantRow, 'request_id'>,
): string {
  return `${ctx.publicUrl()}/embedded?requestId=${row.request_id}`;
}

/**
 * The enrolment page sends the browser to `callbackUrl` when the applicant is done, so only an
 * absolute http(s) URL is accepted: a `javascript:` or `data:` one would run in the page.
 */
function checkCallbackUrl(value: string | null | undefined): string | null {
  const v = blank(value);
  if (v === null) return null;
  let url: URL | undefined;
  try {
    url = new URL(v);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || !url.host) {
    throw new ApiError('validation', 'callbackUrl must be an absolute http(s) URL');
  }
  return v;
}

export function createApplicant(ctx: ProviderContext, input: CreateApplicantBody) {
  const callbackUrl = checkCallbackUrl(input.callbackUrl);
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
      JSON.stringify(input.metadata ?? {}),
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
    shortValidationLink: `${ctx.publicUrl()}/s/${row.short_code}`,
  };
}

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

export function externalUserId(row: Pick<ApplicantRow, 'id' | 'reference_id'>): string {
  return row.reference_id ?? row.id;
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

interface ValidationStatus {
  faceIsValid: boolean | null;
  qualityIsValid: boolean | null;
  antiSpoofingIsValid: boolean | null;
  livenessReflectionIsValid: boolean | null;
}

function validationStatusView(a: AttemptRow) {
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

/** Selfie-only attempts: `documentTypeInt` 10 with no document, as seed 002's success example shows. */
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

function settingsView(row: ApplicantRow) {
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

const sortColumns: Record<string, string> = {
  applicantid: 'id',
  firstname: 'first_name',
  lastname: 'last_name',
  phone: 'phone',
  email: 'email',
  referenceid: 'reference_id',
  created: 'created_ms',
  status: 'status',
  statusname: 'status',
  attemptscount: '(SELECT COUNT(*) FROM attempts t WHERE t.applicant_id = applicants.id)',
  openedlinktimes: 'opened_link_times',
};

export function listApplicants(ctx: ProviderContext, q: ApplicantListQuery) {
  const page = q.Page ?? 1;
  const pageSize = q.PageSize ?? 20;
  const where = ['account_id = ?'];
  const args: (string | number)[] = [ctx.config.accountId];
  const day = 86_400_000;
  if (q.CreatedFrom !== undefined) {
    const from = parseDdMmYyyy(q.CreatedFrom);
    if (from === null)
      throw new ApiError('validation', `CreatedFrom must be dd-mm-yyyy, got '${q.CreatedFrom}'`);
    where.push('created_ms >= ?');
    args.push(from);
  }
  if (q.CreatedTo !== undefined) {
    const to = parseDdMmYyyy(q.CreatedTo);
    if (to === null)
      throw new ApiError('validation', `CreatedTo must be dd-mm-yyyy, got '${q.CreatedTo}'`);
    where.push('created_ms < ?'); // the whole CreatedTo day is included
    args.push(to + day);
  }
  if (q.TextFilter) {
    const like = `%${q.TextFilter.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const cols = ['id', 'first_name', 'last_name', 'phone', 'email', 'reference_id'];
    where.push(
      `(${cols.map((c) => `ulower(COALESCE(${c}, '')) LIKE ? ESCAPE '\\'`).join(' OR ')})`,
    );
    for (let i = 0; i < cols.length; i++) args.push(like);
  }
  let orderBy = 'seq DESC'; // seed 002: without sorting, newest first
  if (q.SortField) {
    const col = sortColumns[q.SortField.toLowerCase()];
    if (!col) throw new ApiError('badSortField', 'No sorting by selected property');
    const dir = q.Order?.toLowerCase() === 'descending' ? 'DESC' : 'ASC';
    const textual = ['first_name', 'last_name', 'phone', 'email', 'reference_id', 'id'].includes(
      col,
    );
    // Case-insensitive for every script (ulower, see db.ts), then by the exact text.
    const key = textual ? `ulower(${col}) ${dir}, ${col}` : col;
    orderBy = `${col} IS NULL, ${key} ${dir}, seq ${dir}`;
  }
  const whereSql = where.join(' AND ');
  const total = (
    ctx.db.prepare(`SELECT COUNT(*) AS n FROM applicants WHERE ${whereSql}`).get(...args) as {
      n: number;
    }
  ).n;
  const rows = ctx.db
    .prepare(`SELECT * FROM applicants WHERE ${whereSql} ORDER BY ${orderBy} LIMIT ? OFFSET ?`)
    .all(...args, pageSize, (page - 1) * pageSize) as ApplicantRow[];
  const attempts = attemptsByApplicant(
    ctx,
    rows.map((r) => r.id),
  );
  return {
    page,
    pageSize,
    total,
    totalPages: Math.ceil(total / pageSize),
    items: rows.map((r) => applicantView(ctx, r, attempts.get(r.id) ?? [])),
  };
}

/** The attempts of a page of applicants in one query, each list in id order like attemptRows(). */
function attemptsByApplicant(ctx: ProviderContext, ids: string[]): Map<string, AttemptRow[]> {
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

const updatable: [keyof UpdateApplicantBody, keyof ApplicantRow][] = [
  ['firstName', 'first_name'],
  ['lastName', 'last_name'],
  ['phone', 'phone'],
  ['email', 'email'],
  ['referenceId', 'reference_id'],
];

/** Absent or null leaves a field alone; an empty string clears it (seed 002's note). */
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
    // Seed 002 documents only 120029 for delete: the platform's graph query fails on an unknown id.
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
    for (const { b } of blobIds) if (b) dropBlob.run(b);
  })();
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
  const windowMs = ctx.config.applicants.imagesAvailableForSecs * 1000;
  if (ctx.now() - a.created_ms > windowMs) {
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
