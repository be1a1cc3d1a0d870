/**
 * The provider's Actions API as the browser sees it: a lenient view of the contract's types
 * (`src/contract/`, named as in the API). Only the fields the widget reads are required;
 * everything else is optional because the real service and the emulator may add or omit
 * fields, and a DTO that rejects unknown shapes would break on the first harmless change.
 * Type-only imports: no schema reaches the browser bundle.
 */

import type * as contract from '../contract/index.js';

/** Every field optional, at every depth: what may come. */
type Lenient<T> = T extends readonly (infer E)[]
  ? Lenient<E>[]
  : T extends object
    ? { [K in keyof T]?: Lenient<T[K]> }
    : T;

/** `T` lenient, but for the fields `K`, which the widget cannot do without. */
type Needs<T, K extends keyof T> = Lenient<Omit<T, K>> & Pick<T, K>;

/** `init` → `pending` → `queued` → `completed` | `onHold`. */
export type ReviewStatus = contract.ReviewStatus;

/** RETRY: the user may try again (a new image on the same action); FINAL: they may not. */
export type ReviewRejectType = contract.ReviewRejectType;

export type ReviewResult = Needs<contract.ReviewResult, 'reviewAnswer'>;

export type ActionReview = Needs<Omit<contract.ActionReview, 'reviewResult'>, 'reviewStatus'> & {
  /** Present once the review is `completed`. */
  reviewResult?: ReviewResult;
};

export type IdDocDef = Needs<contract.IdDocDef, 'country' | 'idDocType'>;

/** Response of `POST /resources/applicantActions/{actionId}/images`, and `images[]` of an action. */
export type ActionImage = Needs<Omit<contract.ActionImage, 'idDocDef'>, 'id'> & {
  idDocDef?: IdDocDef;
};

export type ActionCheck = Needs<contract.ActionCheck, 'checkType'>;

/** An applicant action: create, submit and `GET .../one` all answer with this. */
export type ApplicantAction = Needs<
  Omit<contract.ApplicantAction, 'review' | 'checks' | 'images'>,
  'id'
> & {
  review: ActionReview;
  checks?: ActionCheck[];
  images?: ActionImage[];
};

/**
 * The multipart `metadata` part of an image upload: the widget sends selfies, with `country`
 * as ISO 3166-1 alpha-3 (e.g. `RUS`).
 */
export type ImageMetadata = contract.ImageMetadata & { idDocType: 'SELFIE' };

/** Every provider error has this shape; `code` repeats the HTTP status. */
export type ProviderErrorBody = Needs<contract.ProviderErrorBody, 'description' | 'code'>;

/** What the host backend's `token-url` answers. `externalActionId` lets the page skip the attribute. */
export interface AccessTokenGrant {
  token: string;
  externalActionId?: string;
}

/** A review is over for the widget once it is `completed` or put `onHold` for a human. */
export function isReviewSettled(status: ReviewStatus): status is 'completed' | 'onHold' {
  return status === 'completed' || status === 'onHold';
}

/** Narrowing for untrusted JSON: enough of an action to drive the flow. */
export function isApplicantAction(value: unknown): value is ApplicantAction {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { id?: unknown; review?: { reviewStatus?: unknown } };
  return (
    typeof v.id === 'string' &&
    typeof v.review === 'object' &&
    v.review !== null &&
    typeof v.review.reviewStatus === 'string'
  );
}

/** Narrowing for an error body; anything else is treated as an opaque failure. */
export function isProviderErrorBody(value: unknown): value is ProviderErrorBody {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<ProviderErrorBody>;
  return typeof v.description === 'string' && typeof v.code === 'number';
}
