/**
 * The Actions API: applicant actions (a face authorization is one), their images and review,
 * and the access tokens and WebSDK links that open them to a browser.
 */
import { freeObject, nullableInteger, nullableString, sentInFull } from './schema.js';
import type { Received, Sent } from './schema.js';
import { livenessViewSchema } from './liveness.js';

export const reviewAnswerSchema = { type: 'string', enum: ['GREEN', 'RED', 'ERROR'] } as const;

/** `init` → `pending` → `queued` → `completed` | `onHold`. */
export const reviewStatusSchema = {
  type: 'string',
  enum: ['init', 'pending', 'queued', 'completed', 'onHold'],
} as const;

/** RETRY: the user may try again (a new image on the same action); FINAL: they may not. */
export const reviewRejectTypeSchema = { type: 'string', enum: ['RETRY', 'FINAL'] } as const;

export const reviewResultSchema = sentInFull(
  {
    reviewAnswer: reviewAnswerSchema,
    rejectLabels: { type: 'array', items: { type: 'string' } },
    reviewRejectType: reviewRejectTypeSchema,
    moderationComment: { type: 'string' },
  },
  ['reviewRejectType', 'moderationComment'],
);

/** The document an image is: an image's `idDocDef`, and the `metadata` part of its upload. */
export const idDocDefSchema = sentInFull({
  country: { type: 'string' },
  idDocType: { type: 'string' },
  idDocSubType: nullableString,
});

/** The `metadata` part of an image upload (JSON): the document the image is. */
export const imageMetadataSchema = {
  type: 'object',
  properties: idDocDefSchema.properties,
  required: ['idDocType', 'country'],
} as const;

export const actionImageSchema = sentInFull({
  id: { type: 'string' },
  addedDate: { type: 'string' },
  imageHash: { type: 'string' },
  imageFileName: { type: 'string' },
  resizedImageId: { type: 'string' },
  mimeType: { type: 'string' },
  sigHash: { type: 'string' },
  imageId: { type: 'string' },
  actualResolution: sentInFull({ width: { type: 'integer' }, height: { type: 'integer' } }),
  answer: { type: ['string', 'null'], enum: ['GREEN', 'YELLOW', 'RED', 'ERROR', null] },
  idDocDef: idDocDefSchema,
  reviewResult: freeObject,
  attemptId: { type: 'string' },
});

export const actionReviewSchema = sentInFull(
  {
    reviewId: { type: 'string' },
    attemptId: { type: 'string' },
    attemptCnt: { type: 'integer' },
    levelName: { type: 'string' },
    createDate: { type: 'string' },
    reviewDate: nullableString,
    elapsedSincePendingMs: nullableInteger,
    elapsedSinceQueuedMs: nullableInteger,
    reviewStatus: reviewStatusSchema,
    /** Present once the review is `completed`. */
    reviewResult: reviewResultSchema,
    decision: {
      description:
        'How the review was decided (engine, models, thresholds, scores, timings); null until then',
      anyOf: [{ type: 'null' }, freeObject],
    },
  },
  ['reviewResult'],
);

export const actionCheckSchema = sentInFull({
  checkType: { type: 'string' },
  answer: reviewAnswerSchema,
  details: freeObject,
});

/** An applicant action: create, submit and `GET .../one` all answer with this. */
export const applicantActionSchema = sentInFull(
  {
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
    review: actionReviewSchema,
    checks: { type: 'array', items: actionCheckSchema },
    liveness: livenessViewSchema,
    images: { type: 'array', items: actionImageSchema },
    /** The create body's `questionnaires`, as sent; absent when none were. */
    questionnaires: { type: 'array', items: freeObject },
  },
  ['liveness', 'questionnaires'],
);

const actionPageSchema = sentInFull({
  items: { type: 'array', items: applicantActionSchema },
  totalItems: { type: 'integer' },
});

/**
 * The actions of an applicant. The documents: "the list element contains the actions" — so
 * `list.items`/`list.totalItems`. The emulator also sends the same page at the top level, an
 * extra no caller may count on.
 */
export const actionListSchema = sentInFull(
  {
    list: actionPageSchema,
    ...actionPageSchema.properties,
  },
  ['items', 'totalItems'],
);

/** Query of `GET /resources/applicantActions/-;applicantId={applicantId}`. */
export const actionListQuerySchema = {
  type: 'object',
  properties: {
    limit: { type: 'integer', minimum: 1, maximum: 1000, default: 1000 },
    offset: { type: 'integer', minimum: 0, default: 0 },
    order: { type: 'string', enum: ['-createdAt', 'createdAt'], default: '-createdAt' },
  },
} as const;

/** Body of `POST /resources/applicantActions/-/forApplicant/{applicantId}`. */
export const createActionBodySchema = {
  type: 'object',
  properties: {
    externalActionId: { type: 'string', minLength: 1, maxLength: 256 },
    questionnaires: { type: 'array', items: freeObject },
    email: { type: 'string' },
    phone: { type: 'string' },
  },
  required: ['externalActionId'],
} as const;

/** Query of `GET /resources/applicantActions/{actionId}/images/{imageId}`. */
export const actionImageQuerySchema = {
  type: 'object',
  properties: {
    preview: {
      type: 'boolean',
      description: 'Return the downscaled JPEG preview (default false)',
    },
    isPreview: {
      type: 'boolean',
      description: 'Alias of `preview` (its name in the API documentation)',
    },
  },
} as const;

/** Query of `POST /resources/sdkIntegrations/levels/{levelName}/websdkLink`. */
export const websdkLinkQuerySchema = {
  type: 'object',
  properties: {
    externalUserId: { type: 'string', minLength: 1 },
    externalActionId: { type: 'string', minLength: 1 },
    locale: { type: 'string', pattern: '^[a-z]{2}$' },
    ttlInSecs: { type: 'integer', minimum: 1, maximum: 86400 },
  },
  required: ['externalUserId', 'externalActionId'],
} as const;

export const websdkLinkSchema = sentInFull({ url: { type: 'string' } });

/** Query of `POST /resources/accessTokens`. */
export const accessTokenQuerySchema = {
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
} as const;

export const accessTokenSchema = sentInFull({
  token: { type: 'string' },
  userId: { type: 'string' },
});

/** The emulator's sandbox control: what the next review of an applicant says, whatever the face. */
export const sandboxOutcomeSchema = {
  type: 'object',
  properties: {
    target: { type: 'string', enum: ['action', 'enrolment'], default: 'action' },
    reviewAnswer: { type: 'string', enum: [...reviewAnswerSchema.enum, 'ON_HOLD'] },
    rejectLabels: { type: 'array', items: { type: 'string' } },
    reviewRejectType: reviewRejectTypeSchema,
    moderationComment: { type: 'string' },
  },
  required: ['reviewAnswer'],
} as const;

export const sandboxAckSchema = sentInFull({ ok: { type: 'boolean' } });

/** The emulator's sandbox control that ends a hold: the answer a person would have given. */
export const sandboxReleaseSchema = {
  type: 'object',
  properties: {
    reviewAnswer: reviewAnswerSchema,
    rejectLabels: { type: 'array', items: { type: 'string' } },
    reviewRejectType: reviewRejectTypeSchema,
    moderationComment: { type: 'string' },
  },
  required: ['reviewAnswer'],
} as const;

export type ReviewAnswer = Received<typeof reviewAnswerSchema>;
export type ReviewStatus = Received<typeof reviewStatusSchema>;
export type ReviewRejectType = Received<typeof reviewRejectTypeSchema>;
export type ReviewResult = Received<typeof reviewResultSchema>;
export type IdDocDef = Received<typeof idDocDefSchema>;
export type ImageMetadata = Sent<typeof imageMetadataSchema>;
export type ActionImage = Received<typeof actionImageSchema>;
export type ActionReview = Received<typeof actionReviewSchema>;
export type ActionCheck = Received<typeof actionCheckSchema>;
export type ApplicantAction = Received<typeof applicantActionSchema>;
export type ActionList = Received<typeof actionListSchema>;
export type ActionListQuery = Sent<typeof actionListQuerySchema>;
export type CreateActionBody = Sent<typeof createActionBodySchema>;
export type ActionImageQuery = Sent<typeof actionImageQuerySchema>;
export type WebsdkLinkQuery = Sent<typeof websdkLinkQuerySchema>;
export type WebsdkLink = Received<typeof websdkLinkSchema>;
export type AccessTokenQuery = Sent<typeof accessTokenQuerySchema>;
export type AccessToken = Received<typeof accessTokenSchema>;
export type SandboxOutcome = Sent<typeof sandboxOutcomeSchema>;
export type SandboxAck = Received<typeof sandboxAckSchema>;
export type SandboxRelease = Sent<typeof sandboxReleaseSchema>;
