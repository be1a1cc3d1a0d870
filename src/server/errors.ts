/** The provider's error body: `{description, code, correlationId, errorCode, errorName}`. */
export interface ProviderErrorBody {
  description: string;
  code: number;
  correlationId: string;
  errorCode: number;
  errorName: string;
}

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
