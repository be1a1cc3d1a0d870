/**
 * The applicant API (`/publicapi/api/v2`, Bearer secret key): applicants, their verification
 * attempts and the attempts' images.
 */
import {
  extrasOnly,
  freeObject,
  nullableBoolean,
  nullableInteger,
  nullableString,
  sentInFull,
} from './schema.js';
import type { Received, Sent } from './schema.js';

const validationStatusSchema = sentInFull({
  expired: nullableBoolean,
  documentIsValid: nullableBoolean,
  faceIsValid: nullableBoolean,
  antiSpoofingIsValid: nullableBoolean,
  profileAlreadyExists: nullableBoolean,
  qualityIsValid: nullableBoolean,
  livenessReflectionIsValid: nullableBoolean,
});

export const attemptSummarySchema = sentInFull({
  document: { type: 'null' },
  attemptId: { type: 'integer' },
  created: { type: 'string' },
  documentType: nullableString,
  documentTypeInt: { type: 'integer' },
  hasRiskEvents: { type: 'boolean' },
  status: { type: 'integer', description: '0 success, 1 being verified (emulator), 2 failed' },
  validationStatus: validationStatusSchema,
});

/** The applicant's own details: what a host sets on create and update, and reads back. */
const applicantDetails = {
  firstName: nullableString,
  lastName: nullableString,
  phone: nullableString,
  email: nullableString,
  referenceId: nullableString,
} as const;

export const applicantSchema = sentInFull({
  applicantId: { type: 'string' },
  attemptsCount: { type: 'integer' },
  lastAttemptId: nullableInteger,
  successAttemptId: nullableInteger,
  successAttempt: { anyOf: [{ type: 'null' }, attemptSummarySchema] },
  ...applicantDetails,
  openedLinkTimes: { type: 'integer' },
  created: { type: 'string' },
  accountId: { type: 'string' },
  validationRequestSettings: freeObject,
  completed: { type: 'boolean' },
  status: {
    type: 'integer',
    description: '0 Pending, 1 Success, 2 Failed, 3 Canceled, 5 FailedAttempt',
  },
  statusName: { type: 'string' },
  attemptsUsed: { type: 'integer' },
  documentExpired: nullableBoolean,
  lastValidationResponse: { anyOf: [{ type: 'null' }, freeObject] },
  hasRiskEvents: { type: 'boolean' },
  metadata: { type: 'object', additionalProperties: { type: 'string' } },
  callbackUrl: nullableString,
  verificationMethod: { type: 'integer' },
});

/** Body of `POST /private/Applicants`. */
export const createApplicantBodySchema = {
  type: 'object',
  properties: {
    ...applicantDetails,
    referenceId: {
      ...applicantDetails.referenceId,
      description: 'Your user id: the `userId`/`externalUserId` of actions',
    },
    metadata: { type: ['object', 'null'], additionalProperties: { type: 'string' } },
    callbackUrl: {
      ...nullableString,
      pattern: '^$|^[Hh][Tt][Tt][Pp][Ss]?://[^\\s]+$',
      description: 'Absolute http(s) URL the enrolment page sends the user to when done',
    },
    sendSms: nullableBoolean,
    case: { type: ['array', 'null'] },
    status: { type: ['integer', 'null'], enum: [0, 1, 2, 3, null] },
    verificationMethod: { type: ['integer', 'null'], enum: [0, 1, null] },
  },
} as const;

export const createdApplicantSchema = sentInFull({
  applicantId: { type: 'string' },
  validationLink: { type: 'string' },
  shortValidationLink: { type: 'string' },
});

/** Query of `GET /private/Applicants`. */
export const applicantListQuerySchema = {
  type: 'object',
  properties: {
    Page: { type: 'integer', minimum: 1, maximum: 2147483647, default: 1 },
    PageSize: { type: 'integer', minimum: 1, maximum: 400, default: 20 },
    CreatedFrom: { type: 'string', description: 'dd-mm-yyyy, inclusive' },
    CreatedTo: { type: 'string', description: 'dd-mm-yyyy, inclusive' },
    SortField: { type: 'string' },
    Order: { type: 'string', description: '`descending`; anything else is ascending' },
    TextFilter: { type: 'string' },
  },
} as const;

export const applicantPageSchema = sentInFull({
  page: { type: 'integer' },
  pageSize: { type: 'integer' },
  total: { type: 'integer' },
  totalPages: { type: 'integer' },
  items: { type: 'array', items: applicantSchema },
});

/** Body of `PUT /private/Applicants/{applicantId}`: absent fields stay, `''` clears one. */
export const updateApplicantBodySchema = {
  type: 'object',
  properties: applicantDetails,
} as const;

/**
 * `GET /public/Applicants/{applicantId}/Completed`, when it is: the document shows a bare `200`
 * (the answer is the status code; 404 120025 when not completed). The fields are the emulator's.
 */
export const applicantCompletedSchema = extrasOnly({
  applicantId: { type: 'string' },
  completed: { type: 'boolean' },
  status: { type: 'integer' },
  statusName: { type: 'string' },
});

/**
 * The answer to an update (`PUT`, or the documented GET with a body): the document shows a bare
 * `200`. The emulator sends the updated applicant, an extra: read it back with a GET.
 */
export const updatedApplicantSchema = extrasOnly(applicantSchema.properties);

/** `POST /public/Applicants/{applicantId}/Complete`. */
export const applicantCompleteSchema = sentInFull({ callbackUrl: nullableString });

export const attemptListSchema = sentInFull({
  attempts: { type: 'array', items: attemptSummarySchema },
});

export const attemptImagesSchema = sentInFull({
  livenessReflectionVideoLink: nullableString,
  backOrSecondImageBase64: nullableString,
  faceImageBase64: nullableString,
  frontImageBase64: nullableString,
  trackString: nullableString,
});

/** One attempt in full (plus the emulator's `checks` and `decision`). */
export const attemptDetailSchema = sentInFull({
  documentFailStatusReasons: { type: 'array', items: { type: 'string' } },
  faceFailStatusReasons: { type: 'array', items: { type: 'string' } },
  invalidDataErrors: { type: 'array', items: freeObject },
  dvsResult: freeObject,
  mobilePhoneModel: nullableString,
  mobilePhoneOS: nullableString,
  captureMethod: nullableString,
  requestIpAddress: nullableString,
  created: { type: 'string' },
  documentType: nullableString,
  documentTypeInt: { type: 'integer' },
  hasRiskEvents: { type: 'boolean' },
  status: { type: 'integer' },
  validationStatus: validationStatusSchema,
  content: freeObject,
  applicantId: { type: 'string' },
  attemptId: { type: 'integer' },
  checks: { type: 'array', items: freeObject },
  decision: { anyOf: [{ type: 'null' }, freeObject] },
});

/** Query of the emulator's scripted enrolment, `POST /private/Applicants/{id}/Attempts`. */
export const enrolQuerySchema = {
  type: 'object',
  properties: {
    wait: { type: 'boolean', default: true },
    waitMs: { type: 'integer', minimum: 0, maximum: 120000, default: 30000 },
  },
} as const;

export type ValidationStatus = Received<typeof validationStatusSchema>;
export type AttemptSummary = Received<typeof attemptSummarySchema>;
export type Applicant = Received<typeof applicantSchema>;
export type CreateApplicantBody = Sent<typeof createApplicantBodySchema>;
export type CreatedApplicant = Received<typeof createdApplicantSchema>;
export type ApplicantListQuery = Sent<typeof applicantListQuerySchema>;
export type ApplicantPage = Received<typeof applicantPageSchema>;
export type UpdateApplicantBody = Sent<typeof updateApplicantBodySchema>;
export type ApplicantCompleted = Received<typeof applicantCompletedSchema>;
export type UpdatedApplicant = Received<typeof updatedApplicantSchema>;
export type ApplicantComplete = Received<typeof applicantCompleteSchema>;
export type AttemptList = Received<typeof attemptListSchema>;
export type AttemptImages = Received<typeof attemptImagesSchema>;
export type AttemptDetail = Received<typeof attemptDetailSchema>;
export type EnrolQuery = Sent<typeof enrolQuerySchema>;
