/**
 * The provider's Actions API (seeds 000/001) as the browser sees it, named as in the seeds.
 * Only the fields the widget reads are required; everything else is optional because the real
 * service and the emulator may add or omit fields, and a DTO that rejects unknown shapes would
 * break on the first harmless change.
 */

import type { ReviewAnswer } from './action-result.js';

/** `init` → `pending` → `queued` → `completed` | `onHold`. */
export type ReviewStatus = 'init' | 'pending' | 'queued' | 'completed' | 'onHold';

/** RETRY: the user may try again (a new image on the same action); FINAL: they may not. */
export type ReviewRejectType = 'RETRY' | 'FINAL';

export interface ReviewResult {
  reviewAnswer: ReviewAnswer;
  rejectLabels?: string[];
  reviewRejectType?: ReviewRejectType;
  moderationComment?: string;
}

export interface ActionReview {
  reviewStatus: ReviewStatus;
  /** Present once the review is `completed`. */
  reviewResult?: ReviewResult;
  reviewId?: string;
  attemptId?: string;
  attemptCnt?: number;
  levelName?: string;
  createDate?: string;
  reviewDate?: string | null;
}

export interface IdDocDef {
  country: string;
  idDocType: string;
  idDocSubType?: 'FRONT_SIDE' | 'BACK_SIDE' | null;
}

/** Response of `POST /resources/applicantActions/{actionId}/images`, and `images[]` of an action. */
export interface ActionImage {
  id: string;
  addedDate?: string;
  imageHash?: string;
  imageFileName?: string;
  resizedImageId?: string;
  mimeType?: string;
  sigHash?: string;
  imageId?: string;
  actualResolution?: { width: number; height: number };
  answer?: 'GREEN' | 'YELLOW' | 'RED' | 'ERROR' | null;
  idDocDef?: IdDocDef;
  reviewResult?: Record<string, unknown>;
  attemptId?: string;
}

export interface ActionCheck {
  checkType: string;
  answer?: ReviewAnswer;
  details?: Record<string, unknown>;
}

/** An applicant action: create, submit and `GET .../one` all answer with this. */
export interface ApplicantAction {
  id: string;
  externalActionId?: string;
  applicantId?: string;
  levelName?: string;
  createdAt?: string;
  type?: string;
  review: ActionReview;
  checks?: ActionCheck[];
  images?: ActionImage[];
}

/** The multipart `metadata` part of an image upload. */
export interface ImageMetadata {
  idDocType: 'SELFIE';
  /** ISO 3166-1 alpha-3, e.g. `RUS`. */
  country: string;
}

/** Every provider error has this shape; `code` repeats the HTTP status. */
export interface ProviderErrorBody {
  description: string;
  code: number;
  correlationId?: string;
  errorCode?: number;
  errorName?: string;
}

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
