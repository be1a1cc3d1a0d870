/**
 * The provider's shapes as a host backend sends and receives them: the contract's types
 * (`src/contract/`), strict: a response type has every field the provider always sends.
 * Type-only, so nothing of the schemas lands in the Node bundle.
 */
export type {
  // Actions API
  AccessToken,
  AccessTokenQuery,
  ActionCheck,
  ActionImage,
  ActionList,
  ActionListQuery,
  ActionReview,
  ApplicantAction,
  CreateActionBody,
  IdDocDef,
  ImageMetadata,
  LivenessChallenge,
  ReviewAnswer,
  ReviewRejectType,
  ReviewResult,
  ReviewStatus,
  WebsdkLink,
  WebsdkLinkQuery,
  // Webhooks
  ActionWebhook,
  ActionWebhookType,
  // Applicant API
  Applicant,
  ApplicantComplete,
  ApplicantCompleted,
  ApplicantListQuery,
  ApplicantPage,
  AttemptDetail,
  AttemptImages,
  AttemptList,
  AttemptSummary,
  CreateApplicantBody,
  CreatedApplicant,
  EnrolQuery,
  UpdateApplicantBody,
  UpdatedApplicant,
  ValidationStatus,
  // Errors
  ProviderErrorBody,
  // The emulator's sandbox control
  SandboxAck,
  SandboxOutcome,
  SandboxRelease,
} from '../contract/index.js';
