import {
  errors,
  fileSchema,
  freeObject,
  nullableBoolean,
  nullableInteger,
  nullableString,
} from './common.js';

const tags = ['Applicants (seed 002)'];

const validationStatus = {
  type: 'object',
  properties: {
    expired: nullableBoolean,
    documentIsValid: nullableBoolean,
    faceIsValid: nullableBoolean,
    antiSpoofingIsValid: nullableBoolean,
    profileAlreadyExists: nullableBoolean,
    qualityIsValid: nullableBoolean,
    livenessReflectionIsValid: nullableBoolean,
  },
} as const;

export const attemptSummarySchema = {
  type: 'object',
  properties: {
    document: { type: 'null' },
    attemptId: { type: 'integer' },
    created: { type: 'string' },
    documentType: nullableString,
    documentTypeInt: { type: 'integer' },
    hasRiskEvents: { type: 'boolean' },
    status: { type: 'integer', description: '0 success, 1 being verified (emulator), 2 failed' },
    validationStatus,
  },
} as const;

export const applicantSchema = {
  type: 'object',
  properties: {
    applicantId: { type: 'string' },
    attemptsCount: { type: 'integer' },
    lastAttemptId: nullableInteger,
    successAttemptId: nullableInteger,
    successAttempt: { anyOf: [{ type: 'null' }, attemptSummarySchema] },
    firstName: nullableString,
    lastName: nullableString,
    phone: nullableString,
    email: nullableString,
    referenceId: nullableString,
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
  },
} as const;

const applicantIdParams = {
  type: 'object',
  properties: { applicantId: { type: 'string' } },
  required: ['applicantId'],
} as const;

const attemptParams = {
  type: 'object',
  properties: { applicantId: { type: 'string' }, attemptId: { type: 'integer' } },
  required: ['applicantId', 'attemptId'],
} as const;

export const createApplicantSchema = {
  tags,
  summary: 'Create an applicant',
  body: {
    type: 'object',
    properties: {
      firstName: nullableString,
      lastName: nullableString,
      phone: nullableString,
      email: nullableString,
      referenceId: {
        ...nullableString,
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
  },
  response: {
    200: {
      type: 'object',
      properties: {
        applicantId: { type: 'string' },
        validationLink: { type: 'string' },
        shortValidationLink: { type: 'string' },
      },
    },
    ...errors(400, 401),
  },
} as const;

export const listApplicantsSchema = {
  tags,
  summary: 'List applicants (newest first unless SortField is given)',
  querystring: {
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
  },
  response: {
    200: {
      type: 'object',
      properties: {
        page: { type: 'integer' },
        pageSize: { type: 'integer' },
        total: { type: 'integer' },
        totalPages: { type: 'integer' },
        items: { type: 'array', items: applicantSchema },
      },
    },
    ...errors(400, 401),
  },
} as const;

export const getApplicantSchema = {
  tags,
  summary: 'Get an applicant (a GET with a JSON body updates it, as seed 002 documents)',
  params: applicantIdParams,
  response: { 200: applicantSchema, ...errors(400, 401, 404) },
} as const;

export const updateApplicantSchema = {
  tags,
  summary: 'Update an applicant; an empty string clears a field',
  params: applicantIdParams,
  body: {
    type: 'object',
    properties: {
      firstName: nullableString,
      lastName: nullableString,
      phone: nullableString,
      email: nullableString,
      referenceId: nullableString,
    },
  },
  response: { 200: applicantSchema, ...errors(400, 401, 404) },
} as const;

export const deleteApplicantSchema = {
  tags,
  summary: 'Delete an applicant',
  params: applicantIdParams,
  response: { 200: { type: 'null' }, ...errors(400, 401) },
} as const;

export const completedSchema = {
  tags,
  summary: 'Is the applicant completed? 404 with 120025 when not',
  params: applicantIdParams,
  response: {
    200: {
      type: 'object',
      properties: {
        applicantId: { type: 'string' },
        completed: { type: 'boolean' },
        status: { type: 'integer' },
        statusName: { type: 'string' },
      },
    },
    ...errors(401, 404),
  },
} as const;

export const completeSchema = {
  tags,
  summary: 'Force status 3 (Canceled)',
  params: applicantIdParams,
  response: {
    200: { type: 'object', properties: { callbackUrl: nullableString } },
    ...errors(401, 404),
  },
} as const;

export const attemptsSchema = {
  tags,
  summary: 'List verification attempts',
  params: applicantIdParams,
  response: {
    200: {
      type: 'object',
      properties: { attempts: { type: 'array', items: attemptSummarySchema } },
    },
    ...errors(401, 404),
  },
} as const;

export const attemptDetailSchema = {
  tags,
  summary: 'One attempt in full (plus the emulator fields `checks` and `decision`)',
  params: attemptParams,
  response: {
    200: {
      type: 'object',
      properties: {
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
        validationStatus,
        content: freeObject,
        applicantId: { type: 'string' },
        attemptId: { type: 'integer' },
        checks: { type: 'array', items: freeObject },
        decision: { anyOf: [{ type: 'null' }, freeObject] },
      },
    },
    ...errors(400, 401, 404, 413),
  },
} as const;

export const attemptImagesSchema = {
  tags,
  summary: 'Images of an attempt, base64',
  params: attemptParams,
  response: {
    200: {
      type: 'object',
      properties: {
        livenessReflectionVideoLink: nullableString,
        backOrSecondImageBase64: nullableString,
        faceImageBase64: nullableString,
        frontImageBase64: nullableString,
        trackString: nullableString,
      },
    },
    ...errors(401, 404, 413),
  },
} as const;

export const videoSchema = {
  tags,
  summary: 'Attempt video (400 with 120033 when there is none)',
  params: attemptParams,
  response: { 200: { type: 'string', format: 'binary' }, ...errors(400, 401, 404) },
} as const;

export const reNotifySchema = {
  tags,
  summary: 'Send the verification link again by SMS',
  params: applicantIdParams,
  response: { 200: { type: 'null' }, ...errors(400, 401, 404) },
} as const;

export const enrolSchema = {
  tags: ['Emulator: enrolment'],
  summary: 'Scripted main verification: submit a selfie as a new attempt (emulator addition)',
  description:
    'Multipart: `image` (JPEG/PNG/WebP), optional `video`. With `wait=true` (default) the response comes when ' +
    'the attempt is decided or after `waitMs`; `status` 1 means still being verified.',
  consumes: ['multipart/form-data'],
  params: applicantIdParams,
  querystring: {
    type: 'object',
    properties: {
      wait: { type: 'boolean', default: true },
      waitMs: { type: 'integer', minimum: 0, maximum: 120000, default: 30000 },
    },
  },
  body: {
    type: 'object',
    properties: { image: fileSchema, video: fileSchema, captureMethod: { type: 'string' } },
    required: ['image'],
  },
  response: {
    200: attemptSummarySchema,
    202: attemptSummarySchema,
    ...errors(400, 401, 404, 409, 413, 415),
  },
} as const;
