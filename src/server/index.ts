/**
 * `face-auth-widget/server`: what a host backend needs to talk to the verification provider
 * (or its emulator): a signed client for the app-token calls and webhook verification.
 */
export { ProviderClient, ApplicantsClient } from './client.js';
export type { EnrolmentLivenessParts, ProviderClientOptions, RequestBody } from './client.js';
export { ProviderApiError } from './errors.js';
export { signRequest, encodeMultipart } from './signing.js';
export type { MultipartFile } from './signing.js';
export { DEFAULT_WEBHOOK_ALGORITHMS, verifyWebhook } from './webhook.js';
export type { VerifyWebhookOptions, WebhookDigestAlgorithm, WebhookHeaders } from './webhook.js';
export type * from './types.js';
