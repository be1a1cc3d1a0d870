/**
 * JSON schemas shared by routes. They validate requests and, through @fastify/swagger, are the
 * OpenAPI document: one source, so the docs cannot drift from the behaviour.
 */

export const nullableString = { type: ['string', 'null'] } as const;
export const nullableInteger = { type: ['integer', 'null'] } as const;
export const nullableBoolean = { type: ['boolean', 'null'] } as const;
/** Free-form object kept verbatim in responses. */
export const freeObject = { type: 'object', additionalProperties: true } as const;

export const errorSchema = {
  type: 'object',
  description: 'Every error has this shape; `code` repeats the HTTP status.',
  properties: {
    description: { type: 'string' },
    code: { type: 'integer' },
    correlationId: { type: 'string' },
    errorCode: { type: 'integer' },
    errorName: { type: 'string' },
  },
  required: ['description', 'code', 'correlationId', 'errorCode', 'errorName'],
} as const;

/** Error responses for a route, by status. */
export function errors(...statuses: number[]): Record<number, typeof errorSchema> {
  return Object.fromEntries(statuses.map((s) => [s, errorSchema]));
}

/** A multipart file part (validated by the `isFile` keyword, documented as a binary string). */
export const fileSchema = { isFile: true } as const;

type Security = Record<string, string[]>[];
export const appTokenSecurity: Security = [{ appToken: [], appTokenTs: [], appTokenSig: [] }];
export const appOrAccessSecurity: Security = [
  { appToken: [], appTokenTs: [], appTokenSig: [] },
  { accessToken: [] },
];
export const bearerSecurity: Security = [{ secretKey: [] }];
