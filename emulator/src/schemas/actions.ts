import { errors, fileSchema, freeObject, nullableInteger, nullableString } from './common.js';
import { livenessViewSchema } from '../liveness/schema.js';

const tags = ['Applicant actions (seeds 000/001)'];

const reviewResultSchema = {
  type: 'object',
  properties: {
    reviewAnswer: { type: 'string', enum: ['GREEN', 'RED', 'ERROR'] },
    rejectLabels: { type: 'array', items: { type: 'string' } },
    reviewRejectType: { type: 'string', enum: ['RETRY', 'FINAL'] },
    moderationComment: { type: 'string' },
  },
} as const;

export const imageSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    addedDate: { type: 'string' },
    imageHash: { type: 'string' },
    imageFileName: { type: 'string' },
    resizedImageId: { type: 'string' },
    mimeType: { type: 'string' },
    sigHash: { type: 'string' },
    imageId: { type: 'string' },
    actualResolution: {
      type: 'object',
      properties: { width: { type: 'integer' }, height: { type: 'integer' } },
    },
    answer: { type: ['string', 'null'], enum: ['GREEN', 'YELLOW', 'RED', 'ERROR', null] },
    idDocDef: {
      type: 'object',
      properties: {
        country: { type: 'string' },
        idDocType: { type: 'string' },
        idDocSubType: nullableString,
      },
    },
    reviewResult: freeObject,
    attemptId: { type: 'string' },
  },
} as const;

export const actionSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    createdAt: { type: 'string' },
    clientId: { type: 'string' },
    externalActionId: { type: 'string' },
    applicantId: { type: 'string' },
    externalUserId: nullableString,
    levelName: { type: 'string' },
    type: { type: 'string' },
    email: nullableString,
    phone: nullableString,
    review: {
      type: 'object',
      properties: {
        reviewId: { type: 'string' },
        attemptId: { type: 'string' },
        attemptCnt: { type: 'integer' },
        levelName: { type: 'string' },
        createDate: { type: 'string' },
        reviewDate: nullableString,
        elapsedSincePendingMs: nullableInteger,
        elapsedSinceQueuedMs: nullableInteger,
        reviewStatus: {
          type: 'string',
          enum: ['init', 'pending', 'queued', 'completed', 'onHold'],
        },
        reviewResult: reviewResultSchema,
        decision: {
          description:
            'How the review was decided (engine, models, thresholds, scores, timings); null until then',
          anyOf: [{ type: 'null' }, freeObject],
        },
      },
    },
    checks: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          checkType: { type: 'string' },
          answer: { type: 'string', enum: ['GREEN', 'RED', 'ERROR'] },
          details: freeObject,
        },
      },
    },
    liveness: livenessViewSchema,
    images: { type: 'array', items: imageSchema },
  },
} as const;

const actionIdParams = {
  type: 'object',
  properties: { actionId: { type: 'string' } },
  required: ['actionId'],
} as const;

export const createActionSchema = {
  tags,
  summary: 'Create (or, for the same externalActionId, resolve) an applicant action',
  description:
    "With an access token, `applicantId` may be `-` (the token's applicant) and `levelName` may be omitted.",
  params: {
    type: 'object',
    properties: { applicantId: { type: 'string' } },
    required: ['applicantId'],
  },
  querystring: { type: 'object', properties: { levelName: { type: 'string' } } },
  body: {
    type: 'object',
    properties: {
      externalActionId: { type: 'string', minLength: 1, maxLength: 256 },
      questionnaires: { type: 'array' },
      email: { type: 'string' },
      phone: { type: 'string' },
    },
    required: ['externalActionId'],
  },
  response: { 200: actionSchema, ...errors(400, 401, 403, 404, 409) },
} as const;

export const websdkLinkSchema = {
  tags,
  summary: 'External WebSDK link for an action',
  params: {
    type: 'object',
    properties: { levelName: { type: 'string' } },
    required: ['levelName'],
  },
  querystring: {
    type: 'object',
    properties: {
      externalUserId: { type: 'string', minLength: 1 },
      externalActionId: { type: 'string', minLength: 1 },
      locale: { type: 'string', pattern: '^[a-z]{2}$' },
      ttlInSecs: { type: 'integer', minimum: 1, maximum: 86400 },
    },
    required: ['externalUserId', 'externalActionId'],
  },
  response: {
    200: { type: 'object', properties: { url: { type: 'string' } } },
    ...errors(400, 401, 404),
  },
} as const;

export const addImageSchema = {
  tags,
  summary: 'Add an image (multipart `metadata` JSON + `content` file)',
  consumes: ['multipart/form-data'],
  params: actionIdParams,
  body: {
    type: 'object',
    properties: {
      metadata: {
        type: 'string',
        description:
          'JSON: {"idDocType":"SELFIE","country":"RUS"} (idDocType and country required)',
      },
      content: fileSchema,
    },
    required: ['metadata', 'content'],
  },
  response: { 200: imageSchema, ...errors(400, 401, 403, 404, 409, 413, 415) },
} as const;

export const submitSchema = {
  tags,
  summary: 'Submit the action for review (idempotent while pending/queued)',
  params: actionIdParams,
  response: { 200: actionSchema, ...errors(401, 403, 404, 409) },
} as const;

export const getActionSchema = {
  tags,
  summary: 'Get one action with its review, checks and images',
  params: actionIdParams,
  response: { 200: actionSchema, ...errors(401, 403, 404) },
} as const;

const listBody = {
  type: 'object',
  properties: { items: { type: 'array', items: actionSchema }, totalItems: { type: 'integer' } },
} as const;

export const listActionsSchema = {
  tags,
  summary: 'Actions of an applicant: GET /resources/applicantActions/-;applicantId={applicantId}',
  description:
    'The path segment is `-;applicantId=<id>`. The body has `items`/`totalItems` and, for clients that read the ' +
    'documented "list element", the same under `list`.',
  params: { type: 'object', properties: { selector: { type: 'string' } }, required: ['selector'] },
  querystring: {
    type: 'object',
    properties: {
      limit: { type: 'integer', minimum: 1, maximum: 1000, default: 1000 },
      offset: { type: 'integer', minimum: 0, default: 0 },
      order: { type: 'string', enum: ['-createdAt', 'createdAt'], default: '-createdAt' },
    },
  },
  response: {
    200: { type: 'object', properties: { ...listBody.properties, list: listBody } },
    ...errors(400, 401, 404),
  },
} as const;

export const getImageSchema = {
  tags,
  summary: 'Get an image (preview=true: downscaled JPEG)',
  description:
    'The seeds write the query as `?preview={isPreview}` and name the parameter `isPreview` in their ' +
    'table, so both spellings are accepted; `preview` wins when both are given.',
  params: {
    type: 'object',
    properties: { actionId: { type: 'string' }, imageId: { type: 'string' } },
    required: ['actionId', 'imageId'],
  },
  querystring: {
    type: 'object',
    properties: {
      preview: {
        type: 'boolean',
        description: 'Return the downscaled JPEG preview (default false)',
      },
      isPreview: { type: 'boolean', description: "Alias of `preview` (the seeds' parameter name)" },
    },
  },
  response: { 200: { type: 'string', format: 'binary' }, ...errors(401, 403, 404) },
} as const;

export const accessTokenSchema = {
  tags,
  summary: 'Access token for the browser, bound to one applicant, level and externalActionId',
  querystring: {
    type: 'object',
    properties: {
      userId: {
        type: 'string',
        minLength: 1,
        description: "The applicant's referenceId (or applicantId)",
      },
      levelName: { type: 'string', minLength: 1 },
      externalActionId: { type: 'string', minLength: 1 },
      ttlInSecs: { type: 'integer', minimum: 1 },
    },
    required: ['userId', 'levelName', 'externalActionId'],
  },
  response: {
    200: { type: 'object', properties: { token: { type: 'string' }, userId: { type: 'string' } } },
    ...errors(400, 401, 404),
  },
} as const;

export const sandboxSchema = {
  tags: ['Emulator: sandbox controls'],
  summary: 'Decide the next review of an applicant regardless of the face (sandbox only)',
  params: {
    type: 'object',
    properties: { applicantId: { type: 'string' } },
    required: ['applicantId'],
  },
  body: {
    type: 'object',
    properties: {
      target: { type: 'string', enum: ['action', 'enrolment'], default: 'action' },
      reviewAnswer: { type: 'string', enum: ['GREEN', 'RED', 'ERROR', 'ON_HOLD'] },
      rejectLabels: { type: 'array', items: { type: 'string' } },
      reviewRejectType: { type: 'string', enum: ['RETRY', 'FINAL'] },
      moderationComment: { type: 'string' },
    },
    required: ['reviewAnswer'],
  },
  response: {
    200: { type: 'object', properties: { ok: { type: 'boolean' } } },
    ...errors(400, 401, 403, 404),
  },
} as const;
