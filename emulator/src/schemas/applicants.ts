/** Route schemas of the applicant API: the contract's shapes, plus what OpenAPI says of a route. */
import * as c from '../contract.js';
import { errors, fileSchema, noBody } from './common.js';

const tags = ['Applicants'];

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
  body: c.createApplicantBodySchema,
  response: { 200: c.createdApplicantSchema, ...errors(400, 401) },
} as const;

export const listApplicantsSchema = {
  tags,
  summary: 'List applicants (newest first unless SortField is given)',
  querystring: c.applicantListQuerySchema,
  response: { 200: c.applicantPageSchema, ...errors(400, 401) },
} as const;

export const getApplicantSchema = {
  tags,
  summary: 'Get an applicant (a GET with a JSON body updates it, as the applicant API documents)',
  params: applicantIdParams,
  response: { 200: c.applicantSchema, ...errors(400, 401, 404) },
} as const;

export const updateApplicantSchema = {
  tags,
  summary: 'Update an applicant; an empty string clears a field',
  params: applicantIdParams,
  body: c.updateApplicantBodySchema,
  response: { 200: c.updatedApplicantSchema, ...errors(400, 401, 404) },
} as const;

export const deleteApplicantSchema = {
  tags,
  summary: 'Delete an applicant',
  params: applicantIdParams,
  response: { 200: noBody, ...errors(400, 401) },
} as const;

export const completedSchema = {
  tags,
  summary: 'Is the applicant completed? 404 with 120025 when not',
  params: applicantIdParams,
  response: { 200: c.applicantCompletedSchema, ...errors(401, 404) },
} as const;

export const completeSchema = {
  tags,
  summary: 'Force status 3 (Canceled)',
  params: applicantIdParams,
  response: { 200: c.applicantCompleteSchema, ...errors(401, 404) },
} as const;

export const attemptsSchema = {
  tags,
  summary: 'List verification attempts',
  params: applicantIdParams,
  response: { 200: c.attemptListSchema, ...errors(401, 404) },
} as const;

export const attemptDetailSchema = {
  tags,
  summary: 'One attempt in full (plus the emulator fields `checks` and `decision`)',
  params: attemptParams,
  response: { 200: c.attemptDetailSchema, ...errors(400, 401, 404, 413) },
} as const;

export const attemptImagesSchema = {
  tags,
  summary: 'Images of an attempt, base64',
  params: attemptParams,
  response: { 200: c.attemptImagesSchema, ...errors(401, 404, 413) },
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
  response: { 200: noBody, ...errors(400, 401, 404) },
} as const;

export const enrolSchema = {
  tags: ['Emulator: enrolment'],
  summary: 'Scripted main verification: submit a selfie as a new attempt (emulator addition)',
  description:
    'Multipart: `image` (JPEG/PNG/WebP), optional `video`. With `wait=true` (default) the response comes when ' +
    'the attempt is decided or after `waitMs`; `status` 1 means still being verified. Liveness: `challengeId` ' +
    '(from `…/liveness/challenge`, asked with the same key) and its clip(s), `video/webm`: `combined`, or `turns` ' +
    'and `reflection`; the challenge is consumed by this submit. Required when `applicants.liveness.required`.',
  consumes: ['multipart/form-data'],
  params: applicantIdParams,
  querystring: c.enrolQuerySchema,
  body: {
    type: 'object',
    properties: {
      image: fileSchema,
      video: fileSchema,
      captureMethod: { type: 'string' },
      challengeId: { type: 'string', maxLength: 64 },
      combined: fileSchema,
      turns: fileSchema,
      reflection: fileSchema,
    },
    required: ['image'],
  },
  response: {
    200: c.attemptSummarySchema,
    202: c.attemptSummarySchema,
    ...errors(400, 401, 404, 409, 413, 415, 429),
  },
} as const;

export const enrolmentChallengeSchema = {
  tags: ['Emulator: enrolment'],
  summary: "A liveness challenge for the applicant's next enrolment attempt (single use)",
  description:
    'Bound to the applicant and the key that asked; expires within 120 s; consumed by the next `…/Attempts` ' +
    'submit that names it. Show `colours` for `segmentMs` each from the start of the recording, ask for `turns`.',
  params: applicantIdParams,
  response: { 200: c.livenessChallengeSchema, ...errors(401, 404, 429) },
} as const;
