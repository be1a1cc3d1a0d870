/** Route schemas of the Actions API: the contract's shapes, plus what OpenAPI says of a route. */
import * as c from '../contract.js';
import { errors, fileSchema } from './common.js';

const tags = ['Applicant actions'];

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
  body: c.createActionBodySchema,
  response: { 200: c.applicantActionSchema, ...errors(400, 401, 403, 404, 409) },
} as const;

export const websdkLinkSchema = {
  tags,
  summary: 'External WebSDK link for an action',
  params: {
    type: 'object',
    properties: { levelName: { type: 'string' } },
    required: ['levelName'],
  },
  querystring: c.websdkLinkQuerySchema,
  response: { 200: c.websdkLinkSchema, ...errors(400, 401, 404) },
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
  response: { 200: c.actionImageSchema, ...errors(400, 401, 403, 404, 409, 413, 415) },
} as const;

export const submitSchema = {
  tags,
  summary: 'Submit the action for review (idempotent while pending/queued)',
  params: actionIdParams,
  response: { 200: c.applicantActionSchema, ...errors(401, 403, 404, 409) },
} as const;

export const getActionSchema = {
  tags,
  summary: 'Get one action with its review, checks and images',
  params: actionIdParams,
  response: { 200: c.applicantActionSchema, ...errors(401, 403, 404) },
} as const;

export const listActionsSchema = {
  tags,
  summary: 'Actions of an applicant: GET /resources/applicantActions/-;applicantId={applicantId}',
  description:
    'The path segment is `-;applicantId=<id>`. The body has `items`/`totalItems` and, for clients that read the ' +
    'documented "list element", the same under `list`.',
  params: { type: 'object', properties: { selector: { type: 'string' } }, required: ['selector'] },
  querystring: c.actionListQuerySchema,
  response: { 200: c.actionListSchema, ...errors(400, 401, 404) },
} as const;

export const getImageSchema = {
  tags,
  summary: 'Get an image (preview=true: downscaled JPEG)',
  description:
    'The API documentation writes the query as `?preview={isPreview}` and names the parameter `isPreview` ' +
    'in its table, so both spellings are accepted; `preview` wins when both are given.',
  params: {
    type: 'object',
    properties: { actionId: { type: 'string' }, imageId: { type: 'string' } },
    required: ['actionId', 'imageId'],
  },
  querystring: c.actionImageQuerySchema,
  response: { 200: { type: 'string', format: 'binary' }, ...errors(401, 403, 404) },
} as const;

export const accessTokenSchema = {
  tags,
  summary: 'Access token for the browser, bound to one applicant, level and externalActionId',
  querystring: c.accessTokenQuerySchema,
  response: { 200: c.accessTokenSchema, ...errors(400, 401, 404) },
} as const;

export const sandboxSchema = {
  tags: ['Emulator: sandbox controls'],
  summary: 'Decide the next review of an applicant regardless of the face (sandbox only)',
  params: {
    type: 'object',
    properties: { applicantId: { type: 'string' } },
    required: ['applicantId'],
  },
  body: c.sandboxOutcomeSchema,
  response: { 200: c.sandboxAckSchema, ...errors(400, 401, 403, 404) },
} as const;

export const sandboxReleaseSchema = {
  tags: ['Emulator: sandbox controls'],
  summary:
    'End the hold of an action with the answer a person would give (sandbox only): completed, applicantActionReviewed',
  params: {
    type: 'object',
    properties: { actionId: { type: 'string' } },
    required: ['actionId'],
  },
  body: c.sandboxReleaseSchema,
  response: { 200: c.applicantActionSchema, ...errors(400, 401, 403, 404, 409) },
} as const;
