/** Shapes of the provider's answers, as far as a host backend relies on them. */

// The widget's own names for these (type-only: nothing of src/core lands in the Node bundle).
import type { ReviewAnswer } from '../core/action-result.js';
import type { ReviewStatus } from '../core/api-types.js';

export type { ReviewAnswer, ReviewStatus };

export interface ReviewResult {
  reviewAnswer: ReviewAnswer;
  rejectLabels: string[];
  reviewRejectType?: 'RETRY' | 'FINAL';
  moderationComment?: string;
}

export interface ActionImage {
  id: string;
  addedDate: string;
  imageHash: string;
  imageFileName: string;
  resizedImageId: string;
  mimeType: string;
  sigHash: string;
  imageId: string;
  actualResolution: { width: number; height: number };
  answer: 'GREEN' | 'YELLOW' | 'RED' | 'ERROR' | null;
  idDocDef: { country: string; idDocType: string; idDocSubType: string | null };
  reviewResult: Record<string, unknown>;
  attemptId: string;
}

export interface ApplicantAction {
  id: string;
  createdAt: string;
  clientId: string;
  externalActionId: string;
  applicantId: string;
  externalUserId: string | null;
  levelName: string;
  type: string;
  review: {
    reviewId: string;
    attemptId: string;
    attemptCnt: number;
    levelName: string;
    createDate: string;
    reviewDate: string | null;
    reviewStatus: ReviewStatus;
    reviewResult?: ReviewResult;
    /** How the review was decided (engine, models, thresholds, scores, timings); null until then. */
    decision: Record<string, unknown> | null;
  };
  checks: { checkType: string; answer: ReviewAnswer; details: Record<string, unknown> }[];
  images: ActionImage[];
}

export interface ActionList {
  items: ApplicantAction[];
  totalItems: number;
}

export interface ActionWebhook {
  applicantId: string;
  applicantActionId: string;
  externalApplicantActionId: string;
  externalUserId: string;
  levelName: string;
  type: 'applicantActionPending' | 'applicantActionReviewed' | 'applicantActionOnHold';
  reviewStatus: ReviewStatus;
  reviewResult?: ReviewResult;
  createdAtMs: string;
  sandboxMode: boolean;
  correlationId: string;
  clientId: string;
}

export interface AttemptSummary {
  document: null;
  attemptId: number;
  created: string;
  documentType: string | null;
  documentTypeInt: number;
  hasRiskEvents: boolean;
  status: number;
  validationStatus: Record<string, boolean | null>;
}

export interface Applicant {
  applicantId: string;
  attemptsCount: number;
  lastAttemptId: number | null;
  successAttemptId: number | null;
  successAttempt: AttemptSummary | null;
  firstName: string | null;
  lastName: string | null;
  phone: string | null;
  email: string | null;
  referenceId: string | null;
  openedLinkTimes: number;
  created: string;
  accountId: string;
  validationRequestSettings: Record<string, unknown>;
  completed: boolean;
  status: number;
  statusName: string;
  attemptsUsed: number;
  metadata: Record<string, string>;
  callbackUrl: string | null;
  verificationMethod: number;
  [extra: string]: unknown;
}

export interface ApplicantPage {
  page: number;
  pageSize: number;
  total: number;
  totalPages: number;
  items: Applicant[];
}
