import type { ProviderErrorBody as ErrorBodyShape } from '../core/api-types.js';

/**
 * The provider's error body: `{description, code, correlationId, errorCode, errorName}`: the
 * widget's declaration with every field present (type-only: nothing of src/core lands in the
 * Node bundle). `ProviderApiError.body` is the `Partial` of it.
 */
export type ProviderErrorBody = Required<ErrorBodyShape>;

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
