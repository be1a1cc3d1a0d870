import type { ProviderErrorBody } from '../contract/index.js';

/**
 * A provider answer that is not a success. `body` is the provider's error body
 * (`{description, code, correlationId, errorCode, errorName}`) as far as it came, and
 * whatever else the answer held.
 */
export class ProviderApiError extends Error {
  override readonly name = 'ProviderApiError';
  constructor(
    readonly status: number,
    readonly body: Partial<ProviderErrorBody> & Record<string, unknown>,
  ) {
    super(`${status} ${body.errorName ?? ''} ${body.description ?? ''}`.trim());
  }
  get errorCode(): number | undefined {
    return this.body.errorCode;
  }
}
